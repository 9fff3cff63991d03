// Which one or two sentences stand for a new article in the digest. Every sentence is quoted verbatim;
// picking only decides which.
//
// Without a topic: centrality. An article's sentences repeat its main subject, so the sentence that shares
// the most (rare) words with the rest of the article and with its headline says what the article is about.
// Each body sentence becomes a TF-IDF vector over the article's own sentences (the search index's terms:
// folded, stemmed, stop words out), and scores
//     0.6 · mean cosine similarity to the other body sentences
//   + 0.3 · cosine similarity to the headline
//   + 0.1 · how early it comes (news leads with what matters).
// Sentences under 5 terms ("He declined to comment.") are passed over while longer ones exist; captions and
// the headline itself are never picked (the headline is shown as the citation's title). A second sentence is
// added only when it scores at least 60 % of the first and is not a near-repeat of it (cosine < 0.5).
//
// With a topic: the search engine's own ranking for the topic query (see content.ts); the best two matching
// sentences of each article, shown in article order.
import { EMPTY_ALIASES } from '../corpus/aliases.ts';
import type { Sentence } from '../corpus/types.ts';
import { TermPipeline } from '../search/terms.ts';

const pipeline = new TermPipeline(EMPTY_ALIASES);

export const MIN_TERMS = 5;
const WEIGHTS = { centrality: 0.6, headline: 0.3, position: 0.1 } as const;
const SECOND_MIN_RATIO = 0.6;
const MAX_REDUNDANCY = 0.5;

type Vector = Map<string, number>;

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of pipeline.terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, weight] of a) {
    normA += weight * weight;
    const other = b.get(term);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

export interface ScoredSentence {
  sentence: Sentence;
  score: number;
}

function score(sentences: readonly Sentence[]): Array<ScoredSentence & { vector: Vector }> {
  const headline = sentences.find((s) => s.kind === 'headline');
  const body = sentences.filter((s) => s.kind === 'body');
  if (body.length === 0) return [];
  const counts = body.map((s) => termCounts(s.text));
  const long = body.map((_, i) => (counts[i] as Map<string, number>).size >= MIN_TERMS);
  const candidates = long.some(Boolean) ? body.map((_, i) => i).filter((i) => long[i]) : body.map((_, i) => i);

  // Document frequency over the article's body: a word every sentence uses says little about any of them.
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string) => Math.log(1 + body.length / (df.get(term) ?? 0.5));
  const vectorOf = (c: Map<string, number>): Vector => new Map([...c].map(([term, tf]) => [term, tf * idf(term)]));
  const vectors = counts.map(vectorOf);
  const headlineVector = headline ? vectorOf(termCounts(headline.text)) : new Map<string, number>();

  const scored = candidates.map((i) => {
    const vector = vectors[i] as Vector;
    let similarity = 0;
    for (let j = 0; j < vectors.length; j++) if (j !== i) similarity += cosine(vector, vectors[j] as Vector);
    const centrality = body.length > 1 ? similarity / (body.length - 1) : 1;
    const position = 1 - i / body.length;
    const value = WEIGHTS.centrality * centrality + WEIGHTS.headline * cosine(vector, headlineVector) + WEIGHTS.position * position;
    return { sentence: body[i] as Sentence, score: value, vector };
  });
  return scored.sort((a, b) => b.score - a.score || sentenceOrder(a.sentence.id) - sentenceOrder(b.sentence.id));
}

/** Every candidate sentence with its centrality score, best first. */
export function scoreSentences(sentences: readonly Sentence[]): ScoredSentence[] {
  return score(sentences).map(({ sentence, score: value }) => ({ sentence, score: value }));
}

/** The one or two most central sentences of an article, in article order (none for an article without body). */
export function pickCentralSentences(sentences: readonly Sentence[], max = 2): Sentence[] {
  const scored = score(sentences);
  const best = scored[0];
  if (!best || max < 1) return [];
  const picked = [best];
  for (const candidate of scored.slice(1)) {
    if (picked.length >= max || candidate.score < best.score * SECOND_MIN_RATIO) break;
    if (cosine(candidate.vector, best.vector) >= MAX_REDUNDANCY) continue;
    picked.push(candidate);
  }
  return picked.map((p) => p.sentence).sort((a, b) => sentenceOrder(a.id) - sentenceOrder(b.id));
}

/** The n of `<article-id>#<n>`: the sentence's place in its article. */
export function sentenceOrder(sentenceId: string): number {
  const n = Number(sentenceId.slice(sentenceId.lastIndexOf('#') + 1));
  return Number.isFinite(n) ? n : 0;
}
