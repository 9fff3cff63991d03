// runDue over a real index and real SQLite files, with the clock in the test's hands: DST days, restarts the
// same day, the catch-up window, empty days, failures. Delivery goes to a recording sender here; the real
// Discord and Slack calls are covered in delivery.test.ts.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/chat/logger.ts';
import { DEFAULT_DIGEST_CONFIG, type DigestConfig } from '../../src/digest/config.ts';
import { DeliveryError, type DigestSender } from '../../src/digest/deliver.ts';
import { createDigestScheduler, recordArticlesSeen } from '../../src/digest/scheduler.ts';
import type { DigestStore, SqliteDigestStore } from '../../src/digest/store.ts';
import { quoteBlocks, textOf } from '../helpers/services.ts';
import { HOUR, MINUTE, WIND_FARM, digestWorld, newArticle, recordingSender, type DigestWorld } from './helpers.ts';

const CHANNEL = { platform: 'slack' as const, channelId: 'C0DIGEST' };
const silent = createLogger({ fallbackLevel: 'silent' });

async function setUp(startIso: string, time: string, timezone: string) {
  const world = await digestWorld(startIso);
  const store = world.openStore();
  await recordArticlesSeen(store, world.index, world.clock.now()); // start-up
  await store.subscribe({ ...CHANNEL, workspaceId: 'T1', time, timezone, topic: null }, world.clock.now());
  return { world, store };
}

function schedulerFor(world: DigestWorld, store: SqliteDigestStore, sender: DigestSender, config: Partial<DigestConfig> = {}) {
  return createDigestScheduler({ store, search: world.index, sender, config: { ...DEFAULT_DIGEST_CONFIG, ...config }, log: silent });
}

/** Calls runDue every `stepMs` from `fromIso` to `toIso` inclusive, as the every-minute loop would. */
async function tick(world: DigestWorld, scheduler: { runDue(now: number): Promise<unknown> }, fromIso: string, toIso: string, stepMs: number) {
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMs) {
    world.clock.set(t);
    await scheduler.runDue(t);
  }
}

