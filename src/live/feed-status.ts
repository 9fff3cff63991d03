// Each configured feed's status as the state file records it, for `factbot sources` and `feeds status`.
import { loadFeedsConfig } from './feeds-config.ts';
import { dataDir, JsonFeedStateStore, statusOf, type FeedStatus } from './feed-state.ts';
import type { CorpusProblem } from '../corpus/types.ts';

export async function readFeedStatuses(options: {
  corpusDir: string;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Default: FACTBOT_DATA_DIR, else ./data. */
  dataDir?: string;
  /** Told about a damaged state file. */
  warn?: (message: string) => void;
}): Promise<{ statuses: FeedStatus[]; problems: CorpusProblem[] }> {
  const config = await loadFeedsConfig(options.corpusDir, options.env, options.cwd);
  const store = JsonFeedStateStore.inDataDir(options.dataDir ?? dataDir(options.env, options.cwd), options.warn ?? (() => {}));
  const states = await store.all();
  return { statuses: config.feeds.map((feed) => statusOf(feed, states.get(feed.url))), problems: config.problems };
}
