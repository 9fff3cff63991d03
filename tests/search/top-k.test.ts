import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gallop } from '../../src/search/matcher.ts';
import { topK, topScored } from '../../src/search/top-k.ts';

describe('topK / topScored', () => {
  it('equals sorting everything and taking the first k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (values, k) => {
        const scores = Float64Array.from(values);
        // Ties (frequent with values 0..20) are broken by index, smaller first.
        const expected = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b).slice(0, k);
        expect(topScored(scores, values.length, k, (a, b) => a < b)).toEqual(expected);
        expect(topK(values.length, k, (a, b) => values[a]! > values[b]! || (values[a] === values[b] && a < b))).toEqual(expected);
      }),
    );
  });
});

describe('gallop', () => {
  it('finds the first index at or after `from` whose value is at least the target', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(1000), { maxLength: 200 }), fc.nat(1000), fc.nat(200), (values, target, fromRaw) => {
        const docs = Uint32Array.from(values.sort((a, b) => a - b));
        const from = Math.min(fromRaw, docs.length);
        let expected = from;
        while (expected < docs.length && docs[expected]! < target) expected++;
        expect(gallop(docs, from, target)).toBe(expected);
      }),
    );
  });
});
