// The SQLite implementation of DigestStore (better-sqlite3): one file, WAL mode, migrated on open.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { MatchStrength } from '../check/types.ts';
import { migrate } from './migrations.ts';
import type {
  ChannelRef,
  CheckLogEntry,
  CheckTopSource,
  DeliveryKey,
  DeliveryRecord,
  DeliveryStatus,
  DigestPlatform,
  DigestStore,
  DueDelivery,
  Subscription,
  SubscriptionSettings,
} from './store.ts';

type Row = Record<string, unknown>;

const str = (value: unknown): string => String(value);
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function subscriptionOf(row: Row): Subscription {
  return {
    id: Number(row.id),
    platform: str(row.platform) as DigestPlatform,
    channelId: str(row.channel_id),
    workspaceId: strOrNull(row.workspace_id),
    time: str(row.time),
    timezone: str(row.timezone),
    topic: strOrNull(row.topic),
    createdAt: Number(row.created_at),
    activeSince: Number(row.active_since),
    pausedAt: numOrNull(row.paused_at),
    pausedReason: strOrNull(row.paused_reason),
  };
}

function deliveryOf(row: Row): DeliveryRecord {
  return {
    platform: str(row.platform) as DigestPlatform,
    channelId: str(row.channel_id),
    localDate: str(row.local_date),
    subscriptionId: Number(row.subscription_id),
    dueAt: Number(row.due_at),
    status: str(row.status) as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: numOrNull(row.next_attempt_at),
    coveredUntil: numOrNull(row.covered_until),
    messageId: strOrNull(row.message_id),
    error: strOrNull(row.error),
    updatedAt: Number(row.updated_at),
  };
}

function checkOf(row: Row): CheckLogEntry {
  return {
    platform: str(row.platform) as DigestPlatform,
    channelId: str(row.channel_id),
    checkedAt: Number(row.checked_at),
    claim: str(row.claim),
    match: str(row.match) as MatchStrength,
    publishers: Number(row.publishers),
    top: row.top_json ? (JSON.parse(str(row.top_json)) as CheckTopSource) : null,
  };
}

const KEY = 'platform = @platform AND channel_id = @channelId';
const DAY = `${KEY} AND local_date = @localDate`;

