// The three doors end to end, against a running index: a file dropped into corpus/, `factbot ingest
// <url>`, and a feed. Each must become findable with quote without a restart.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatFeedStatus, startLiveCorpus, type LiveCorpus } from '../../src/live/index.ts';
import { openIndex } from '../../src/search/open-index.ts';
import type { SentenceIndex } from '../../src/search/sentence-index.ts';
import { runCli } from '../helpers/cli.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';
import { articlePage, HTML_TYPE, NewsSite, rssFeed, RSS_TYPE } from '../fakes/news-site.ts';
import { ManualClock, ManualScheduler, recordingLogger, tempDir } from './helpers.ts';

const FERRY = [
  'A ferry carrying two hundred passengers ran aground near the port of Chornomorsk on Sunday evening.',
  'Nobody was hurt, the regional governor said, and the passengers were taken ashore by lifeboats.',
];
const BRIDGE = ['Engineers reopened the Kerch road bridge to light traffic on Monday after three weeks of repairs.'];

let site: NewsSite;
let corpus: string;
let index: SentenceIndex;
let live: LiveCorpus;
let scheduler: ManualScheduler;

async function within(ms: number, found: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await found()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const hits = async (query: string) => (await index.quote(query)).results;

beforeEach(async () => {
  site = await new NewsSite().start();
  site
    .route('/rss.xml', {
      headers: RSS_TYPE,
      body: rssFeed('Coast News', [
        { title: 'Ferry (copy)', link: site.url('/syndicated/ferry.html'), date: 'Mon, 17 Jun 2024 08:00:00 +0000' },
        { title: 'Bridge', link: site.url('/news/bridge.html'), date: 'Mon, 17 Jun 2024 07:00:00 +0000' },
      ]),
    })
    .route('/news/bridge.html', { headers: HTML_TYPE, body: articlePage({ title: 'Kerch bridge reopens', paragraphs: BRIDGE }) })
    .route('/syndicated/ferry.html', { headers: HTML_TYPE, body: articlePage({ title: 'Ferry aground', paragraphs: FERRY }) })
    .route('/story/ferry.html', { headers: HTML_TYPE, body: articlePage({ title: 'Ferry runs aground', paragraphs: FERRY, published: '2024-06-16T19:00:00Z' }) });
  corpus = await tempCorpus({
    'articles/kozak.md': articleText(),
    'feeds.yaml': `feeds:\n  - url: ${site.url('/rss.xml')}\n    publisher: Coast News\n    interval_minutes: 20\n`,
  });
  const cacheDir = await tempDir('cache');
  ({ index } = await openIndex({ corpusDir: corpus, cacheDir }));
  scheduler = new ManualScheduler();
  live = await startLiveCorpus({
    corpusDir: corpus, dataDir: await tempDir('data'), index, log: recordingLogger().log, now: new ManualClock().now,
    scheduler, env: {}, cacheDir,
  });
});
afterEach(async () => {
  await live.stop();
  await site.close();
});

describe('a running bot', () => {
  it('picks up `factbot ingest <url>` without a restart', async () => {
    const run = await runCli(['ingest', site.url('/story/ferry.html'), '--corpus', corpus, '--publisher', 'Coast News']);
    expect(run.code).toBe(0);
    expect(await within(2000, async () => (await hits('ferry aground Chornomorsk')).length > 0)).toBe(true);
    expect((await hits('ferry aground Chornomorsk'))[0]).toMatchObject({ text: FERRY[0], article: { publisher: 'Coast News', published: '2024-06-16' } });
  });

  it('indexes new feed articles, and skips a feed copy of a story that arrived as a dropped file', async () => {
    // The story arrives first by hand, under its original address.
    await writeFile(
      join(corpus, 'articles', 'ferry.md'),
      articleText({ title: 'Ferry runs aground', url: site.url('/story/ferry.html') }, FERRY.join('\n\n')),
    );
    expect(await within(2000, async () => (await hits('ferry aground')).length > 0)).toBe(true);

    // The first scheduled poll runs at once; the next timer is armed when it is done.
    expect((await scheduler.armed()).ms).toBe(0);
    scheduler.fire();
    expect((await scheduler.armed()).ms).toBe(20 * 60_000);

    expect(await within(2000, async () => (await hits('Kerch light traffic')).length > 0)).toBe(true);
    expect((await hits('Kerch light traffic'))[0]).toMatchObject({ text: BRIDGE[0], article: { publisher: 'Coast News', published: '2024-06-17' } });
    // The syndicated copy was recognised by its text: one ferry article, the hand-dropped one.
    expect((await readdir(join(corpus, 'articles'))).sort()).toEqual(['2024-06-17-coast-news-kerch-bridge-reopens.md', 'ferry.md', 'kozak.md']);
    expect(new Set((await hits('ferry aground')).map((h) => h.article.id))).toEqual(new Set(['ferry']));

    const [status] = live.feedStatus();
    expect(status).toMatchObject({ publisher: 'Coast News', articles: 1, failures: 0, lastError: null, lastSuccess: '2024-06-20T12:00:00.000Z' });
    expect(formatFeedStatus(live.feedStatus())).toContain('last success: 2024-06-20 12:00 UTC; articles: 1');
  });
});

describe('factbot feeds', () => {
  it('polls once and shows the status, in text and JSON', async () => {
    const cliCorpus = await tempCorpus({ 'feeds.yaml': `feeds:\n  - url: ${site.url('/rss.xml')}\n    publisher: Coast News\n  - url: ${site.url('/missing.xml')}\n    publisher: Gone\n` });
    const env = { FACTBOT_DATA_DIR: await tempDir('cli-data') };
    const poll = await runCli(['feeds', 'poll', '--once', '--corpus', cliCorpus], { env });
    expect(poll.code).toBe(1);
    expect(poll.stdout).toContain(`Coast News (${site.url('/rss.xml')}): 2 written, 0 already in the corpus, 0 held back, 0 failed`);
    expect(poll.stderr).toContain(`Gone (${site.url('/missing.xml')}): failed: HTTP error 404 Not Found`);

    const status = await runCli(['feeds', 'status', '--json', '--corpus', cliCorpus], { env });
    expect(status.code).toBe(0);
    const statuses = JSON.parse(status.stdout) as Array<{ publisher: string; articles: number; lastError: { message: string } | null }>;
    expect(statuses.map((s) => [s.publisher, s.articles, s.lastError?.message ?? null])).toEqual([
      ['Coast News', 2, null],
      ['Gone', 0, 'HTTP error 404 Not Found'],
    ]);
    expect((await runCli(['feeds', 'status', '--corpus', cliCorpus], { env })).stdout).toContain('last error:');
    expect((await runCli(['feeds', 'status', '--once'], { env })).code).toBe(2);
  });
});
