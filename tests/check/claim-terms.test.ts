// Claim analysis (terms, kinds, paraphrase phrases) and the paraphrase table's integrity.
import { describe, expect, it } from 'vitest';
import { analyseClaim, phraseTable, tokenize } from '../../src/check/claim-terms.ts';
import { PARAPHRASE_GROUPS } from '../../src/check/paraphrases.ts';
import { aliasTable } from '../../src/corpus/aliases.ts';
import { TermPipeline } from '../../src/search/terms.ts';

const pipeline = new TermPipeline(aliasTable([['Kyiv', 'Kiev']]));
const terms = (claim: string) => analyseClaim(claim, pipeline).terms.map((t) => [t.surface, t.kind]);

describe('analyseClaim', () => {
  it('keeps content words, drops stop words and chat filler, and marks names, numbers and dates', () => {
    expect(terms('Apparently Putin said Russia annexed four regions in September 2022')).toEqual([
      ['Putin', 'name'],
      ['Russia', 'name'],
      ['annexed', 'word'],
      ['four', 'number'],
      ['regions', 'word'],
      ['September', 'date'],
      ['2022', 'date'],
    ]);
  });

  it('reads multi-word paraphrases as one term and repeats as one', () => {
    expect(terms('The NATO chief turned down the offer, turned down!')).toEqual([
      ['NATO chief', 'name'],
      ['turned down', 'word'],
      ['offer', 'word'],
    ]);
  });

  it('gives "US" its own term, never the pronoun "us"', () => {
    expect(terms('The US told us')).toEqual([['US', 'name']]);
  });

  it('has no terms for a claim of stop words', () => {
    expect(analyseClaim('it was the one of them', pipeline).terms.map((t) => t.surface)).toEqual(['one']);
    expect(analyseClaim('', pipeline).terms).toEqual([]);
  });
});

describe('tokenize', () => {
  it('normalises spelling variants, possessives, number words and stems, keeping offsets', () => {
    const text = "Kiev's four withdrawals";
    const tokens = tokenize(text, pipeline);
    expect(tokens.map((t) => t.key)).toEqual(['kyiv', '4', 'withdraw']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["Kiev's", 'four', 'withdrawals']);
  });
});

describe('the paraphrase table', () => {
  it('has no phrase in two groups and no group of one phrase', () => {
    const table = phraseTable(pipeline);
    const seen = new Map<string, number>();
    table.phrases.forEach((group, g) => {
      expect(group.length, PARAPHRASE_GROUPS[g]!.join(', ')).toBeGreaterThan(1);
      for (const entry of group) {
        const key = entry.keys.join(' ');
        expect(seen.get(key) ?? g, `'${key}' is in ${PARAPHRASE_GROUPS[seen.get(key) ?? g]!.join('/')} and ${PARAPHRASE_GROUPS[g]!.join('/')}`).toBe(g);
        seen.set(key, g);
      }
    });
  });

  it('makes "turned down" meet "rejected" and "half a year" meet "six-month"', () => {
    const table = phraseTable(pipeline);
    const groupOf = (phrase: string) => table.byFirstKey.get(tokenize(phrase, pipeline)[0]!.key)?.find((e) => e.keys.join(' ') === tokenize(phrase, pipeline).map((t) => t.key).join(' '))?.group;
    expect(groupOf('turned down')).toBe(groupOf('rejected'));
    expect(groupOf('half a year')).toBe(groupOf('six-month'));
    expect(groupOf('truce')).toBe(groupOf('ceasefire'));
  });
});
