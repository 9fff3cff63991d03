import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/corpus/article-file.ts';
import { backoffMs, FeedPoller, type FeedPollReport } from '../../src/live/feed-poller.ts';
import { JsonFeedStateStore } from '../../src/live/feed-state.ts';
import type { FeedConfig } from '../../src/live/feeds-config.ts';
import { articlePage, atomFeed, ATOM_TYPE, HTML_TYPE, NewsSite, rssFeed, RSS_TYPE } from '../fakes/news-site.ts';
import { ManualClock, ManualScheduler, recordingLogger, tempDir } from './helpers.ts';

const GRAIN = [
  'Ukraine shipped a record four million tonnes of grain through its Black Sea ports in May, the agriculture ministry said on Friday.',
  'Officials said the corridor had operated without interruption for six weeks despite repeated drone attacks on Odesa.',
];
const DATED_PAGE = ['The city council of Lviv approved a new budget for school repairs on Wednesday after a long debate.'];
const UNDATED = ['Residents of the village said the bridge had been closed for repairs since early spring without any notice.'];
const PORT = ['The port of Izmail handled more cargo in the first half of the month than in the whole of last year, its director said.'];

let site: NewsSite;
let corpus: string;
let data: string;
let clock: ManualClock;

beforeEach(async () => {
  site = await new NewsSite().start();
  corpus = await tempDir('corpus');
  data = await tempDir('data');
  clock = new ManualClock();
});
afterEach(() => site.close());

function feed(path: string, publisher: string, intervalMinutes = 30): FeedConfig {
  return { url: site.url(path), publisher, intervalMinutes };
}

async function open(feeds: FeedConfig[], extra: Partial<Parameters<typeof FeedPoller.open>[0]> = {}) {
  const { log, lines } = recordingLogger();
  const poller = await FeedPoller.open({
    feeds, corpusDir: corpus, store: JsonFeedStateStore.inDataDir(data), log, now: clock.now, ...extra,
  });
  return { poller, lines };
}

async function corpusFile(path: string) {
  return parseArticleFile(path, await readFile(join(corpus, path), 'utf8'));
}

async function articleFiles(): Promise<string[]> {
  return (await readdir(join(corpus, 'articles')).catch(() => [] as string[])).sort();
}

function byFeed(reports: FeedPollReport[], path: string): FeedPollReport {
  const report = reports.find((r) => r.feed === site.url(path));
  if (!report) throw new Error(`no report for ${path}`);
  return report;
}

