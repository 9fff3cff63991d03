// BM25+ exactly as MiniSearch 7 computes it (same formula and default parameters), so rankings match
// what MiniSearch's own search would give on the same terms; we only evaluate it on fewer documents.
import type { SentenceKind } from '../corpus/types.ts';

/** MiniSearch's defaults: k term-frequency saturation, b length normalisation, d the BM25+ lower bound. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/**
 * Multiplies a sentence's score by its kind: a caption describes a photo and is not the outlet's
 * statement, so it ranks below body text; a headline condenses the story and gets a small boost.
 */
export const KIND_WEIGHT: Readonly<Record<SentenceKind, number>> = { headline: 1.1, body: 1, caption: 0.6 };

/** Inverse document frequency of a term found in `df` of `n` sentences. */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** BM25+ of one term in one sentence of `length` indexed terms; `avgLength` over the whole index. */
export function bm25(tf: number, length: number, avgLength: number, termIdf: number): number {
  const { k, b, d } = BM25;
  return termIdf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / (avgLength || 1))));
}
