// Sending a digest to a channel: the retry policy shared by both platforms. The platform calls themselves
// (Discord's create-message REST call, Slack's chat.postMessage) live in the adapters
// (src/adapters/*/digest-sender.ts), which turn every failure into a classified DeliveryError, so nothing
// here imports discord.js or Bolt.
//
// Classification decides what happens next:
//  - rate-limited: wait what the platform asked (Retry-After), then try again;
//  - transient (network, 5xx, a bad token): back off exponentially and try again; when attempts run out,
//    the scheduler tries again later the same day (within the catch-up window);
//  - channel (unknown channel, missing access, not_in_channel, archived): retrying cannot help, so the
//    scheduler pauses the subscription and /digest show reports why;
//  - message (the platform refused the body): our bug, not the channel's; this day is given up, the
//    subscription stays active.
import type { Logger } from 'pino';
import type { Reply } from '../chat/model.ts';
import type { DigestPlatform } from './store.ts';

export type DeliveryErrorKind = 'rate-limited' | 'transient' | 'channel' | 'message';

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly kind: DeliveryErrorKind,
    /** The platform's own code: 10003, 'not_in_channel', 'http_503', … */
    readonly code: string | null = null,
    /** rate-limited: how long the platform asked us to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** One platform's message call. Throws DeliveryError; anything else thrown counts as transient. */
export interface PlatformPoster {
  post(channelId: string, reply: Reply): Promise<{ messageId: string | null }>;
}

export interface DigestSender {
  /** False when this bot has no credentials for the platform (its subscriptions wait). */
  supports(platform: DigestPlatform): boolean;
  /** Posts the reply, retrying as the policy allows; throws the last DeliveryError when it gives up. */
  send(platform: DigestPlatform, channelId: string, reply: Reply): Promise<{ messageId: string | null; attempts: number }>;
}

export interface RetryPolicy {
  /** Calls per send, the first included. */
  attempts: number;
  /** Backoff after a transient failure: base · 2^(attempt-1), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the send; the scheduler comes back after it instead of holding a loop. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000, maxWaitMs: 120_000 };

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'transient', 'unexpected');
}

/** The wait before attempt `attempt + 1`. */
export function retryDelay(error: DeliveryError, attempt: number, policy: RetryPolicy): number {
  if (error.kind === 'rate-limited' && error.retryAfterMs !== null) return Math.max(0, error.retryAfterMs);
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

export interface SenderOptions {
  /** Injected in tests, which then see every wait without waiting. */
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  log?: Logger;
}

export function createDigestSender(posters: Partial<Record<DigestPlatform, PlatformPoster>>, options: SenderOptions = {}): DigestSender {
  const sleep = options.sleep ?? realSleep;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  return {
    supports: (platform) => posters[platform] !== undefined,
    async send(platform, channelId, reply) {
      const poster = posters[platform];
      if (!poster) throw new DeliveryError(`no ${platform} credentials configured`, 'transient', 'not_configured');
      for (let attempt = 1; ; attempt++) {
        try {
          const { messageId } = await poster.post(channelId, reply);
          return { messageId, attempts: attempt };
        } catch (raw) {
          const error = asDeliveryError(raw);
          if (error.kind === 'channel' || error.kind === 'message' || attempt >= policy.attempts) throw error;
          const wait = retryDelay(error, attempt, policy);
          if (wait > policy.maxWaitMs) throw error;
          options.log?.warn({ platform, channelId, attempt, code: error.code, kind: error.kind, waitMs: wait }, 'digest send failed; retrying');
          await sleep(wait);
        }
      }
    },
  };
}
