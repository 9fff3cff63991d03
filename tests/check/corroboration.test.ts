// Corroboration: independent publishers (wire copies count once), date span, grouping by article.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClaimChecker } from '../../src/check/checker.ts';
import { dateSpan, groupByArticle, independentPublishers, nearIdentical } from '../../src/check/corroboration.ts';
import { openIndex } from '../../src/search/open-index.ts';
import type { Hit } from '../../src/search/types.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function hit(id: string, publisher: string, published: string, text: string): Hit {
  return {
    sentenceId: `${id}#2`, text, highlights: [], score: 1, kind: 'body',
    article: { id, title: 't', publisher, published, dateInferred: false, url: null },
  };
}

const WIRE = 'Ukraine on Friday rejected the Russian ceasefire proposal, calling it an attempt to freeze the front line and keep occupied land, officials in Kyiv said.';
const WIRE_EDITED = 'Ukraine on Saturday rejected the Russian ceasefire proposal, calling it an attempt to freeze the front line and keep occupied land, officials in Kyiv said.';
const OWN = 'In Kyiv, the foreign ministry said Ukraine rejected the Russian ceasefire proposal as a trap.';

describe('nearIdentical', () => {
  it('treats a reprint with one word changed as the same sentence, and different wording as different', () => {
    expect(nearIdentical(words(WIRE), words(WIRE))).toBe(true);
    expect(nearIdentical(words(WIRE), words(WIRE_EDITED))).toBe(true);
    expect(nearIdentical(words(WIRE), words(OWN))).toBe(false);
  });
});

describe('independentPublishers', () => {
  it('counts distinct publishers, merging those that carry copies of one wire story', () => {
    const evidence = [
      hit('a', 'Reuters', '2024-06-14', WIRE),
      hit('b', 'Kyiv Post', '2024-06-15', WIRE_EDITED),
      hit('c', 'The Guardian', '2024-06-16', OWN),
    ];
    expect(independentPublishers(evidence, words)).toBe(2);
    expect(independentPublishers(evidence.slice(0, 1), words)).toBe(1);
    expect(independentPublishers([], words)).toBe(0);
  });

  it('counts one publisher once however many sentences it has, and ignores case in its name', () => {
    const evidence = [hit('a', 'Reuters', '2024-06-14', WIRE), hit('a', 'reuters', '2024-06-14', OWN)];
    expect(independentPublishers(evidence, words)).toBe(1);
  });
});

describe('dateSpan and groupByArticle', () => {
  it('gives the earliest and latest date, or nulls', () => {
    const evidence = [hit('b', 'X', '2024-06-15', 'b'), hit('a', 'Y', '2022-09-14', 'a'), hit('c', 'Z', '2025-11-27', 'c')];
    expect(dateSpan(evidence)).toEqual({ firstDate: '2022-09-14', lastDate: '2025-11-27' });
    expect(dateSpan([])).toEqual({ firstDate: null, lastDate: null });
  });

  it('groups by article in order of each article’s best sentence', () => {
    const evidence = [hit('a', 'X', '2024-01-01', '1'), hit('b', 'Y', '2024-01-01', '2'), hit('a', 'X', '2024-01-01', '3')];
    expect(groupByArticle(evidence).map((g) => [g.article.id, g.evidence.map((e) => e.text)])).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });
});

describe('check on a corpus with a reprinted wire story', () => {
  it('lists every copy as evidence but counts the copies’ publishers once', async () => {
    const dir = await tempCorpus({
      'articles/a.md': articleText({ title: 'Kyiv says no', publisher: 'Reuters', published: '2024-06-14' }, WIRE),
      'articles/b.md': articleText({ title: 'Kyiv says no to truce', publisher: 'Kyiv Post', published: '2024-06-15' }, WIRE_EDITED),
      'articles/c.md': articleText({ title: 'Ukraine and the offer', publisher: 'The Guardian', published: '2024-06-16' }, OWN),
      'articles/d.md': articleText({ title: 'Tomatoes', publisher: 'Gardening Weekly', published: '2024-06-17' }, 'Tomatoes need sun and water.'),
    });
    const { index } = await openIndex({ corpusDir: dir, cacheDir: await mkdtemp(join(tmpdir(), 'factbot-check-')) });
    const result = await createClaimChecker(index).check('Ukraine rejected the Russian ceasefire proposal', { limit: 10 });
    expect(result.match).toBe('strong');
    expect(result.evidence.map((e) => e.article.publisher).sort()).toEqual(['Kyiv Post', 'Reuters', 'The Guardian']);
    expect(result.publishers).toBe(2);
    expect([result.firstDate, result.lastDate]).toEqual(['2024-06-14', '2024-06-16']);
  });
});
