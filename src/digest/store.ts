// Where digests keep their state: subscriptions, the delivery log, first-seen times of articles and the
// check log. `DigestStore` is the seam (async, so a PostgreSQL implementation can slot in); SQLite through
// better-sqlite3 implements it today, in one file under FACTBOT_DATA_DIR.
import { join, resolve } from 'node:path';
import type { MatchStrength } from '../check/types.ts';
import { SqliteDigestStore } from './sqlite-store.ts';

export { SqliteDigestStore } from './sqlite-store.ts';

export type DigestPlatform = 'discord' | 'slack';

export interface ChannelRef {
  platform: DigestPlatform;
  channelId: string;
}

export interface SubscriptionSettings {
  /** HH:MM, 24-hour, local to `timezone`. */
  time: string;
  /** IANA name, e.g. Europe/Berlin. */
  timezone: string;
  /** A quote query: only new statements matching it; null for everything new. */
  topic: string | null;
}

export interface Subscription extends ChannelRef, SubscriptionSettings {
  id: number;
  workspaceId: string | null;
  /** ms since epoch. The first digest covers articles first seen after this. */
  createdAt: number;
  /** Due times before this (the last settings change or resume) are not due. */
  activeSince: number;
  pausedAt: number | null;
  pausedReason: string | null;
}

/**
 * sending: claimed, being posted · sent · empty: nothing new, nothing posted · retry: a transient failure,
 * tried again after next_attempt_at · skipped: fell due too long ago · failed: refused for good ·
 * unknown: the process stopped while sending, so it may or may not have been posted (never resent).
 */
export type DeliveryStatus = 'sending' | 'sent' | 'empty' | 'retry' | 'skipped' | 'failed' | 'unknown';

export interface DeliveryKey extends ChannelRef {
  /** YYYY-MM-DD in the subscription's time zone. */
  localDate: string;
}

export interface DeliveryRecord extends DeliveryKey {
  subscriptionId: number;
  dueAt: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  coveredUntil: number | null;
  messageId: string | null;
  error: string | null;
  updatedAt: number;
}

export interface DueDelivery extends DeliveryKey {
  subscriptionId: number;
  dueAt: number;
}

/** The best evidence of a check, with what its citation needs. */
export interface CheckTopSource {
  text: string;
  publisher: string;
  published: string;
  dateInferred: boolean;
  title: string;
  url: string | null;
}

/** One /check in a channel. No user id or name, by design. */
export interface CheckLogEntry extends ChannelRef {
  checkedAt: number;
  claim: string;
  match: MatchStrength;
  /** Independent publishers among the strong evidence. */
  publishers: number;
  top: CheckTopSource | null;
}

export interface DigestStore {
  /** Creates the channel's subscription or replaces its settings (clearing any pause). */
  subscribe(input: ChannelRef & SubscriptionSettings & { workspaceId: string | null }, now: number): Promise<{ subscription: Subscription; created: boolean }>;
  unsubscribe(ref: ChannelRef): Promise<boolean>;
  subscription(ref: ChannelRef): Promise<Subscription | null>;
  /** Every subscription, paused ones included. */
  subscriptions(): Promise<Subscription[]>;
  pause(subscriptionId: number, reason: string, now: number): Promise<void>;

  delivery(key: DeliveryKey): Promise<DeliveryRecord | null>;
  recentDeliveries(ref: ChannelRef, limit: number): Promise<DeliveryRecord[]>;
  /** Where the next digest of the channel starts: the end of the last one sent (or found empty). */
  lastCoveredUntil(ref: ChannelRef): Promise<number | null>;
  /**
   * Atomically takes the day's delivery: true when this caller may send it (a new key, or a `retry` whose
   * time has come). Two processes racing for one key cannot both win.
   */
  claimDelivery(due: DueDelivery, now: number): Promise<boolean>;
  finishDelivery(
    key: DeliveryKey,
    outcome: { status: 'sent' | 'empty' | 'failed'; coveredUntil?: number | null; messageId?: string | null; error?: string | null },
    now: number,
  ): Promise<void>;
  deferDelivery(key: DeliveryKey, error: string, nextAttemptAt: number, now: number): Promise<void>;
  /** Records a day that is not sent because it fell due too long ago; false when the day was already decided. */
  skipDelivery(due: DueDelivery, reason: string, now: number): Promise<boolean>;
  /** Deliveries left `sending` since before `claimedBefore` (a crash mid-send) become `unknown`; returns them. */
  markInterrupted(claimedBefore: number, now: number): Promise<DeliveryRecord[]>;

  /** Records first-seen times for ids not seen before; returns how many were new. */
  recordArticlesSeen(articleIds: readonly string[], now: number): Promise<number>;
  /** Article id → first-seen time, for articles first seen in (after, upTo]. */
  articlesFirstSeen(after: number, upTo: number): Promise<Map<string, number>>;

  recordCheck(entry: CheckLogEntry): Promise<void>;
  /** The channel's checks in (after, upTo], oldest first. */
  checks(ref: ChannelRef, after: number, upTo: number): Promise<CheckLogEntry[]>;
  pruneChecks(before: number): Promise<number>;

  close(): Promise<void>;
}

export const DATABASE_FILE = 'factbot.sqlite';

/** FACTBOT_DATA_DIR, else ./data (git-ignored), relative to `cwd`. */
export function dataDir(env: Record<string, string | undefined>, cwd: string): string {
  return resolve(cwd, env.FACTBOT_DATA_DIR?.trim() || 'data');
}

/** Opens the store in `dir` (created when missing). */
export function openDigestStore(dir: string): SqliteDigestStore {
  return SqliteDigestStore.open(join(dir, DATABASE_FILE));
}
