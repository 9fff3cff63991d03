// Posts a digest to a Discord channel: the create-message REST call (POST /channels/{id}/messages) with the
// bot token, the body from render.ts (embeds within Discord's limits, `allowed_mentions: {parse: []}` so a
// digest can never ping anyone). Plain fetch rather than @discordjs/rest: that client waits out 429s and
// retries 5xx on its own timers, while the digest's retry policy (src/digest/deliver.ts) must see every
// failure, honour Retry-After itself and run on an injectable clock.
import type { Reply } from '../../chat/model.ts';
import { DeliveryError, type PlatformPoster } from '../../digest/deliver.ts';
import { renderReply } from './render.ts';

export const DISCORD_API_URL = 'https://discord.com/api';
const REQUEST_TIMEOUT_MS = 15_000;
/** Discord asks bots to identify themselves this way: https://discord.com/developers/docs/reference#user-agent */
const USER_AGENT = 'DiscordBot (https://github.com/factbot/factbot, 0.1.0)';

/** JSON error codes that mean this channel cannot take our messages, whatever we send. */
const CHANNEL_ERROR_CODES = new Map<number, string>([
  [10003, 'unknown channel'],
  [10004, 'unknown guild'],
  [50001, 'missing access'],
  [50013, 'missing permissions'],
  [50007, 'cannot send messages to this user'],
  [50083, 'thread is archived'],
  [160005, 'thread is locked'],
]);

export interface DiscordDigestPosterOptions {
  token: string;
  /** REST base without a trailing slash (a fake on 127.0.0.1 in tests); Discord's own when absent. */
  apiUrl?: string;
  fetch?: typeof fetch;
}

function seconds(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(number) && number >= 0 ? Math.ceil(number * 1000) : null;
}

/** A failed create-message response as a DeliveryError. */
export function classifyDiscordFailure(status: number, retryAfterHeader: string | null, body: unknown): DeliveryError {
  const json = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown; retry_after?: unknown };
  const code = typeof json.code === 'number' ? json.code : null;
  const message = typeof json.message === 'string' ? json.message : `HTTP ${status}`;
  if (status === 429) {
    // The header is whole seconds; the body's retry_after is more precise when present.
    const wait = seconds(json.retry_after) ?? seconds(retryAfterHeader) ?? 1000;
    return new DeliveryError(`Discord rate limit: ${message}`, 'rate-limited', 'http_429', wait);
  }
  if (code !== null && CHANNEL_ERROR_CODES.has(code)) {
    return new DeliveryError(`Discord: ${CHANNEL_ERROR_CODES.get(code)} (${message})`, 'channel', String(code));
  }
  // 403/404 on this route concern the channel even without a known code; 401 is our token: not the channel's fault.
  if (status === 403 || status === 404) return new DeliveryError(`Discord: ${message}`, 'channel', code !== null ? String(code) : `http_${status}`);
  if (status === 400) return new DeliveryError(`Discord refused the message: ${message}`, 'message', code !== null ? String(code) : 'http_400');
  return new DeliveryError(`Discord: ${message}`, 'transient', code !== null ? String(code) : `http_${status}`);
}

export function createDiscordDigestPoster(options: DiscordDigestPosterOptions): PlatformPoster {
  const api = (options.apiUrl ?? DISCORD_API_URL).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  return {
    async post(channelId: string, reply: Reply) {
      const body = renderReply(reply);
      let response: Response;
      try {
        response = await fetchFn(`${api}/v10/channels/${encodeURIComponent(channelId)}/messages`, {
          method: 'POST',
          headers: { authorization: `Bot ${options.token}`, 'content-type': 'application/json', 'user-agent': USER_AGENT },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        // The error text never holds the token (it travels in a header), so it may be logged as is.
        throw new DeliveryError(`Discord unreachable: ${error instanceof Error ? error.message : String(error)}`, 'transient', 'network');
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (!response.ok) throw classifyDiscordFailure(response.status, response.headers.get('retry-after'), json);
      const id = (json as { id?: unknown } | null)?.id;
      return { messageId: typeof id === 'string' ? id : null };
    },
  };
}
