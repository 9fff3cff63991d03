// /digest through the real Bolt app (HTTP mode) against the fake Slack: the command text as Slack sends it,
// the permission check over users.info, and the private answers through response_url. createSlackBot needs
// no digest-specific wiring: /digest is an ordinary command whose services carry the digest runtime.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestCommand } from '../../commands/digest.ts';
import { createSlackBot, type SlackBot } from '../../src/adapters/slack/app.ts';
import { createSlackDigestClient } from '../../src/adapters/slack/digest-sender.ts';
import { createSlackPermissionChecker } from '../../src/adapters/slack/digest-permissions.ts';
import type { SqliteDigestStore } from '../../src/digest/store.ts';
import { FakeSlack, displayedTexts, postSigned, unescapeSlack } from '../fakes/slack.ts';
import { CHANNEL, USER, slashCommand, slashCommandForm } from '../fixtures/slack/payloads.ts';
import { digestWorld } from './helpers.ts';

const SIGNING_SECRET = 'digest-signing-secret';
const BOT_TOKEN = 'xoxb-digest-command';
const ADMIN_ID = 'U0ADMIN0001';
const ALLOWED_ID = 'U0ALLOWED01';

let fake: FakeSlack;
let bot: SlackBot;
let server: Server;
let base: string;
let store: SqliteDigestStore;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.answers.push((call) => {
    if (call.method !== 'users.info') return undefined;
    const id = String(call.args.user);
    return { ok: true, user: { id, name: id.toLowerCase(), is_admin: id === ADMIN_ID, is_owner: false, is_primary_owner: false } };
  });
  const world = await digestWorld('2025-05-01T09:00:00Z');
  store = world.openStore();
  const client = createSlackDigestClient({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl });
  const services = world.digestServices(store, createSlackPermissionChecker(client, [ALLOWED_ID]));
  bot = await createSlackBot({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, commands: [digestCommand], services, apiRetries: 0 });
  await bot.start();
  server = createServer(bot.requestListener!);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await bot?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
  await fake?.close();
});

/** Runs `/digest <text>` as `userId` and returns the private answer as plain text. */
async function digest(text: string, responseId: string, userId = USER.id): Promise<{ responseType: unknown; text: string }> {
  const payload = { ...slashCommand('/digest', text, fake.responseUrl(responseId)), user_id: userId };
  const ack = await postSigned(`${base}/slack/events`, slashCommandForm(payload), { signingSecret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  if (ack.text) return { responseType: 'ack', text: unescapeSlack(ack.text) };
  const { body } = await fake.waitForResponse(responseId);
  return { responseType: body.response_type, text: unescapeSlack(displayedTexts(body.blocks).join('\n')) };
}

const SLACK_CHANNEL = { platform: 'slack' as const, channelId: CHANNEL.id };

describe('/digest on Slack', () => {
  it('refuses subscribe and unsubscribe to a member who is not an admin, owner or allowed', async () => {
    const answer = await digest('subscribe time:07:30 timezone:Europe/Berlin', 'refused-1');
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.text).toContain('Only workspace admins and owners');
    expect(await store.subscription(SLACK_CHANNEL)).toBeNull();
    expect((await digest('unsubscribe', 'refused-2')).text).toContain('Only workspace admins and owners');
    expect(fake.calls.filter((c) => c.method === 'users.info' && c.args.user === USER.id)).toHaveLength(2);
  });

  it('lets an admin subscribe with time, zone and a topic of several words', async () => {
    const answer = await digest('subscribe time:7:30 timezone:europe/berlin topic:wind farm', 'admin-1', ADMIN_ID);
    expect(answer.text).toContain('Daily digest subscribed');
    expect(await store.subscription(SLACK_CHANNEL)).toMatchObject({ time: '07:30', timezone: 'Europe/Berlin', topic: 'wind farm', workspaceId: 'T0FAKE0001' });
  });

  it('lets anyone see the settings, and shows a pause with its reason', async () => {
    expect((await digest('show', 'show-1')).text).toMatch(/07:30 Europe\/Berlin[\s\S]*wind farm[\s\S]*Active/);
    const subscription = await store.subscription(SLACK_CHANNEL);
    await store.pause(subscription!.id, 'channel not_in_channel: Slack: not_in_channel', Date.parse('2025-05-02T05:30:00Z'));
    const shown = (await digest('show', 'show-2')).text;
    expect(shown).toContain('Paused since 2025-05-02 07:30');
    expect(shown).toContain('not_in_channel');
    expect(shown).toContain('run /digest subscribe again to resume');
  });

  it('lets an allow-listed member re-subscribe, which lifts the pause', async () => {
    expect((await digest('subscribe time:09:00', 'allowed-1', ALLOWED_ID)).text).toContain('Daily digest updated');
    expect(await store.subscription(SLACK_CHANNEL)).toMatchObject({ time: '09:00', timezone: 'UTC', topic: null, pausedAt: null });
  });

  it('previews privately and posts nothing to the channel', async () => {
    const answer = await digest('preview', 'preview-1');
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.text).toContain('Preview:');
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('explains a bad time or an unknown subcommand without changing anything', async () => {
    expect((await digest('subscribe time:25:00', 'bad-1', ADMIN_ID)).text).toContain('is not a time');
    expect((await digest('subscribe timezone:Mars/Olympus', 'bad-2', ADMIN_ID)).text).toContain('is not a time zone I know');
    expect((await digest('weekly', 'bad-3')).text).toContain("I don't know “/digest weekly”");
    expect(await store.subscription(SLACK_CHANNEL)).toMatchObject({ time: '09:00' });
  });

  it('lets an admin unsubscribe', async () => {
    expect((await digest('unsubscribe', 'admin-2', ADMIN_ID)).text).toContain('will no longer get the daily digest');
    expect(await store.subscription(SLACK_CHANNEL)).toBeNull();
  });
});
