// No query string makes quote throw or hang. Properties over arbitrary and hostile strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuoteResult } from '../../src/search/types.ts';
import { seedIndex } from './seed-index.ts';

function wellFormed(result: QuoteResult, query: string): void {
  expect(result.query).toBe(query);
  expect(Number.isInteger(result.total) && result.total >= 0).toBe(true);
  expect(result.results.length).toBeLessThanOrEqual(Math.min(25, result.total));
  expect(result.note === null || typeof result.note === 'string').toBe(true);
  if (result.total === 0) expect(result.note).toBeTruthy();
  for (const hit of result.results) {
    for (const [s, e] of hit.highlights) expect(0 <= s && s < e && e <= hit.text.length).toBe(true);
  }
}

const pieces = [
  'Kozak', 'Kiev', 'the', '"', '“', '”', '«', '-', '--', '-"', 'publisher:', 'publisher:"', 'since:', 'until:', 'since:2024-13-01',
  'until:2024', 'publisher:reuters', ':', '\\', '(', ')', '*', '?', '🇺🇦', '👍🏽', 'مرحبا', 'שלום', '\u202e', '\u0000', '\u0007', '\t',
  'Zaporižžia', 'ＫＯＺＡＫ', 'ﬁnal', 'U.S.', '700,000', 'rejecting', 'a'.repeat(300), '\ud800', '\udfff',
];

describe('quote never throws', () => {
  it('on arbitrary strings of any code points', async () => {
    const { index } = await seedIndex();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (query) => {
        wellFormed(index.search(query, { limit: 25 }), query);
      }),
      { numRuns: 300 },
    );
  });

  it('on queries assembled from hostile pieces', async () => {
    const { index } = await seedIndex();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), fc.constantFrom('', ' ', '\n'), (parts, glue) => {
        const query = parts.join(glue);
        wellFormed(index.search(query), query);
      }),
      { numRuns: 500 },
    );
  });

  it('on the named hard cases', async () => {
    const { index } = await seedIndex();
    const cases = [
      '"unbalanced', 'unbalanced"', '"""', '""', '“', '-', '- -', '---', '!!!', '.,;:?!…', 'publisher:', 'publisher:""', 'since:', 'until:x',
      'x'.repeat(10_000), 'Kozak '.repeat(2_000), '"Kozak '.repeat(1_000), '😀🚀🇺🇦', 'مرحبا بالعالم Kozak', '\u202eKozak\u202c', '\u0000\u0001\u001f\u007f',
      '\ud800Kozak\udc00', 'publisher:"moscow', '-"peace deal', 'since:2024-02-30 until:0000-00-00 Kozak',
    ];
    for (const query of cases) wellFormed(index.search(query), query);
    for (const limit of [0, -1, 1.5, NaN, Infinity, 1e9]) wellFormed(index.search('Putin', { limit, offset: -5 }), 'Putin');
  });
});
