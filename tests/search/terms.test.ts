import { describe, expect, it } from 'vitest';
import { aliasTable, EMPTY_ALIASES } from '../../src/corpus/aliases.ts';
import { fold, TermPipeline, wordTokens } from '../../src/search/terms.ts';

const aliases = aliasTable([
  ['Kyiv', 'Kiev'],
  ['Zaporizhzhia', 'Zaporozhye', 'Zaporizhia'],
]);
const pipeline = new TermPipeline(aliases);
const terms = (text: string) => pipeline.terms(text);

describe('wordTokens', () => {
  it('gives offsets that slice back to each token', () => {
    const text = 'Putin’s “expanded” goals, U.S.-backed plan: 700,000 troops (5.93%) in Donbas\' east.';
    const tokens = wordTokens(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
    expect(tokens.map((t) => t.surface)).toEqual([
      'Putin’s', 'expanded', 'goals', 'U.S.', 'backed', 'plan', '700,000', 'troops', '5.93', 'in', 'Donbas', 'east',
    ]);
  });

  it('does not glue words across a dot that is not an acronym', () => {
    expect(wordTokens('kremlin.ru said').map((t) => t.surface)).toEqual(['kremlin', 'ru', 'said']);
  });
});

describe('fold', () => {
  it('folds case, diacritics, compatibility forms and apostrophes', () => {
    expect(fold('Zaporižžia')).toBe('zaporizzia');
    expect(fold('ＫＹＩＶ')).toBe('kyiv');
    expect(fold('ﬁnal')).toBe('final');
    expect(fold('Kiev’s')).toBe("kiev's");
    expect(fold('Łukaszenka')).toBe('lukaszenka');
  });
});

describe('TermPipeline', () => {
  it('strips possessives written with any apostrophe', () => {
    expect(terms("Putin's Putin’s Putin‘s")).toEqual(['putin', 'putin', 'putin']);
    // A trailing apostrophe is not part of the token.
    expect(terms("Donbas' Donbas")).toEqual([pipeline.term('Donbas'), pipeline.term('Donbas')]);
  });

  it('stems so that word forms meet', () => {
    expect(pipeline.term('rejecting')).toBe(pipeline.term('rejected'));
    expect(pipeline.term('negotiations')).toBe(pipeline.term('negotiation'));
  });

  it('maps aliases to the canonical spelling before stemming, both ways', () => {
    expect(pipeline.term('Kiev')).toBe(pipeline.term('Kyiv'));
    expect(pipeline.term('Kiev’s')).toBe(pipeline.term('Kyiv'));
    expect(pipeline.term('Zaporozhye')).toBe(pipeline.term('Zaporizhzhia'));
    expect(pipeline.word('KIEV')).toBe('kyiv');
    // Without the alias table the spellings stay apart.
    const plain = new TermPipeline(EMPTY_ALIASES);
    expect(plain.term('Kiev')).not.toBe(plain.term('Kyiv'));
  });

  it('keeps numbers whole, with or without group separators', () => {
    expect(terms('28 points in 2022')).toEqual(['28', pipeline.term('points'), '2022']);
    expect(pipeline.term('700,000')).toBe(pipeline.term('700000'));
    expect(pipeline.term('5.93')).toBe('5.93');
  });

  it('makes U.S. and US the same term, distinct from the pronoun and from stems', () => {
    expect(pipeline.term('U.S.')).toBe(pipeline.term('US'));
    expect(pipeline.term('us')).toBeNull();
    expect(pipeline.term('used')).not.toBe(pipeline.term('US'));
    expect(terms('U.S.-backed')).toEqual([pipeline.term('US'), pipeline.term('backed')]);
  });

  it('drops stop words but keeps negations', () => {
    expect(terms('the plan of the Kremlin')).toEqual([pipeline.term('plan'), pipeline.term('Kremlin')]);
    expect(terms('not never no')).toHaveLength(3);
  });

  it('has a fingerprint that changes with the aliases', () => {
    expect(new TermPipeline(aliases).fingerprint).toBe(pipeline.fingerprint);
    expect(new TermPipeline(EMPTY_ALIASES).fingerprint).not.toBe(pipeline.fingerprint);
  });
});
