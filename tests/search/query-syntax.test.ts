import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_FILTERS } from '../../src/search/field-filters.ts';
import { parseQuery, QUERY_SYNTAX_HELP } from '../../src/search/query-syntax.ts';

const shape = (query: string) =>
  parseQuery(query).map((p) => (p.type === 'field' ? `${p.negated ? '-' : ''}${p.name}=${p.value}` : `${p.negated ? '-' : ''}${p.type}:${p.text}`));

describe('parseQuery', () => {
  it('splits words, phrases, exclusions and fields', () => {
    expect(shape('Kozak "peace deal" -Peskov -"no such thing" publisher:reuters since:2024-01-01')).toEqual([
      'text:Kozak', 'phrase:peace deal', '-text:Peskov', '-phrase:no such thing', 'publisher=reuters', 'since=2024-01-01',
    ]);
  });

  it('accepts quoted field values and typographic quotes', () => {
    expect(shape('publisher:"moscow times" Putin')).toEqual(['publisher=moscow times', 'text:Putin']);
    expect(shape('“peace deal” «Kozak»')).toEqual(['phrase:peace deal', 'phrase:Kozak']);
  });

  it('runs an unclosed quote to the end of the query', () => {
    expect(shape('Putin "peace deal')).toEqual(['text:Putin', 'phrase:peace deal']);
  });

  it('treats unknown fields and lone dashes as text', () => {
    expect(shape('10:30 speakers:Putin - x')).toEqual(['text:10:30', 'text:speakers:Putin', 'text:-', 'text:x']);
  });

  it('keeps an empty field value so the filter can explain itself', () => {
    expect(shape('publisher: Putin')).toEqual(['publisher=', 'text:Putin']);
  });

  it('records offsets that slice back to each part', () => {
    const query = '  Kozak  -"peace deal"   publisher:"moscow times" ';
    for (const part of parseQuery(query)) {
      expect(query.slice(part.start, part.end)).toMatch(/^(Kozak|-"peace deal"|publisher:"moscow times")$/);
    }
  });

  it('never throws and covers the input with ordered, non-overlapping parts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (query) => {
        const parts = parseQuery(query);
        let previousEnd = 0;
        for (const p of parts) {
          expect(p.start).toBeGreaterThanOrEqual(previousEnd);
          expect(p.end).toBeGreaterThan(p.start);
          previousEnd = p.end;
        }
        expect(previousEnd).toBeLessThanOrEqual(query.length);
      }),
    );
  });
});

describe('QUERY_SYNTAX_HELP', () => {
  it('documents every field filter', () => {
    for (const f of FIELD_FILTERS) expect(QUERY_SYNTAX_HELP).toContain(f.example);
    expect(QUERY_SYNTAX_HELP).toContain('"peace deal"');
    expect(QUERY_SYNTAX_HELP).toContain('-Peskov');
  });
});
