// `timeline`: statements on a topic, oldest first; captions and later wire copies left out.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaimChecker } from '../../src/check/checker.ts';
import { openIndex } from '../../src/search/open-index.ts';
import { articleText, SEED_CORPUS, tempCorpus } from '../helpers/corpus.ts';

async function checkerFor(corpusDir: string) {
  const { index } = await openIndex({ corpusDir, cacheDir: await mkdtemp(join(tmpdir(), 'factbot-timeline-')) });
  return createClaimChecker(index);
}

const COPY = 'Moscow said Kyiv must drop its bid to join NATO before any talks can start, a spokesman told reporters.';

describe('timeline on a small corpus', () => {
  it('orders statements by date, whatever their relevance score, and leaves out captions and copies', async () => {
    const dir = await tempCorpus({
      'articles/late.md': articleText({ title: 'Later', publisher: 'Paper C', published: '2025-03-01' }, 'NATO said its door remains open to Ukraine.'),
      'articles/early.md': articleText(
        { title: 'Earlier', publisher: 'Paper A', published: '2022-02-01' },
        `${COPY}\n\n<figcaption>NATO flags outside the headquarters in Brussels.</figcaption>`,
      ),
      'articles/copy.md': articleText({ title: 'Reprint', publisher: 'Paper B', published: '2022-02-02' }, COPY),
      'articles/middle.md': articleText({ title: 'Middle', publisher: 'Paper D', published: '2023-07-11' }, 'Allies pledged that Ukraine will join NATO one day. Grain exports resumed.'),
      'articles/other.md': articleText({ title: 'Other', publisher: 'Paper E', published: '2024-01-01' }, 'Grain exports resumed through the Black Sea.'),
    });
    const result = await (await checkerFor(dir)).timeline('NATO');
    expect(result.entries.map((e) => [e.article.published, e.text])).toEqual([
      ['2022-02-01', COPY],
      ['2023-07-11', 'Allies pledged that Ukraine will join NATO one day.'],
      ['2025-03-01', 'NATO said its door remains open to Ukraine.'],
    ]);
    expect(result.note).toBeNull();
  });

  it('pages with limit and offset', async () => {
    const checker = await checkerFor(SEED_CORPUS);
    const all = await checker.timeline('NATO');
    const page = await checker.timeline('NATO', { limit: 2, offset: 1 });
    expect(page.entries).toEqual(all.entries.slice(1, 3));
  });

  it('says so when nothing in the corpus is about the topic', async () => {
    const result = await (await checkerFor(SEED_CORPUS)).timeline('penguins');
    expect(result.entries).toEqual([]);
    expect(result.note).toBe('No statement in the corpus is about "penguins" (5 articles from 5 publishers, 2022-09-14 to 2025-11-27).');
  });
});

describe('timeline on the seed corpus', () => {
  it.each(['NATO', 'Crimea', 'sanctions', 'Kozak'])('%s: every entry is about the topic, oldest first, never a caption', async (topic) => {
    const result = await (await checkerFor(SEED_CORPUS)).timeline(topic);
    expect(result.entries.length).toBeGreaterThan(0);
    const dates = result.entries.map((e) => e.article.published);
    expect([...dates].sort()).toEqual(dates);
    for (const e of result.entries) {
      expect(e.kind).not.toBe('caption');
      expect(e.text.toLowerCase()).toMatch(topic === 'sanctions' ? /sanction|embargo/ : new RegExp(topic.toLowerCase().slice(0, 5)));
    }
  });

  it('follows NATO from 2022 to 2024', async () => {
    const result = await (await checkerFor(SEED_CORPUS)).timeline('NATO');
    const years = new Set(result.entries.map((e) => e.article.published.slice(0, 4)));
    expect(years.has('2022') && years.has('2024')).toBe(true);
  });
});