describe('polling RSS 2.0 and Atom feeds', () => {
  let rssBody = '';
  beforeEach(() => {
    // Newest first, as feeds are written.
    rssBody = rssFeed('Local Gazette', [
      { title: 'Too big', link: site.url('/news/huge.html'), date: 'Tue, 18 Jun 2024 09:00:00 +0000' },
      { title: 'Gone', link: site.url('/news/gone.html'), date: 'Tue, 18 Jun 2024 08:00:00 +0000' },
      { title: 'Grain (mirror)', link: site.url('/mirror/grain-copy.html'), date: 'Mon, 17 Jun 2024 10:00:00 +0000' },
      { title: 'Bridge closed', link: site.url('/news/undated.html') },
      { title: 'Lviv budget', link: site.url('/news/page-dated.html') },
      // 01:30 at +03:00 is still the 14th in UTC: the stored date must be the one the publisher wrote.
      { title: 'Grain record', link: site.url('/news/grain.html'), date: 'Sat, 15 Jun 2024 01:30:00 +0300' },
    ]);
    site
      .route('/rss.xml', { headers: RSS_TYPE, etag: '"rss-v1"', lastModified: 'Thu, 20 Jun 2024 11:00:00 GMT', body: rssBody })
      .route('/news/grain.html', { headers: HTML_TYPE, body: articlePage({ title: 'Grain exports hit a record', paragraphs: GRAIN }) })
      .route('/mirror/grain-copy.html', { headers: HTML_TYPE, body: articlePage({ title: 'Record grain exports (republished)', paragraphs: GRAIN }) })
      .route('/news/undated.html', { headers: HTML_TYPE, body: articlePage({ title: 'Bridge closed', paragraphs: UNDATED }) })
      .route('/news/page-dated.html', { headers: HTML_TYPE, body: articlePage({ title: 'Lviv budget passed', paragraphs: DATED_PAGE, published: '2024-06-12T08:00:00Z' }) })
      .route('/news/gone.html', { status: 500, headers: HTML_TYPE, body: 'oops' })
      .route('/news/huge.html', { headers: HTML_TYPE, chunked: 4096, body: articlePage({ title: 'Huge', paragraphs: Array(400).fill(GRAIN[0]!) }) })
      .route('/atom.xml', {
        headers: ATOM_TYPE,
        body: atomFeed('Atom Daily', [
          { title: 'Izmail port', link: site.url('/atom/port.html'), date: '2024-06-16T23:10:00+02:00' },
          // The RSS story again, with tracking parameters: the same URL once normalised.
          { title: 'Grain', link: site.url('/news/grain.html?utm_source=atom'), date: '2024-06-15T00:00:00Z' },
        ]),
      })
      .route('/atom/port.html', { headers: HTML_TYPE, body: articlePage({ title: 'Izmail port busier than ever', paragraphs: PORT }) });
  });

  it('writes new articles cleaned, skips copies, holds back undated items and reports failed pages', async () => {
    const { poller, lines } = await open([feed('/rss.xml', 'Local Gazette')], { pageMaxBytes: 20_000 });
    const [report] = await poller.pollAll();

    expect(report!.result).toBe('ok');
    expect(await articleFiles()).toHaveLength(2);
    expect(report!.written).toHaveLength(2);

    const grain = await corpusFile(report!.written[0]!);
    expect(grain.problems).toEqual([]);
    expect(grain.meta).toMatchObject({ title: 'Grain exports hit a record', publisher: 'Local Gazette', published: '2024-06-15', dateInferred: false, url: site.url('/news/grain.html') });
    expect(grain.blocks.map((b) => b.text)).toEqual(GRAIN);

    // No date in the feed: the page's own date is used.
    const lviv = await corpusFile(report!.written[1]!);
    expect(lviv.meta).toMatchObject({ title: 'Lviv budget passed', published: '2024-06-12' });
    expect(lviv.blocks.map((b) => b.text)).toEqual(DATED_PAGE);

    expect(report!.duplicates).toEqual([{ url: site.url('/mirror/grain-copy.html'), existingId: basename(report!.written[0]!, '.md'), reason: 'text' }]);
    expect(report!.held).toEqual([{ url: site.url('/news/undated.html'), title: 'Bridge closed', reason: expect.stringMatching(/no publication date/) }]);
    expect(report!.failed).toEqual([
      { url: site.url('/news/gone.html'), message: 'HTTP error 500 Internal Server Error' },
      { url: site.url('/news/huge.html'), message: expect.stringMatching(/larger than/) },
    ]);
    expect(lines.some((l) => l.msg === 'feed item held back: no date' && l.url === site.url('/news/undated.html'))).toBe(true);

    expect(poller.status()).toEqual([
      expect.objectContaining({ articles: 2, held: 1, failedItems: 2, failures: 0, lastError: null, lastSuccess: '2024-06-20T12:00:00.000Z' }),
    ]);
  });

  it('remembers validators and handled items across a restart, and dedupes across feeds by URL', async () => {
    const first = await open([feed('/rss.xml', 'Local Gazette')], { pageMaxBytes: 20_000 });
    await first.poller.pollAll();
    const pagesFetched = site.requests.filter((r) => r.path.startsWith('/news/')).length;

    // A new process: state comes from the JSON file in the data folder.
    clock.advance(31 * 60_000);
    const second = await open([feed('/rss.xml', 'Local Gazette'), feed('/atom.xml', 'Atom Daily', 60)]);
    expect(second.poller.status()[0]).toMatchObject({ articles: 2, held: 1 });
    const reports = await second.poller.pollDue();

    const rssRequests = site.hits('/rss.xml');
    expect(rssRequests).toHaveLength(2);
    expect(rssRequests[1]!.headers['if-none-match']).toBe('"rss-v1"');
    expect(rssRequests[1]!.headers['if-modified-since']).toBe('Thu, 20 Jun 2024 11:00:00 GMT');
    expect(byFeed(reports, '/rss.xml').result).toBe('not-modified');

    const atom = byFeed(reports, '/atom.xml');
    expect(atom.written).toHaveLength(1);
    expect((await corpusFile(atom.written[0]!)).meta).toMatchObject({ publisher: 'Atom Daily', published: '2024-06-16' });
    expect(atom.duplicates).toEqual([{ url: site.url('/news/grain.html?utm_source=atom'), existingId: expect.any(String), reason: 'url' }]);
    // Known by URL: the page was not fetched again.
    expect(site.requests.filter((r) => r.path.startsWith('/news/')).length).toBe(pagesFetched);
    expect(await articleFiles()).toHaveLength(3);
  });

  it('retries a failed page on a later poll and does not refetch handled ones', async () => {
    const { poller } = await open([feed('/rss.xml', 'Local Gazette')], { pageMaxBytes: 20_000 });
    await poller.pollAll();
    site.route('/news/gone.html', { headers: HTML_TYPE, body: articlePage({ title: 'Back again', paragraphs: PORT }) });
    site.route('/rss.xml', { headers: RSS_TYPE, etag: '"rss-v2"', body: rssBody });
    const before = site.hits('/news/grain.html').length;
    const [report] = await poller.pollAll();
    expect(report!.written).toEqual([expect.stringMatching(/back-again/)]);
    expect(site.hits('/news/grain.html')).toHaveLength(before);
    expect(report!.held).toEqual([]); // reported once, not on every poll
    expect(poller.status()[0]).toMatchObject({ articles: 3, held: 1, failedItems: 1 });
  });
});

