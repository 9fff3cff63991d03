// AND of clauses over one segment's sorted postings, rarest clause first. The rarest clause's postings
// are the candidate list; every other clause is checked by galloping (exponential then binary search)
// through its sorted postings, so cost grows with the SMALLER list: "Kozak Ukraine" costs about as much
// as "Kozak" even when Ukraine is in a third of the corpus. Only surviving candidates are scored.
// Hot loops read typed arrays directly (no per-sentence closures or objects): a query may touch a
// third of a million sentences.
import { BM25, idf } from './bm25.ts';
import type { Posting } from './frozen-postings.ts';

/** One way a clause can be satisfied: a term and the weight of its score (1 exact, < 1 typo-corrected). */
export interface TermAlternative {
  term: string;
  weight: number;
}

/** Satisfied by a sentence that contains any of its alternatives; scored by the best one it contains. */
export type Clause = readonly TermAlternative[];

export interface Segment {
  posting(term: string): Posting | null;
}

/** Whole-index statistics, so sentences score the same whichever segment holds them. */
export interface ScoringStats {
  readonly sentences: number;
  readonly averageLength: number;
  df(term: string): number;
  /** Index length of every sentence, by sentence number. */
  readonly lengths: Uint16Array;
}

/** Matching sentence numbers (ascending) with their summed clause scores, in the first `size` entries. */
export interface Matches {
  docs: Uint32Array;
  scores: Float64Array;
  size: number;
}

/** A clause's sentences with what scoring needs: precomputed scores (several alternatives) or tf/weight/idf. */
interface ClauseList {
  docs: Uint32Array;
  freqs: Uint8Array | null;
  scores: Float64Array | null;
  weightedIdf: number;
}

export const emptyMatches = (): Matches => ({ docs: new Uint32Array(0), scores: new Float64Array(0), size: 0 });

/** Sentences of `segment` satisfying every clause, scored by BM25+. No clauses → no matches. */
export function matchAll(segment: Segment, clauses: readonly Clause[], stats: ScoringStats): Matches {
  const lists: ClauseList[] = [];
  for (const clause of clauses) {
    const list = clauseList(segment, clause, stats);
    if (!list) return emptyMatches();
    lists.push(list);
  }
  if (lists.length === 0) return emptyMatches();
  lists.sort((a, b) => a.docs.length - b.docs.length);
  const first = lists[0]!;
  const docs = first.docs.slice();
  const scores = new Float64Array(docs.length);
  scoreInto(first, 0, docs, scores, docs.length, stats);
  let size = docs.length;
  const one = new Uint32Array(1);
  const oneScore = new Float64Array(1);
  for (let l = 1; l < lists.length && size > 0; l++) {
    const list = lists[l]!;
    let kept = 0;
    let at = 0;
    for (let i = 0; i < size && at < list.docs.length; i++) {
      const doc = docs[i]!;
      at = gallop(list.docs, at, doc);
      if (at < list.docs.length && list.docs[at] === doc) {
        one[0] = doc;
        scoreInto(list, at, one, oneScore, 1, stats);
        docs[kept] = doc;
        scores[kept++] = scores[i]! + oneScore[0]!;
      }
    }
    size = kept;
  }
  return { docs, scores, size };
}

/** scores[i] = BM25+ of `list` entry `from + i` for sentences docs[i], i < n. */
function scoreInto(list: ClauseList, from: number, docs: Uint32Array, scores: Float64Array, n: number, stats: ScoringStats): void {
  if (list.scores) {
    for (let i = 0; i < n; i++) scores[i] = list.scores[from + i]!;
    return;
  }
  const { k, b, d } = BM25;
  const freqs = list.freqs!;
  const lengths = stats.lengths;
  const norm = b / (stats.averageLength || 1);
  for (let i = 0; i < n; i++) {
    const tf = freqs[from + i]!;
    scores[i] = list.weightedIdf * (d + (tf * (k + 1)) / (tf + k * (1 - b + norm * lengths[docs[i]!]!)));
  }
}

/** Removes, in place, the matches that contain any term of `clause`; returns how many were removed. */
export function removeContaining(matches: Matches, segment: Segment, clause: Clause): number {
  const before = matches.size;
  for (const { term } of clause) {
    const posting = segment.posting(term);
    if (!posting) continue;
    let kept = 0;
    let at = 0;
    for (let i = 0; i < matches.size; i++) {
      const doc = matches.docs[i]!;
      at = gallop(posting.docs, at, doc);
      if (at < posting.docs.length && posting.docs[at] === doc) continue;
      matches.docs[kept] = doc;
      matches.scores[kept++] = matches.scores[i]!;
    }
    matches.size = kept;
  }
  return before - matches.size;
}

/** Keeps, in place and in order, the matches for which `keep` holds; returns how many were removed. */
export function keepWhere(matches: Matches, keep: (doc: number) => boolean): number {
  let kept = 0;
  for (let i = 0; i < matches.size; i++) {
    const doc = matches.docs[i]!;
    if (!keep(doc)) continue;
    matches.docs[kept] = doc;
    matches.scores[kept++] = matches.scores[i]!;
  }
  const removed = matches.size - kept;
  matches.size = kept;
  return removed;
}

/** First index ≥ `from` whose value is ≥ `target` in ascending `docs` (docs.length when none). */
export function gallop(docs: ArrayLike<number>, from: number, target: number): number {
  const n = docs.length;
  if (from >= n || docs[from]! >= target) return from;
  // docs[lo] < target is invariant; find hi with docs[hi] >= target by doubling steps.
  let lo = from;
  let step = 1;
  let hi = from + step;
  while (hi < n && docs[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > n) hi = n;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

function clauseList(segment: Segment, clause: Clause, stats: ScoringStats): ClauseList | null {
  const parts: ClauseList[] = [];
  for (const { term, weight } of clause) {
    const posting = segment.posting(term);
    if (posting && posting.docs.length > 0) {
      parts.push({ docs: posting.docs, freqs: posting.freqs, scores: null, weightedIdf: weight * idf(stats.df(term), stats.sentences) });
    }
  }
  if (parts.length <= 1) return parts[0] ?? null;
  // Several alternatives (typo correction): merge into one list, keeping each sentence's best score.
  const best = new Map<number, number>();
  for (const part of parts) {
    const scores = new Float64Array(part.docs.length);
    scoreInto(part, 0, part.docs, scores, part.docs.length, stats);
    part.docs.forEach((doc, i) => best.set(doc, Math.max(best.get(doc) ?? 0, scores[i]!)));
  }
  const docs = Uint32Array.from([...best.keys()].sort((a, b) => a - b));
  return { docs, freqs: null, scores: Float64Array.from(docs, (doc) => best.get(doc)!), weightedIdf: 0 };
}
