// What the load benchmark sends and where the bot's answers land: signed Slack slash commands and signed
// Discord interactions for /quote, and one local server standing in for both platforms' APIs (Slack's
// Web API and response_url, Discord's interaction webhooks) that timestamps every answer on arrival.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const APPLICATION_ID = '1100000000000000001';
/** Distinct users and channels, so the bot's per-user and per-channel limits see realistic traffic. */
const CHANNELS = 5000;

export interface Answer {
  at: number;
  outcome: 'answered' | 'refused' | 'failed';
}

export interface FakePlatforms {
  slackApiUrl: string;
  discordApiUrl: string;
  responseUrl(id: string): string;
  /** Answers by request id, with performance.now() at arrival. */
  answers: Map<string, Answer>;
  close(): Promise<void>;
}

function outcomeOf(body: string): Answer['outcome'] {
  if (/faster than this bot allows|restarting/.test(body)) return 'refused';
  if (/failed on our side/.test(body)) return 'failed';
  return 'answered';
}

export async function startFakePlatforms(): Promise<FakePlatforms> {
  const answers = new Map<string, Answer>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const body = Buffer.concat(chunks).toString('utf8');
      const slackAnswer = /^\/slack\/response\/(.+)$/.exec(path);
      const discordAnswer = /^\/discord\/api\/v10\/webhooks\/[^/]+\/([^/]+)\/messages\/@original$/.exec(path);
      const id = slackAnswer?.[1] ?? discordAnswer?.[1];
      if (id && !answers.has(id)) answers.set(id, { at, outcome: outcomeOf(body) });
      // Slack's Web API always answers 200 {ok}; auth.test needs the bot's identity.
      const reply = path.startsWith('/slack/')
        ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }
        : { id: '1', channel_id: '2', content: '', embeds: [], components: [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    slackApiUrl: `${base}/slack/api/`,
    discordApiUrl: `${base}/discord/api`,
    responseUrl: (id) => `${base}/slack/response/${id}`,
    answers,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SignedRequest {
  /** The id its answer will carry (Slack response_url id, Discord interaction token). */
  id: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Signer {
  slackSecret: string;
  discordPublicKeyHex: string;
  slack(n: number, query: string, responseUrl: string): SignedRequest;
  discord(n: number, query: string): SignedRequest;
}

export function createSigner(): Signer {
  const slackSecret = createHmac('sha256', 'bench').update(String(Math.random())).digest('hex').slice(0, 32);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key: KeyObject = privateKey;
  const jwkX = publicKey.export({ format: 'jwk' }).x as string;
  const seconds = () => String(Math.floor(Date.now() / 1000));
  return {
    slackSecret,
    discordPublicKeyHex: Buffer.from(jwkX, 'base64url').toString('hex'),
    slack(n, query, responseUrl) {
      const id = `s${n}`;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'bench',
        channel_id: `C${n % CHANNELS}`,
        channel_name: 'news',
        user_id: `U${n}`,
        user_name: `user${n}`,
        command: '/quote',
        // Slack escapes & < > in what the user typed.
        text: query.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
        api_app_id: 'A1',
        response_url: `${responseUrl}${id}`,
        trigger_id: `${n}.1.bench`,
      }).toString();
      const ts = seconds();
      const signature = `v0=${createHmac('sha256', slackSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
      return {
        id,
        path: '/slack/events',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
        body,
      };
    },
    discord(n, query) {
      const id = `d${n}-${Math.random().toString(36).slice(2, 10)}`;
      const user = { id: String(1_300_000_000_000_000_000n + BigInt(n)), username: `user${n}`, global_name: null, discriminator: '0', avatar: null };
      const channel = String(1_200_000_000_000_000_000n + BigInt(n % CHANNELS));
      const body = JSON.stringify({
        id: String(1_500_000_000_000_000_000n + BigInt(n)),
        token: id,
        application_id: APPLICATION_ID,
        type: 2,
        version: 1,
        guild_id: '1400000000000000001',
        channel_id: channel,
        channel: { id: channel, type: 0 },
        member: { user, nick: null, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, permissions: '0' },
        app_permissions: '0',
        locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: {},
        data: { id: '1600000000000000001', name: 'quote', type: 1, options: [{ name: 'query', type: 3, value: query }] },
      });
      const ts = seconds();
      return {
        id,
        path: '/discord/interactions',
        headers: {
          'content-type': 'application/json',
          'x-signature-ed25519': sign(null, Buffer.from(ts + body), key).toString('hex'),
          'x-signature-timestamp': ts,
        },
        body,
      };
    },
  };
}