describe('digest scheduler', () => {
  it('posts 08:00 Europe/Berlin at 06:00 UTC on the spring-forward day, once, with only the new article', async () => {
    const { world, store } = await setUp('2025-03-29T10:00:00Z', '08:00', 'Europe/Berlin');
    const sender = recordingSender(world.clock);
    const scheduler = schedulerFor(world, store, sender);
    // Saturday's 08:00 was before the subscription: nothing is due that day.
    await tick(world, scheduler, '2025-03-29T10:00:00Z', '2025-03-29T12:00:00Z', 10 * MINUTE);
    await world.index.upsertArticle(WIND_FARM);
    await tick(world, scheduler, '2025-03-29T20:00:00Z', '2025-03-30T12:00:00Z', 10 * MINUTE);

    expect(sender.sent.map((s) => new Date(s.at).toISOString())).toEqual(['2025-03-30T06:00:00.000Z']);
    const reply = sender.sent[0]?.reply;
    expect(reply && textOf(reply)).toContain('Daily digest · 2025-03-30');
    const quoted = quoteBlocks(reply!);
    expect(quoted.length).toBeGreaterThanOrEqual(1);
    expect(quoted.every((q) => q.citation.title === WIND_FARM.title)).toBe(true);
    // The ferry article was in the corpus before the subscription: not new for this channel.
    expect(JSON.stringify(reply)).not.toContain('ferry');
    await store.close();
  });

  it('posts 08:00 Europe/Berlin at 07:00 UTC on the fall-back day, once', async () => {
    const { world, store } = await setUp('2025-10-24T12:00:00Z', '08:00', 'Europe/Berlin');
    const sender = recordingSender(world.clock);
    const scheduler = schedulerFor(world, store, sender, { whenEmpty: 'note' });
    await tick(world, scheduler, '2025-10-25T00:00:00Z', '2025-10-26T12:00:00Z', 15 * MINUTE);
    expect(sender.sent.map((s) => new Date(s.at).toISOString())).toEqual(['2025-10-25T06:00:00.000Z', '2025-10-26T07:00:00.000Z']);
    await store.close();
  });

  it('sends nothing more after a restart later the same day, and nothing on a day with nothing new', async () => {
    const { world, store } = await setUp('2025-05-01T09:00:00Z', '08:00', 'UTC');
    const sender = recordingSender(world.clock);
    await world.index.upsertArticle(WIND_FARM);
    await tick(world, schedulerFor(world, store, sender), '2025-05-02T08:00:00Z', '2025-05-02T08:05:00Z', MINUTE);
    expect(sender.sent).toHaveLength(1);
    await store.close();

    // Restart: a new store on the same file and a new scheduler, later the same day.
    const reopened = world.openStore();
    const afterRestart = schedulerFor(world, reopened, sender);
    await tick(world, afterRestart, '2025-05-02T09:00:00Z', '2025-05-02T23:00:00Z', HOUR);
    expect(sender.sent).toHaveLength(1);

    // The next day has nothing new (no article, no check): nothing is posted, the day is logged as empty.
    await tick(world, afterRestart, '2025-05-03T07:00:00Z', '2025-05-03T12:00:00Z', 30 * MINUTE);
    expect(sender.sent).toHaveLength(1);
    expect((await reopened.delivery({ ...CHANNEL, localDate: '2025-05-03' }))?.status).toBe('empty');
    await reopened.close();
  });

  it('says "nothing new" in one line when configured to', async () => {
    const { world, store } = await setUp('2025-05-01T09:00:00Z', '08:00', 'UTC');
    const sender = recordingSender(world.clock);
    await tick(world, schedulerFor(world, store, sender, { whenEmpty: 'note' }), '2025-05-02T08:00:00Z', '2025-05-02T08:00:00Z', MINUTE);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]?.reply.blocks).toHaveLength(1);
    expect(sender.sent[0]?.reply.summary).toMatch(/^factbot digest 2025-05-02: nothing new since 2025-05-01 09:00/);
    await store.close();
  });

  it('sends a digest missed while down once when less than 6 hours late, else skips it and keeps its news', async () => {
    const { world, store } = await setUp('2025-05-01T09:00:00Z', '08:00', 'UTC');
    const sender = recordingSender(world.clock);
    const scheduler = schedulerFor(world, store, sender);
    await world.index.upsertArticle(WIND_FARM);
    // Down from before 08:00 until 10:00: sent once at start-up.
    await tick(world, scheduler, '2025-05-02T10:00:00Z', '2025-05-02T10:02:00Z', MINUTE);
    expect(sender.sent.map((s) => new Date(s.at).toISOString())).toEqual(['2025-05-02T10:00:00.000Z']);

    // A new article, then down from before 08:00 until 15:00 the next day: 7 hours late, skipped and logged.
    await world.index.upsertArticle(newArticle('2025-05-03-tide', 'Record tide floods Portmere quay', ['A record spring tide flooded the Portmere quay on Saturday morning, closing the fish market.']));
    await tick(world, scheduler, '2025-05-02T20:00:00Z', '2025-05-02T20:00:00Z', MINUTE); // the bot sees it arrive
    const report = await scheduler.runDue(Date.parse('2025-05-03T15:00:00Z'));
    expect(report).toMatchObject({ outcomes: [{ localDate: '2025-05-03', outcome: 'skipped' }] });
    expect(sender.sent).toHaveLength(1);
    expect((await store.delivery({ ...CHANNEL, localDate: '2025-05-03' }))?.error).toMatch(/catch-up window/);

    // Not lost: the next digest starts where the last one sent ended, so the tide article is in it.
    await tick(world, scheduler, '2025-05-04T08:00:00Z', '2025-05-04T08:00:00Z', MINUTE);
    expect(sender.sent).toHaveLength(2);
    expect(quoteBlocks(sender.sent[1]!.reply).map((q) => q.citation.title)).toEqual(['Record tide floods Portmere quay']);
    await store.close();
  });

  it('never resends a digest the bot stopped in the middle of sending', async () => {
    const { world, store } = await setUp('2025-05-01T09:00:00Z', '08:00', 'UTC');
    const subscription = await store.subscription(CHANNEL);
    const due = { ...CHANNEL, localDate: '2025-05-02', subscriptionId: subscription!.id, dueAt: Date.parse('2025-05-02T08:00:00Z') };
    expect(await store.claimDelivery(due, due.dueAt)).toBe(true); // then the process died
    await store.close();
    const reopened = world.openStore();
    const sender = recordingSender(world.clock);
    await tick(world, schedulerFor(world, reopened, sender, { whenEmpty: 'note' }), '2025-05-02T08:20:00Z', '2025-05-02T10:00:00Z', 10 * MINUTE);
    expect(sender.sent).toHaveLength(0);
    expect((await reopened.delivery(due))?.status).toBe('unknown');
    await reopened.close();
  });

  it('retries a transient failure after a backoff, sending once; pauses on a channel error', async () => {
    const { world, store } = await setUp('2025-05-01T09:00:00Z', '08:00', 'UTC');
    const inner = recordingSender(world.clock);
    let failures = 1;
    const flaky: DigestSender = {
      supports: () => true,
      async send(platform, channelId, reply) {
        if (failures-- > 0) throw new DeliveryError('Slack: internal_error', 'transient', 'internal_error');
        return inner.send(platform, channelId, reply);
      },
    };
    const scheduler = schedulerFor(world, store, flaky, { whenEmpty: 'note' });
    await tick(world, scheduler, '2025-05-02T08:00:00Z', '2025-05-02T08:00:30Z', 30_000);
    expect(inner.sent).toHaveLength(0);
    expect(await store.delivery({ ...CHANNEL, localDate: '2025-05-02' })).toMatchObject({ status: 'retry', nextAttemptAt: Date.parse('2025-05-02T08:01:00Z') });
    await tick(world, scheduler, '2025-05-02T08:01:00Z', '2025-05-02T09:00:00Z', MINUTE);
    expect(inner.sent).toHaveLength(1);
    expect(await store.delivery({ ...CHANNEL, localDate: '2025-05-02' })).toMatchObject({ status: 'sent', attempts: 2 });

    const refusing: DigestSender = {
      supports: () => true,
      send: async () => {
        throw new DeliveryError('Slack: not_in_channel', 'channel', 'not_in_channel');
      },
    };
    const refused = schedulerFor(world, store, refusing, { whenEmpty: 'note' });
    await tick(world, refused, '2025-05-03T08:00:00Z', '2025-05-04T09:00:00Z', HOUR);
    const paused = await store.subscription(CHANNEL);
    expect(paused?.pausedAt).toBe(Date.parse('2025-05-03T08:00:00Z'));
    expect(paused?.pausedReason).toMatch(/not_in_channel/);
    // Paused: the next day is not even attempted.
    expect(await store.delivery({ ...CHANNEL, localDate: '2025-05-04' })).toBeNull();
    await store.close();
  });

  it('does not send again when recording a sent digest failed (the database hiccuped after the post)', async () => {
    const { world, store } = await setUp('2025-05-01T09:00:00Z', '08:00', 'UTC');
    const sender = recordingSender(world.clock);
    let failOnce = true;
    const hiccup: DigestStore = Object.create(store, {
      finishDelivery: {
        value: async (...args: Parameters<DigestStore['finishDelivery']>) => {
          if (args[1].status === 'sent' && failOnce) {
            failOnce = false;
            throw new Error('SQLITE_IOERR');
          }
          return store.finishDelivery(...args);
        },
      },
    });
    const scheduler = schedulerFor(world, hiccup as SqliteDigestStore, sender, { whenEmpty: 'note' });
    await tick(world, scheduler, '2025-05-02T08:00:00Z', '2025-05-02T09:00:00Z', 5 * MINUTE);
    expect(sender.sent).toHaveLength(1);
    expect((await store.delivery({ ...CHANNEL, localDate: '2025-05-02' }))?.status).toBe('unknown');
    await store.close();
  });
});
