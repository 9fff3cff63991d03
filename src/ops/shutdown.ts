// Start-up and shutdown as a list of components. Serve starts them one after another and adds each
// here; /readyz reports on all of them and SIGTERM stops all of them, so a new part of the bot (the
// digest scheduler, say) is one `components.add(...)` line in serve, with nothing else to wire.
//
// Shutdown has two phases, because the order that keeps replies safe is not simply "reverse":
//   1. quiesce, in start order: stop taking new work (the HTTP server stops accepting, chat refuses new
//      commands) while everything that running commands need is still up;
//   2. stop, in reverse start order: finish in-flight work (each bounded) and release resources.
import type { Logger } from 'pino';

export interface Component {
  name: string;
  /** Whether it can do its job now (for /readyz). Default: yes, once added. */
  ready?(): boolean;
  /** Phase 1: stop taking new work. Must be quick. */
  quiesce?(): void | Promise<void>;
  /** Phase 2: finish in-flight work and release resources (connections, files, SQLite). */
  stop(): Promise<void>;
  /** How long stop() may take before shutdown goes on without it; default the one given to Components.stop. */
  stopTimeoutMs?: number;
}

export type LifecycleStatus = 'starting' | 'ready' | 'stopping';

export interface Readiness {
  status: LifecycleStatus;
  ready: boolean;
  components: Record<string, boolean>;
}

/** Waits for `promise` at most `ms`; true when it settled in time. Rejections are the caller's to log. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class Components {
  private readonly list: Component[] = [];
  private status: LifecycleStatus = 'starting';

  constructor(private readonly log: Pick<Logger, 'info' | 'warn' | 'error'>) {}

  add<T extends Component>(component: T): T {
    this.list.push(component);
    return component;
  }

  /** Everything is up: /readyz may say so. */
  started(): void {
    if (this.status === 'starting') this.status = 'ready';
  }

  readiness(): Readiness {
    const components = Object.fromEntries(this.list.map((c) => [c.name, c.ready?.() ?? true]));
    const ready = this.status === 'ready' && Object.values(components).every(Boolean);
    return { status: this.status, ready, components };
  }

  /**
   * Quiesces every component, then stops them in reverse order, each within its own stopTimeoutMs or
   * else `timeoutMs`. Never throws:
   * a component that fails or hangs is logged and the rest still stop. Resolves true when all stopped cleanly.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    this.status = 'stopping';
    let clean = true;
    for (const component of this.list) {
      try {
        await component.quiesce?.();
      } catch (error) {
        clean = false;
        this.log.warn({ err: error, component: component.name }, 'component did not quiesce cleanly');
      }
    }
    for (const component of [...this.list].reverse()) {
      const stopping = component.stop();
      const settled = stopping.then(
        () => true,
        (error: unknown) => {
          this.log.warn({ err: error, component: component.name }, 'component did not stop cleanly');
          return false;
        },
      );
      const limit = component.stopTimeoutMs ?? timeoutMs;
      if (!(await within(settled, limit))) {
        this.log.error({ component: component.name, timeoutMs: limit }, 'component did not stop in time; going on without it');
        clean = false;
      } else if (!(await settled)) {
        clean = false;
      }
    }
    return clean;
  }
}

/** Counts work under way (commands being answered) so shutdown can wait for it. */
export class InFlight {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  /** Marks one piece of work as started; call the result once when it is over (extra calls are ignored). */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const wake of [...this.waiters]) wake();
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return true;
    let wake: () => void = () => {};
    const drained = new Promise<void>((resolve) => (wake = resolve));
    this.waiters.add(wake);
    try {
      return await within(drained, timeoutMs);
    } finally {
      this.waiters.delete(wake);
    }
  }
}

export interface SignalWait {
  /** The first SIGTERM or SIGINT. */
  signal: Promise<NodeJS.Signals>;
  /** Removes the listeners. */
  dispose(): void;
}

/**
 * Listens for SIGTERM and SIGINT. The first one resolves `signal`; a second one (an impatient Ctrl-C)
 * calls `onRepeat`, which serve uses to exit at once.
 */
export function waitForSignal(onRepeat: (signal: NodeJS.Signals) => void, target: NodeJS.EventEmitter = process): SignalWait {
  let received = false;
  let resolveSignal: (signal: NodeJS.Signals) => void = () => {};
  const signal = new Promise<NodeJS.Signals>((resolve) => (resolveSignal = resolve));
  const onSignal = (name: NodeJS.Signals) => {
    if (received) {
      onRepeat(name);
      return;
    }
    received = true;
    resolveSignal(name);
  };
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  return {
    signal,
    dispose() {
      target.off('SIGTERM', onSignal);
      target.off('SIGINT', onSignal);
    },
  };
}

/** Writes out whatever the logger still buffers (pino's flush; a no-op for synchronous destinations). */
export function flushLogger(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      log.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}
