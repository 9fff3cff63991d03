// Digests through the real senders to the fakes from the chat tests: Slack's Web API (the real WebClient,
// chat.postMessage) and Discord's REST (create message), with real SQLite files and a test-controlled clock.
// Waits between retries go through an injected sleep that records them instead of waiting.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDigestPoster } from '../../src/adapters/discord/digest-sender.ts';
import { createSlackDigestClient, createSlackDigestPoster } from '../../src/adapters/slack/digest-sender.ts';
import { createLogger } from '../../src/chat/logger.ts';
import { DEFAULT_DIGEST_CONFIG } from '../../src/digest/config.ts';
import { createDigestSender, type PlatformPoster } from '../../src/digest/deliver.ts';
import { createDigestScheduler, recordArticlesSeen } from '../../src/digest/scheduler.ts';
import type { DigestPlatform } from '../../src/digest/store.ts';
import { FakeDiscord, discordMessageProblems, type CapturedRequest, type FakeReply } from '../fakes/discord.ts';
import { FakeSlack, quotedSentences, contextLines } from '../fakes/slack.ts';
import { MINUTE, HOUR, WIND_FARM, digestWorld } from './helpers.ts';

const DISCORD_TOKEN = 'discord-bot-token-for-tests';
const SLACK_TOKEN = 'xoxb-digest-test';
const DUE = '2025-05-02T08:00:00Z';

let slack: FakeSlack;
let discord: FakeDiscord;
/** Scripted answers per Discord channel, used before the normal 200. */
const discordScripts = new Map<string, FakeReply[]>();
let messageIds = 1_700_000_000_000_000_000n;

const MESSAGES_PATH = /^\/api\/v10\/channels\/([^/]+)\/messages$/;

beforeAll(async () => {
  slack = await new FakeSlack().start();
  discord = await FakeDiscord.start();
  // The chat fake knows no create-message route: answer it as Discord does, refusing what Discord would refuse.
  discord.overrides.push((request) => {
    const channel = MESSAGES_PATH.exec(request.path)?.[1];
    if (request.method !== 'POST' || !channel) return undefined;
    const scripted = discordScripts.get(channel)?.shift();
    if (scripted) return scripted;
    const problems = discordMessageProblems(request.body);
    if (problems.length > 0) return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: problems } };
    return { status: 200, body: { id: String(messageIds++), channel_id: channel } };
  });
});

afterAll(async () => {
  await slack?.close();
  await discord?.close();
});

function discordPosts(channelId: string): CapturedRequest[] {
  return discord.requests.filter((r) => r.method === 'POST' && MESSAGES_PATH.exec(r.path)?.[1] === channelId);
}

function slackPosts(channelId: string) {
  return slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channelId);
}

function posters(slackApiUrl = slack.apiUrl): Record<DigestPlatform, PlatformPoster> {
  return {
    discord: createDiscordDigestPoster({ token: DISCORD_TOKEN, apiUrl: discord.apiUrl }),
    slack: createSlackDigestPoster(createSlackDigestClient({ botToken: SLACK_TOKEN, apiUrl: slackApiUrl })),
  };
}

/** A subscribed channel with a new article waiting, and a scheduler whose waits are recorded. */
async function subscribed(platform: DigestPlatform, channelId: string, slackApiUrl?: string) {
  const world = await digestWorld('2025-05-01T09:00:00Z');
  const store = world.openStore();
  await recordArticlesSeen(store, world.index, world.clock.now());
  await store.subscribe({ platform, channelId, workspaceId: 'W1', time: '08:00', timezone: 'UTC', topic: null }, world.clock.now());
  await world.index.upsertArticle(WIND_FARM);
  const waits: number[] = [];
  const sender = createDigestSender(posters(slackApiUrl), { sleep: async (ms) => void waits.push(ms) });
  const log = createLogger({ fallbackLevel: 'silent' });
  let currentStore = store;
  const scheduler = () => createDigestScheduler({ store: currentStore, search: world.index, sender, config: DEFAULT_DIGEST_CONFIG, log });
  return {
    world,
    waits,
    store: () => currentStore,
    runDue: (iso: string) => scheduler().runDue(Date.parse(iso)),
    async restart() {
      await currentStore.close();
      currentStore = world.openStore();
    },
  };
}

