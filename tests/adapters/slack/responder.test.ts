// The Slack responder's own rules, over recording stand-ins for Bolt's ack/respond and the Web API:
// acknowledge once, replace only for More, and stop at response_url's 5 uses / 30 minutes.
import { describe, expect, it } from 'vitest';
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES } from '../../../src/adapters/slack/limits.ts';
import { ResponseUrlExhaustedError, createSlackResponder, type PostMessageArgs } from '../../../src/adapters/slack/responder.ts';
import type { RespondArguments } from '@slack/bolt';
import type { Reply } from '../../../src/chat/model.ts';

const reply: Reply = { blocks: [{ type: 'text', text: 'hello <!here>' }], summary: 'hello' };

function recorder(options: { replaceOriginal?: boolean; now?: () => number } = {}) {
  const log = { acks: 0, responds: [] as RespondArguments[], posts: [] as PostMessageArgs[] };
  const responder = createSlackResponder({
    ack: async () => {
      log.acks += 1;
    },
    respond: async (message) => {
      log.responds.push(message);
    },
    postMessage: async (args) => {
      log.posts.push(args);
    },
    channelId: 'C1',
    replaceOriginal: options.replaceOriginal ?? false,
    now: options.now ?? (() => 0),
  });
  return { responder, log };
}

describe('createSlackResponder', () => {
  it('acknowledges exactly once, even when send comes without defer', async () => {
    const { responder, log } = recorder();
    await responder.send(reply, 'private');
    await responder.defer('private');
    expect(log.acks).toBe(1);
    expect(log.responds[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('replaces the pressed message only with the first answer', async () => {
    const { responder, log } = recorder({ replaceOriginal: true });
    await responder.defer('private');
    await responder.send(reply, 'private');
    await responder.send(reply, 'private');
    expect(log.responds.map((r) => r.replace_original)).toEqual([true, false]);
  });

  it('posts a public follow-up to the channel and a private one through response_url', async () => {
    const { responder, log } = recorder();
    await responder.followUp(reply, 'public');
    await responder.followUp(reply, 'private');
    expect(log.posts).toEqual([expect.objectContaining({ channel: 'C1', unfurl_links: false, text: 'hello' })]);
    expect(JSON.stringify(log.posts[0]?.blocks)).toContain('hello &lt;!here&gt;');
    expect(log.responds).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false })]);
  });

  it('refuses a sixth use of the response_url, and any use after 30 minutes', async () => {
    const { responder, log } = recorder();
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i += 1) await responder.send(reply, 'private');
    await expect(responder.send(reply, 'private')).rejects.toBeInstanceOf(ResponseUrlExhaustedError);
    expect(log.responds.length).toBe(RESPONSE_URL_MAX_USES);

    let now = 0;
    const late = recorder({ now: () => now });
    now = RESPONSE_URL_LIFETIME_MS;
    await late.responder.send(reply, 'private');
    now = RESPONSE_URL_LIFETIME_MS + 1;
    await expect(late.responder.send(reply, 'private')).rejects.toBeInstanceOf(ResponseUrlExhaustedError);
  });
});
