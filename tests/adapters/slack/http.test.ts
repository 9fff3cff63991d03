// The real Bolt (HTTPReceiver) behind our request listener, talking to the fake Slack on 127.0.0.1, over the
// real seed corpus: slash commands, More, Post to channel, the message shortcut, and what must be refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createSlackBot, type SlackBot } from '../../../src/adapters/slack/app.ts';
import { CHECK_MESSAGE_CALLBACK_ID } from '../../../src/adapters/slack/inbound.ts';
import { createLogger } from '../../../src/chat/logger.ts';
import type { Services } from '../../../src/chat/services.ts';
import {
  FakeSlack,
  buttonsIn,
  contextLines,
  displayedTexts,
  formWithPayload,
  postSigned,
  quotedSentences,
  unescapeSlack,
} from '../../fakes/slack.ts';
import { CHANNEL, USER, buttonPress, messageShortcut, slashCommand, slashCommandForm } from '../../fixtures/slack/payloads.ts';
import { seedServices, seedSentences } from '../../helpers/services.ts';

const SIGNING_SECRET = 'fake-signing-secret-for-tests';
const BOT_TOKEN = 'xoxb-fake-bot-token';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

let fake: FakeSlack;
let services: Services;
let bot: SlackBot;
let server: Server;
let base: string;
let verbatim: Set<string>;

beforeAll(async () => {
  services = await seedServices();
  verbatim = new Set((await seedSentences()).map((s) => s.text));
  fake = await new FakeSlack().start();
  fake.displayNames.set(USER.id, 'Alice <!channel>');
  bot = await createSlackBot({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, commands, services, apiRetries: 0 });
  await bot.start();
  if (!bot.requestListener) throw new Error('HTTP mode must expose a request listener');
  server = createServer(bot.requestListener);
  base = await listen(server);
});

afterAll(async () => {
  await bot?.stop();
  if (server) await close(server);
  await fake?.close();
});

function slash(command: string, text: string, responseId: string) {
  return postSigned(`${base}/slack/events`, slashCommandForm(slashCommand(command, text, fake.responseUrl(responseId))), { signingSecret: SIGNING_SECRET });
}

function interact(payload: unknown) {
  return postSigned(`${base}/slack/events`, formWithPayload(payload), { signingSecret: SIGNING_SECRET });
}

