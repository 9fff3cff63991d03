// Re-ranks BM25 candidates for a claim. BM25 rewards rare words wherever they stand; a sentence that
// bears on a claim covers most of the claim's content (names, numbers and dates above all), often in
// other words, and comes from an article about the claim's subject. Each signal's measured effect on
// WiCE dev is in bench/retrieval.ts's ablation table (`npm run bench:retrieval -- --ablate`).
import type { TermPipeline } from '../search/terms.ts';
import type { ClaimAnalysis, ClaimTerm, PhraseTable, TermKind, Token } from './claim-terms.ts';
import { tokenize } from './claim-terms.ts';

export interface RerankWeights {
  /** Multiplier of a term's IDF by kind. */
  kind: Record<TermKind, number>;
  /** Credit for a match through the paraphrase table instead of the claim's own word (0..1). */
  paraphrase: number;
  /** Weight of the share of claim-adjacent term pairs that stand close in the sentence. */
  proximity: number;
  /** Tokens apart that still count as "close". */
  proximityWindow: number;
  /** Weight of the coverage gained from the previous and next sentence of the same article. */
  neighbour: number;
  /** Credit of a term found only in a neighbour, relative to one in the sentence itself. */
  neighbourCredit: number;
  /** Weight of the coverage of the claim by all candidates from the same article together. */
  article: number;
  /** Weight of the BM25 score, normalised by the best candidate's. */
  bm25: number;
  /** Words a gap may hold inside a multi-word phrase ("pulled its troops out"). */
  phraseGap: number;
  /** Neighbours are read only for this many of the best candidates by the other signals (latency). */
  neighbourDepth: number;
}

/**
 * Tuned on WiCE dev (bench/retrieval.ts --ablate / --weights). Nearby values move R@10 by under 0.01;
 * proximity at 0.15 gave R@10 +0.003 but MRR@10 −0.009 and R@20 −0.011, hence 0.
 */
export const DEFAULT_WEIGHTS: RerankWeights = {
  kind: { name: 2, number: 2, date: 1.5, word: 1 },
  paraphrase: 0.8,
  proximity: 0,
  proximityWindow: 3,
  neighbour: 0.6,
  neighbourCredit: 0.8,
  article: 0.8,
  bm25: 0.2,
  phraseGap: 2,
  neighbourDepth: 60,
};

export interface SentenceView {
  tokens: Token[];
  /** key → token indices, ascending. */
  positions: Map<string, number[]>;
}

export function viewOf(text: string, pipeline: TermPipeline): SentenceView {
  const tokens = tokenize(text, pipeline);
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const list = positions.get(token.key);
    if (list) list.push(i);
    else positions.set(token.key, [i]);
  });
  return { tokens, positions };
}

/** Token indices of the first occurrence of `keys` in order, each within `gap` words of the last. */
function findPhrase(view: SentenceView, keys: readonly string[], gap: number): number[] | null {
  const starts = view.positions.get(keys[0]!);
  if (!starts) return null;
  outer: for (const start of starts) {
    const found = [start];
    for (let j = 1; j < keys.length; j++) {
      const next = view.positions.get(keys[j]!)?.find((p) => p > found[j - 1]! && p <= found[j - 1]! + 1 + gap);
      if (next === undefined) continue outer;
      found.push(next);
    }
    return found;
  }
  return null;
}

export interface TermMatch {
  /** 1 for the claim's own word (after stemming and aliases), `paraphrase` for a group member. */
  strength: number;
  tokens: number[];
}

/**
 * Scores texts against one claim: which of its terms a text contains, and how much of the claim's
 * weight that covers. Views are cached per text, as one article's sentences are read several times.
 */
export class ClaimScorer {
  readonly terms: readonly ClaimTerm[];
  readonly termWeights: readonly number[];
  private readonly total: number;
  private readonly keyTotal: number;
  private readonly views = new Map<string, SentenceView>();
  private readonly strengthCache = new Map<string, number[]>();

  constructor(
    analysis: ClaimAnalysis,
    private readonly table: PhraseTable,
    private readonly pipeline: TermPipeline,
    /** Inverse document frequency of a key in the searched corpus. */
    idf: (key: string) => number,
    readonly weights: RerankWeights = DEFAULT_WEIGHTS,
  ) {
    this.terms = analysis.terms;
    this.termWeights = this.terms.map((t) => weights.kind[t.kind] * Math.max(...t.keys.map(idf)));
    this.total = this.termWeights.reduce((s, x) => s + x, 0) || 1;
    this.keyTotal = this.terms.reduce((s, t, i) => s + (t.kind === 'word' ? 0 : this.termWeights[i]!), 0);
  }

  view(text: string): SentenceView {
    let v = this.views.get(text);
    if (!v) this.views.set(text, (v = viewOf(text, this.pipeline)));
    return v;
  }

  match(term: ClaimTerm, view: SentenceView): TermMatch | null {
    const own = findPhrase(view, term.keys, this.weights.phraseGap);
    if (own) return { strength: 1, tokens: own };
    if (term.group === null) return null;
    for (const entry of this.table.phrases[term.group]!) {
      const tokens = findPhrase(view, entry.keys, this.weights.phraseGap);
      if (tokens) return { strength: this.weights.paraphrase, tokens };
    }
    return null;
  }

