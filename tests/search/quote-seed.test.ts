// Behaviour of `quote` on the seed corpus, checked against plain scans of the sentence texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY_NOTE } from '../../src/search/quote-engine.ts';
import { wordTokens } from '../../src/search/terms.ts';
import { allIds, seedIndex } from './seed-index.ts';

const sorted = (ids: string[]) => [...ids].sort();

describe('quote on the seed corpus', () => {
  it('finds exactly the sentences that mention Kozak', async () => {
    const { index, scan } = await seedIndex();
    const expected = scan(/kozak/i);
    expect(expected.length).toBeGreaterThan(3);
    expect(await allIds(index, 'Kozak')).toEqual(expected);
    expect((await index.quote('Kozak')).total).toBe(expected.length);
    expect(await allIds(index, 'kozak')).toEqual(expected);
  });

  it('treats Kiev and Kyiv as one word, both ways, highlighting the spelling used', async () => {
    const { index, scan } = await seedIndex();
    const expected = scan(/\b(kyiv|kiev)(?![a-z])/i);
    expect(scan(/\bkiev/i).length).toBeGreaterThan(0);
    expect(scan(/\bkyiv/i).length).toBeGreaterThan(0);
    expect(await allIds(index, 'Kiev')).toEqual(expected);
    expect(await allIds(index, 'Kyiv')).toEqual(expected);
    const page = await index.quote('Kiev', { limit: 25 });
    const written = page.results.flatMap((h) => h.highlights.map(([s, e]) => h.text.slice(s, e).replace(/[’']s$/, '')));
    expect(new Set(written)).toEqual(new Set(['Kyiv', 'Kiev']));
  });

  it('treats Zaporozhye and Zaporizhzhia as one word', async () => {
    const { index, scan } = await seedIndex();
    const expected = scan(/zaporizhzhia|zaporozhye/i);
    expect(await allIds(index, 'Zaporozhye')).toEqual(expected);
    expect(await allIds(index, 'Zaporizhzhia')).toEqual(expected);
  });

  it('matches other forms of a word and highlights them as written', async () => {
    const { index, scan } = await seedIndex();
    expect(await allIds(index, 'rejecting')).toEqual(scan(/\breject/i));
    const page = await index.quote('rejecting', { limit: 25 });
    const words = page.results.flatMap((h) => h.highlights.map(([s, e]) => h.text.slice(s, e).toLowerCase()));
    expect(words).toContain('rejected');
  });

  it('finds U.S. as US and the reverse, but not the pronoun or "used"', async () => {
    const { index, scan } = await seedIndex();
    const expected = scan(/\bU\.S\.|\bUS\b/);
    expect(scan(/\bU\.S\./).length).toBeGreaterThan(0);
    expect(scan(/\bUS\b/).length).toBeGreaterThan(0);
    expect(await allIds(index, 'US')).toEqual(expected);
    expect(await allIds(index, 'U.S.')).toEqual(expected);
    expect(scan(/\bused\b/).some((id) => !expected.includes(id))).toBe(true);
  });

  it('matches a phrase only with its words adjacent and in order', async () => {
    const { index, scan } = await seedIndex();
    expect(await allIds(index, '"peace deal"')).toEqual(scan(/peace deal/i));
    expect(scan(/\bdeal\b/i).length).toBeGreaterThan(scan(/peace deal/i).length);
    const reversed = await index.quote('"deal peace"');
    expect(reversed.total).toBe(0);
    expect(reversed.note).toMatch(/"deal peace"/);
    expect(reversed.note).toMatch(/not as that phrase/);
  });

  it('finds a phrase of common words only by reading every sentence', async () => {
    const { index, scan } = await seedIndex();
    const expected = scan(/\bwe will do it\b/i);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allIds(index, '"we will do it"')).toEqual(expected);
    expect((await index.quote('"we will do it" -Putin')).total).toBe(scan(/\bwe will do it\b/i).filter((id) => !scan(/putin/i).includes(id)).length);
    expect((await index.quote('"will we do it"')).note).toBe('No sentence contains "will we do it".');
  });

  it('finds every run of consecutive words of a sentence as a phrase', async () => {
    const { index, sentences } = await seedIndex();
    fc.assert(
      fc.asyncProperty(fc.nat(sentences.length - 1), fc.nat(40), fc.integer({ min: 1, max: 4 }), async (which, from, length) => {
        const sentence = sentences[which]!;
        const words = wordTokens(sentence.text).slice(from, from + length).map((t) => t.surface);
        fc.pre(words.length > 0);
        const found = await allIds(index, `"${words.join(' ')}"`);
        expect(found).toContain(sentence.id);
      }),
      { numRuns: 150 },
    );
  });

  it('highlights a phrase as one span', async () => {
    const { index } = await seedIndex();
    const [hit] = (await index.quote('"full-scale invasion"')).results;
    expect(hit).toBeDefined();
    expect(hit!.highlights.map(([s, e]) => hit!.text.slice(s, e))).toContain('full-scale invasion');
  });

  it('excludes sentences with an excluded word', async () => {
    const { index, scan } = await seedIndex();
    const kozak = new Set(scan(/kozak/i));
    const expected = scan(/putin/i).filter((id) => !kozak.has(id));
    expect(await allIds(index, 'Putin -Kozak')).toEqual(expected);
  });

  it('filters by publisher prefix, case-insensitive, "The" optional, quoted names', async () => {
    const { index, sentences } = await seedIndex();
    const putinBy = (publisher: RegExp) => sorted(sentences.filter((s) => /putin/i.test(s.text) && publisher.test(s.article.publisher)).map((s) => s.id));
    expect(await allIds(index, 'Putin publisher:reuters')).toEqual(putinBy(/^Reuters$/));
    expect(await allIds(index, 'Putin publisher:"moscow times"')).toEqual(putinBy(/Moscow Times/));
    expect(await allIds(index, 'Putin publisher:The')).toEqual([]);
    expect(await allIds(index, 'Putin publisher:reuters publisher:rks')).toEqual(putinBy(/^(Reuters|RksNews)$/));
  });

  it('filters by date, since and until inclusive', async () => {
    const { index, sentences } = await seedIndex();
    const putinWhen = (keep: (date: string) => boolean) => sorted(sentences.filter((s) => /putin/i.test(s.text) && keep(s.article.published)).map((s) => s.id));
    expect(await allIds(index, 'Putin since:2024-06-14')).toEqual(putinWhen((d) => d >= '2024-06-14'));
    expect(await allIds(index, 'Putin until:2023-02-28')).toEqual(putinWhen((d) => d <= '2023-02-28'));
    expect(putinWhen((d) => d === '2023-02-28').length).toBeGreaterThan(0);
    expect(await allIds(index, 'Putin since:2024 until:2024')).toEqual(putinWhen((d) => d.startsWith('2024')));
  });

  it('explains an invalid date and searches without that filter', async () => {
    const { index } = await seedIndex();
    const result = await index.quote('Putin since:2024-02-30');
    expect(result.note).toContain('since:2024-02-30');
    expect(result.total).toBe((await index.quote('Putin')).total);
  });

  it('corrects a typo of 5+ letters and says so', async () => {
    const { index, scan } = await seedIndex();
    const result = await index.quote('Kozac', { limit: 25 });
    expect(result.note).toBe("No exact match for 'Kozac'; showing results for 'Kozak'.");
    expect(sorted(result.results.map((h) => h.sentenceId))).toEqual(scan(/kozak/i));
    expect(result.results[0]!.highlights.length).toBeGreaterThan(0);
  });

  it('corrects a typo next to correct words, keeping the rest of the query', async () => {
    const { index, scan } = await seedIndex();
    const result = await index.quote('Kozac deal', { limit: 25 });
    expect(result.note).toBe("No exact match for 'Kozac deal'; showing results for 'Kozak deal'.");
    expect(sorted(result.results.map((h) => h.sentenceId))).toEqual(scan(/kozak/i).filter((id) => scan(/\bdeals?\b/i).includes(id)));
  });

  it('does not correct when another unknown word cannot be corrected', async () => {
    const { index } = await seedIndex();
    expect((await index.quote('Kozac Maui')).note).toBe("No sentence contains 'Kozac' or 'Maui'.");
  });

  it('does not correct short words', async () => {
    const { index } = await seedIndex();
    const result = await index.quote('Kozk');
    expect(result.total).toBe(0);
    expect(result.note).toBe("No sentence contains 'Kozk'.");
  });

  it('says which word matched nothing', async () => {
    const { index, scan } = await seedIndex();
    expect(scan(/maui/i)).toEqual([]);
    const result = await index.quote('Kozak Maui');
    expect(result).toMatchObject({ total: 0, results: [], note: "No sentence contains 'Maui'." });
  });

  it('says when words occur, but never together', async () => {
    const { index, scan } = await seedIndex();
    expect(scan(/zelensky/i).filter((id) => scan(/kozak/i).includes(id))).toEqual([]);
    expect((await index.quote('Kozak Zelensky')).note).toBe("No sentence contains all of 'Kozak' and 'Zelensky'.");
  });

  it('says how many matches the filters and exclusions removed', async () => {
    const { index, scan } = await seedIndex();
    const n = scan(/kozak/i).length;
    expect((await index.quote('Kozak publisher:reuters')).note).toBe(`${n} matches were removed by filters (publisher:reuters).`);
    const excluded = await index.quote('Kozak -Putin -Reuters');
    expect(excluded.total).toBe(scan(/kozak/i).filter((id) => !scan(/putin|reuters/i).includes(id)).length);
  });

  it('answers an empty or blank query with what to type', async () => {
    const { index } = await seedIndex();
    for (const query of ['', '   ', '\n\t']) {
      expect(await index.quote(query)).toEqual({ query, total: 0, results: [], note: EMPTY_QUERY_NOTE });
    }
    expect((await index.quote('the of')).note).toMatch(/very common words/);
    expect((await index.quote('-Putin publisher:reuters')).note).toMatch(/at least one word/);
  });
});

describe('quote paging and shape', () => {
  it('defaults to 5 results, clamps the limit at 25 with a note, and pages with offset', async () => {
    const { index } = await seedIndex();
    const all = await index.quote('Putin', { limit: 25 });
    expect(all.total).toBeGreaterThan(25);
    expect((await index.quote('Putin')).results).toHaveLength(5);
    const clamped = await index.quote('Putin', { limit: 100 });
    expect(clamped.results).toHaveLength(25);
    expect(clamped.note).toMatch(/at most 25/);
    const ids = all.results.map((h) => h.sentenceId);
    const second = await index.quote('Putin', { limit: 10, offset: 10 });
    expect(second.results.map((h) => h.sentenceId)).toEqual(ids.slice(10, 20));
    expect(second.total).toBe(all.total);
  });

  it('returns results best first with well-formed highlights and the JSON contract', async () => {
    const { index, articles } = await seedIndex();
    const result = await index.quote('Kiev rejected deal', { limit: 25 });
    expect(Object.keys(result)).toEqual(['query', 'total', 'results', 'note']);
    for (let i = 1; i < result.results.length; i++) expect(result.results[i - 1]!.score).toBeGreaterThanOrEqual(result.results[i]!.score);
    for (const hit of result.results) {
      expect(Object.keys(hit).sort()).toEqual(['article', 'highlights', 'kind', 'score', 'sentenceId', 'text']);
      expect(Object.keys(hit.article).sort()).toEqual(['dateInferred', 'id', 'published', 'publisher', 'title', 'url']);
      const article = articles.find((a) => a.id === hit.article.id)!;
      expect(hit.article).toEqual({ id: article.id, title: article.title, publisher: article.publisher, published: article.published, dateInferred: article.dateInferred, url: article.url });
      expect(hit.sentenceId.startsWith(`${article.id}#`)).toBe(true);
      let previousEnd = 0;
      for (const [s, e] of hit.highlights) {
        expect(s).toBeGreaterThanOrEqual(previousEnd);
        expect(e).toBeGreaterThan(s);
        expect(e).toBeLessThanOrEqual(hit.text.length);
        expect(hit.text.slice(s, e)).toMatch(/^(Kiev|Kyiv|reject\w*|Reject\w*|deal\w*|Deal\w*)([’']s)?$/);
        previousEnd = e;
      }
    }
  });
});
