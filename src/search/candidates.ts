// Candidate sentences for a claim (the claim-check issue): BM25+ over an OR of the claim's terms, for
// claims of 12-25 words. AND would miss paraphrases; a plain OR would score every sentence containing
// "said" or "Russia". So the OR is capped before full scoring:
//
// 1. The claim's distinct index terms are taken rarest first (names and numbers before "war").
// 2. While the pool holds fewer than `poolSize` sentences, a term's postings add sentences to it.
// 3. Once the pool is full, the remaining (common) terms only add to the scores of pooled sentences:
//    a sentence with nothing but common words never becomes a candidate.
//
// Scores accumulate in one dense Float64Array indexed by sentence number (reused across calls), so
// each posting entry costs one array add: 25 terms over a million sentences stay in the tens of ms.
import { bm25, idf, KIND_WEIGHT } from './bm25.ts';
import type { SearchCore } from './execute.ts';
import { topK } from './top-k.ts';

export interface CandidateOptions {
  /** How many sentences to return, best first. Default 100, clamped to 1…1000. */
  limit?: number;
  /** Sentences admitted by the rarer terms before common terms stop admitting new ones. Default 20,000. */
  poolSize?: number;
}

export const DEFAULT_CANDIDATE_LIMIT = 100;
export const MAX_CANDIDATE_LIMIT = 1000;
export const DEFAULT_POOL_SIZE = 20_000;

export interface Candidate {
  doc: number;
  score: number;
}

let scratch = new Float64Array(0);

/** The best sentences for `terms` (index terms, repeats ignored), by BM25+ × kind weight; ties newer first. */
export function claimCandidates(core: SearchCore, terms: readonly string[], options: CandidateOptions = {}): Candidate[] {
  const limit = Math.min(MAX_CANDIDATE_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_CANDIDATE_LIMIT) || DEFAULT_CANDIDATE_LIMIT));
  const poolSize = Math.max(1, options.poolSize ?? DEFAULT_POOL_SIZE);
  const { store, scoring: stats } = core;
  const byRarity = [...new Set(terms)]
    .map((term) => ({ term, df: stats.df(term) }))
    .filter((t) => t.df > 0)
    .sort((a, b) => a.df - b.df);
  if (scratch.length < store.docCount) scratch = new Float64Array(Math.max(store.docCount, scratch.length * 2));
  const acc = scratch;
  const pool: number[] = [];
  try {
    for (const { term, df } of byRarity) {
      const admitting = pool.length < poolSize;
      const termIdf = idf(df, stats.sentences);
      for (const segment of core.segments) {
        const posting = segment.posting(term);
        if (!posting) continue;
        const { docs, freqs } = posting;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (acc[doc] === 0) {
            if (!admitting || !store.isAlive(doc)) continue;
            pool.push(doc);
          }
          acc[doc]! += bm25(freqs[i]!, stats.length(doc), stats.averageLength, termIdf);
        }
      }
    }
    const scores = pool.map((doc) => acc[doc]! * KIND_WEIGHT[store.kind(doc)]);
    const best = topK(pool.length, limit, (a, b) => {
      if (scores[a] !== scores[b]) return scores[a]! > scores[b]!;
      const da = store.dateKey(pool[a]!);
      const db = store.dateKey(pool[b]!);
      return da !== db ? da > db : pool[a]! < pool[b]!;
    });
    return best.map((i) => ({ doc: pool[i]!, score: scores[i]! }));
  } finally {
    for (const doc of pool) acc[doc] = 0;
  }
}
