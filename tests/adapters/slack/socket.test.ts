// Socket Mode with the real Bolt SocketModeReceiver against the fake: apps.connections.open → WebSocket,
// hello, envelopes in, acks out; answers still go through response_url and the Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createSlackBot, type SlackBot } from '../../../src/adapters/slack/app.ts';
import { createLogger } from '../../../src/chat/logger.ts';
import type { Services } from '../../../src/chat/services.ts';
import { FakeSlack, buttonsIn, quotedSentences } from '../../fakes/slack.ts';
import { buttonPress, slashCommand } from '../../fixtures/slack/payloads.ts';
import { seedServices } from '../../helpers/services.ts';

const APP_TOKEN = 'xapp-1-fake-app-token';

const BOT_TOKEN = 'xoxb-fake-bot-token';

let fake: FakeSlack;
let services: Services;
let bot: SlackBot;
/** The bot logs at debug level here: the Socket Mode client's debug lines carry whole payloads. */
const logLines: string[] = [];

beforeAll(async () => {
  services = await seedServices();
  fake = await new FakeSlack().start();
  const log = createLogger({ level: 'debug', destination: { write: (chunk: string) => void logLines.push(chunk) } });
  bot = await createSlackBot({ botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, commands, services: { ...services, log }, apiRetries: 0 });
  await bot.start();
});

afterAll(async () => {
  // stop() resolves once the client reports `disconnected`, so the fake can close under no live socket.
  await bot?.stop();
  expect(bot?.connected()).toBe(false);
  await fake?.close();
});

describe('Slack Socket Mode with the real Bolt', () => {
  it('opened the connection with the app token and serves no HTTP', async () => {
    expect(bot.mode).toBe('socket');
    expect(bot.requestListener).toBeNull();
    expect(fake.calls.find((c) => c.method === 'apps.connections.open')?.token).toBe(APP_TOKEN);
    expect(fake.socketCount).toBe(1);
    // /readyz reads this: connected once Slack said hello.
    expect(bot.connected()).toBe(true);
  });

  it('acks a slash command envelope, then answers through response_url', async () => {
    const envelopeId = fake.sendEnvelope('slash_commands', slashCommand('/quote', 'Kozak', fake.responseUrl('socket-1')));
    const ack = await fake.waitForAck(envelopeId);
    expect(ack).toEqual({ envelope_id: envelopeId, payload: {} });

    const { body } = await fake.waitForResponse('socket-1');
    const expected = await services.search.quote('Kozak', { limit: 5 });
    expect(body.response_type).toBe('ephemeral');
    expect(quotedSentences(body.blocks)).toEqual(expected.results.map((hit) => hit.text));
  });

  it('acks a button envelope and replaces the answer with the next page', async () => {
    const { body } = await fake.waitForResponse('socket-1');
    const more = buttonsIn(body.blocks).find((b) => b.label === 'More');
    if (!more) throw new Error('no More button');
    const envelopeId = fake.sendEnvelope('interactive', buttonPress(more, fake.responseUrl('socket-more')));
    expect((await fake.waitForAck(envelopeId)).envelope_id).toBe(envelopeId);

    const page2 = await fake.waitForResponse('socket-more');
    const expected = await services.search.quote('Kozak', { limit: 5, offset: 5 });
    expect(page2.body.replace_original).toBe(true);
    expect(quotedSentences(page2.body.blocks)).toEqual(expected.results.map((hit) => hit.text));
  });

  it('answers a usage mistake inside the ack payload', async () => {
    const envelopeId = fake.sendEnvelope('slash_commands', slashCommand('/nosuchcommand', '', fake.responseUrl('socket-unknown')));
    const ack = await fake.waitForAck(envelopeId);
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'factbot does not know /nosuchcommand. Try /help.' });
  });

  it('never writes a token to the log, though payloads were logged', () => {
    const logged = logLines.join('');
    expect(logged).toContain('Received a message on the WebSocket');
    expect(logged).toContain('"token\\":\\"[redacted]');
    for (const secret of [APP_TOKEN, BOT_TOKEN, 'legacy-verification-token']) expect(logged).not.toContain(secret);
  });
});
