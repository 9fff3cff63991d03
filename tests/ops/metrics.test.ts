// GET /metrics: what a Prometheus scrape sees after real requests, and the registry's own series.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startChat, type RunningChat } from '../../src/cli/serve.ts';
import { createMetrics, type BotMetrics } from '../../src/ops/metrics.ts';
import { FAKE_APPLICATION_ID, FakeDiscord } from '../fakes/discord.ts';
import { slashCommand, stringOption } from '../fixtures/discord/interactions.ts';
import { seedServices } from '../helpers/services.ts';

function value(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('createMetrics', () => {
  it('counts commands by platform, command and outcome, with a latency histogram in seconds', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeCommand({ platform: 'slack', command: 'quote', outcome: 'ok', latencyMs: 30 });
    metrics.observeCommand({ platform: 'slack', command: 'quote', outcome: 'ok', latencyMs: 300 });
    metrics.observeCommand({ platform: 'discord', command: 'check', outcome: 'failed', latencyMs: 2 });
    const { body, contentType } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(value(body, 'factbot_commands_total{platform="slack",command="quote",outcome="ok"}')).toBe(2);
    expect(value(body, 'factbot_commands_total{platform="discord",command="check",outcome="failed"}')).toBe(1);
    expect(value(body, 'factbot_command_duration_seconds_bucket{le="0.05",platform="slack",command="quote"}')).toBe(1);
    expect(value(body, 'factbot_command_duration_seconds_bucket{le="0.5",platform="slack",command="quote"}')).toBe(2);
    expect(value(body, 'factbot_command_duration_seconds_sum{platform="slack",command="quote"}')).toBeCloseTo(0.33);
  });

  it('reads the index size at each scrape and shows digest deliveries and failures from the start', async () => {
    const metrics = createMetrics({ processMetrics: false });
    let sentences = 100;
    metrics.trackIndex(() => ({ sentences, articles: 4 }));
    expect(value((await metrics.render()).body, 'factbot_index_sentences')).toBe(100);
    expect(value((await metrics.render()).body, 'factbot_digest_deliveries_total{platform="slack",outcome="failed"}')).toBe(0);
    metrics.observeDigestDelivery('slack', 'failed');
    metrics.observeDigestDelivery('discord', 'sent');
    sentences = 130;
    metrics.trackIndex(() => ({ sentences, articles: 5 }));
    const body = (await metrics.render()).body;
    expect(value(body, 'factbot_index_sentences')).toBe(130);
    expect(value(body, 'factbot_index_articles')).toBe(5);
    expect(value(body, 'factbot_digest_deliveries_total{platform="slack",outcome="failed"}')).toBe(1);
    expect(value(body, 'factbot_digest_deliveries_total{platform="discord",outcome="sent"}')).toBe(1);
  });

  it('includes process figures (RSS, event-loop lag) unless told not to', async () => {
    expect((await createMetrics().render()).body).toContain('factbot_process_resident_memory_bytes');
    expect((await createMetrics({ processMetrics: false }).render()).body).not.toContain('process_resident_memory_bytes');
  });
});

describe('GET /metrics after a Discord /quote over HTTP', () => {
  let fake: FakeDiscord;
  let chat: RunningChat;
  let metrics: BotMetrics;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('hex');

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    metrics = createMetrics({ processMetrics: false });
    const services = await seedServices();
    metrics.trackIndex(() => services.search.stats());
    chat = await startChat({
      credentials: { discord: { mode: 'http', publicKey: publicKeyHex, applicationId: FAKE_APPLICATION_ID, token: null, apiUrl: fake.apiUrl }, slack: null },
      services,
      port: 0,
      host: '127.0.0.1',
      metrics,
    });
  });
  afterAll(async () => {
    await chat?.stop();
    await fake?.close();
  });

  it('counts the command, its latency, the HTTP request and the index size', async () => {
    const base = `http://127.0.0.1:${chat.address?.port}`;
    const interaction = slashCommand('quote', [stringOption('query', 'Kozak')]);
    const body = JSON.stringify(interaction);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${base}/discord/interactions`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
        'x-signature-timestamp': timestamp,
      },
    });
    expect(response.status).toBe(200);
    await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(interaction.token));

    const scrape = async () => (await fetch(`${base}/metrics`)).text();
    await vi.waitFor(async () => expect(value(await scrape(), 'factbot_commands_total{platform="discord",command="quote",outcome="ok"}')).toBe(1), { timeout: 10_000 });
    const text = await scrape();
    expect(value(text, 'factbot_command_duration_seconds_count{platform="discord",command="quote"}')).toBe(1);
    expect(value(text, 'factbot_http_requests_total{route="/discord/interactions",status="200"}')).toBe(1);
    expect(value(text, 'factbot_index_sentences')).toBe((await (await seedServices()).search.stats()).sentences);
  });
});
