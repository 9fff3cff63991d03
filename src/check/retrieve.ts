// From a claim to ranked corpus sentences: BM25 candidates from the search index, then the re-ranker
// (rerank.ts) with each candidate's neighbours and article. Shared by `check`, `timeline` and the
// WiCE benchmark, so the benchmark measures exactly what the bot runs.
import type { Sentence } from '../corpus/types.ts';
import type { SearchBackend } from '../search/backend.ts';
import { idf as bm25Idf } from '../search/bm25.ts';
import type { CandidateOptions } from '../search/candidates.ts';
import type { TermPipeline } from '../search/terms.ts';
import type { Hit } from '../search/types.ts';
import { analyseClaim, phraseTable, type ClaimAnalysis, type PhraseTable } from './claim-terms.ts';
import { PARAPHRASE_GROUPS } from './paraphrases.ts';
import { ClaimScorer, DEFAULT_WEIGHTS, rerank, type RerankWeights, type Scored } from './rerank.ts';

/** What the checker needs from the search layer: SentenceIndex provides all of it. */
export interface ClaimIndex extends SearchBackend {
  readonly pipeline: TermPipeline;
  readonly scoring: { readonly sentences: number; df(term: string): number };
  candidates(claim: string | readonly string[], options?: CandidateOptions): Hit[];
  /** One sentence by id, or null (neighbours without loading the whole article). */
  hit(sentenceId: string): Hit | null;
}

export interface RetrieveOptions {
  /** BM25 candidates to re-rank. More lets article coverage see more of each article (WiCE dev R@10
   * 0.674 at 100, 0.679 at 200; R@20 0.733 → 0.754) at the cost of latency. */
  candidates?: number;
  weights?: RerankWeights;
  /** Add the paraphrase table's alternatives of the claim's phrases to the BM25 query. */
  expand?: boolean;
}

export const DEFAULT_CANDIDATES = 200;

export interface RankedHit {
  hit: Hit;
  scored: Scored;
  /** Index of the hit in its article's sentences. */
  position: number;
}

export interface Retrieval {
  analysis: ClaimAnalysis;
  scorer: ClaimScorer;
  ranked: RankedHit[];
  /** An article's sentences in order, loaded once per retrieval (the same array on every call). */
  sentencesOf(articleId: string): Promise<readonly Sentence[]>;
}

/** Position of `<article-id>#<n>` in its article (n counts from 1). */
export function positionOf(sentenceId: string): number {
  return Number(sentenceId.slice(sentenceId.lastIndexOf('#') + 1)) - 1;
}

/** The claim's own words plus, for each paraphrase-table phrase in it, the other phrases of its group. */
export function queryWords(claim: string, analysis: ClaimAnalysis, expand: boolean): string[] {
  if (!expand) return [claim];
  const extra = analysis.terms.flatMap((t) => (t.group === null ? [] : PARAPHRASE_GROUPS[t.group]!.filter((p) => p !== t.surface)));
  return [claim, ...extra];
}

export function scorerFor(index: ClaimIndex, analysis: ClaimAnalysis, table: PhraseTable, weights: RerankWeights): ClaimScorer {
  const n = index.scoring.sentences;
  // Stop-word keys ("~a" in "half a year") carry no weight of their own; a phrase takes its rarest word's.
  const idf = (key: string) => (key.startsWith('~') ? 0 : bm25Idf(index.scoring.df(key), n));
  return new ClaimScorer(analysis, table, index.pipeline, idf, weights);
}

export async function retrieve(index: ClaimIndex, claim: string, options: RetrieveOptions = {}): Promise<Retrieval> {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const table = phraseTable(index.pipeline);
  const analysis = analyseClaim(claim, index.pipeline, table);
  const scorer = scorerFor(index, analysis, table, weights);
  const loaded = new Map<string, Promise<readonly Sentence[]>>();
  const sentencesOf = (articleId: string) => {
    let sentences = loaded.get(articleId);
    if (!sentences) loaded.set(articleId, (sentences = index.sentencesOf(articleId).then((s) => s ?? [])));
    return sentences;
  };
  if (analysis.terms.length === 0) return { analysis, scorer, ranked: [], sentencesOf };
  const hits = index.candidates(queryWords(claim, analysis, options.expand ?? false), { limit: options.candidates ?? DEFAULT_CANDIDATES });
  const inputs = hits.map((hit) => {
    const n = positionOf(hit.sentenceId) + 1;
    const neighbours = () =>
      [n - 1, n + 1].map((m) => index.hit(`${hit.article.id}#${m}`)?.text).filter((t): t is string => t !== undefined);
    return { id: hit.sentenceId, articleId: hit.article.id, text: hit.text, bm25: hit.score, neighbours };
  });
  const byId = new Map(hits.map((h) => [h.sentenceId, h]));
  const ranked = rerank(inputs, scorer).map((scored) => {
    const hit = byId.get(scored.input.id)!;
    return { hit, scored, position: positionOf(hit.sentenceId) };
  });
  return { analysis, scorer, ranked, sentencesOf };
}
