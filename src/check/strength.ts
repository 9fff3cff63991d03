// How strongly a ranked sentence bears on a claim: strong, partial or none. The thresholds are
// calibrated on WiCE dev (bench/retrieval.ts prints the resulting rates) and checked on the seed corpus
// (tests/check/checker.test.ts).
//
// - none: the sentence's score is low, or its whole article covers too little of the claim, or it
//   scores far below the best sentence. When the best sentence is none, the claim's match is none. The
//   article test matters because WiCE's unsupported claims cite pages on the same subject: the best
//   sentence there often shares the subject's name but the article never mentions the claim's details.
// - strong: the sentence alone covers most of the claim's weighted terms, names, numbers and dates
//   included (on WiCE dev, 82 % of sentences at coverage ≥ 0.6 are annotated supporting sentences).
// - partial: everything in between — it touches the claim but does not state all of it.
import type { MatchStrength } from './types.ts';

export interface StrengthInput {
  /** The re-ranker's score. */
  score: number;
  /** Weighted share of the claim's terms in the sentence itself. */
  coverage: number;
  /** The same over names, numbers and dates. */
  keyCoverage: number;
  /** Weighted share of the claim's terms anywhere in the sentence's article. */
  articleCoverage: number;
}

export interface StrengthThresholds {
  minScore: number;
  minArticleCoverage: number;
  /** Evidence must reach this share of the best sentence's score (keeps the list on the claim). */
  relativeScore: number;
  strongCoverage: number;
  strongKeyCoverage: number;
}

/**
 * On WiCE dev (319 claims with gold, 30 without): the best sentence passes the two gates for 91 % of
 * the claims with gold and fails them for 57 % of those without; relativeScore 0.8 gave the best F1
 * (0.45) of evidence lists against the annotated sentences among values 0.5-0.9.
 */
export const DEFAULT_THRESHOLDS: StrengthThresholds = {
  minScore: 0.65,
  minArticleCoverage: 0.47,
  relativeScore: 0.8,
  strongCoverage: 0.6,
  strongKeyCoverage: 0.75,
};

export function strengthOf(input: StrengthInput, bestScore: number, t: StrengthThresholds = DEFAULT_THRESHOLDS): MatchStrength {
  if (input.score < t.minScore || input.articleCoverage < t.minArticleCoverage) return 'none';
  if (input.score < t.relativeScore * bestScore) return 'none';
  if (input.coverage >= t.strongCoverage && input.keyCoverage >= t.strongKeyCoverage) return 'strong';
  return 'partial';
}

const ORDER: Record<MatchStrength, number> = { none: 0, partial: 1, strong: 2 };

/** The strongest of several strengths ('none' for an empty list). */
export function strongest(strengths: Iterable<MatchStrength>): MatchStrength {
  let best: MatchStrength = 'none';
  for (const s of strengths) if (ORDER[s] > ORDER[best]) best = s;
  return best;
}
