// The SQLite store on real files in a temporary folder: what survives a restart, versioned migrations, and
// the delivery log's one-row-per-day key holding across two connections (two processes).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/digest/migrations.ts';
import { DATABASE_FILE, dataDir, openDigestStore } from '../../src/digest/store.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'factbot-store-'));
}

const CHANNEL = { platform: 'slack' as const, channelId: 'C0DIGEST' };
const SETTINGS = { time: '08:00', timezone: 'Europe/Berlin', topic: 'ferry', workspaceId: 'T1' };

describe('SQLite digest store', () => {
  it('keeps a subscription across a restart (close and reopen the file)', async () => {
    const dir = await tempDir();
    const first = openDigestStore(dir);
    const { created } = await first.subscribe({ ...CHANNEL, ...SETTINGS }, 1_000);
    expect(created).toBe(true);
    await first.close();

    const second = openDigestStore(dir);
    const subscription = await second.subscription(CHANNEL);
    expect(subscription).toMatchObject({ ...CHANNEL, ...SETTINGS, createdAt: 1_000, activeSince: 1_000, pausedAt: null });
    expect(await second.subscriptions()).toHaveLength(1);
    await second.close();
  });

  it('re-subscribing changes the settings, lifts a pause and keeps the original subscription time', async () => {
    const store = openDigestStore(await tempDir());
    const { subscription } = await store.subscribe({ ...CHANNEL, ...SETTINGS }, 1_000);
    await store.pause(subscription.id, 'channel: not_in_channel', 2_000);
    expect((await store.subscription(CHANNEL))?.pausedReason).toBe('channel: not_in_channel');
    const again = await store.subscribe({ ...CHANNEL, ...SETTINGS, time: '18:30', topic: null }, 3_000);
    expect(again.created).toBe(false);
    expect(again.subscription).toMatchObject({ time: '18:30', topic: null, createdAt: 1_000, activeSince: 3_000, pausedAt: null, pausedReason: null });
    expect(await store.unsubscribe(CHANNEL)).toBe(true);
    expect(await store.unsubscribe(CHANNEL)).toBe(false);
    await store.close();
  });

  it('migrates once, records the schema version, and refuses a database from a newer build', async () => {
    const dir = await tempDir();
    (await openDigestStore(dir).close());
    const db = new Database(join(dir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // Reopening applies nothing: the tables (and their rows) are left alone.
    expect(migrate(db)).toEqual([]);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDigestStore(dir)).toThrow(/newer than this build/);
  });

  it('applies a later migration on top of an existing database without losing rows', async () => {
    const dir = await tempDir();
    const store = openDigestStore(dir);
    await store.subscribe({ ...CHANNEL, ...SETTINGS }, 1_000);
    await store.close();
    const db = new Database(join(dir, DATABASE_FILE));
    const next = { version: SCHEMA_VERSION + 1, description: 'test column', sql: 'ALTER TABLE subscriptions ADD COLUMN note TEXT;' };
    expect(migrate(db, [...MIGRATIONS, next])).toEqual([SCHEMA_VERSION + 1]);
    expect(db.prepare('SELECT channel_id, note FROM subscriptions').all()).toEqual([{ channel_id: 'C0DIGEST', note: null }]);
    db.close();
  });

  it('lets exactly one of two connections claim a day, and a retry only once its time has come', async () => {
    const dir = await tempDir();
    const a = openDigestStore(dir);
    const b = openDigestStore(dir);
    const due = { ...CHANNEL, localDate: '2025-03-30', subscriptionId: 1, dueAt: 5_000 };
    expect(await a.claimDelivery(due, 5_000)).toBe(true);
    expect(await b.claimDelivery(due, 5_001)).toBe(false);
    await a.deferDelivery(due, 'transient http_503', 65_000, 5_002);
    expect(await b.claimDelivery(due, 64_999)).toBe(false);
    expect(await b.claimDelivery(due, 65_000)).toBe(true);
    expect(await a.claimDelivery(due, 65_001)).toBe(false);
    await b.finishDelivery(due, { status: 'sent', coveredUntil: 65_000, messageId: 'ts1' }, 65_010);
    // A decided day is never taken again, and cannot be turned into 'skipped' either.
    expect(await a.claimDelivery(due, 9_999_999)).toBe(false);
    expect(await a.skipDelivery(due, 'late', 9_999_999)).toBe(false);
    expect(await a.delivery(due)).toMatchObject({ status: 'sent', attempts: 2, messageId: 'ts1', coveredUntil: 65_000 });
    expect(await a.lastCoveredUntil(CHANNEL)).toBe(65_000);
    await a.close();
    await b.close();
  });

  it('marks a delivery left "sending" by a stopped process as unknown, never as claimable again', async () => {
    const store = openDigestStore(await tempDir());
    const due = { ...CHANNEL, localDate: '2025-03-30', subscriptionId: 1, dueAt: 1_000 };
    await store.claimDelivery(due, 1_000);
    expect(await store.markInterrupted(1_000, 2_000)).toEqual([]); // not older than the threshold yet
    const interrupted = await store.markInterrupted(1_001, 2_000);
    expect(interrupted.map((d) => d.localDate)).toEqual(['2025-03-30']);
    expect((await store.delivery(due))?.status).toBe('unknown');
    expect(await store.claimDelivery(due, 3_000)).toBe(false);
    await store.close();
  });

  it('records an article as first seen only once, and prunes old checks', async () => {
    const store = openDigestStore(await tempDir());
    expect(await store.recordArticlesSeen(['a', 'b'], 100)).toBe(2);
    expect(await store.recordArticlesSeen(['a', 'c'], 200)).toBe(1);
    expect([...(await store.articlesFirstSeen(100, 200))]).toEqual([['c', 200]]);
    expect([...(await store.articlesFirstSeen(0, 200))].sort()).toEqual([['a', 100], ['b', 100], ['c', 200]]);

    const check = { ...CHANNEL, claim: 'Portmere built a terminal', match: 'partial' as const, publishers: 0, top: null };
    await store.recordCheck({ ...check, checkedAt: 1_000 });
    await store.recordCheck({ ...check, checkedAt: 5_000 });
    expect(await store.pruneChecks(2_000)).toBe(1);
    expect((await store.checks(CHANNEL, 0, 10_000)).map((c) => c.checkedAt)).toEqual([5_000]);
    await store.close();
  });

  it('puts the database in FACTBOT_DATA_DIR, else ./data', () => {
    expect(dataDir({}, '/srv/bot')).toBe('/srv/bot/data');
    expect(dataDir({ FACTBOT_DATA_DIR: '/var/lib/factbot' }, '/srv/bot')).toBe('/var/lib/factbot');
    expect(dataDir({ FACTBOT_DATA_DIR: 'state' }, '/srv/bot')).toBe('/srv/bot/state');
  });
});