describe('digest delivery to the fake Slack Web API', () => {
  it('posts a due digest exactly once, and nothing more after a restart the same day', async () => {
    const setup = await subscribed('slack', 'C0ONCE0001');
    await setup.runDue(DUE);
    await setup.runDue('2025-05-02T08:01:00Z');
    await setup.restart();
    await setup.runDue('2025-05-02T11:00:00Z');
    await setup.runDue('2025-05-02T13:59:00Z');

    const posts = slackPosts('C0ONCE0001');
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.token).toBe(SLACK_TOKEN);
    expect(post.args.unfurl_links).toBe('false');
    const quoted = quotedSentences(post.args.blocks);
    expect(quoted.length).toBeGreaterThan(0);
    for (const sentence of quoted) expect(WIND_FARM.blocks.map((b) => b.text)).toContain(sentence);
    expect(contextLines(post.args.blocks).join(' ')).toContain('does not judge whether a claim is true');
    expect(await setup.store().delivery({ platform: 'slack', channelId: 'C0ONCE0001', localDate: '2025-05-02' })).toMatchObject({ status: 'sent', messageId: expect.stringMatching(/^1700000000\./) });
    await setup.store().close();
  });

  it('waits out an HTTP 429 as long as Retry-After says, then posts once', async () => {
    // The chat fake always answers 200; Slack's rate limit is an HTTP 429 with Retry-After, so a tiny server plays it.
    const requests: string[] = [];
    const limiter: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      req.resume();
      if (requests.length === 1) res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"channel":"C0LIMIT001","ts":"1714636800.000100"}');
    });
    await new Promise<void>((resolve) => limiter.listen(0, '127.0.0.1', resolve));
    const setup = await subscribed('slack', 'C0LIMIT001', `http://127.0.0.1:${(limiter.address() as AddressInfo).port}/api/`);
    const report = await setup.runDue(DUE);
    expect(report.outcomes).toMatchObject([{ outcome: 'sent' }]);
    expect(requests).toEqual(['/api/chat.postMessage', '/api/chat.postMessage']);
    expect(setup.waits).toEqual([3000]);
    expect((await setup.store().delivery({ platform: 'slack', channelId: 'C0LIMIT001', localDate: '2025-05-02' }))?.messageId).toBe('1714636800.000100');
    limiter.closeAllConnections();
    await new Promise<void>((resolve) => limiter.close(() => resolve()));
    await setup.store().close();
  });

  it('pauses the subscription on not_in_channel and sends nothing on the following days', async () => {
    slack.answers.push((call) => (call.method === 'chat.postMessage' && call.args.channel === 'C0PRIVATE1' ? { ok: false, error: 'not_in_channel' } : undefined));
    const setup = await subscribed('slack', 'C0PRIVATE1');
    expect((await setup.runDue(DUE)).outcomes).toMatchObject([{ outcome: 'paused' }]);
    await setup.runDue('2025-05-03T08:00:00Z');
    await setup.runDue('2025-05-04T08:00:00Z');
    expect(slackPosts('C0PRIVATE1')).toHaveLength(1); // the one refused attempt, no retries
    expect(setup.waits).toEqual([]);
    const subscription = await setup.store().subscription({ platform: 'slack', channelId: 'C0PRIVATE1' });
    expect(subscription?.pausedReason).toMatch(/not_in_channel/);
    await setup.store().close();
  });
});

describe('digest delivery to the fake Discord REST', () => {
  it('creates one message with the bot token, no mentions and embeds within limits, once per day', async () => {
    const channel = '1800000000000000001';
    const setup = await subscribed('discord', channel);
    await setup.runDue(DUE);
    await setup.restart();
    await setup.runDue('2025-05-02T12:00:00Z');

    const posts = discordPosts(channel);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.headers.authorization).toBe(`Bot ${DISCORD_TOKEN}`);
    const body = post.body as { allowed_mentions: unknown; embeds: Array<{ title?: string; description?: string; footer?: { text: string } }> };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(discordMessageProblems(body)).toEqual([]);
    expect(body.embeds[0]?.title).toBe('Daily digest · 2025-05-02');
    expect(body.embeds.map((e) => e.description ?? '').join('\n')).toContain('Portmere council voted on Saturday');
    expect(body.embeds.at(-1)?.footer?.text).toContain('does not judge whether a claim is true');
    await setup.store().close();
  });

  it('honours a 429 retry_after, then succeeds', async () => {
    const channel = '1800000000000000002';
    discordScripts.set(channel, [{ status: 429, body: { message: 'You are being rate limited.', retry_after: 2.5, global: false } }]);
    const setup = await subscribed('discord', channel);
    expect((await setup.runDue(DUE)).outcomes).toMatchObject([{ outcome: 'sent' }]);
    expect(discordPosts(channel)).toHaveLength(2);
    expect(setup.waits).toEqual([2500]);
    await setup.store().close();
  });

  it('backs off on server errors and tries again later the same day when they persist', async () => {
    const channel = '1800000000000000003';
    const unavailable = { status: 503, body: { message: 'Service Unavailable', code: 0 } };
    discordScripts.set(channel, [unavailable, unavailable, unavailable, unavailable]);
    const setup = await subscribed('discord', channel);
    expect((await setup.runDue(DUE)).outcomes).toMatchObject([{ outcome: 'deferred' }]);
    expect(setup.waits).toEqual([1000, 2000, 4000]);
    await setup.runDue('2025-05-02T08:00:30Z'); // before the next attempt is due: nothing
    expect(discordPosts(channel)).toHaveLength(4);
    expect((await setup.runDue('2025-05-02T08:01:00Z')).outcomes).toMatchObject([{ outcome: 'sent' }]);
    expect(discordPosts(channel)).toHaveLength(5);
    expect(await setup.store().subscription({ platform: 'discord', channelId: channel })).toMatchObject({ pausedAt: null });
    await setup.store().close();
  });

  it('pauses on Missing Access (50001) and reports why', async () => {
    const channel = '1800000000000000004';
    discordScripts.set(channel, [{ status: 403, body: { message: 'Missing Access', code: 50001 } }]);
    const setup = await subscribed('discord', channel);
    const report = await setup.runDue(DUE);
    expect(report.outcomes).toMatchObject([{ outcome: 'paused', detail: expect.stringContaining('missing access') }]);
    await setup.runDue(new Date(Date.parse(DUE) + 24 * HOUR + MINUTE).toISOString());
    expect(discordPosts(channel)).toHaveLength(1);
    await setup.store().close();
  });
});
