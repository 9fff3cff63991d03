// The claim checker on the bundled seed corpus (5 articles, 5 publishers), with the real index.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClaimChecker, type ClaimCheckerImpl } from '../../src/check/checker.ts';
import type { CheckResult } from '../../src/check/types.ts';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { openIndex } from '../../src/search/open-index.ts';
import type { SentenceIndex } from '../../src/search/sentence-index.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';
import { PARAPHRASED_CLAIMS, UNRELATED_CLAIMS } from './seed-claims.ts';

let index: SentenceIndex;
let checker: ClaimCheckerImpl;
/** sentence id → text, publisher and date, read straight from the corpus files. */
const seed = new Map<string, { text: string; publisher: string; published: string }>();

beforeAll(async () => {
  ({ index } = await openIndex({ corpusDir: SEED_CORPUS, cacheDir: await mkdtemp(join(tmpdir(), 'factbot-check-')) }));
  checker = createClaimChecker(index);
  for (const article of (await loadCorpus(SEED_CORPUS)).articles) {
    for (const s of articleSentences(article)) seed.set(s.id, { text: s.text, publisher: article.publisher, published: article.published });
  }
});

describe('retrieval of paraphrased claims', () => {
  it(`has at least 25 claims to test`, () => expect(PARAPHRASED_CLAIMS.length).toBeGreaterThanOrEqual(25));

  it.each(PARAPHRASED_CLAIMS.map((c) => [c.claim, c.expected] as const))('%s', async (claim, expected) => {
    const { ranked } = await checker.assess(claim);
    const top3 = ranked.slice(0, 3).map((r) => r.hit.text);
    expect(top3.some((text) => expected.some((fragment) => text.includes(fragment))), `top 3:\n${top3.join('\n')}`).toBe(true);
  });

  it('finds the issue’s example claim and reports it as strong', async () => {
    const result = await checker.check('Putin offered a ceasefire if Ukraine leaves four regions');
    expect(result.match).toBe('strong');
    expect(result.evidence.slice(0, 3).some((e) => e.text.includes('for an immediate ceasefire'))).toBe(true);
  });
});

describe('claims the corpus says nothing about', () => {
  it.each(UNRELATED_CLAIMS)('%s → none, no evidence, and the plain note', async (claim) => {
    const result = await checker.check(claim);
    expect(result.match).toBe('none');
    expect(result.evidence).toEqual([]);
    expect(result.publishers).toBe(0);
    expect([result.firstDate, result.lastDate]).toEqual([null, null]);
    expect(result.note).toBe(
      'No statement in the corpus matches this claim (5 articles from 5 publishers, 2022-09-14 to 2025-11-27). That does not make it false.',
    );
  });

  it('explains a claim without searchable words', async () => {
    const result = await checker.check('the of and');
    expect(result.match).toBe('none');
    expect(result.note).toMatch(/no words to search for/);
  });
});

describe('the check result', () => {
  const claims = ['Putin rejected a peace deal secured by Kozak', 'Russia wants western sanctions lifted', 'Putin Ukraine peace talks'];

  it.each(claims)('quotes corpus sentences verbatim with their source (%s)', async (claim) => {
    const result = await checker.check(claim, { limit: 25 });
    expect(result.evidence.length).toBeGreaterThan(0);
    for (const e of result.evidence) {
      const original = seed.get(e.sentenceId);
      expect(original?.text).toBe(e.text);
      expect(e.article.publisher).toBe(original?.publisher);
      expect(e.article.published).toBe(original?.published);
      expect(['quote', 'reported', 'text']).toContain(e.type);
      expect(e.speaker === null || typeof e.speaker === 'string').toBe(true);
      for (const [start, end] of e.highlights) expect(0 <= start && start < end && end <= e.text.length).toBe(true);
    }
    const scores = result.evidence.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('has exactly the JSON fields of the contract', async () => {
    const result: CheckResult = JSON.parse(JSON.stringify(await checker.check(claims[0]!)));
    expect(Object.keys(result).sort()).toEqual(['claim', 'evidence', 'firstDate', 'lastDate', 'match', 'note', 'publishers']);
    expect(Object.keys(result.evidence[0]!).sort()).toEqual(['article', 'highlights', 'kind', 'score', 'sentenceId', 'speaker', 'text', 'type']);
    expect(Object.keys(result.evidence[0]!.article).sort()).toEqual(['dateInferred', 'id', 'published', 'publisher', 'title', 'url']);
  });

  it('shows 5 sentences by default and pages with limit and offset', async () => {
    const all = await checker.check(claims[2]!, { limit: 25 });
    const first = await checker.check(claims[2]!);
    expect(first.evidence).toEqual(all.evidence.slice(0, 5));
    const second = await checker.check(claims[2]!, { limit: 2, offset: 2 });
    expect(second.evidence).toEqual(all.evidence.slice(2, 4));
    expect(second.publishers).toBe(all.publishers);
  });

  it('dates span the evidence and publishers count the strong evidence', async () => {
    const claim = 'Putin offered a ceasefire if Ukraine leaves four regions';
    const { evidence } = await checker.assess(claim);
    const result = await checker.check(claim, { limit: 25 });
    const strong = evidence.filter((e) => e.strength === 'strong');
    const dates = strong.map((e) => e.hit.article.published).sort();
    expect([result.firstDate, result.lastDate]).toEqual([dates[0], dates[dates.length - 1]]);
    // The seed articles share no wire copy, so independent publishers = distinct publishers.
    expect(result.publishers).toBe(new Set(strong.map((e) => e.hit.article.publisher)).size);
    expect(result.publishers).toBeGreaterThanOrEqual(2);
  });

  it('names who said it', async () => {
    const result = await checker.check('Peskov said Russia will never give up the annexed regions');
    const top = result.evidence[0]!;
    expect(top.text).toContain('would never renounce its claims');
    expect(top.speaker).toBe('Dmitry Peskov');
    expect(top.type).toBe('reported');
  });
});
