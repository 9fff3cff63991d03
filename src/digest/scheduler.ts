// The digest loop. Every minute (an injectable timer) `runDue(now)` finds the subscriptions whose digest is
// due, builds it, sends it and logs the outcome; `factbot digest run-due` calls the same runDue once, for
// operators who prefer an external scheduler. Time comes in as `now`, never from the wall clock, so tests
// drive it.
//
// Never twice: a digest is claimed in the delivery log (one row per platform, channel and local date) before
// it is sent, atomically, so a second tick, a restart or a concurrent `run-due` cannot send it again. A
// process that dies mid-send leaves the row 'sending'; later runs mark it 'unknown' and do not resend.
// Never silently lost: a transient failure is retried (backoff, Retry-After) within the catch-up window; a
// digest that fell due more than that window ago (the bot was down) is logged as skipped, and its news is not
// lost: the next digest starts where the last one sent ended.
import type { Logger } from 'pino';
import type { Reply } from '../chat/model.ts';
import type { SearchBackend } from '../search/backend.ts';
import type { DigestConfig } from './config.ts';
import { buildDigestContent, renderDigest, type DigestContent } from './content.ts';
import { asDeliveryError, type DeliveryError, type DigestSender } from './deliver.ts';
import { dueDecision, localDateOf } from './schedule.ts';
import type { ChannelRef, DeliveryKey, DigestStore, Subscription } from './store.ts';

export const MINUTE_MS = 60_000;
/** A 'sending' row older than this belongs to a process that stopped mid-send (a send takes minutes at most). */
export const SENDING_STALE_MS = 15 * MINUTE_MS;
const MAX_DEFER_MS = 30 * MINUTE_MS;

export interface SchedulerDeps {
  store: DigestStore;
  search: SearchBackend;
  sender: DigestSender;
  config: DigestConfig;
  log: Logger;
}

export type Outcome = 'sent' | 'empty' | 'skipped' | 'deferred' | 'failed' | 'paused' | 'unsupported';

export interface RunReport {
  /** Articles seen for the first time in this run. */
  newArticles: number;
  outcomes: Array<DeliveryKey & { outcome: Outcome; detail?: string }>;
}

/** Where a subscription's next digest starts: the end of its last one, or when it subscribed. */
export async function windowStart(store: DigestStore, subscription: Subscription): Promise<number> {
  const covered = await store.lastCoveredUntil(subscription);
  return Math.max(subscription.createdAt, covered ?? Number.NEGATIVE_INFINITY);
}

/**
 * Records first-seen times of articles not seen before (at start-up and in every run). `known` remembers ids
 * already recorded, so a large corpus is not re-inserted every minute (once seen is seen for good).
 */
export async function recordArticlesSeen(store: DigestStore, search: SearchBackend, now: number, known?: Set<string>): Promise<number> {
  const ids = (await search.articleSummaries()).map((a) => a.id).filter((id) => !known?.has(id));
  const added = ids.length > 0 ? await store.recordArticlesSeen(ids, now) : 0;
  for (const id of ids) known?.add(id);
  return added;
}

export interface ComposeInput {
  /** Whose checks to list; null for none (a preview outside Discord and Slack). */
  channel: ChannelRef | null;
  timezone: string;
  topic: string | null;
  since: number;
  now: number;
  whenEmpty: 'skip' | 'note';
  /** The day the digest is for (its title); default: today in `timezone`. */
  localDate?: string;
}

/** The content and Reply of one channel's digest for the window (since, now]. */
export async function composeDigest(
  deps: Pick<SchedulerDeps, 'store' | 'search' | 'config'>,
  input: ComposeInput,
): Promise<{ content: DigestContent; reply: Reply | null }> {
  const { now, timezone } = input;
  const content = await buildDigestContent(deps, {
    channel: input.channel,
    since: input.since,
    until: now,
    topic: input.topic,
    maxArticles: deps.config.maxArticles,
    maxChecks: deps.config.maxChecks,
  });
  const localDate = input.localDate ?? localDateOf(now, timezone);
  return { content, reply: renderDigest(content, { localDate, timezone, whenEmpty: input.whenEmpty }) };
}

export interface DigestScheduler {
  runDue(now: number): Promise<RunReport>;
}

