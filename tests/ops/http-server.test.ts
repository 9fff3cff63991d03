// The one HTTP server: ops endpoints, routing, body caps checked before a byte is read, and a close that
// lets a request under way finish.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/chat/logger.ts';
import { startHttpServer, type OpsHttpServer } from '../../src/ops/http-server.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { Components } from '../../src/ops/shutdown.ts';

const log = createLogger({ fallbackLevel: 'silent' });
const servers: OpsHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function start(components = new Components(log), metrics = createMetrics({ processMetrics: false })) {
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', log, metrics, readiness: () => components.readiness() });
  servers.push(server);
  return { server, components, metrics, base: `http://127.0.0.1:${server.address.port}` };
}

/** A raw request, so tests control Content-Length and chunking exactly. */
function raw(base: string, path: string, init: { method?: string; headers?: Record<string, string | number>; body?: string; chunked?: boolean }): Promise<{ status: number; text: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'POST', headers: init.headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (init.chunked) req.setHeader('transfer-encoding', 'chunked');
    req.end(init.body);
  });
}

describe('ops endpoints', () => {
  it('says alive at once, ready only once every component is up, and not ready while stopping', async () => {
    const { components, base } = await start();
    let indexLoaded = false;
    components.add({ name: 'index', ready: () => indexLoaded, stop: async () => {} });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const starting = await fetch(`${base}/readyz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting', ready: false, components: { index: false } });

    components.started();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    indexLoaded = true;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', ready: true, components: { index: true } });

    await components.stop(1000);
    expect(components.readiness()).toMatchObject({ status: 'stopping', ready: false });
  });

  it('serves Prometheus text that counts the requests it has seen, by route and status', async () => {
    const { base } = await start();
    await fetch(`${base}/healthz`);
    await fetch(`${base}/no/such/page`);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('factbot_http_requests_total{route="/healthz",status="200"} 1');
    // Unknown paths share one label, so random URLs cannot grow the series.
    expect(text).toContain('factbot_http_requests_total{route="other",status="404"} 1');
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    const { server, base } = await start();
    server.route({ path: '/hook', maxBodyBytes: 10, listener: (_req, res) => res.end('hooked') });
    expect((await fetch(`${base}/nowhere`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/hook`)).status).toBe(405);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect(server.paths()).toEqual(['/hook']);
  });
});

describe('request body caps', () => {
  it('passes a body at the cap and refuses one byte more (413) without calling the handler', async () => {
    const { server, base } = await start();
    let calls = 0;
    server.route({
      path: '/hook',
      maxBodyBytes: 16,
      listener: (req, res) => {
        calls += 1;
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => res.end(`got ${body.length}`));
      },
    });
    expect(await raw(base, '/hook', { body: 'x'.repeat(16), headers: { 'content-length': 16 } })).toEqual({ status: 200, text: 'got 16' });
    const refused = await raw(base, '/hook', { body: 'x'.repeat(17), headers: { 'content-length': 17 } });
    expect(refused.status).toBe(413);
    expect(refused.text).toContain('at most 16 bytes');
    expect(calls).toBe(1);
  });

  it('refuses a chunked body of unknown length (411) and a malformed length (400)', async () => {
    const { server, base } = await start();
    server.route({ path: '/hook', maxBodyBytes: 1024, listener: (_req, res) => res.end('should not run') });
    expect((await raw(base, '/hook', { body: 'abc', chunked: true })).status).toBe(411);
    expect((await raw(base, '/hook', { body: '', headers: { 'content-length': 'lots' } })).status).toBe(400);
  });
});

describe('close', () => {
  it('stops accepting connections but lets a request under way finish its response', async () => {
    const { server, base } = await start();
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    server.route({
      path: '/slow',
      maxBodyBytes: 1024,
      listener: (req, res) => {
        req.resume();
        arrived();
        release = () => res.end('finished');
      },
    });
    const slow = raw(base, '/slow', { body: 'x', headers: { 'content-length': 1 } });
    await requestArrived;
    let closed = false;
    const closing = server.close(10_000).then(() => (closed = true));
    // New connections are refused at once; the open request is not cut.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);
    release();
    expect(await slow).toEqual({ status: 200, text: 'finished' });
    await closing;
    expect(closed).toBe(true);
  });
});
