// What the feed poller remembers between polls and across restarts: validators for conditional
// requests, outcomes, backoff, and the items already handled (so a page is fetched once, not every poll).
//
// Stored behind FeedStateStore so it can move to SQLite or PostgreSQL without touching the poller;
// today it is one small JSON file in FACTBOT_DATA_DIR (default ./data).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type ItemOutcome = 'ingested' | 'duplicate' | 'held' | 'failed';

export interface SeenItem {
  outcome: ItemOutcome;
  /** ISO time of the last attempt. */
  at: string;
  /** Attempts so far: a failed page is retried a few times, then left alone. */
  attempts: number;
  title: string | null;
  /** Why it is held back or failed, or which article it became / duplicates. */
  message: string | null;
}

export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  /** ISO times. */
  lastSuccess: string | null;
  lastError: { at: string; message: string } | null;
  /** Corpus files written from this feed, ever. */
  articles: number;
  /** Consecutive failed polls; 0 after a success. Drives the backoff. */
  failures: number;
  nextAttemptAt: string | null;
  /** Normalised item URL → what became of it. */
  seen: Record<string, SeenItem>;
}

export function emptyFeedState(): FeedState {
  return { etag: null, lastModified: null, lastSuccess: null, lastError: null, articles: 0, failures: 0, nextAttemptAt: null, seen: {} };
}

export interface FeedStateStore {
  /** Every feed's state, keyed by feed URL. */
  all(): Promise<Map<string, FeedState>>;
  get(feedUrl: string): Promise<FeedState>;
  put(feedUrl: string, state: FeedState): Promise<void>;
}

export const FEED_STATE_FILE = 'feeds-state.json';
const VERSION = 1;

/** FACTBOT_DATA_DIR, else ./data. */
export function dataDir(env: Record<string, string | undefined>, cwd: string): string {
  return resolve(cwd, env.FACTBOT_DATA_DIR?.trim() || 'data');
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0);
const OUTCOMES: readonly string[] = ['ingested', 'duplicate', 'held', 'failed'];

/** Takes what is usable from a stored record: a hand-edited or older file must not crash the poller. */
function readState(raw: unknown): FeedState {
  const record = (raw ?? {}) as Record<string, unknown>;
  const error = record.lastError as Record<string, unknown> | null | undefined;
  const seen: Record<string, SeenItem> = {};
  for (const [url, value] of Object.entries((record.seen ?? {}) as Record<string, unknown>)) {
    const item = (value ?? {}) as Record<string, unknown>;
    if (!OUTCOMES.includes(String(item.outcome))) continue;
    seen[url] = {
      outcome: item.outcome as ItemOutcome,
      at: str(item.at) ?? new Date(0).toISOString(),
      attempts: Math.max(1, count(item.attempts)),
      title: str(item.title),
      message: str(item.message),
    };
  }
  return {
    etag: str(record.etag),
    lastModified: str(record.lastModified),
    lastSuccess: str(record.lastSuccess),
    lastError: error && typeof error.message === 'string' ? { at: str(error.at) ?? '', message: error.message } : null,
    articles: count(record.articles),
    failures: count(record.failures),
    nextAttemptAt: str(record.nextAttemptAt),
    seen,
  };
}

