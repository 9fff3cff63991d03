// Probes for the load benchmark: a free port, the bot process's CPU time and RSS from /proc, its full
// garbage collections from --trace-gc output, and the HTTP client that posts the signed requests.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import type { SignedRequest } from './load-traffic.ts';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** CPU seconds (user + system) the process has used: unlike latency, barely moved by other load on the machine. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

// Keep-alive like the platforms' clients, closing idle sockets before the server's 5-second keep-alive
// timeout does (otherwise a request can race the server's close and fail with ECONNRESET on the client).
const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });
/** The status code, or the socket error's code (ECONNRESET…) when there was no response. */
export function post(base: string, signed: SignedRequest): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(`${base}${signed.path}`, { method: 'POST', agent, headers: { ...signed.headers, 'content-length': Buffer.byteLength(signed.body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(signed.body);
  });
}

export function closeAgent(): void {
  agent.destroy();
}

export interface FullCollection {
  /** Seconds since the process started. */
  t: number;
  /** Live heap after the collection. */
  mb: number;
}

/**
 * The bot's full collections ("Mark-Compact … 1328.2 (1368.0) -> 610.7 (1265.6) MB") from --trace-gc lines.
 * tsx's loader thread is a second isolate with its own lines, so only the biggest isolate's are kept.
 */
export function fullCollections(log: string): FullCollection[] {
  const all = [...log.matchAll(/\[\d+:(0x[0-9a-f]+)\] +(\d+) ms: Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)].map((m) => ({
    isolate: m[1]!,
    t: Number(m[2]) / 1000,
    mb: Number(m[3]),
  }));
  const main = all.reduce((best, g) => (g.mb > best.mb ? g : best), { isolate: '', t: 0, mb: -1 }).isolate;
  return all.filter((g) => g.isolate === main).map(({ t, mb }) => ({ t, mb }));
}
