// The neutral Responder over Slack: defer = Bolt's ack() (Slack's 3-second deadline), send = a POST to the
// interaction's response_url (ephemeral or in_channel; replacing the message for More), and a public
// follow-up = chat.postMessage into the channel (Post to channel).
import type { RespondArguments } from '@slack/bolt';
import type { Reply, Responder, Visibility } from '../../chat/model.ts';
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES } from './limits.ts';
import { renderReply, type SlackMessage } from './render.ts';

export interface PostMessageArgs extends SlackMessage {
  channel: string;
  unfurl_links: false;
  unfurl_media: false;
}

export interface SlackResponderDeps {
  /** Bolt's ack for this request: an empty acknowledgement. */
  ack(): Promise<void>;
  /** Bolt's respond for this request (its response_url). */
  respond(message: RespondArguments): Promise<unknown>;
  /** chat.postMessage with the bot token. */
  postMessage(args: PostMessageArgs): Promise<unknown>;
  channelId: string;
  /** True for More: the next page replaces the message whose button was pressed. */
  replaceOriginal: boolean;
  now(): number;
}

/** Slack refuses a response_url past 5 uses or 30 minutes; saying so beats a silent 404 later. */
export class ResponseUrlExhaustedError extends Error {}

export function createSlackResponder(deps: SlackResponderDeps): Responder {
  const createdAt = deps.now();
  let acknowledged = false;
  let uses = 0;
  let replaced = false;

  async function ackOnce(): Promise<void> {
    if (acknowledged) return;
    acknowledged = true;
    await deps.ack();
  }

  async function respond(reply: Reply, visibility: Visibility, replaceOriginal: boolean): Promise<void> {
    await ackOnce();
    if (uses >= RESPONSE_URL_MAX_USES || deps.now() - createdAt > RESPONSE_URL_LIFETIME_MS) {
      throw new ResponseUrlExhaustedError(
        `response_url already used ${uses} times or older than ${RESPONSE_URL_LIFETIME_MS / 60_000} minutes`,
      );
    }
    uses += 1;
    const message = renderReply(reply);
    await deps.respond({
      response_type: visibility === 'public' ? 'in_channel' : 'ephemeral',
      replace_original: replaceOriginal,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  return {
    defer: () => ackOnce(),
    async send(reply, visibility) {
      // Only the first answer replaces the pressed message; anything after it is a message of its own.
      const replace = deps.replaceOriginal && !replaced;
      replaced = replaced || replace;
      await respond(reply, visibility, replace);
    },
    async followUp(reply, visibility) {
      if (visibility === 'private') {
        await respond(reply, 'private', false);
        return;
      }
      await ackOnce();
      // A real channel message (not a response_url reply): it stays after the ephemeral answer is gone.
      await deps.postMessage({ channel: deps.channelId, ...renderReply(reply), unfurl_links: false, unfurl_media: false });
    },
  };
}
