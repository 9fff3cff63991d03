// Rate limits and draining as a Slack user meets them: real Bolt over HTTP through startChat, the fake
// Slack catching the answers, and an injected clock for the buckets.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quoteCommand } from '../../commands/quote.ts';
import { runCommand } from '../../src/chat/dispatch.ts';
import type { Services } from '../../src/chat/services.ts';
import { RESTARTING_TEXT, startChat, type RunningChat } from '../../src/cli/serve.ts';
import { createMetrics, type BotMetrics } from '../../src/ops/metrics.ts';
import { MemoryRateLimiter, perMinute } from '../../src/ops/rate-limit.ts';
import { buttonsIn, displayedTexts, FakeSlack, formWithPayload, postSigned, quotedSentences } from '../fakes/slack.ts';
import { buttonPress, slashCommand, slashCommandForm } from '../fixtures/slack/payloads.ts';
import { seedServices } from '../helpers/services.ts';

const SECRET = 'chat-limits-signing-secret';
let fake: FakeSlack;
let services: Services;
let chat: RunningChat;
let metrics: BotMetrics;
let now = 5_000_000;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  services = await seedServices();
  metrics = createMetrics({ processMetrics: false });
  const limiter = new MemoryRateLimiter({ user: perMinute(2), channel: null, now: () => now });
  chat = await startChat({
    credentials: { discord: null, slack: { botToken: 'xoxb-limits', signingSecret: SECRET, appToken: null, apiUrl: fake.apiUrl } },
    services,
    port: 0,
    host: '127.0.0.1',
    limiter,
    metrics,
  });
});
afterAll(async () => {
  await chat?.stop();
  await fake?.close();
});

const url = () => `http://127.0.0.1:${chat.address?.port}/slack/events`;

async function quote(text: string, responseId: string): Promise<{ texts: string; quotes: string[] }> {
  const ack = await postSigned(url(), slashCommandForm(slashCommand('/quote', text, fake.responseUrl(responseId))), { signingSecret: SECRET });
  expect(ack.status).toBe(200);
  const { body } = await fake.waitForResponse(responseId);
  return { texts: displayedTexts(body).join('\n'), quotes: quotedSentences(body.blocks) };
}

function metricLine(text: string, prefix: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(prefix.length).trim()) : null;
}

describe('rate limits through the chat', () => {
  it('answers up to the limit, then tells the user how long to wait, then answers again once the time has passed', async () => {
    expect((await quote('Kozak', 'r1')).quotes.length).toBeGreaterThan(0);
    expect((await quote('Kozak', 'r2')).quotes.length).toBeGreaterThan(0);

    const limited = await quote('Kozak', 'r3');
    expect(limited.quotes).toEqual([]);
    expect(limited.texts).toContain("You're sending commands faster than this bot allows. Please wait 30 seconds and try again.");
    // The refusal is private, whatever the command's own visibility.
    expect((fake.responses.find((r) => r.id === 'r3')?.body as { response_type?: string }).response_type).toBe('ephemeral');

    // More on the first answer is a command too: refused, and the page already shown stays in place.
    const more = buttonsIn(fake.responses.find((r) => r.id === 'r1')?.body.blocks).find((b) => b.label === 'More');
    if (!more) throw new Error('the first answer should offer More');
    await postSigned(url(), formWithPayload(buttonPress(more, fake.responseUrl('m1'))), { signingSecret: SECRET });
    const refusedMore = (await fake.waitForResponse('m1')).body;
    expect(refusedMore).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(displayedTexts(refusedMore).join('\n')).toContain('Please wait 30 seconds');

    now += 30_000;
    expect((await quote('Kozak', 'r4')).quotes.length).toBeGreaterThan(0);

    // The count lands once the bot has seen Slack accept the answer, just after the fake recorded it.
    await vi.waitFor(async () => expect(metricLine((await metrics.render()).body, 'factbot_commands_total{platform="slack",command="quote",outcome="ok"}')).toBe(3), { timeout: 10_000 });
    const text = (await metrics.render()).body;
    expect(metricLine(text, 'factbot_commands_total{platform="slack",command="quote",outcome="refused"}')).toBe(2);
    expect(metricLine(text, 'factbot_command_duration_seconds_count{platform="slack",command="quote"}')).toBe(5);
  });

  it('refuses new commands with a restart notice once shutdown has begun', async () => {
    now += 60 * 60_000;
    await chat.quiesce?.();
    // The HTTP server no longer accepts, but a gateway connection stays open while replies drain:
    // a command arriving there goes through dispatch as this one does.
    const sent: string[] = [];
    await runCommand({
      definition: quoteCommand,
      invocation: { platform: 'discord', command: 'quote', options: { query: 'Kozak' }, user: { id: 'U9', name: null }, channel: { id: 'C9' }, workspace: null, requestId: 'late' },
      responder: { defer: async () => {}, send: async (reply) => void sent.push(`send: ${reply.summary}`), followUp: async (reply, visibility) => void sent.push(`${visibility}: ${reply.summary}`) },
      services,
    });
    expect(sent).toEqual([`private: ${RESTARTING_TEXT}`]);
    expect(chat.ready?.()).toBe(false);
  });
});
