// Posts a digest to a Slack channel with chat.postMessage and the blocks from render.ts. The Web API client
// is built to hand every failure back at once (no retries, 429 rejected with its Retry-After), because the
// digest's own retry policy (src/digest/deliver.ts) decides when to try again, on an injectable clock.
import { webApi } from '@slack/bolt';
import type { Reply } from '../../chat/model.ts';
import { DeliveryError, type PlatformPoster } from '../../digest/deliver.ts';
import { renderReply } from './render.ts';
import type { PostMessageArgs } from './responder.ts';

/** Errors that mean this channel will not take our messages until someone acts (invite the bot, unarchive). */
const CHANNEL_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'access_denied',
]);

/** Errors about the message itself: our rendering, not the channel. */
const MESSAGE_ERRORS = new Set(['msg_too_long', 'msg_blocks_too_long', 'invalid_blocks', 'invalid_blocks_format', 'no_text', 'too_many_attachments', 'invalid_arguments']);

/** A Web API client for digests: no hidden retries or waits. */
export function createSlackDigestClient(options: { botToken: string; apiUrl?: string }): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  });
}

/** Any error the Web API client throws, as a DeliveryError. */
export function classifySlackError(error: unknown): DeliveryError {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    data?: { error?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  const message = typeof details.message === 'string' ? details.message : String(error);
  if (details.code === webApi.ErrorCode.RateLimitedError) {
    const wait = typeof details.retryAfter === 'number' ? details.retryAfter * 1000 : 1000;
    return new DeliveryError(`Slack rate limit: ${message}`, 'rate-limited', 'http_429', wait);
  }
  if (details.code === webApi.ErrorCode.PlatformError) {
    const slackError = typeof details.data?.error === 'string' ? details.data.error : 'unknown_error';
    if (slackError === 'ratelimited' || slackError === 'rate_limited') return new DeliveryError('Slack rate limit', 'rate-limited', slackError, null);
    if (CHANNEL_ERRORS.has(slackError)) return new DeliveryError(`Slack: ${slackError}`, 'channel', slackError);
    if (MESSAGE_ERRORS.has(slackError)) return new DeliveryError(`Slack refused the message: ${slackError}`, 'message', slackError);
    // invalid_auth, token_revoked, missing_scope, internal_error…: the bot's setup or Slack, not this channel.
    return new DeliveryError(`Slack: ${slackError}`, 'transient', slackError);
  }
  if (details.code === webApi.ErrorCode.HTTPError) {
    return new DeliveryError(`Slack: ${message}`, 'transient', `http_${String(details.statusCode ?? '?')}`);
  }
  return new DeliveryError(`Slack unreachable: ${message}`, 'transient', 'network');
}

export function createSlackDigestPoster(client: { chat: { postMessage(args: PostMessageArgs): Promise<{ ts?: string }> } }): PlatformPoster {
  return {
    async post(channelId: string, reply: Reply) {
      const message = renderReply(reply);
      try {
        const result = await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false, unfurl_media: false });
        return { messageId: result.ts ?? null };
      } catch (error) {
        throw classifySlackError(error);
      }
    },
  };
}