  matches(text: string): Array<TermMatch | null> {
    const v = this.view(text);
    return this.terms.map((t) => this.match(t, v));
  }

  /** Per claim term, the best match strength in `text` (0 when absent). */
  strengths(text: string): number[] {
    let s = this.strengthCache.get(text);
    if (!s) this.strengthCache.set(text, (s = this.matches(text).map((m) => m?.strength ?? 0)));
    return s;
  }

  /** Weighted share of the claim covered by per-term strengths (0..1). */
  coverage(strengths: readonly number[]): number {
    return strengths.reduce((sum, x, i) => sum + x * this.termWeights[i]!, 0) / this.total;
  }

  /** The same over names, numbers and dates only; 1 when the claim has none. */
  keyCoverage(strengths: readonly number[]): number {
    if (this.keyTotal === 0) return 1;
    return strengths.reduce((sum, x, i) => sum + (this.terms[i]!.kind === 'word' ? 0 : x * this.termWeights[i]!), 0) / this.keyTotal;
  }

  /** Per-term maximum over several texts (each scaled by `credit`), merged into `into`. */
  union(texts: Iterable<string>, into: number[] = this.terms.map(() => 0), credit = 1): number[] {
    for (const text of texts) {
      const s = this.strengths(text);
      for (let i = 0; i < s.length; i++) into[i] = Math.max(into[i]!, s[i]! * credit);
    }
    return into;
  }
}

export interface RerankInput {
  id: string;
  articleId: string;
  text: string;
  bm25: number;
  /** Texts of the sentences just before and after in the same article (called only when needed). */
  neighbours(): readonly string[];
}

export interface Features {
  /** Weighted share of the claim's terms found in the sentence itself (0..1). */
  coverage: number;
  /** The same for names, numbers and dates only (1 when the claim has none). */
  keyCoverage: number;
  proximity: number;
  /** Coverage added by the neighbouring sentences (at neighbourCredit). */
  neighbourGain: number;
  /** Coverage of the claim by all candidates of the same article together. */
  articleCoverage: number;
  bm25: number;
}

export interface Scored {
  input: RerankInput;
  score: number;
  features: Features;
  /** [start, end) offsets of the matched words in the sentence. */
  highlights: Array<[number, number]>;
}

function proximityOf(matches: readonly (TermMatch | null)[], window: number): number {
  // Pairs of terms next to each other in the claim (among the matched ones) that stand close in the sentence.
  const matched = matches.filter((m): m is TermMatch => m !== null);
  if (matched.length < 2) return 0;
  let close = 0;
  for (let i = 1; i < matched.length; i++) {
    const a = matched[i - 1]!.tokens;
    const b = matched[i]!.tokens;
    if (a.some((p) => b.some((q) => Math.abs(p - q) <= window))) close++;
  }
  return close / (matched.length - 1);
}

function spans(view: SentenceView, matches: readonly (TermMatch | null)[]): Array<[number, number]> {
  const indices = [...new Set(matches.flatMap((m) => m?.tokens ?? []))].sort((a, b) => a - b);
  return indices.map((i) => [view.tokens[i]!.start, view.tokens[i]!.end]);
}

/**
 * Scores every candidate; best first. Ties keep BM25 order. Neighbours are read in a second pass for
 * the best `neighbourDepth` candidates only: they can lift a sentence a few places, not from the bottom.
 */
export function rerank(inputs: readonly RerankInput[], scorer: ClaimScorer): Scored[] {
  const w = scorer.weights;
  const maxBm25 = Math.max(1e-9, ...inputs.map((c) => c.bm25));
  // What each article covers through all its candidates: a sentence from an article about the claim's
  // subject is likelier to bear on it than the same words in an unrelated story.
  const byArticle = new Map<string, number[]>();
  for (const input of inputs) byArticle.set(input.articleId, scorer.union([input.text], byArticle.get(input.articleId)));
  const scored = inputs.map((input, order) => {
    const matches = scorer.matches(input.text);
    const strengths = scorer.strengths(input.text);
    const coverage = scorer.coverage(strengths);
    const proximity = w.proximity > 0 ? proximityOf(matches, w.proximityWindow) : 0;
    const features: Features = {
      coverage,
      keyCoverage: scorer.keyCoverage(strengths),
      proximity,
      neighbourGain: 0,
      articleCoverage: scorer.coverage(byArticle.get(input.articleId)!),
      bm25: input.bm25 / maxBm25,
    };
    const score = coverage + w.proximity * proximity + w.article * features.articleCoverage + w.bm25 * features.bm25;
    return { order, strengths, scored: { input, score, features, highlights: spans(scorer.view(input.text), matches) } };
  });
  const byScore = (a: (typeof scored)[number], b: (typeof scored)[number]) => b.scored.score - a.scored.score || a.order - b.order;
  scored.sort(byScore);
  if (w.neighbour > 0) {
    for (const { strengths, scored: s } of scored.slice(0, w.neighbourDepth)) {
      const neighbours = s.input.neighbours();
      if (neighbours.length === 0) continue;
      s.features.neighbourGain = scorer.coverage(scorer.union(neighbours, [...strengths], w.neighbourCredit)) - s.features.coverage;
      s.score += w.neighbour * s.features.neighbourGain;
    }
    scored.sort(byScore);
  }
  return scored.map((x) => x.scored);
}
