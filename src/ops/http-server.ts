// The bot's one node:http server: the platforms' POST endpoints (mounted as adapters start) plus the
// operator's GET /healthz (the process answers), GET /readyz (every component is up: index loaded,
// adapters started; 503 while starting or stopping) and GET /metrics (Prometheus text).
//
// It starts before the index loads, so an orchestrator sees "alive, not ready" during a long load.
// Request bodies are capped per route by Content-Length before a byte is read; a chunked upload of
// unknown length is refused (411): Slack and Discord always send a length.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { BotMetrics } from './metrics.ts';
import type { Readiness } from './shutdown.ts';

export interface PostRoute {
  path: string;
  /** Larger bodies get 413 unread. */
  maxBodyBytes: number;
  listener: RequestListener;
}

export interface HttpServerOptions {
  port: number;
  host?: string | null;
  log: Logger;
  metrics?: BotMetrics;
  readiness: () => Readiness;
  /** A request (headers and body) must arrive within this; default 30 s (slow senders hold a socket each). */
  requestTimeoutMs?: number;
}

export interface OpsHttpServer {
  readonly address: AddressInfo;
  /** Serves POST `route.path` from now on. */
  route(route: PostRoute): void;
  /** The POST paths served. */
  paths(): string[];
  /** Stops accepting connections; idle keep-alive connections close, requests under way go on. */
  stopAccepting(): void;
  /** Waits up to `graceMs` for requests under way, then closes every connection left. */
  close(graceMs?: number): Promise<void>;
}

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;
const DEFAULT_CLOSE_GRACE_MS = 5_000;

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}

/** Why a body may not be read, as a status, or null when it may. */
function bodyRefusal(req: IncomingMessage, maxBytes: number): { status: number; text: string } | null {
  const length = req.headers['content-length'];
  if (length === undefined) {
    return req.headers['transfer-encoding'] ? { status: 411, text: 'length required' } : null;
  }
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return { status: 400, text: 'bad content-length' };
  return bytes > maxBytes ? { status: 413, text: `body too large (at most ${maxBytes} bytes)` } : null;
}

export async function startHttpServer(options: HttpServerOptions): Promise<OpsHttpServer> {
  const { log, metrics, readiness } = options;
  const routes = new Map<string, PostRoute>();
  let accepting = true;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.get(path);
    // Known paths only, so random URLs cannot grow the metric's label set.
    const label = route || (OPS_PATHS as readonly string[]).includes(path) ? path : 'other';
    res.once('finish', () => metrics?.observeHttp(label, res.statusCode));
    // Keep-alive clients learn to reconnect elsewhere while this instance drains.
    if (!accepting) res.setHeader('connection', 'close');
    const isGet = req.method === 'GET' || req.method === 'HEAD';

    if ((OPS_PATHS as readonly string[]).includes(path) && !isGet) {
      plain(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    if (path === '/healthz') {
      plain(res, 200, 'ok');
      return;
    }
    if (path === '/readyz') {
      const report = readiness();
      res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify(report)}\n`);
      return;
    }
    if (path === '/metrics') {
      if (!metrics) return plain(res, 404, 'not found');
      const { contentType, body } = await metrics.render();
      res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    }
    if (!route) return plain(res, 404, 'not found');
    if (req.method !== 'POST') return plain(res, 405, 'method not allowed', { allow: 'POST' });
    const refusal = bodyRefusal(req, route.maxBodyBytes);
    if (refusal) {
      // The body stays unread: closing the connection is cheaper than draining a large upload.
      log.warn({ path, status: refusal.status, contentLength: req.headers['content-length'] }, 'request body refused');
      plain(res, refusal.status, refusal.text, { connection: 'close' });
      return;
    }
    route.listener(req, res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.headersTimeout = Math.min(server.requestTimeout, 10_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? undefined, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;

  const stopAccepting = (): Promise<void> => {
    if (!closed) {
      accepting = false;
      closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
    }
    return closed;
  };

  return {
    address,
    route(route) {
      routes.set(route.path, route);
    },
    paths: () => [...routes.keys()],
    stopAccepting() {
      void stopAccepting();
    },
    async close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
      const done = stopAccepting();
      // Connections that finish their request become idle; close them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearInterval(sweep);
      clearTimeout(timer);
      server.closeAllConnections();
      await done;
    },
  };
}
