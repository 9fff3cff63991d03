// Shared by the live tests: a clock and a scheduler the test moves by hand, and a logger whose JSON
// lines the test can read. These stand in for time and stdout, not for any code under test.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/chat/logger.ts';
import type { Scheduler } from '../../src/live/feed-poller.ts';

export class ManualClock {
  constructor(public time = Date.parse('2024-06-20T12:00:00Z')) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Timers that fire only when the test says so. */
export class ManualScheduler implements Scheduler {
  pending: Array<{ id: number; callback: () => void; ms: number }> = [];
  private nextId = 1;
  private waiters: Array<(timer: { ms: number }) => void> = [];

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, callback, ms };
    this.pending.push(timer);
    this.waiters.splice(0).forEach((resolve) => resolve(timer));
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  /** The next timer armed from now on (or the one already pending). */
  armed(): Promise<{ ms: number }> {
    const waiting = this.pending[0];
    return waiting ? Promise.resolve(waiting) : new Promise((resolve) => this.waiters.push(resolve));
  }

  fire(): void {
    const timer = this.pending.shift();
    if (!timer) throw new Error('no timer pending');
    timer.callback();
  }
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger writing to an array. */
export function recordingLogger(): { log: ReturnType<typeof createLogger>; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
  return { log, lines };
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `factbot-${prefix}-`));
}