describe('failing feeds', () => {
  beforeEach(() => {
    site
      .route('/good.xml', { headers: RSS_TYPE, body: rssFeed('Good', [{ title: 'Port', link: site.url('/port.html'), date: 'Sun, 16 Jun 2024 10:00:00 +0000' }]) })
      .route('/port.html', { headers: HTML_TYPE, body: articlePage({ title: 'Izmail port busier than ever', paragraphs: PORT }) })
      .route('/broken.xml', { status: 500, body: 'Internal error' })
      .route('/slow.xml', { hang: true })
      .route('/malformed.xml', { headers: RSS_TYPE, body: 'this is <<< not a feed at all' })
      .route('/huge.xml', { headers: RSS_TYPE, chunked: 1024, body: rssFeed('Huge', Array.from({ length: 500 }, (_, i) => ({ title: `Item ${i}`, link: site.url(`/x/${i}`) }))) });
  });

  it('logs each failure, keeps polling the others, and backs off', async () => {
    const feeds = ['/good.xml', '/broken.xml', '/slow.xml', '/malformed.xml', '/huge.xml'].map((p) => feed(p, 'Test'));
    const { poller, lines } = await open(feeds, { feedTimeoutMs: 300, feedMaxBytes: 10_000 });
    const reports = await poller.pollDue();

    expect(byFeed(reports, '/good.xml')).toMatchObject({ result: 'ok', written: [expect.stringMatching(/izmail-port/)] });
    expect(byFeed(reports, '/broken.xml')).toMatchObject({ result: 'failed', error: 'HTTP error 500 Internal Server Error' });
    expect(byFeed(reports, '/slow.xml')).toMatchObject({ result: 'failed', error: 'no answer within 0.3 s' });
    expect(byFeed(reports, '/malformed.xml')).toMatchObject({ result: 'failed', error: expect.stringMatching(/^not an RSS or Atom feed/) });
    expect(byFeed(reports, '/huge.xml')).toMatchObject({ result: 'failed', error: expect.stringMatching(/larger than the 10 KB limit/) });
    expect(lines.filter((l) => l.msg === 'feed poll failed').map((l) => l.feed)).toHaveLength(4);

    const broken = () => poller.status().find((s) => s.url === site.url('/broken.xml'))!;
    expect(broken()).toMatchObject({ failures: 1, lastSuccess: null, lastError: { at: '2024-06-20T12:00:00.000Z', message: 'HTTP error 500 Internal Server Error' } });

    // Not due yet: no request.
    clock.advance(backoffMs(1) - 1000);
    await poller.pollDue();
    expect(site.hits('/broken.xml')).toHaveLength(1);
    clock.advance(2000);
    await poller.pollDue();
    expect(site.hits('/broken.xml')).toHaveLength(2);
    expect(broken().failures).toBe(2);
    expect(Date.parse(broken().nextAttemptAt!) - clock.now()).toBe(backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    // The good feed was not due in between (30 minutes).
    expect(site.hits('/good.xml')).toHaveLength(1);

    site.route('/broken.xml', { headers: RSS_TYPE, body: rssFeed('Fixed', []) });
    clock.advance(backoffMs(2));
    await poller.pollDue();
    expect(broken()).toMatchObject({ failures: 0, lastSuccess: new Date(clock.now()).toISOString(), lastError: { message: 'HTTP error 500 Internal Server Error' } });
  });

  it('schedules the next poll by interval, or sooner after a failure, until stopped', async () => {
    const scheduler = new ManualScheduler();
    const { poller } = await open([feed('/good.xml', 'Good', 30)], { scheduler });
    poller.start();
    expect((await scheduler.armed()).ms).toBe(0);
    scheduler.fire();
    expect((await scheduler.armed()).ms).toBe(30 * 60_000);
    expect(site.hits('/good.xml')).toHaveLength(1);

    site.route('/good.xml', { status: 503 });
    clock.advance(30 * 60_000);
    scheduler.fire();
    expect((await scheduler.armed()).ms).toBe(backoffMs(1));
    expect(site.hits('/good.xml')).toHaveLength(2);

    await poller.stop();
    expect(scheduler.pending).toEqual([]);
  });
});
