// openDigests, the one call `serve` makes: store in FACTBOT_DATA_DIR, senders from the credentials, the
// every-minute loop on an injected timer. Also the loop itself: a tick never overlaps a running one.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDigests } from '../../src/cli/digest.ts';
import { createLogger } from '../../src/chat/logger.ts';
import { startDigestLoop, type Timer } from '../../src/digest/scheduler.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { digestWorld, MINUTE } from './helpers.ts';

function manualTimer(): Timer & { fire(): void; intervals: number[]; cleared: boolean } {
  let callback: (() => void) | null = null;
  const timer = {
    intervals: [] as number[],
    cleared: false,
    setInterval(fn: () => void, ms: number) {
      callback = fn;
      timer.intervals.push(ms);
      return 'handle';
    },
    clearInterval(handle: unknown) {
      if (handle === 'handle') timer.cleared = true;
    },
    fire: () => callback?.(),
  };
  return timer;
}

let fake: FakeSlack;
beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.close();
});

describe('digest wiring', () => {
  it('opens the store, starts the minute loop and posts what falls due through the configured Slack', async () => {
    const world = await digestWorld('2025-05-01T09:00:00Z');
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-wiring-'));
    const timer = manualTimer();
    const opened = await openDigests({
      env: { FACTBOT_DATA_DIR: join(cwd, 'state'), FACTBOT_DIGEST_WHEN_EMPTY: 'note' },
      cwd,
      services: world.services,
      credentials: { discord: null, slack: { botToken: 'xoxb-wired', signingSecret: 'x', appToken: null, apiUrl: fake.apiUrl } },
      startLoop: true,
      timer,
    });
    expect(timer.intervals).toEqual([MINUTE]);
    await opened.loop?.tick(); // let the start-up run (the catch-up after a restart) finish
    expect(opened.services.digest.config.whenEmpty).toBe('note');
    // The same Services object, so dispatch hooks attached to it still apply.
    expect(opened.services).toBe(world.services);
    expect(opened.sender.supports('slack')).toBe(true);
    expect(opened.sender.supports('discord')).toBe(false);
    await opened.services.digest.store.subscribe({ platform: 'slack', channelId: 'C0WIRED001', workspaceId: 'T1', time: '08:00', timezone: 'UTC', topic: null }, world.clock.now());

    world.clock.set('2025-05-02T08:00:10Z');
    timer.fire();
    await opened.loop?.tick(); // joins the run the timer started
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0WIRED001')).toHaveLength(1);

    await opened.stop();
    expect(timer.cleared).toBe(true);
  });

  it('never runs two ticks at once: a tick while one runs joins it', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const scheduler = {
      runDue: () =>
        new Promise<{ newArticles: number; outcomes: [] }>((resolve) => {
          runs += 1;
          release = () => resolve({ newArticles: 0, outcomes: [] });
        }),
    };
    const timer = manualTimer();
    const loop = startDigestLoop({ scheduler, now: () => 0, log: createLogger({ fallbackLevel: 'silent' }), timer });
    timer.fire();
    timer.fire();
    expect(runs).toBe(1); // the start-up run is still going
    release();
    await loop.tick();
    timer.fire();
    expect(runs).toBe(2);
    release();
    await loop.stop();
  });
});
