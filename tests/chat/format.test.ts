import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citationLine, dateRange, labelledCitationLine, showingLine, truncate } from '../../src/chat/format.ts';
import type { Citation } from '../../src/chat/model.ts';

const citation: Citation = {
  publisher: 'The Moscow Times',
  published: '2022-09-14',
  dateInferred: true,
  title: 'A headline',
  url: 'https://example.org/a',
};

describe('citation lines', () => {
  it('names publisher and date, and says when the date was inferred', () => {
    expect(citationLine(citation)).toBe('The Moscow Times · 2022-09-14 (date inferred)');
    expect(citationLine({ ...citation, dateInferred: false })).toBe('The Moscow Times · 2022-09-14');
  });

  it('puts the statement label first when there is one', () => {
    expect(labelledCitationLine({ ...citation, label: 'quote · Putin' })).toBe(
      'quote · Putin · The Moscow Times · 2022-09-14 (date inferred)',
    );
    expect(labelledCitationLine(citation)).toBe(citationLine(citation));
  });
});

describe('showingLine and dateRange', () => {
  it('describes the page within the total', () => {
    expect(showingLine(0, 5, 31)).toBe('showing 1-5 of 31');
    expect(showingLine(30, 1, 31)).toBe('showing 31 of 31');
    expect(showingLine(0, 0, 0)).toBe('no results');
  });

  it('collapses equal dates and tolerates unknown ones', () => {
    expect(dateRange('2022-09-14', '2024-06-14')).toBe('2022-09-14 to 2024-06-14');
    expect(dateRange('2024-06-14', '2024-06-14')).toBe('2024-06-14');
    expect(dateRange(null, null)).toBe('');
  });
});

describe('truncate', () => {
  it('returns text that fits unchanged, including at exactly the limit', () => {
    expect(truncate('Kozak secured a deal.', 21)).toBe('Kozak secured a deal.');
  });

  it('cuts one character over the limit at a word boundary with an ellipsis', () => {
    const cut = truncate('Kozak secured a deal.', 20);
    expect(cut).toBe('Kozak secured a…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('cuts inside a single overlong word rather than returning almost nothing', () => {
    expect(truncate('Antidisestablishmentarianism', 10)).toBe('Antidises…');
  });

  it('never exceeds the limit, always keeps a prefix, never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(cut).toBe(text);
          return;
        }
        expect(cut.endsWith('…')).toBe(true);
        expect(text.startsWith(cut.slice(0, -1))).toBe(true);
        expect(/[\uD800-\uDBFF]$/.test(cut.slice(0, -1))).toBe(false);
      }),
    );
  });
});
