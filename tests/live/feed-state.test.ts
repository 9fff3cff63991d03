import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyFeedState, FEED_STATE_FILE, formatFeedStatus, JsonFeedStateStore, statusOf } from '../../src/live/feed-state.ts';
import { tempDir } from './helpers.ts';

const FEED = { url: 'https://example.com/rss', publisher: 'Example News', intervalMinutes: 30 };

describe('the JSON feed state store', () => {
  it('keeps each feed’s state across instances (restarts)', async () => {
    const dir = await tempDir('data');
    const first = JsonFeedStateStore.inDataDir(dir);
    const state = { ...emptyFeedState(), etag: '"v1"', articles: 3, lastSuccess: '2024-06-20T12:00:00.000Z' };
    state.seen['https://example.com/a'] = { outcome: 'held', at: '2024-06-20T12:00:00.000Z', attempts: 1, title: 'A', message: 'no date' };
    await first.put(FEED.url, state);
    await first.put('https://other.example/atom', { ...emptyFeedState(), failures: 2 });

    const second = JsonFeedStateStore.inDataDir(dir);
    expect(await second.get(FEED.url)).toEqual(state);
    expect((await second.get('https://other.example/atom')).failures).toBe(2);
    expect(await second.get('https://never.example/feed')).toEqual(emptyFeedState());
  });

  it('starts empty when the file is damaged, says so, and keeps the damaged file', async () => {
    const dir = await tempDir('data');
    await writeFile(join(dir, FEED_STATE_FILE), '{"version": 1, "feeds": {');
    const problems: string[] = [];
    const store = JsonFeedStateStore.inDataDir(dir, (message) => problems.push(message));
    expect(await store.get(FEED.url)).toEqual(emptyFeedState());
    expect(problems).toEqual([expect.stringMatching(/feeds-state\.json: .*starting with empty feed state/)]);
    expect((await stat(join(dir, `${FEED_STATE_FILE}.corrupt`))).isFile()).toBe(true);
    await store.put(FEED.url, { ...emptyFeedState(), articles: 1 });
    expect(JSON.parse(await readFile(join(dir, FEED_STATE_FILE), 'utf8'))).toMatchObject({ version: 1, feeds: { [FEED.url]: { articles: 1 } } });
  });

  it('ignores unusable fields of a hand-edited file instead of failing', async () => {
    const dir = await tempDir('data');
    await writeFile(join(dir, FEED_STATE_FILE), JSON.stringify({ version: 1, feeds: { [FEED.url]: { articles: 'many', etag: 7, seen: { x: { outcome: 'eaten' } } } } }));
    expect(await JsonFeedStateStore.inDataDir(dir).get(FEED.url)).toEqual(emptyFeedState());
  });
});

describe('feed status', () => {
  it('shows last success, last error and articles per feed', () => {
    const state = { ...emptyFeedState(), articles: 4, lastSuccess: '2024-06-20T11:00:00.000Z', failures: 2, lastError: { at: '2024-06-20T12:01:00.000Z', message: 'HTTP error 500' }, nextAttemptAt: '2024-06-20T12:03:00.000Z' };
    state.seen.a = { outcome: 'held', at: '', attempts: 1, title: null, message: null };
    const status = statusOf(FEED, state);
    expect(status).toMatchObject({ articles: 4, held: 1, failedItems: 0, failures: 2 });
    expect(formatFeedStatus([status, statusOf({ ...FEED, url: 'https://new.example/rss', publisher: 'New' })])).toBe(
      [
        'Example News: https://example.com/rss (every 30 min)',
        '  last success: 2024-06-20 11:00 UTC; articles: 4; held back (no date): 1',
        '  last error: 2024-06-20 12:01 UTC: HTTP error 500 (2 failures in a row; next try 2024-06-20 12:03 UTC)',
        'New: https://new.example/rss (every 30 min)',
        '  last success: never; articles: 0',
      ].join('\n'),
    );
    expect(formatFeedStatus([])).toMatch(/^No feeds configured/);
  });
});
