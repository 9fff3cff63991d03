// A fake Slack on 127.0.0.1 for the real, unmodified @slack/bolt: the Web API (`POST /api/<method>`,
// form-encoded, always HTTP 200 with {ok: true, …} or {ok: false, error}), a response_url catcher, and a
// Socket Mode WebSocket server (hello, then envelopes; the bot's acks are captured). What it must speak is
// written down in /work/shared/notes/testing-without-discord-and-slack.md.
import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_TEAM_ID = 'T0FAKE0001';
export const FAKE_BOT_USER_ID = 'U0FAKEBOT1';
export const FAKE_BOT_ID = 'B0FAKEBOT1';

export interface ApiCall {
  method: string;
  /** From `Authorization: Bearer …`, or the form's `token` field. */
  token: string | null;
  /** Form fields; those Slack sends as JSON strings (blocks, attachments…) parsed back into values. */
  args: Record<string, unknown>;
}

export interface ResponseUrlPost {
  /** The id in `/response/<id>`, i.e. which interaction it answered. */
  id: string;
  body: Record<string, unknown>;
}

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export type ApiAnswer = (call: ApiCall) => Record<string, unknown> | undefined;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client JSON-encodes nested arguments inside the form.
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{body}`). */
export function slackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a form body to the bot as Slack would, signed with `signingSecret` at `timestamp` (seconds). */
export async function postSigned(
  url: string,
  body: string,
  opts: { signingSecret: string; timestamp?: number; signature?: string },
): Promise<{ status: number; text: string }> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? slackSignature(opts.signingSecret, timestamp, body),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Interactive payloads (buttons, shortcuts) travel as one JSON `payload` form field. */
export function formWithPayload(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly acks: SocketAck[] = [];
  /** Tried before the default answers; return undefined to fall through. */
  readonly answers: ApiAnswer[] = [];
  /** users.info's directory: user id → display name. */
  readonly displayNames = new Map<string, string>();
  private readonly events = new EventEmitter();
  private readonly server: Server;
  private readonly sockets: WebSocketServer;
  private readonly connected = new Set<WebSocket>();
  private envelopeCount = 0;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    this.sockets = new WebSocketServer({ server: this.server });
    this.sockets.on('connection', (socket) => {
      this.connected.add(socket);
      socket.on('close', () => this.connected.delete(socket));
      socket.on('message', (data) => {
        this.acks.push(JSON.parse(data.toString()) as SocketAck);
        this.events.emit('change');
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKEAPP1' } }));
      this.events.emit('change');
    });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.connected) socket.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const raw = await readBody(req);
    const response = /^\/response\/([^/]+)$/.exec(path);
    if (response && req.method === 'POST') {
      this.responses.push({ id: response[1] as string, body: JSON.parse(raw) as Record<string, unknown> });
      this.events.emit('change');
      return { status: 200, body: { ok: true } };
    }
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (!api || req.method !== 'POST') return { status: 404, body: { ok: false, error: 'not_found' } };
    const args = parseArgs(raw, req.headers['content-type']);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const call: ApiCall = { method: api[1] as string, token: bearer ?? (typeof args.token === 'string' ? args.token : null), args };
    this.calls.push(call);
    this.events.emit('change');
    for (const answer of this.answers) {
      const custom = answer(call);
      if (custom) return { status: 200, body: custom };
    }
    return { status: 200, body: this.defaultAnswer(call) };
  }

  private defaultAnswer(call: ApiCall): Record<string, unknown> {
    switch (call.method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake team', user: 'factbot', team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID };
      case 'chat.postMessage': {
        const channel = String(call.args.channel ?? '');
        const ts = `1700000000.${String(this.calls.length).padStart(6, '0')}`;
        return { ok: true, channel, ts, message: { type: 'message', ts, text: call.args.text, bot_id: FAKE_BOT_ID } };
      }
      case 'users.info': {
        const id = String(call.args.user ?? '');
        const display = this.displayNames.get(id);
        if (display === undefined) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id, name: id.toLowerCase(), real_name: display, profile: { display_name: display } } };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Sends a Socket Mode envelope to every connected client; returns its envelope_id. */
  sendEnvelope(type: string, payload: unknown): string {
    this.envelopeCount += 1;
    const envelopeId = `env-${this.envelopeCount}`;
    const frame = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' });
    for (const socket of this.connected) socket.send(frame);
    return envelopeId;
  }

  get socketCount(): number {
    return this.connected.size;
  }

  /**
   * Resolves with the first value `find` returns that is not undefined, checking what was already captured
   * first (a reply can arrive before the test starts waiting). Rejects after `timeoutMs`.
   */
  waitFor<T>(find: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const now = find();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const onChange = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        this.events.off('change', onChange);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.events.off('change', onChange);
        reject(new Error(`FakeSlack: nothing matched within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('change', onChange);
    });
  }

  waitForResponse(id: string, nth = 1): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responses.filter((r) => r.id === id)[nth - 1]);
  }

  waitForCall(method: string, nth = 1): Promise<ApiCall> {
    return this.waitFor(() => this.calls.filter((c) => c.method === method)[nth - 1]);
  }

  waitForAck(envelopeId: string): Promise<SocketAck> {
    return this.waitFor(() => this.acks.find((a) => a.envelope_id === envelopeId));
  }
}

// ---------- Reading what the bot sent ----------

/** Slack's three entities back to characters, and our invisible zero-width spaces removed. */
export function unescapeSlack(text: string): string {
  return text.replace(/\u200B/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

type BlockLike = { type?: unknown; text?: { text?: unknown }; elements?: unknown };

function blockList(blocks: unknown): BlockLike[] {
  return Array.isArray(blocks) ? (blocks as BlockLike[]) : [];
}

/** The quoted sentences of a message (sections starting with `>`), as the reader sees them. */
export function quotedSentences(blocks: unknown): string[] {
  return blockList(blocks)
    .map((block) => (block.type === 'section' && typeof block.text?.text === 'string' ? block.text.text : ''))
    .filter((text) => text.startsWith('>'))
    .map((text) => unescapeSlack(text.slice(1).replace(/\*/g, '')));
}

/** The mrkdwn of every context block, joined per block. */
export function contextLines(blocks: unknown): string[] {
  return blockList(blocks)
    .filter((block) => block.type === 'context' && Array.isArray(block.elements))
    .map((block) => (block.elements as Array<{ text?: unknown }>).map((e) => (typeof e.text === 'string' ? e.text : '')).join(' '));
}

export interface RenderedButton {
  action_id: string;
  value: string;
  label: string;
}

export function buttonsIn(blocks: unknown): RenderedButton[] {
  return blockList(blocks)
    .filter((block) => block.type === 'actions' && Array.isArray(block.elements))
    .flatMap((block) => block.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
    .map((button) => ({ action_id: button.action_id, value: button.value, label: button.text.text }));
}

/** Every string Slack displays from a message: the `text` fields at any depth (button values are not shown). */
export function displayedTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(displayedTexts);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'text' && typeof inner === 'string' ? [inner] : displayedTexts(inner)));
}