describe('Slack over HTTP with the real Bolt', () => {
  it('checked the bot token with auth.test at start', () => {
    expect(fake.calls.find((c) => c.method === 'auth.test')?.token).toBe(BOT_TOKEN);
    expect(bot.mode).toBe('http');
  });

  it('answers /quote Kozak: an empty ack, then the verbatim sentences privately through response_url', async () => {
    const ack = await slash('/quote', 'Kozak', 'quote-1');
    expect(ack).toEqual({ status: 200, text: '' });

    const { body } = await fake.waitForResponse('quote-1');
    const expected = await services.search.quote('Kozak', { limit: 5 });
    expect(body.response_type).toBe('ephemeral');
    const quotes = quotedSentences(body.blocks);
    expect(quotes).toEqual(expected.results.map((hit) => hit.text));
    expect(quotes.length).toBe(5);
    for (const quote of quotes) {
      expect(verbatim.has(quote)).toBe(true);
      expect(quote).toMatch(/Kozak/);
    }
    const first = expected.results[0];
    expect(contextLines(body.blocks)[0]).toContain(`<${first?.article.url}|${first?.article.publisher}>`);
    expect(contextLines(body.blocks).join('\n')).toContain(`showing 1-5 of ${expected.total}`);
    expect(buttonsIn(body.blocks).map((b) => b.label)).toEqual(['More', 'Post to channel']);
  });

  it('More replaces the answer with the next page', async () => {
    const { body } = await fake.waitForResponse('quote-1');
    const moreButton = buttonsIn(body.blocks).find((b) => b.label === 'More');
    if (!moreButton) throw new Error('no More button');

    const ack = await interact(buttonPress(moreButton, fake.responseUrl('more-1')));
    expect(ack.status).toBe(200);
    const page2 = await fake.waitForResponse('more-1');
    const expected = await services.search.quote('Kozak', { limit: 5, offset: 5 });
    expect(page2.body.replace_original).toBe(true);
    expect(page2.body.response_type).toBe('ephemeral');
    expect(quotedSentences(page2.body.blocks)).toEqual(expected.results.map((hit) => hit.text));
    expect(expected.results.length).toBeGreaterThan(0);
  });

  it('Post to channel posts the answer with chat.postMessage, credited by display name, and tells the user', async () => {
    const { body } = await fake.waitForResponse('quote-1');
    const postButton = buttonsIn(body.blocks).find((b) => b.label === 'Post to channel');
    if (!postButton) throw new Error('no Post button');
    const postsBefore = fake.calls.filter((c) => c.method === 'chat.postMessage').length;

    await interact(buttonPress(postButton, fake.responseUrl('post-1')));
    const posted = await fake.waitForCall('chat.postMessage', postsBefore + 1);
    expect(posted.token).toBe(BOT_TOKEN);
    expect(posted.args.channel).toBe(CHANNEL.id);
    expect(quotedSentences(posted.args.blocks)).toEqual(quotedSentences(body.blocks));
    // The display name is text: its "<!channel>" arrives escaped, never as a mention.
    expect(contextLines(posted.args.blocks)[0]).toBe('Shared by Alice &lt;!channel&gt; · /quote Kozak');
    expect(buttonsIn(posted.args.blocks).map((b) => b.label)).not.toContain('Post to channel');

    const confirmation = await fake.waitForResponse('post-1');
    expect(confirmation.body.response_type).toBe('ephemeral');
    expect(confirmation.body.replace_original).toBe(false);
    expect(unescapeSlack(String(confirmation.body.text))).toBe('Posted to the channel.');
  });

  it('answers in the channel when asked with --public, without a Post button', async () => {
    await slash('/quote', 'Kozak --public', 'public-1');
    const { body } = await fake.waitForResponse('public-1');
    expect(body.response_type).toBe('in_channel');
    expect(quotedSentences(body.blocks).length).toBe(5);
    expect(buttonsIn(body.blocks).map((b) => b.label)).toEqual(['More']);
  });

  it('runs "Check this message" on the message text', async () => {
    const text = 'Kozak has been stripped of his Ukraine portfolio, says <@U0BOB00001|bob>';
    const ack = await interact(messageShortcut(CHECK_MESSAGE_CALLBACK_ID, text, fake.responseUrl('shortcut-1')));
    expect(ack).toEqual({ status: 200, text: '' });
    const { body } = await fake.waitForResponse('shortcut-1');
    expect(body.response_type).toBe('ephemeral');
    // The claim is the message as the reader saw it: Slack's <@U…|bob> markup became "@bob".
    const claim = 'Kozak has been stripped of his Ukraine portfolio, says @bob';
    expect(contextLines(body.blocks).join('\n')).toContain(claim);
    const expected = await services.checker.check(claim, { limit: 50 });
    expect(expected.evidence.length).toBeGreaterThan(0);
    const quotes = quotedSentences(body.blocks);
    expect(quotes).toEqual(expected.evidence.slice(0, 5).map((e) => e.text));
    for (const quote of quotes) expect(verbatim.has(quote)).toBe(true);
  });

  it('keeps mentions typed into a query from becoming mentions in the answer', async () => {
    // Slack sends a typed "<!channel> Kozak" escaped; a real @channel would arrive as <!channel>.
    await slash('/quote', '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|x&gt; Kozak', 'inject-1');
    const { body } = await fake.waitForResponse('inject-1');
    const shown = displayedTexts(body).join('\n');
    for (const raw of ['<!channel>', '<@U123>', '<https://evil.example|x>']) expect(shown).not.toContain(raw);
    expect(shown).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|x&gt; Kozak');
  });

  it('answers a usage mistake inside the ack, privately', async () => {
    const ack = await slash('/quote', '   ', 'usage-1');
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.text)).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('Usage: /quote &lt;query&gt; [--public]') });
  });

  it('refuses a wrong signature and a stale timestamp with 401, running nothing', async () => {
    const form = slashCommandForm(slashCommand('/quote', 'Kozak', fake.responseUrl('refused-1')));
    const wrong = await postSigned(`${base}/slack/events`, form, { signingSecret: 'not-the-secret' });
    const stale = await postSigned(`${base}/slack/events`, form, { signingSecret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect([wrong.status, stale.status]).toEqual([401, 401]);
    // A later request's answer arrives after any the refused ones could have caused.
    await slash('/help', '', 'after-refused');
    await fake.waitForResponse('after-refused');
    expect(fake.responses.filter((r) => r.id === 'refused-1')).toEqual([]);
  });

  it('serves only /slack/events', async () => {
    const response = await fetch(`${base}/elsewhere`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
  });
});

/** A logger at debug level (Bolt's own debug lines included) whose JSON lines the test can read. */
function capturedLog(): { log: Services['log']; lines: () => string } {
  const chunks: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (chunk: string) => void chunks.push(chunk) } });
  return { log, lines: () => chunks.join('') };
}

describe('Slack start when auth.test fails', () => {
  it('logs a refused token and goes on: the bot still answers, and no secret reaches the log', async () => {
    const failing = await new FakeSlack().start();
    failing.answers.push((call) => (call.method === 'auth.test' ? { ok: false, error: 'invalid_auth' } : undefined));
    const captured = capturedLog();
    const shaky = await createSlackBot({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: failing.apiUrl, commands, services: { ...services, log: captured.log }, apiRetries: 0 });
    const shakyServer = createServer(shaky.requestListener ?? (() => {}));
    try {
      await shaky.start();
      expect(failing.calls.filter((c) => c.method === 'auth.test').length).toBe(1);
      expect(captured.lines()).toContain('invalid_auth');
      const url = await listen(shakyServer);
      const form = slashCommandForm(slashCommand('/quote', 'Kozak', failing.responseUrl('shaky-1')));
      expect((await postSigned(`${url}/slack/events`, form, { signingSecret: SIGNING_SECRET })).status).toBe(200);
      const { body } = await failing.waitForResponse('shaky-1');
      expect(quotedSentences(body.blocks).length).toBe(5);
      const logged = captured.lines();
      // Bolt's and the Web API client's debug lines were logged, so the check below is not vacuous.
      expect(logged).toContain("apiCall('auth.test')");
      for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'legacy-verification-token']) expect(logged).not.toContain(secret);
    } finally {
      await shaky.stop();
      if (shakyServer.listening) await close(shakyServer);
      await failing.close();
    }
  });

  it('retries an unreachable Web API, then goes on', async () => {
    const gone = await new FakeSlack().start();
    const deadApi = gone.apiUrl;
    await gone.close();
    const captured = capturedLog();
    const offline = await createSlackBot({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: deadApi, commands, services: { ...services, log: captured.log }, apiRetries: 0 });
    await offline.start();
    const attempts = captured.lines().split('\n').filter((line) => line.includes('slack auth.test failed'));
    expect(attempts.length).toBe(3);
    expect(captured.lines()).toContain('slack auth.test unreachable; continuing without it');
    await offline.stop();
  });
});
