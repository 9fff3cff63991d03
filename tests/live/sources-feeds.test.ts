// Feed status where readers and operators look for coverage: `factbot sources` and /sources.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcesCommand } from '../../commands/sources.ts';
import { emptyFeedState, JsonFeedStateStore, type FeedStatus } from '../../src/live/feed-state.ts';
import { runCli } from '../helpers/cli.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';
import { invocationWith, seedServices } from '../helpers/services.ts';

const FEED_URL = 'http://127.0.0.1:9/world.xml';

async function corpusWithFeedState(): Promise<{ corpus: string; data: string }> {
  const corpus = await tempCorpus({
    'articles/a.md': articleText({ title: 'Kozak deal' }),
    'feeds.yaml': `feeds:\n  - url: ${FEED_URL}\n    publisher: Example News\n    interval_minutes: 15\n`,
  });
  const data = join(corpus, 'data');
  await mkdir(data);
  // The state as the poller records it after one success and a later failure.
  await JsonFeedStateStore.inDataDir(data).put(FEED_URL, {
    ...emptyFeedState(),
    lastSuccess: '2026-11-20T08:00:00.000Z',
    articles: 3,
    failures: 1,
    lastError: { at: '2026-11-21T09:30:00.000Z', message: 'HTTP error 500' },
  });
  return { corpus, data };
}

describe('feed status in sources', () => {
  it('factbot sources --json lists each feed with last success, last error and articles', async () => {
    const { corpus, data } = await corpusWithFeedState();
    const run = await runCli(['sources', '--json', '--corpus', corpus], { env: { FACTBOT_DATA_DIR: data }, cwd: corpus });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { feeds: FeedStatus[] };
    expect(report.feeds).toHaveLength(1);
    expect(report.feeds[0]).toMatchObject({
      url: FEED_URL, publisher: 'Example News', intervalMinutes: 15, lastSuccess: '2026-11-20T08:00:00.000Z', articles: 3,
      lastError: { at: '2026-11-21T09:30:00.000Z', message: 'HTTP error 500' },
    });
    const text = await runCli(['sources', '--corpus', corpus], { env: { FACTBOT_DATA_DIR: data }, cwd: corpus });
    expect(text.stdout).toMatch(/Feeds:\nExample News: http:\/\/127\.0\.0\.1:9\/world\.xml \(every 15 min\)/);
    expect(text.stdout).toContain('HTTP error 500');
  });

  it('lists no feeds section when none are configured', async () => {
    const corpus = await tempCorpus({ 'articles/a.md': articleText() });
    const run = await runCli(['sources', '--json', '--corpus', corpus], { cwd: corpus });
    expect((JSON.parse(run.stdout) as { feeds: unknown[] }).feeds).toEqual([]);
    expect((await runCli(['sources', '--corpus', corpus], { cwd: corpus })).stdout).not.toContain('Feeds:');
  });

  it('/sources shows the running bot’s feeds', async () => {
    const services = await seedServices();
    const feed: FeedStatus = {
      url: FEED_URL, publisher: 'Example News', intervalMinutes: 15, lastSuccess: '2026-11-20T08:00:00.000Z', articles: 3,
      lastError: { at: '2026-11-21T09:30:00.000Z', message: 'HTTP error 500' }, held: 0, failedItems: 0, failures: 1, nextAttemptAt: null,
    };
    const withFeeds = await sourcesCommand.run(invocationWith({}), { ...services, feeds: () => [feed] }, 0);
    const text = withFeeds.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain(`Example News (${FEED_URL}): 3 articles, last success 2026-11-20 08:00 UTC; last error 2026-11-21 09:30 UTC: HTTP error 500`);
    const without = await sourcesCommand.run(invocationWith({}), services, 0);
    expect(without.blocks.some((b) => 'text' in b && b.text.startsWith('Feeds:'))).toBe(false);
  });
});
