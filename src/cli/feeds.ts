// `factbot feeds poll | status`: the RSS/Atom feeds for operators, outside a running bot.
import { createLogger } from '../chat/logger.ts';
import { formatProblem } from '../corpus/types.ts';
import { FeedPoller, type FeedPollReport } from '../live/feed-poller.ts';
import { dataDir as defaultDataDir, formatFeedStatus, JsonFeedStateStore } from '../live/feed-state.ts';
import { readFeedStatuses } from '../live/feed-status.ts';
import { feedsConfigPath, loadFeedsConfig } from '../live/feeds-config.ts';
import { corpusDir, parseOptions, UsageError, type CliIO, type Subcommand } from './io.ts';

const usage = `Usage: factbot feeds poll [--once] [options]
       factbot feeds status [--json] [options]

News feeds (RSS 2.0 and Atom) listed in <corpus>/feeds.yaml, or in the file FACTBOT_FEEDS names:

  feeds:
    - url: https://example.com/world/rss.xml
      publisher: Example News       # the articles' publisher
      interval_minutes: 30          # default 30, at least 1

Each new item's page is fetched and its article extracted like \`factbot ingest <url>\` does, then
written to <corpus>/articles/. Items already in the corpus (same url, or the same text under another
url) are skipped. Dates come from the feed or the page, never invented: an item with neither is held
back and reported (ingest it by hand with --published). A running bot polls the same feeds itself
and picks up new files at once; run \`feeds poll\` only where no bot runs (e.g. from cron with --once),
since both would share one state file.

  poll           poll each feed when due, until interrupted (Ctrl-C)
    --once       poll every feed once now, print what happened, and exit
  status         last success, last error and articles written, per feed
    --json       the same as JSON

Options:
  --corpus DIR   the corpus folder (default: $FACTBOT_CORPUS or ./corpus)
  --data DIR     where feed state is kept (default: $FACTBOT_DATA_DIR or ./data)

Exit status: 0 all well; 1 a feed failed, an item was held back or failed, or feeds.yaml has
problems; 2 bad usage.`;

function describeReport(report: FeedPollReport): string[] {
  const head = `${report.publisher} (${report.feed}):`;
  if (report.result === 'failed') return [`${head} failed: ${report.error}`];
  if (report.result === 'not-modified') return [`${head} not modified`];
  const lines = [
    `${head} ${report.written.length} written, ${report.duplicates.length} already in the corpus, ${report.held.length} held back, ${report.failed.length} failed`,
  ];
  for (const path of report.written) lines.push(`  wrote ${path}`);
  for (const d of report.duplicates) lines.push(`  skipped ${d.url}: already in the corpus as ${d.existingId} (same ${d.reason})`);
  for (const h of report.held) lines.push(`  held back ${h.url}: ${h.reason}`);
  for (const f of report.failed) lines.push(`  failed ${f.url}: ${f.message}`);
  return lines;
}

export const feedsCommand: Subcommand = {
  name: 'feeds',
  summary: 'poll the RSS/Atom feeds into the corpus, or show their status',
  usage,
  async run(args, io: CliIO) {
    const { values, positionals } = parseOptions(args, {
      once: { type: 'boolean' },
      json: { type: 'boolean' },
      corpus: { type: 'string' },
      data: { type: 'string' },
    });
    const action = positionals[0];
    if (action !== 'poll' && action !== 'status') throw new UsageError(action ? `unknown action '${action}' (poll or status)` : 'name an action: poll or status');
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
    if (values.once && action !== 'poll') throw new UsageError('--once goes with poll');
    if (values.json && action !== 'status') throw new UsageError('--json goes with status');

    const dir = corpusDir(values.corpus, io);
    const config = await loadFeedsConfig(dir, io.env, io.cwd);
    for (const problem of config.problems) io.err(formatProblem(problem));
    let status = config.problems.length > 0 ? 1 : 0;
    if (action === 'status') {
      const { statuses } = await readFeedStatuses({ corpusDir: dir, env: io.env, cwd: io.cwd, dataDir: values.data, warn: (message) => io.err(message) });
      io.out(values.json ? JSON.stringify(statuses, null, 2) : formatFeedStatus(statuses));
      return status;
    }
    if (config.feeds.length === 0) {
      io.out(`no feeds to poll: list them in ${feedsConfigPath(dir, io.env, io.cwd)}`);
      return status;
    }
    // JSON log lines go to stderr: by default only while polling continuously (with --once the summary
    // below says it all; LOG_LEVEL overrides).
    const log = createLogger({ env: io.env, fallbackLevel: values.once ? 'silent' : 'info', destination: { write: (line: string) => io.err(line) } });
    const store = JsonFeedStateStore.inDataDir(values.data ?? defaultDataDir(io.env, io.cwd), (message) => io.err(message));
    const poller = await FeedPoller.open({ feeds: config.feeds, corpusDir: dir, store, log });
    if (values.once) {
      for (const report of await poller.pollAll()) {
        for (const line of describeReport(report)) (report.result === 'failed' ? io.err : io.out)(line);
        if (report.result === 'failed' || report.held.length > 0 || report.failed.length > 0) status = 1;
      }
      return status;
    }
    io.out(`polling ${config.feeds.length} feed(s); Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void poller.stop().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      poller.start();
    });
    io.out(formatFeedStatus(poller.status()));
    return status;
  },
};
