// A fake Discord on 127.0.0.1 for the real discord.js and @discordjs/rest: REST on node:http and the
// gateway on a `ws` WebSocketServer, speaking what /work/shared/notes/testing-without-discord-and-slack.md
// lists (HELLO, heartbeat ACK, IDENTIFY → READY, RESUME → RESUMED, INTERACTION_CREATE dispatches).
// Every REST request is captured so tests can assert on exactly what the bot sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  type ApplicationFlags,
  GatewayOpcodes,
  type APIInteraction,
  type APIMessage,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';

export interface CapturedRequest {
  method: string;
  /** URL-decoded path without the query, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or null when there was none. */
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
}

/** Answers one request; return undefined to fall through to the default answers. */
export type RouteOverride = (request: CapturedRequest) => FakeReply | undefined;

export const FAKE_APPLICATION_ID = '1100000000000000001';
export const FAKE_BOT_USER_ID = '1100000000000000002';

const HEARTBEAT_INTERVAL_MS = 41_250;

/**
 * What real Discord would reject in a message body (HTTP 400, code 50035), per
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
 * https://discord.com/developers/docs/components/reference. The numbers are written out here on
 * purpose, not imported from src/adapters/discord/limits.ts: the fake checks the adapter independently.
 */
export function discordMessageProblems(body: unknown): string[] {
  const problems: string[] = [];
  const message = (typeof body === 'object' && body !== null ? body : {}) as Partial<APIMessage>;
  const over = (what: string, length: number | undefined, max: number) => {
    if (length !== undefined && length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  over('content', message.content?.length, 2000);
  const embeds = message.embeds ?? [];
  over('embeds', embeds.length, 10);
  let total = 0;
  embeds.forEach((embed, i) => {
    over(`embeds[${i}].title`, embed.title?.length, 256);
    over(`embeds[${i}].description`, embed.description?.length, 4096);
    over(`embeds[${i}].footer.text`, embed.footer?.text.length, 2048);
    over(`embeds[${i}].fields`, embed.fields?.length, 25);
    for (const [j, field] of (embed.fields ?? []).entries()) {
      over(`embeds[${i}].fields[${j}].name`, field.name.length, 256);
      over(`embeds[${i}].fields[${j}].value`, field.value.length, 1024);
      if (field.name.length === 0 || field.value.length === 0) problems.push(`embeds[${i}].fields[${j}] is empty`);
      total += field.name.length + field.value.length;
    }
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  });
  over('sum of embed text', total, 6000);
  const rows = (message.components ?? []) as Array<{ components?: Array<{ custom_id?: string; label?: string }> }>;
  over('action rows', rows.length, 5);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    over(`components[${i}] buttons`, row.components?.length, 5);
    for (const button of row.components ?? []) {
      over('custom_id', button.custom_id?.length, 100);
      over('button label', button.label?.length, 80);
      if (button.custom_id !== undefined && ids.has(button.custom_id)) problems.push(`duplicate custom_id ${button.custom_id}`);
      if (button.custom_id !== undefined) ids.add(button.custom_id);
    }
  });
  return problems;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A message object as Discord returns it for a webhook edit or follow-up, built from what was sent. */
function messageFrom(body: unknown, id: string): APIMessage {
  const sent = (typeof body === 'object' && body !== null ? body : {}) as Partial<APIMessage>;
  return {
    id,
    channel_id: '1100000000000000003',
    author: { id: FAKE_BOT_USER_ID, username: 'factbot', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: sent.content ?? '',
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: sent.embeds ?? [],
    components: sent.components ?? [],
    pinned: false,
    type: 0,
    ...(sent.flags !== undefined ? { flags: sent.flags } : {}),
    webhook_id: FAKE_APPLICATION_ID,
  } satisfies APIMessage;
}

export class FakeDiscord {
  readonly requests: CapturedRequest[] = [];
  readonly overrides: RouteOverride[] = [];
  /** Payloads the bot sent over the gateway (IDENTIFY, heartbeats, …). */
  readonly gatewayFrames: Array<{ op: number; d: unknown }> = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly listeners = new Set<() => void>();
  private sequence = 0;
  private messageIds = 1_200_000_000_000_000_000n;

  private constructor(
    private readonly http: Server,
    private readonly gateway: WebSocketServer,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const http = createServer();
    const gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => gateway.once('listening', resolve));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const fake = new FakeDiscord(http, gateway);
    http.on('request', (req, res) => void fake.handleRest(req, res));
    gateway.on('connection', (socket) => fake.handleGateway(socket));
    return fake;
  }

  /** REST base for `new Client({ rest: { api } })` and `new REST({ api })`: no trailing slash. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${(this.gateway.address() as AddressInfo).port}`;
  }

  /** The IDENTIFY payloads received, i.e. how many sessions the bot opened. */
  get identifies(): unknown[] {
    return this.gatewayFrames.filter((f) => f.op === GatewayOpcodes.Identify).map((f) => f.d);
  }

  /** Sends an INTERACTION_CREATE dispatch to every connected bot. */
  dispatchInteraction(interaction: APIInteraction): void {
    this.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
  }

  /**
   * The first captured request matching `predicate`, including ones captured before this call:
   * a bot can answer before the test starts waiting.
   */
  waitForRequest(predicate: (request: CapturedRequest) => boolean, timeoutMs = 5_000): Promise<CapturedRequest> {
    return this.waitFor(() => this.requests.find(predicate), timeoutMs, 'a matching REST request');
  }

  /** The first `count` matching requests, in arrival order. */
  async waitForRequests(predicate: (request: CapturedRequest) => boolean, count: number, timeoutMs = 5_000): Promise<CapturedRequest[]> {
    return this.waitFor(
      () => {
        const found = this.requests.filter(predicate);
        return found.length >= count ? found.slice(0, count) : undefined;
      },
      timeoutMs,
      `${count} matching REST requests`,
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join('\n  ');
        reject(new Error(`FakeDiscord: timed out waiting for ${what}; captured:\n  ${seen || '(none)'}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private async handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let body: unknown = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const request: CapturedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    this.requests.push(request);
    const reply = this.overrides.map((override) => override(request)).find((r) => r !== undefined) ?? this.defaultReply(request);
    res.writeHead(reply.status, reply.body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    for (const listener of [...this.listeners]) listener();
  }

  private defaultReply({ method, path, body }: CapturedRequest): FakeReply {
    const sendsMessage = (method === 'PATCH' || method === 'POST') && path.startsWith('/api/v10/webhooks/');
    const callbackData = path.endsWith('/callback') ? (body as { data?: unknown } | null)?.data : undefined;
    const problems = sendsMessage ? discordMessageProblems(body) : callbackData ? discordMessageProblems(callbackData) : [];
    if (problems.length > 0) return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: problems } };
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'POST' && /^\/api\/v10\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    if (method === 'PATCH' && /^\/api\/v10\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(path)) {
      return { status: 200, body: messageFrom(body, String(this.messageIds++)) };
    }
    if (method === 'POST' && /^\/api\/v10\/webhooks\/[^/]+\/[^/]+$/.test(path)) {
      return { status: 200, body: messageFrom(body, String(this.messageIds++)) };
    }
    if (method === 'PUT' && /^\/api\/v10\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(path) && Array.isArray(body)) {
      // Discord answers a bulk overwrite with the stored commands, ids added.
      return { status: 200, body: body.map((command: object, i: number) => ({ id: String(1_300_000_000_000_000_000n + BigInt(i)), application_id: FAKE_APPLICATION_ID, version: '1', ...command })) };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private handleGateway(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null }));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { op: number; d: unknown };
      this.gatewayFrames.push(frame);
      if (frame.op === GatewayOpcodes.Heartbeat) {
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }));
      } else if (frame.op === GatewayOpcodes.Identify) {
        const ready = {
          v: 10,
          user: { id: FAKE_BOT_USER_ID, username: 'factbot', discriminator: '0', global_name: null, avatar: null, bot: true },
          // Empty: a guild here would make the client wait for its GUILD_CREATE before READY.
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: this.gatewayUrl,
          application: { id: FAKE_APPLICATION_ID, flags: 0 as ApplicationFlags, flags_new: '0' },
        } satisfies GatewayReadyDispatchData;
        this.send(socket, GatewayDispatchEvents.Ready, ready);
      } else if (frame.op === GatewayOpcodes.Resume) {
        this.send(socket, GatewayDispatchEvents.Resumed, null);
      }
    });
  }

  private dispatch(event: GatewayDispatchEvents, data: unknown): void {
    if (this.sockets.size === 0) throw new Error('FakeDiscord: no bot is connected to the gateway');
    for (const socket of this.sockets) this.send(socket, event, data);
  }

  private send(socket: WebSocket, event: GatewayDispatchEvents, data: unknown): void {
    socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: ++this.sequence, d: data }));
  }
}
