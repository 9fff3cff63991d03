// The component list behind /readyz and shutdown, the in-flight counter, and the signal listener.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/chat/logger.ts';
import { Components, InFlight, waitForSignal, type Component } from '../../src/ops/shutdown.ts';

function captured() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: 'info', destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) } });
  return { log, lines };
}

describe('Components', () => {
  it('quiesces everything in start order before stopping anything, then stops in reverse order', async () => {
    const events: string[] = [];
    const components = new Components(captured().log);
    for (const name of ['http', 'index', 'chat']) {
      components.add({ name, quiesce: () => void events.push(`quiesce ${name}`), stop: async () => void events.push(`stop ${name}`) });
    }
    expect(await components.stop(1000)).toBe(true);
    expect(events).toEqual(['quiesce http', 'quiesce index', 'quiesce chat', 'stop chat', 'stop index', 'stop http']);
  });

  it('goes on stopping the rest when one component fails or hangs, and reports the stop as unclean', async () => {
    const { log, lines } = captured();
    const stopped: string[] = [];
    const components = new Components(log);
    components.add({ name: 'database', stop: async () => void stopped.push('database') });
    components.add({ name: 'stuck', stop: () => new Promise<void>(() => {}) });
    components.add({ name: 'broken', stop: async () => Promise.reject(new Error('socket already closed')) });
    expect(await components.stop(50)).toBe(false);
    expect(stopped).toEqual(['database']);
    expect(lines.find((l) => l.component === 'broken')?.msg).toBe('component did not stop cleanly');
    expect(lines.find((l) => l.component === 'stuck')?.msg).toBe('component did not stop in time; going on without it');
  });

  it("waits for a component as long as its own stopTimeoutMs says (draining replies takes longer than closing a file)", async () => {
    let release: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const components = new Components(captured().log);
    components.add({ name: 'chat', stopTimeoutMs: 10_000, stop: () => stopped });
    const stopping = components.stop(1);
    // Longer than the default bound of 1 ms; the component's own bound still holds.
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    expect(await stopping).toBe(true);
  });

  it('reports each component in /readyz terms, including the one not ready', () => {
    const components = new Components(captured().log);
    const slack: Component = { name: 'slack', ready: () => false, stop: async () => {} };
    components.add({ name: 'index', stop: async () => {} });
    components.add(slack);
    components.started();
    expect(components.readiness()).toEqual({ status: 'ready', ready: false, components: { index: true, slack: false } });
  });
});

describe('InFlight', () => {
  it('is idle at once with nothing running, and once the last piece of work ends', async () => {
    const inFlight = new InFlight();
    expect(await inFlight.idle(10)).toBe(true);
    const endA = inFlight.begin();
    const endB = inFlight.begin();
    const idle = inFlight.idle(10_000);
    endA();
    endA(); // a second call must not end B's work too
    expect(inFlight.size).toBe(1);
    endB();
    expect(await idle).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it('gives up waiting after the bound and says so', async () => {
    const inFlight = new InFlight();
    inFlight.begin();
    expect(await inFlight.idle(20)).toBe(false);
    expect(inFlight.size).toBe(1);
  });
});

describe('waitForSignal', () => {
  it('resolves on the first SIGTERM or SIGINT and hands a second one to onRepeat', async () => {
    const target = new EventEmitter();
    const repeats: string[] = [];
    const wait = waitForSignal((signal) => repeats.push(signal), target);
    target.emit('SIGINT', 'SIGINT');
    expect(await wait.signal).toBe('SIGINT');
    expect(repeats).toEqual([]);
    target.emit('SIGTERM', 'SIGTERM');
    expect(repeats).toEqual(['SIGTERM']);
    wait.dispose();
    expect(target.listenerCount('SIGTERM') + target.listenerCount('SIGINT')).toBe(0);
  });
});