/** The SQLite implementation. Every call is synchronous underneath; the Promises are for the interface. */
export class SqliteDigestStore implements DigestStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating when needed) `file` and migrates it. `:memory:` works for throwaway use. */
  static open(file: string): SqliteDigestStore {
    if (file !== ':memory:') mkdirSync(resolve(file, '..'), { recursive: true });
    const db = new Database(file);
    // WAL lets the CLI read while `serve` writes; the busy timeout makes a concurrent writer wait, not fail.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new SqliteDigestStore(db);
  }

  private all(sql: string, params: Row = {}): Row[] {
    return this.db.prepare(sql).all(params) as Row[];
  }

  private one(sql: string, params: Row = {}): Row | undefined {
    return this.db.prepare(sql).get(params) as Row | undefined;
  }

  private run(sql: string, params: Row = {}): number {
    return this.db.prepare(sql).run(params).changes;
  }

  async subscribe(input: ChannelRef & SubscriptionSettings & { workspaceId: string | null }, now: number) {
    const existed = this.one(`SELECT id FROM subscriptions WHERE ${KEY}`, { ...input }) !== undefined;
    this.run(
      `INSERT INTO subscriptions (platform, channel_id, workspace_id, time, timezone, topic, created_at, active_since)
       VALUES (@platform, @channelId, @workspaceId, @time, @timezone, @topic, @now, @now)
       ON CONFLICT (platform, channel_id) DO UPDATE SET workspace_id = excluded.workspace_id, time = excluded.time,
         timezone = excluded.timezone, topic = excluded.topic, active_since = excluded.active_since,
         paused_at = NULL, paused_reason = NULL`,
      { ...input, now },
    );
    const subscription = subscriptionOf(this.one(`SELECT * FROM subscriptions WHERE ${KEY}`, { ...input }) as Row);
    return { subscription, created: !existed };
  }

  async unsubscribe(ref: ChannelRef): Promise<boolean> {
    return this.run(`DELETE FROM subscriptions WHERE ${KEY}`, { ...ref }) > 0;
  }

  async subscription(ref: ChannelRef): Promise<Subscription | null> {
    const row = this.one(`SELECT * FROM subscriptions WHERE ${KEY}`, { ...ref });
    return row ? subscriptionOf(row) : null;
  }

  async subscriptions(): Promise<Subscription[]> {
    return this.all('SELECT * FROM subscriptions ORDER BY id').map(subscriptionOf);
  }

  async pause(subscriptionId: number, reason: string, now: number): Promise<void> {
    this.run('UPDATE subscriptions SET paused_at = @now, paused_reason = @reason WHERE id = @id', { id: subscriptionId, reason, now });
  }

  async delivery(key: DeliveryKey): Promise<DeliveryRecord | null> {
    const row = this.one(`SELECT * FROM deliveries WHERE ${DAY}`, { ...key });
    return row ? deliveryOf(row) : null;
  }

  async recentDeliveries(ref: ChannelRef, limit: number): Promise<DeliveryRecord[]> {
    return this.all(`SELECT * FROM deliveries WHERE ${KEY} ORDER BY due_at DESC LIMIT @limit`, { ...ref, limit }).map(deliveryOf);
  }

  async lastCoveredUntil(ref: ChannelRef): Promise<number | null> {
    const row = this.one(`SELECT MAX(covered_until) AS until FROM deliveries WHERE ${KEY} AND status IN ('sent', 'empty')`, { ...ref });
    return numOrNull(row?.until);
  }

  async claimDelivery(due: DueDelivery, now: number): Promise<boolean> {
    // One statement, so the check and the claim cannot be split by another process.
    const changes = this.run(
      `INSERT INTO deliveries (platform, channel_id, local_date, subscription_id, due_at, status, attempts, updated_at)
       VALUES (@platform, @channelId, @localDate, @subscriptionId, @dueAt, 'sending', 1, @now)
       ON CONFLICT (platform, channel_id, local_date) DO UPDATE SET status = 'sending', attempts = attempts + 1,
         updated_at = excluded.updated_at
       WHERE deliveries.status = 'retry' AND COALESCE(deliveries.next_attempt_at, 0) <= excluded.updated_at`,
      { ...due, now },
    );
    return changes === 1;
  }

  async finishDelivery(
    key: DeliveryKey,
    outcome: { status: 'sent' | 'empty' | 'failed'; coveredUntil?: number | null; messageId?: string | null; error?: string | null },
    now: number,
  ): Promise<void> {
    this.run(
      `UPDATE deliveries SET status = @status, covered_until = @coveredUntil, message_id = @messageId, error = @error,
         next_attempt_at = NULL, updated_at = @now WHERE ${DAY}`,
      { ...key, status: outcome.status, coveredUntil: outcome.coveredUntil ?? null, messageId: outcome.messageId ?? null, error: outcome.error ?? null, now },
    );
  }

  async deferDelivery(key: DeliveryKey, error: string, nextAttemptAt: number, now: number): Promise<void> {
    this.run(`UPDATE deliveries SET status = 'retry', error = @error, next_attempt_at = @nextAttemptAt, updated_at = @now WHERE ${DAY}`, {
      ...key,
      error,
      nextAttemptAt,
      now,
    });
  }

  async skipDelivery(due: DueDelivery, reason: string, now: number): Promise<boolean> {
    const changes = this.run(
      `INSERT INTO deliveries (platform, channel_id, local_date, subscription_id, due_at, status, error, updated_at)
       VALUES (@platform, @channelId, @localDate, @subscriptionId, @dueAt, 'skipped', @reason, @now)
       ON CONFLICT (platform, channel_id, local_date) DO UPDATE SET status = 'skipped', error = excluded.error,
         next_attempt_at = NULL, updated_at = excluded.updated_at
       WHERE deliveries.status = 'retry'`,
      { ...due, reason, now },
    );
    return changes === 1;
  }

  async markInterrupted(claimedBefore: number, now: number): Promise<DeliveryRecord[]> {
    return this.db.transaction(() => {
      const rows = this.all(`SELECT * FROM deliveries WHERE status = 'sending' AND updated_at < @claimedBefore`, { claimedBefore });
      this.run(
        `UPDATE deliveries SET status = 'unknown', error = 'the bot stopped while sending; not resent, so it is never posted twice',
           updated_at = @now WHERE status = 'sending' AND updated_at < @claimedBefore`,
        { claimedBefore, now },
      );
      return rows.map(deliveryOf);
    })();
  }

  async recordArticlesSeen(articleIds: readonly string[], now: number): Promise<number> {
    const insert = this.db.prepare('INSERT INTO articles_seen (article_id, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
    return this.db.transaction(() => articleIds.reduce((added, id) => added + insert.run(id, now).changes, 0))();
  }

  async articlesFirstSeen(after: number, upTo: number): Promise<Map<string, number>> {
    const rows = this.all('SELECT article_id, first_seen_at FROM articles_seen WHERE first_seen_at > @after AND first_seen_at <= @upTo', { after, upTo });
    return new Map(rows.map((row) => [str(row.article_id), Number(row.first_seen_at)]));
  }

  async recordCheck(entry: CheckLogEntry): Promise<void> {
    this.run(
      `INSERT INTO check_log (platform, channel_id, checked_at, claim, match, publishers, top_json)
       VALUES (@platform, @channelId, @checkedAt, @claim, @match, @publishers, @top)`,
      { ...entry, top: entry.top ? JSON.stringify(entry.top) : null },
    );
  }

  async checks(ref: ChannelRef, after: number, upTo: number): Promise<CheckLogEntry[]> {
    return this.all(`SELECT * FROM check_log WHERE ${KEY} AND checked_at > @after AND checked_at <= @upTo ORDER BY checked_at, id`, {
      ...ref,
      after,
      upTo,
    }).map(checkOf);
  }

  async pruneChecks(before: number): Promise<number> {
    return this.run('DELETE FROM check_log WHERE checked_at < @before', { before });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

