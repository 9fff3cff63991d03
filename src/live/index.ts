// The live corpus of a running bot: the folder watcher (files dropped in, `factbot ingest`, feed
// articles all arrive as files) plus the feed poller. The bot calls startLiveCorpus after openIndex
// and stop() on shutdown; `/sources` and `factbot sources` show feedStatus() via formatFeedStatus.
import { CorpusIndex } from '../corpus/ingest.ts';
import { formatProblem, type CorpusProblem } from '../corpus/types.ts';
import type { SearchBackend } from '../search/backend.ts';
import { openIndex } from '../search/open-index.ts';
import { FeedPoller, type LiveLog, type Scheduler } from './feed-poller.ts';
import { JsonFeedStateStore, type FeedStateStore, type FeedStatus } from './feed-state.ts';
import { loadFeedsConfig, type FeedConfig } from './feeds-config.ts';
import { watchCorpus, type CorpusChange, type CorpusWatcher } from './watch-corpus.ts';

export { formatFeedStatus, statusOf, type FeedStatus } from './feed-state.ts';
export type { FeedConfig } from './feeds-config.ts';
export type { CorpusChange } from './watch-corpus.ts';

export interface LiveCorpusOptions {
  corpusDir: string;
  /** FACTBOT_DATA_DIR: where feed state is kept. */
  dataDir: string;
  index: SearchBackend;
  log: LiveLog;
  now?: () => number;
  /** Timers of the feed poller (tests pass a manual one). */
  scheduler?: Scheduler;
  /** For FACTBOT_FEEDS. Default process.env / process.cwd(). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** The feeds to poll instead of those in the configuration. */
  feeds?: FeedConfig[];
  store?: FeedStateStore;
  /** The snapshot folder given to openIndex; the background refresh writes there. */
  cacheDir?: string;
  /**
   * Writes a fresh index snapshot after changes. Default: openIndex over the corpus, which updates
   * the snapshot incrementally from the files on disk (the running index is not touched). null: never.
   */
  refreshSnapshot?: (() => Promise<void>) | null;
  watch?: { debounceMs?: number; snapshotDelayMs?: number; usePolling?: boolean };
  onChange?: (change: CorpusChange) => void;
  /** Feed timeouts and caps (tests make them small). */
  feedLimits?: { feedTimeoutMs?: number; feedMaxBytes?: number; pageTimeoutMs?: number; pageMaxBytes?: number };
}

export interface LiveCorpus {
  feedStatus(): FeedStatus[];
  /** Problems of the feed configuration (`path:line: message`), also logged at start. */
  feedProblems: CorpusProblem[];
  /** Stops polling and watching; resolves when in-flight work has finished. */
  stop(): Promise<void>;
}

export async function startLiveCorpus(options: LiveCorpusOptions): Promise<LiveCorpus> {
  const { corpusDir, log } = options;
  const config = options.feeds
    ? { feeds: options.feeds, problems: [] }
    : await loadFeedsConfig(corpusDir, options.env ?? process.env, options.cwd ?? process.cwd());
  for (const problem of config.problems) log.warn({ problem: formatProblem(problem) }, 'feed configuration problem: entry skipped');

  // Shared by the poller's dedupe and the watcher, so a story that arrived as a dropped file or via
  // `factbot ingest` is not fetched again from a feed.
  const corpusIndex = config.feeds.length > 0 ? await CorpusIndex.load(corpusDir) : null;
  const refreshSnapshot =
    options.refreshSnapshot === undefined
      ? async () => void (await openIndex({ corpusDir, cacheDir: options.cacheDir }))
      : (options.refreshSnapshot ?? undefined);

  const watcher: CorpusWatcher = await watchCorpus({
    corpusDir,
    index: options.index,
    log,
    refreshSnapshot,
    debounceMs: options.watch?.debounceMs,
    snapshotDelayMs: options.watch?.snapshotDelayMs,
    usePolling: options.watch?.usePolling,
    onChange: (change) => {
      for (const article of change.upserted) corpusIndex?.add(article.id, article.url, article.blocks);
      options.onChange?.(change);
    },
  });

  let poller: FeedPoller | null = null;
  if (config.feeds.length > 0) {
    const store = options.store ?? JsonFeedStateStore.inDataDir(options.dataDir, (message) => log.warn({ problem: message }, 'feed state problem'));
    poller = await FeedPoller.open({
      feeds: config.feeds,
      corpusDir,
      store,
      log,
      now: options.now,
      scheduler: options.scheduler,
      corpusIndex: corpusIndex ?? undefined,
      ...options.feedLimits,
    });
    poller.start();
    log.info({ feeds: config.feeds.length }, 'polling news feeds');
  }

  return {
    feedStatus: () => poller?.status() ?? [],
    feedProblems: config.problems,
    async stop() {
      await poller?.stop();
      await watcher.close();
    },
  };
}
