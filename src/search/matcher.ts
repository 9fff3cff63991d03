// AND of clauses over one segment's sorted postings, rarest clause first. The rarest clause's postings
// are the candidate list; every other clause is checked by galloping (exponential then binary search)
// through its sorted postings, so cost grows with the SMALLER list: "Kozak Ukraine" costs about as much
// as "Kozak" even when Ukraine is in a third of the corpus. Only surviving candidates are scored.
import { bm25, idf } from './bm25.ts';
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
  sentences: number;
  averageLength: number;
  df(term: string): number;
  length(doc: number): number;
}

/** Matching sentence numbers (ascending) with their summed clause scores, in the first `size` entries. */
export interface Matches {
  docs: Uint32Array;
  scores: Float64Array;
  size: number;
}

interface ClauseList {
  docs: ArrayLike<number>;
  score(i: number, doc: number): number;
}

export const NO_MATCHES: Matches = { docs: new Uint32Array(0), scores: new Float64Array(0), size: 0 };

/** Sentences of `segment` satisfying every clause, scored by BM25+. No clauses → no matches. */
export function matchAll(segment: Segment, clauses: readonly Clause[], stats: ScoringStats): Matches {
  const lists: ClauseList[] = [];
  for (const clause of clauses) {
    const list = clauseList(segment, clause, stats);
    if (!list) return NO_MATCHES;
    lists.push(list);
  }
  if (lists.length === 0) return NO_MATCHES;
  lists.sort((a, b) => a.docs.length - b.docs.length);
  const [first, ...rest] = lists as [ClauseList, ...ClauseList[]];
  const docs = Uint32Array.from(first.docs);
  const scores = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) scores[i] = first.score(i, docs[i]!);
  let size = docs.length;
  for (const list of rest) {
    let kept = 0;
    let at = 0;
    for (let i = 0; i < size && at < list.docs.length; i++) {
      const doc = docs[i]!;
      at = gallop(list.docs, at, doc);
      if (at < list.docs.length && list.docs[at] === doc) {
        docs[kept] = doc;
        scores[kept++] = scores[i]! + list.score(at, doc);
      }
    }
    size = kept;
    if (size === 0) break;
  }
  return { docs, scores, size };
}

/** Removes, in place, the matches that contain any term of `clause`; returns how many were removed. */
export function removeContaining(matches: Matches, segment: Segment, clause: Clause): number {
  let removed = 0;
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
    removed += matches.size - kept;
    matches.size = kept;
  }
  return removed;
}

/** Keeps, in place, the matches for which `keep` holds; returns how many were removed. */
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
  const parts: Array<{ posting: Posting; weight: number; idf: number }> = [];
  for (const { term, weight } of clause) {
    const posting = segment.posting(term);
    if (posting && posting.docs.length > 0) parts.push({ posting, weight, idf: idf(stats.df(term), stats.sentences) });
  }
  const scoreOf = (part: (typeof parts)[number], i: number, doc: number) =>
    part.weight * bm25(part.posting.freqs[i]!, stats.length(doc), stats.averageLength, part.idf);
  if (parts.length === 0) return null;
  if (parts.length === 1) {
    const part = parts[0]!;
    return { docs: part.posting.docs, score: (i, doc) => scoreOf(part, i, doc) };
  }
  // Several alternatives (typo correction): merge into one list, keeping each sentence's best score.
  const best = new Map<number, number>();
  for (const part of parts) {
    for (let i = 0; i < part.posting.docs.length; i++) {
      const doc = part.posting.docs[i]!;
      const score = scoreOf(part, i, doc);
      if (score > (best.get(doc) ?? -1)) best.set(doc, score);
    }
  }
  const docs = Uint32Array.from([...best.keys()].sort((a, b) => a - b));
  const scores = Float64Array.from(docs, (doc) => best.get(doc)!);
  return { docs, score: (i) => scores[i]! };
}
