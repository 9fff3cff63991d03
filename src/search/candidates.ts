// Candidate sentences for a claim (the claim-check issue): BM25+ over an OR of the claim's terms, for
// claims of 12-25 words. AND would miss paraphrases; a plain OR would score every sentence containing
// "said" or "Russia". So the OR is capped before full scoring:
//
// 1. The claim's distinct index terms are taken rarest first (names and numbers before "war").
// 2. While the pool holds fewer than `poolSize` sentences, a term's postings add sentences to it.
// 3. Once the pool is full, the remaining (common) terms only add to the scores of pooled sentences,
//    found by galloping through their postings: a sentence with nothing but common words never
//    becomes a candidate, and a common term costs about pool × log(postings / pool), not its postings.
//
// Scores accumulate in one dense Float64Array indexed by sentence number (reused across calls).
import { BM25, idf, KIND_WEIGHT } from './bm25.ts';
import type { SearchCore } from './execute.ts';
import { gallop } from './matcher.ts';
import { topScored } from './top-k.ts';

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

let acc = new Float64Array(0);
let pool = new Uint32Array(0);

/** The best sentences for `terms` (index terms, repeats ignored), by BM25+ × kind weight; ties newer first. */
export function claimCandidates(core: SearchCore, terms: readonly string[], options: CandidateOptions = {}): Candidate[] {
  const limit = Math.min(MAX_CANDIDATE_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_CANDIDATE_LIMIT) || DEFAULT_CANDIDATE_LIMIT));
  const poolSize = Math.max(1, options.poolSize ?? DEFAULT_POOL_SIZE);
  const { store, scoring: stats } = core;
  const byRarity = [...new Set(terms)]
    .map((term) => ({ term, df: stats.df(term) }))
    .filter((t) => t.df > 0)
    .sort((a, b) => a.df - b.df);
  if (acc.length < store.docCount) acc = new Float64Array(Math.max(store.docCount, acc.length * 2));
  if (pool.length < store.docCount) pool = new Uint32Array(Math.max(store.docCount, pool.length * 2));
  const { alive, lengths } = store;
  const norm = BM25.b / (stats.averageLength || 1);
  let size = 0;
  let sorted = false;
  try {
    for (const { term, df } of byRarity) {
      const admitting = size < poolSize;
      const termIdf = idf(df, stats.sentences);
      const add = (doc: number, tf: number) => {
        acc[doc]! += termIdf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + norm * lengths[doc]!)));
      };
      for (const segment of core.segments) {
        const posting = segment.posting(term);
        if (!posting) continue;
        const { docs, freqs } = posting;
        if (admitting) {
          for (let i = 0; i < docs.length; i++) {
            const doc = docs[i]!;
            if (acc[doc] === 0) {
              if (alive[doc] !== 1) continue;
              pool[size++] = doc;
            }
            add(doc, freqs[i]!);
          }
        } else if (docs.length > 4 * size) {
          if (!sorted) {
            pool.subarray(0, size).sort();
            sorted = true;
          }
          for (let i = 0, at = 0; i < size && at < docs.length; i++) {
            at = gallop(docs, at, pool[i]!);
            if (docs[at] === pool[i]) add(pool[i]!, freqs[at]!);
          }
        } else {
          for (let i = 0; i < docs.length; i++) if (acc[docs[i]!] !== 0) add(docs[i]!, freqs[i]!);
        }
      }
    }
    const scores = new Float64Array(size);
    for (let i = 0; i < size; i++) scores[i] = acc[pool[i]!]! * KIND_WEIGHT[store.kind(pool[i]!)];
    const best = topScored(scores, size, limit, (a, b) => {
      const da = store.dateKey(pool[a]!);
      const db = store.dateKey(pool[b]!);
      return da !== db ? da > db : pool[a]! < pool[b]!;
    });
    return best.map((i) => ({ doc: pool[i]!, score: scores[i]! }));
  } finally {
    for (let i = 0; i < size; i++) acc[pool[i]!] = 0;
  }
}
