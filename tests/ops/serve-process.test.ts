// `factbot serve` as a real process: SIGTERM while a reply is still on its way, and secrets kept out of
// every line it prints, at the chattiest log level.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKE_APPLICATION_ID, FakeDiscord } from '../fakes/discord.ts';
import { FakeSlack, postSigned } from '../fakes/slack.ts';
import { slashCommand, stringOption } from '../fixtures/discord/interactions.ts';
import { slashCommand as slackSlash, slashCommandForm } from '../fixtures/slack/payloads.ts';
import { articleText, REPO_ROOT, SEED_CORPUS } from '../helpers/corpus.ts';

type LogLine = Record<string, unknown> & { msg?: string };
/** Bounds for waiting on another process: never a timing assertion, only how long before giving up. */
const WAIT = { timeout: 20_000, interval: 20 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function discordKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { hex: Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('hex'), privateKey };
}

interface Served {
  child: ChildProcessWithoutNullStreams;
  base: string;
  output: () => string;
  lines: () => LogLine[];
  exited: Promise<number | null>;
}

/** Spawns `factbot serve` in an empty folder (no stray .env) and waits until it is ready. */
async function serve(env: Record<string, string>, corpus = SEED_CORPUS): Promise<Served> {
  const cwd = await mkdtemp(join(tmpdir(), 'factbot-serve-process-'));
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/factbot.js'), 'serve', '--corpus', corpus], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  cleanups.push(() => void (child.exitCode === null && child.kill('SIGKILL')));
  const lines = () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}):\n${stderr}${stdout}`);
      expect(lines().some((l) => l.msg === 'ready')).toBe(true);
    },
    // Generous: the index loads in a second alone, far slower on a machine busy with other work.
    { timeout: 45_000, interval: 20 },
  );
  const address = lines().find((l) => l.msg === 'chat started')?.address as AddressInfo;
  return { child, base: `http://127.0.0.1:${address.port}`, output: () => stdout + stderr, lines, exited };
}

function signedInteraction(privateKey: ReturnType<typeof discordKeys>['privateKey'], interaction: unknown): RequestInit {
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
}

describe('factbot serve on SIGTERM', () => {
  it('still delivers a reply that is under way, stops accepting, then exits 0', { timeout: 90_000 }, async () => {
    // A Discord REST stand-in that holds the answer (PATCH @original) until the test lets it through.
    const held: Array<{ path: string; body: string; res: ServerResponse }> = [];
    const rest = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => held.push({ path: decodeURIComponent(req.url ?? ''), body, res }));
    });
    rest.listen(0, '127.0.0.1');
    await once(rest, 'listening');
    cleanups.push(() => {
      rest.closeAllConnections();
      rest.close();
    });
    const keys = discordKeys();
    const bot = await serve({
      DISCORD_PUBLIC_KEY: keys.hex,
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
      DISCORD_API_URL: `http://127.0.0.1:${(rest.address() as AddressInfo).port}/api`,
    });

    const interaction = slashCommand('quote', [stringOption('query', 'Kozak')]);
    const ack = await fetch(`${bot.base}/discord/interactions`, signedInteraction(keys.privateKey, interaction));
    expect(await ack.json()).toEqual({ type: 5, data: { flags: 64 } });
    await vi.waitFor(() => expect(held.length).toBe(1), WAIT);

    bot.child.kill('SIGTERM');
    await vi.waitFor(() => expect(bot.lines().some((l) => l.msg === 'stopping')).toBe(true), WAIT);
    // No new connections while the reply drains; the process is still alive, waiting for it.
    await vi.waitFor(() => expect(fetch(`${bot.base}/healthz`)).rejects.toThrow(), WAIT);
    expect(bot.child.exitCode).toBeNull();

    const answer = held[0]!;
    expect(answer.path).toContain(`/webhooks/${FAKE_APPLICATION_ID}/${interaction.token}/messages/@original`);
    expect(answer.body).toContain('Kozak');
    answer.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1', channel_id: '2', content: '', embeds: [] }));

    expect(await bot.exited).toBe(0);
    const messages = bot.lines().map((l) => l.msg);
    expect(messages.indexOf('answered')).toBeGreaterThan(messages.indexOf('stopping'));
    expect(messages.indexOf('answered')).toBeLessThan(messages.indexOf('chat stopped'));
    expect(bot.lines().find((l) => l.msg === 'replies under way finished')).toMatchObject({ waited: 1, abandoned: 0 });
    expect(bot.lines().find((l) => l.msg === 'stopped')).toMatchObject({ clean: true });
  });
});

describe('factbot serve logs', () => {
  it('never print a token or secret, even at LOG_LEVEL=trace with both platforms busy', { timeout: 90_000 }, async () => {
    const slack = await new FakeSlack().start();
    const discord = await FakeDiscord.start();
    cleanups.push(() => slack.close(), () => discord.close());
    const keys = discordKeys();
    const secrets = {
      DISCORD_TOKEN: 'MTEwMDAwMDAwMDAwMDAwMDAwMg.SECRET-DISCORD-BOT-TOKEN',
      SLACK_BOT_TOKEN: 'xoxb-1100-SECRET-SLACK-BOT-TOKEN',
      SLACK_SIGNING_SECRET: 'f00dSECRETSIGNINGsecret0123456789',
    };
    const bot = await serve({
      ...secrets,
      LOG_LEVEL: 'trace',
      DISCORD_PUBLIC_KEY: keys.hex,
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_API_URL: slack.apiUrl,
    });

    const interaction = slashCommand('quote', [stringOption('query', 'Kozak')]);
    expect((await fetch(`${bot.base}/discord/interactions`, signedInteraction(keys.privateKey, interaction))).status).toBe(200);
    await discord.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(interaction.token));
    const form = slashCommandForm(slackSlash('/quote', 'Kozak', slack.responseUrl('secret-check')));
    expect((await postSigned(`${bot.base}/slack/events`, form, { signingSecret: secrets.SLACK_SIGNING_SECRET })).status).toBe(200);
    await slack.waitForResponse('secret-check');
    // A forged request is the path most likely to dump headers.
    expect((await postSigned(`${bot.base}/slack/events`, form, { signingSecret: 'wrong' })).status).toBe(401);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const output = bot.output();
    // Debug lines were really written (Bolt logs its Web API requests, headers included, at debug).
    expect(output).toContain('http request headers');
    expect(slack.calls.find((c) => c.method === 'auth.test')?.token).toBe(secrets.SLACK_BOT_TOKEN);
    for (const secret of Object.values(secrets)) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(secret.slice(-16));
    }
  });
});

describe('factbot serve ops endpoints', () => {
  it('reports ready with every component, and /metrics follows the live corpus as articles arrive', { timeout: 90_000 }, async () => {
    const corpus = await mkdtemp(join(tmpdir(), 'factbot-serve-corpus-'));
    await cp(SEED_CORPUS, corpus, { recursive: true });
    const bot = await serve({ DISCORD_PUBLIC_KEY: discordKeys().hex, DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID }, corpus);
    const ready = await fetch(`${bot.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', ready: true, components: { http: true, index: true, 'live-corpus': true, digest: true, chat: true } });
    const articles = async () => Number(/^factbot_index_articles (\d+)$/m.exec(await (await fetch(`${bot.base}/metrics`)).text())?.[1]);
    expect(await articles()).toBe(5);

    await writeFile(join(corpus, 'articles', '2025-01-01-test-gazette-new-story.md'), articleText({ title: 'A new story' }, 'Kozak arrived. He spoke.'));
    await vi.waitFor(async () => expect(await articles()).toBe(6), WAIT);
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(0);
  });
});
