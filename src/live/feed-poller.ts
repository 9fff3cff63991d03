// Polls the configured RSS/Atom feeds and ingests each new item's article into the corpus.
//
// feed (conditional GET, timeout, size cap) → parse (@rowanmanning/feed-parser) → for each item not
// handled before: skip if its URL is in the corpus → fetch the page → ingestSource (cleaning,
// metadata, dedupe by URL and normalised text, writing the corpus file). The corpus watcher then puts
// the new file in the index, the same way it picks up `factbot ingest` and hand-dropped files.
//
// Each feed is polled on its own; a failure is logged, counted and retried with exponential backoff,
// and never stops the others. Time comes from an injectable clock and timers from an injectable
// scheduler, so tests drive polling without waiting.
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Logger } from 'pino';
import { parseDateText } from '../corpus/clean.ts';
import { CorpusIndex, fetchDocument, ingestSource, normaliseUrl, type IngestOutcome } from '../corpus/ingest.ts';
import type { FeedConfig } from './feeds-config.ts';
import { statusOf, type FeedState, type FeedStateStore, type FeedStatus, type ItemOutcome } from './feed-state.ts';
import { fetchConditional, FEED_MAX_BYTES, FEED_TIMEOUT_MS } from './http-fetch.ts';

export type LiveLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** First retry after a minute, doubling per consecutive failure, at most every 6 hours. */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;
/** A page that fails this many times is left alone (its error stays in the state and the status). */
export const MAX_PAGE_ATTEMPTS = 3;
/** Handled items remembered per feed beyond those still in the feed. */
const SEEN_LIMIT = 500;

export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
}

export interface FeedPollerOptions {
  feeds: readonly FeedConfig[];
  corpusDir: string;
  store: FeedStateStore;
  log: LiveLog;
  now?: () => number;
  scheduler?: Scheduler;
  /** Shared with other writers in the process so duplicates are seen across them; loaded when absent. */
  corpusIndex?: CorpusIndex;
  feedTimeoutMs?: number;
  feedMaxBytes?: number;
  pageTimeoutMs?: number;
  pageMaxBytes?: number;
  /** New items handled per feed per poll: a feed's first poll must not hammer the publisher. */
  maxItemsPerPoll?: number;
}

export interface FeedPollReport {
  feed: string;
  publisher: string;
  result: 'ok' | 'not-modified' | 'failed';
  error: string | null;
  /** Corpus paths written, `articles/<id>.md`. */
  written: string[];
  duplicates: Array<{ url: string; existingId: string; reason: 'url' | 'text' }>;
  held: Array<{ url: string; title: string | null; reason: string }>;
  failed: Array<{ url: string; message: string }>;
}

/** The date the feed states for an item, as the publisher wrote it (not shifted to UTC). */
function feedDate(item: ReturnType<typeof parseFeed>['items'][number]): string | null {
  if (!item.published) return null;
  const element = ['pubdate', 'published', 'issued', 'date'].map((name) => item.element.findElementWithName(name)).find(Boolean);
  const raw = element?.textContentNormalized.replace(/^[A-Za-z]+,\s*/, '') ?? '';
  return parseDateText(raw) ?? item.published.toISOString().slice(0, 10);
}

export class FeedPoller {
  private readonly now: () => number;
  private readonly scheduler: Scheduler;
  private readonly states = new Map<string, FeedState>();
  private readonly abort = new AbortController();
  private corpusIndex: CorpusIndex | null;
  private ingesting: Promise<unknown> = Promise.resolve();
  private timer: unknown = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private constructor(private readonly options: FeedPollerOptions) {
    this.now = options.now ?? Date.now;
    this.scheduler = options.scheduler ?? realScheduler;
    this.corpusIndex = options.corpusIndex ?? null;
  }

  /** Loads the persisted state of every configured feed. */
  static async open(options: FeedPollerOptions): Promise<FeedPoller> {
    const poller = new FeedPoller(options);
    for (const feed of options.feeds) poller.states.set(feed.url, await options.store.get(feed.url));
    return poller;
  }

  status(): FeedStatus[] {
    return this.options.feeds.map((feed) => statusOf(feed, this.states.get(feed.url)));
  }

