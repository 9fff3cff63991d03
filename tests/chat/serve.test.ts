import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/chat/services.ts';
import { chatCredentials, startChat, type RunningChat } from '../../src/cli/serve.ts';
import { wantsServe } from '../../src/cli/start.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, SEED_CORPUS } from '../helpers/corpus.ts';
import { seedServices } from '../helpers/services.ts';

let services: Services;
const running: RunningChat[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  services = await seedServices();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((chat) => chat.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Discord shows the Ed25519 public key as the raw 32 bytes in hex (the JWK `x` field). */
function discordKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  return { publicKeyHex: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

/** A stand-in for slack.com/api: every Web API method answers ok (auth.test with the bot's identity). */
async function fakeSlackApi(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }));
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

function base(chat: RunningChat): string {
  return `http://127.0.0.1:${chat.address?.port}`;
}

describe('chatCredentials and start', () => {
  it('chooses each platform mode from the environment and names what is missing', () => {
    expect(chatCredentials({ DISCORD_TOKEN: 't' }).discord).toMatchObject({ mode: 'gateway', token: 't' });
    expect(chatCredentials({ DISCORD_TOKEN: 't', DISCORD_PUBLIC_KEY: 'k', DISCORD_APPLICATION_ID: 'a' }).discord).toMatchObject({
      mode: 'http',
      token: 't',
    });
    expect(chatCredentials({ DISCORD_PUBLIC_KEY: 'k' }).problems.join()).toContain('DISCORD_APPLICATION_ID');
    expect(chatCredentials({ SLACK_BOT_TOKEN: 'b', SLACK_APP_TOKEN: 'x' }).slack).toMatchObject({ appToken: 'x' });
    expect(chatCredentials({ SLACK_BOT_TOKEN: 'b' }).problems.join()).toContain('SLACK_SIGNING_SECRET');
    expect(chatCredentials({ SLACK_SIGNING_SECRET: 's' }).problems.join()).toContain('SLACK_BOT_TOKEN');
    expect(chatCredentials({ DISCORD_TOKEN: '  ' })).toEqual({ discord: null, slack: null, problems: [] });
  });

  it('starts the bot only when a chat credential is set', () => {
    expect(wantsServe({})).toBe(false);
    expect(wantsServe({ DISCORD_TOKEN: '' })).toBe(false);
    expect(wantsServe({ PORT: '3000', LOG_LEVEL: 'debug' })).toBe(false);
    for (const name of ['DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'SLACK_BOT_TOKEN']) expect(wantsServe({ [name]: 'x' })).toBe(true);
  });
});

describe('startChat HTTP routing', () => {
  it('routes signed Discord interactions, rejects unsigned ones, and answers health checks', async () => {
    const keys = discordKeys();
    const credentials = chatCredentials({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: '123' });
    const chat = await startChat({ credentials, services, port: 0, host: '127.0.0.1' });
    running.push(chat);
    expect(chat.adapters).toEqual(['discord-http', 'http']);

    expect((await fetch(`${base(chat)}/healthz`)).status).toBe(200);
    expect((await fetch(`${base(chat)}/nowhere`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base(chat)}/discord/interactions`)).status).toBe(405);
    const body = JSON.stringify({ type: 1, id: '1', application_id: '123', token: 't', version: 1 });
    expect((await fetch(`${base(chat)}/discord/interactions`, { method: 'POST', body })).status).toBe(401);

    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
    const ping = await fetch(`${base(chat)}/discord/interactions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
    });
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ type: 1 });
  });

  it('routes signed Slack requests to Bolt and stops listening when stopped', async () => {
    const secret = 'test-signing-secret';
    const credentials = chatCredentials({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: await fakeSlackApi() });
    const chat = await startChat({ credentials, services, port: 0, host: '127.0.0.1' });
    expect(chat.adapters).toEqual(['slack-http', 'http']);
    const body = JSON.stringify({ type: 'url_verification', challenge: 'challenge-42', token: 'x' });
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const url = `${base(chat)}/slack/events`;
    const unsigned = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    const verified = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
    });
    expect(verified.status).toBe(200);
    expect(await verified.text()).toContain('challenge-42');

    await chat.stop();
    await expect(fetch(`${base(chat)}/healthz`)).rejects.toThrow();
  });
});

describe('factbot serve', () => {
  it('exits 2 naming the commands to use when no credentials are set', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-serve-'));
    const result = await runCli(['serve', '--corpus', SEED_CORPUS], { env: {}, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no chat credentials');
    expect(result.stderr).toContain('factbot console');
  });

  it('reads ./.env and reports a half-set configuration', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-serve-'));
    await writeFile(join(cwd, '.env'), 'DISCORD_PUBLIC_KEY=abc\n');
    const result = await runCli(['serve', '--corpus', SEED_CORPUS], { env: {}, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID');
  });

  it('runs as a process, logs what started without the secret, and exits 0 on SIGTERM', async () => {
    const keys = discordKeys();
    // A fresh cwd: a developer's own ./.env must not leak real credentials into the test.
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-serve-'));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/factbot.js'), 'serve', '--corpus', SEED_CORPUS], {
      cwd,
      env: { PATH: process.env.PATH, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: '123', DISCORD_TOKEN: 'secret-bot-token', PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const started = await new Promise<{ address: AddressInfo; adapters: string[] }>((resolve, reject) => {
      child.stdout.on('data', () => {
        const line = stdout.split('\n').find((l) => l.includes('"chat started"'));
        if (line) resolve(JSON.parse(line));
      });
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    expect(started.adapters).toEqual(['discord-http', 'http']);
    expect((await fetch(`http://127.0.0.1:${started.address.port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout).not.toContain('secret-bot-token');
  });
});