/** A JSON file, rewritten whole on each change (it stays small: a few hundred items per feed). */
export class JsonFeedStateStore implements FeedStateStore {
  private states: Map<string, FeedState> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    /** Told about a state file that cannot be read; the store then starts empty. */
    private readonly onProblem: (message: string) => void = () => {},
  ) {}

  static inDataDir(dir: string, onProblem?: (message: string) => void): JsonFeedStateStore {
    return new JsonFeedStateStore(join(dir, FEED_STATE_FILE), onProblem);
  }

  async all(): Promise<Map<string, FeedState>> {
    if (this.states) return this.states;
    const states = new Map<string, FeedState>();
    let text: string | null = null;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onProblem(`${this.path}: cannot read: ${(error as Error).message}`);
    }
    if (text !== null) {
      try {
        const parsed = JSON.parse(text) as { version?: unknown; feeds?: Record<string, unknown> };
        if (parsed.version !== VERSION || typeof parsed.feeds !== 'object' || parsed.feeds === null) throw new Error(`not a version ${VERSION} feed state file`);
        for (const [url, raw] of Object.entries(parsed.feeds)) states.set(url, readState(raw));
      } catch (error) {
        // Losing the state costs re-fetching pages (dedupe keeps the corpus right); keep the file to look at.
        this.onProblem(`${this.path}: ${(error as Error).message}; starting with empty feed state (old file kept as ${this.path}.corrupt)`);
        await rename(this.path, `${this.path}.corrupt`).catch(() => {});
      }
    }
    // Another call may have finished loading while this one waited on the disk.
    this.states ??= states;
    return this.states;
  }

  async get(feedUrl: string): Promise<FeedState> {
    const state = (await this.all()).get(feedUrl);
    return state ? structuredClone(state) : emptyFeedState();
  }

  async put(feedUrl: string, state: FeedState): Promise<void> {
    (await this.all()).set(feedUrl, structuredClone(state));
    // Writes are chained so two feeds finishing together cannot interleave their renames.
    const write = this.writing.then(() => this.write());
    this.writing = write.catch(() => {});
    return write;
  }

  private async write(): Promise<void> {
    const feeds = Object.fromEntries([...(this.states ?? new Map<string, FeedState>())].sort(([a], [b]) => a.localeCompare(b)));
    await mkdir(dirname(this.path), { recursive: true });
    // Write then rename: a crash mid-write leaves the previous file, never half of one.
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify({ version: VERSION, feeds }, null, 2)}\n`);
    await rename(temp, this.path);
  }
}

/** One feed as `/sources` and `factbot sources` show it. */
export interface FeedStatus {
  url: string;
  publisher: string;
  intervalMinutes: number;
  /** ISO times, null when it never happened. */
  lastSuccess: string | null;
  lastError: { at: string; message: string } | null;
  /** Corpus files written from this feed. */
  articles: number;
  /** Items waiting for a date an operator must supply. */
  held: number;
  /** Items whose page could not be fetched or ingested (retried a few times). */
  failedItems: number;
  /** Consecutive failed polls (0 when the last poll worked). */
  failures: number;
  nextAttemptAt: string | null;
}

export function statusOf(feed: { url: string; publisher: string; intervalMinutes: number }, state: FeedState = emptyFeedState()): FeedStatus {
  const items = Object.values(state.seen);
  return {
    url: feed.url,
    publisher: feed.publisher,
    intervalMinutes: feed.intervalMinutes,
    lastSuccess: state.lastSuccess,
    lastError: state.lastError,
    articles: state.articles,
    held: items.filter((item) => item.outcome === 'held').length,
    failedItems: items.filter((item) => item.outcome === 'failed').length,
    failures: state.failures,
    nextAttemptAt: state.nextAttemptAt,
  };
}

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

/** Plain text, one block per feed, for a chat reply or a terminal. */
export function formatFeedStatus(statuses: readonly FeedStatus[]): string {
  if (statuses.length === 0) return 'No feeds configured (list them in corpus/feeds.yaml or the file FACTBOT_FEEDS names).';
  return statuses
    .map((s) => {
      const lines = [`${s.publisher}: ${s.url} (every ${s.intervalMinutes} min)`];
      const counts = [`articles: ${s.articles}`];
      if (s.held > 0) counts.push(`held back (no date): ${s.held}`);
      if (s.failedItems > 0) counts.push(`pages failed: ${s.failedItems}`);
      lines.push(`  last success: ${when(s.lastSuccess)}; ${counts.join('; ')}`);
      if (s.lastError) {
        const streak = s.failures > 0 ? ` (${s.failures} failure${s.failures === 1 ? '' : 's'} in a row; next try ${when(s.nextAttemptAt)})` : '';
        lines.push(`  last error: ${when(s.lastError.at)}: ${s.lastError.message}${streak}`);
      }
      return lines.join('\n');
    })
    .join('\n');
}