  /** Polls every feed now, whatever its schedule (`factbot feeds poll --once`). */
  pollAll(): Promise<FeedPollReport[]> {
    return this.exclusive(() => Promise.all(this.options.feeds.map((feed) => this.pollFeed(feed))));
  }

  /** Polls the feeds whose next attempt is due. */
  pollDue(): Promise<FeedPollReport[]> {
    return this.exclusive(() => {
      const due = this.options.feeds.filter((feed) => {
        const next = this.states.get(feed.url)?.nextAttemptAt;
        return !next || Date.parse(next) <= this.now();
      });
      return Promise.all(due.map((feed) => this.pollFeed(feed)));
    });
  }

  /** Polls due feeds now, then again whenever the next one is due, until stop(). */
  start(): void {
    if (this.stopped || this.options.feeds.length === 0) return;
    this.arm(0);
  }

  /** Stops the timer and in-flight feed requests; resolves when the current poll has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running.catch(() => {});
  }

  /** Resolves when the poll in progress (if any) has finished: for tests and orderly shutdown. */
  async idle(): Promise<void> {
    await this.running.catch(() => {});
  }

  private arm(delay: number): void {
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      // pollFeed reports its own failures; this catch only keeps the schedule alive if something else throws.
      void this.pollDue()
        .catch((error: unknown) => this.options.log.error({ error: (error as Error).message }, 'feed polling failed'))
        .then(() => {
          if (this.stopped) return;
          const next = Math.min(...this.options.feeds.map((feed) => Date.parse(this.states.get(feed.url)?.nextAttemptAt ?? '') || 0));
          this.arm(Math.max(0, next - this.now()));
        });
    }, delay);
  }

  /** One poll at a time: a timer firing during a manual poll waits instead of fetching twice. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.running.catch(() => {}).then(work);
    this.running = result;
    return result;
  }

  private async pollFeed(feed: FeedConfig): Promise<FeedPollReport> {
    const report: FeedPollReport = { feed: feed.url, publisher: feed.publisher, result: 'ok', error: null, written: [], duplicates: [], held: [], failed: [] };
    const state = structuredClone(this.states.get(feed.url) ?? (await this.options.store.get(feed.url)));
    const at = new Date(this.now()).toISOString();
    try {
      const answer = await fetchConditional(feed.url, {
        etag: state.etag,
        lastModified: state.lastModified,
        timeoutMs: this.options.feedTimeoutMs ?? FEED_TIMEOUT_MS,
        maxBytes: this.options.feedMaxBytes ?? FEED_MAX_BYTES,
        signal: this.abort.signal,
      });
      if (answer.status === 'not-modified') {
        report.result = 'not-modified';
      } else {
        let parsed: ReturnType<typeof parseFeed>;
        try {
          parsed = parseFeed(answer.text);
        } catch (error) {
          throw new Error(`not an RSS or Atom feed: ${(error as Error).message || 'no feed element found'}`);
        }
        await this.handleItems(feed, parsed.items, state, report);
        state.etag = answer.etag;
        state.lastModified = answer.lastModified;
      }
      state.lastSuccess = at;
      state.failures = 0;
      state.nextAttemptAt = new Date(this.now() + feed.intervalMinutes * 60_000).toISOString();
      this.options.log.info(
        { feed: feed.url, result: report.result, written: report.written.length, duplicates: report.duplicates.length, held: report.held.length, failed: report.failed.length },
        'feed polled',
      );
    } catch (error) {
      report.result = 'failed';
      report.error = (error as Error).message;
      state.lastError = { at, message: report.error };
      state.failures += 1;
      state.nextAttemptAt = new Date(this.now() + backoffMs(state.failures)).toISOString();
      this.options.log.warn({ feed: feed.url, error: report.error, failures: state.failures, nextAttemptAt: state.nextAttemptAt }, 'feed poll failed');
    }
    this.states.set(feed.url, state);
    try {
      await this.options.store.put(feed.url, state);
    } catch (error) {
      this.options.log.error({ feed: feed.url, error: (error as Error).message }, 'cannot save feed state');
    }
    return report;
  }

  private async handleItems(
    feed: FeedConfig,
    items: ReturnType<typeof parseFeed>['items'],
    state: FeedState,
    report: FeedPollReport,
  ): Promise<void> {
    this.corpusIndex ??= await CorpusIndex.load(this.options.corpusDir);
    const index = this.corpusIndex;
    const inFeed = new Set<string>();
    let handled = 0;
    // Feeds list newest first; ingest oldest first so a capped poll takes the backlog in order.
    for (const item of [...items].reverse()) {
      if (this.stopped) break;
      if (!item.url) continue;
      const key = normaliseUrl(item.url);
      inFeed.add(key);
      const date = feedDate(item);
      const earlier = state.seen[key];
      const retry =
        !earlier ||
        (earlier.outcome === 'failed' && earlier.attempts < MAX_PAGE_ATTEMPTS) ||
        (earlier.outcome === 'held' && date !== null);
      if (!retry) continue;
      if (handled >= (this.options.maxItemsPerPoll ?? 50)) break;
      handled++;
      const remember = (outcome: ItemOutcome, message: string | null) => {
        const attempts = earlier?.outcome === outcome ? earlier.attempts + 1 : 1;
        state.seen[key] = { outcome, at: new Date(this.now()).toISOString(), attempts, title: item.title, message };
      };
      // Known by URL already (an earlier poll, another feed, `factbot ingest`): no need to fetch the page.
      const known = index.find(item.url, []);
      if (known) {
        report.duplicates.push({ url: item.url, existingId: known.id, reason: known.reason });
        remember('duplicate', `already in the corpus as ${known.id} (same url)`);
        continue;
      }
      const outcome = await this.ingestItem(feed, item.url, date, index);
      if (outcome.status === 'written') {
        report.written.push(outcome.path);
        state.articles += 1;
        remember('ingested', outcome.id);
        this.options.log.info({ feed: feed.url, url: item.url, path: outcome.path }, 'feed article written');
      } else if (outcome.status === 'duplicate') {
        report.duplicates.push({ url: item.url, existingId: outcome.existingId, reason: outcome.reason });
        remember('duplicate', `already in the corpus as ${outcome.existingId} (same ${outcome.reason})`);
      } else if (outcome.status === 'failed' && date === null && /missing published date/.test(outcome.message)) {
        // Dates are never invented: without one from the feed or the page the item waits for an operator.
        const reason = 'no publication date in the feed item or on the page: held back (ingest it with --published)';
        report.held.push({ url: item.url, title: item.title, reason });
        remember('held', reason);
        this.options.log.warn({ feed: feed.url, url: item.url, title: item.title }, 'feed item held back: no date');
      } else if (outcome.status === 'failed') {
        report.failed.push({ url: item.url, message: outcome.message });
        remember('failed', outcome.message);
        this.options.log.warn({ feed: feed.url, url: item.url, error: outcome.message }, 'feed item not ingested');
      }
    }
    pruneSeen(state, inFeed);
  }

  private async ingestItem(feed: FeedConfig, url: string, published: string | null, index: CorpusIndex): Promise<IngestOutcome> {
    let document: Awaited<ReturnType<typeof fetchDocument>>;
    try {
      document = await fetchDocument(url, this.options.pageTimeoutMs, this.options.pageMaxBytes);
    } catch (error) {
      return { status: 'failed', input: url, problem: 'input', message: (error as Error).message };
    }
    // One ingestion at a time across feeds: between the duplicate check and the write there are
    // awaits, and two feeds carrying the same story must not both write it.
    const run = this.ingesting.then(() =>
      ingestSource(document, { corpusDir: this.options.corpusDir, publisher: feed.publisher, published, index }),
    );
    this.ingesting = run.catch(() => {});
    return run;
  }
}

/** Keeps what is still in the feed, plus the most recent others up to SEEN_LIMIT. */
function pruneSeen(state: FeedState, inFeed: ReadonlySet<string>): void {
  const others = Object.entries(state.seen)
    .filter(([key]) => !inFeed.has(key))
    .sort(([, a], [, b]) => b.at.localeCompare(a.at))
    .slice(SEEN_LIMIT);
  for (const [key] of others) delete state.seen[key];
}