export function createDigestScheduler(deps: SchedulerDeps): DigestScheduler {
  const { store, search, sender, config } = deps;
  const log = deps.log.child({ component: 'digest' });
  const knownArticles = new Set<string>();

  async function deliver(subscription: Subscription, key: DeliveryKey, now: number): Promise<{ outcome: Outcome; detail?: string }> {
    let sent: { messageId: string | null; attempts: number };
    try {
      const { reply } = await composeDigest(deps, {
        channel: { platform: subscription.platform, channelId: subscription.channelId },
        timezone: subscription.timezone,
        topic: subscription.topic,
        since: await windowStart(store, subscription),
        now,
        whenEmpty: config.whenEmpty,
        localDate: key.localDate,
      });
      if (!reply) {
        await store.finishDelivery(key, { status: 'empty', coveredUntil: now }, now);
        return { outcome: 'empty' };
      }
      sent = await sender.send(subscription.platform, subscription.channelId, reply);
    } catch (raw) {
      return failed(subscription, key, asDeliveryError(raw), now);
    }
    // Outside the try on purpose: if recording a sent digest fails, the row stays 'sending' and later becomes
    // 'unknown', so it is never sent again (a retry here would post it twice).
    await store.finishDelivery(key, { status: 'sent', coveredUntil: now, messageId: sent.messageId }, now);
    return { outcome: 'sent', detail: `message ${sent.messageId ?? '?'} after ${sent.attempts} attempt(s)` };
  }

  async function failed(subscription: Subscription, key: DeliveryKey, error: DeliveryError, now: number): Promise<{ outcome: Outcome; detail: string }> {
    const detail = `${error.kind}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
    if (error.kind === 'channel') {
      await store.finishDelivery(key, { status: 'failed', error: detail }, now);
      await store.pause(subscription.id, detail, now);
      return { outcome: 'paused', detail };
    }
    if (error.kind === 'message') {
      await store.finishDelivery(key, { status: 'failed', error: detail }, now);
      return { outcome: 'failed', detail };
    }
    const attempts = (await store.delivery(key))?.attempts ?? 1;
    const backoff = Math.min(MINUTE_MS * 2 ** (attempts - 1), MAX_DEFER_MS);
    await store.deferDelivery(key, detail, now + Math.max(backoff, error.retryAfterMs ?? 0), now);
    return { outcome: 'deferred', detail };
  }

  async function runOne(subscription: Subscription, now: number): Promise<(DeliveryKey & { outcome: Outcome; detail?: string }) | null> {
    const decision = dueDecision(subscription, now, config.catchUpMs);
    if (decision.kind === 'not-due') return null;
    const key: DeliveryKey = { platform: subscription.platform, channelId: subscription.channelId, localDate: decision.occurrence.localDate };
    const existing = await store.delivery(key);
    if (existing && existing.status !== 'retry') return null;
    const due = { ...key, subscriptionId: subscription.id, dueAt: decision.occurrence.at };
    if (decision.kind === 'too-late') {
      const reason = `fell due ${Math.round(decision.lateMs / MINUTE_MS)} min ago, beyond the ${Math.round(config.catchUpMs / MINUTE_MS)} min catch-up window`;
      return (await store.skipDelivery(due, reason, now)) ? { ...key, outcome: 'skipped', detail: reason } : null;
    }
    if (!sender.supports(subscription.platform)) return { ...key, outcome: 'unsupported' };
    if (!(await store.claimDelivery(due, now))) return null;
    return { ...key, ...(await deliver(subscription, key, now)) };
  }

  return {
    async runDue(now) {
      for (const interrupted of await store.markInterrupted(now - SENDING_STALE_MS, now)) {
        log.error({ platform: interrupted.platform, channelId: interrupted.channelId, localDate: interrupted.localDate }, 'digest interrupted mid-send; it may not have been posted, and is not resent');
      }
      const newArticles = await recordArticlesSeen(store, search, now, knownArticles);
      await store.pruneChecks(now - config.checkRetentionMs);
      const outcomes: RunReport['outcomes'] = [];
      for (const subscription of await store.subscriptions()) {
        if (subscription.pausedAt !== null) continue;
        try {
          const result = await runOne(subscription, now);
          if (!result) continue;
          outcomes.push(result);
          const level = result.outcome === 'sent' || result.outcome === 'empty' ? 'info' : result.outcome === 'unsupported' ? 'debug' : 'warn';
          log[level]({ ...result }, `digest ${result.outcome}`);
        } catch (error) {
          // A bug or a database problem with one subscription must not hold up the others.
          log.error({ err: error, platform: subscription.platform, channelId: subscription.channelId }, 'digest run failed');
        }
      }
      return { newArticles, outcomes };
    },
  };
}

/** setInterval and clearInterval, injectable so tests tick by hand. */
export interface Timer {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimer: Timer = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    // The loop alone must not keep a process alive that is otherwise done.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface DigestLoop {
  /** Runs once now (also what the timer calls); overlapping ticks are skipped, never run twice at once. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the loop: one run right away (catch-up after a restart), then one every `intervalMs`. */
export function startDigestLoop(opts: {
  scheduler: DigestScheduler;
  now: () => number;
  log: Logger;
  timer?: Timer;
  intervalMs?: number;
  /** Sees every run's report (metrics). */
  onReport?: (report: RunReport) => void;
}): DigestLoop {
  const timer = opts.timer ?? realTimer;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = opts.scheduler
      .runDue(opts.now())
      .then((report) => opts.onReport?.(report))
      .catch((error: unknown) => opts.log.error({ err: error }, 'digest loop run failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const handle = timer.setInterval(() => void tick(), opts.intervalMs ?? MINUTE_MS);
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      timer.clearInterval(handle);
      await running;
    },
  };
}
