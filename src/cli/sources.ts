// `factbot sources`: what the corpus covers — articles, publishers, date range, sentence count.
import type { Article } from '../corpus/types.ts';
import type { CorpusStats } from '../search/types.ts';
import { formatProblem } from '../corpus/types.ts';
import { formatFeedStatus, type FeedStatus } from '../live/feed-state.ts';
import { readFeedStatuses } from '../live/feed-status.ts';
import { corpusDir, parseOptions, UsageError, type CliIO, type Subcommand } from './io.ts';
import { openCliIndex } from './quote.ts';

/** One article in the `--json` output. */
export interface SourceEntry {
  id: string;
  published: string;
  dateInferred: boolean;
  publisher: string;
  title: string;
  url: string | null;
  sentences: number;
}

/** The `--json` output: the coverage figures and every article, newest first. */
export interface SourcesReport {
  stats: CorpusStats;
  articles: SourceEntry[];
  /** Each configured feed: last success, last error, articles (empty when none are configured). */
  feeds: FeedStatus[];
}

export function formatSources(report: SourcesReport): string {
  const { stats, articles } = report;
  const range = stats.firstDate ? `, ${stats.firstDate} to ${stats.lastDate}` : '';
  const lines = [
    `${stats.articles} article${stats.articles === 1 ? '' : 's'}, ${stats.sentences} sentence${stats.sentences === 1 ? '' : 's'}${range}`,
    `Publishers: ${stats.publishers.length > 0 ? stats.publishers.join(', ') : 'none'}`,
  ];
  if (articles.length > 0) lines.push('');
  const publisherWidth = Math.min(30, Math.max(...articles.map((a) => a.publisher.length), 0));
  for (const a of articles) {
    const date = (a.published || 'no date').padEnd(10) + (a.dateInferred ? '~' : ' ');
    lines.push(`${date} ${a.publisher.padEnd(publisherWidth)}  ${a.title}  [${a.id}]`);
  }
  if (articles.some((a) => a.dateInferred)) lines.push('', '~ date inferred from the content, not stated by the source');
  if (report.feeds.length > 0) lines.push('', 'Feeds:', formatFeedStatus(report.feeds));
  return lines.join('\n');
}

async function sourceEntry(article: Article, sentencesOf: (id: string) => Promise<readonly unknown[] | null>): Promise<SourceEntry> {
  return {
    id: article.id,
    published: article.published,
    dateInferred: article.dateInferred,
    publisher: article.publisher,
    title: article.title,
    url: article.url,
    sentences: (await sentencesOf(article.id))?.length ?? 0,
  };
}

async function runSources(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(args, { corpus: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const { index } = await openCliIndex(values.corpus, io);
  const articles = await Promise.all((await index.articles()).map((a) => sourceEntry(a, (id) => index.sentencesOf(id))));
  const dir = corpusDir(values.corpus, io);
  const { statuses: feeds, problems } = await readFeedStatuses({ corpusDir: dir, env: io.env, cwd: io.cwd, warn: (message) => io.err(message) });
  for (const problem of problems) io.err(`warning: ${formatProblem(problem)}`);
  const report: SourcesReport = { stats: await index.stats(), articles, feeds };
  io.out(values.json ? JSON.stringify(report) : formatSources(report));
  return 0;
}

export const sourcesCommand: Subcommand = {
  name: 'sources',
  summary: 'What the corpus covers: articles, publishers, date range, sentence count',
  usage: [
    'Usage: factbot sources [--corpus DIR] [--json]',
    '',
    'Lists every article, newest first: date, publisher, title and id (the part of every sentence id',
    'before the #), after a summary of publishers, date range and sentence count.',
    '  --corpus DIR   the corpus folder (default: $FACTBOT_CORPUS, else ./corpus)',
    '  --json         {"stats": {articles, publishers, sentences, firstDate, lastDate}, "articles": [...],',
    '                  "feeds": [{url, publisher, intervalMinutes, lastSuccess, lastError, articles, …}]}',
    'Each feed of <corpus>/feeds.yaml (or FACTBOT_FEEDS) is listed with its last success, last error and',
    'article count, as recorded in FACTBOT_DATA_DIR.',
  ].join('\n'),
  run: runSources,
};
