// Highlights, on the sentence's own text: stems and aliases are mapped back to the words as written,
// and each occurrence of a phrase becomes one span. (Matching phrases uses the word hashes kept in
// SentenceStore; this re-reads the text only for the hits shown.)
import { wordTokens, type TermPipeline, type WordToken } from './terms.ts';

/** A sentence tokenised once, with each token's phrase form and index term. */
export interface AnalyzedText {
  tokens: WordToken[];
  words: string[];
  terms: Array<string | null>;
}

export function analyzeText(text: string, pipeline: TermPipeline): AnalyzedText {
  const tokens = wordTokens(text);
  const words: string[] = [];
  const terms: Array<string | null> = [];
  for (const token of tokens) {
    const analyzed = pipeline.analyze(token.surface);
    words.push(analyzed.word);
    terms.push(analyzed.term);
  }
  return { tokens, words, terms };
}

/** Token indices where `phrase` (phrase forms, in order) starts in `words`. */
export function phraseStarts(words: readonly string[], phrase: readonly string[]): number[] {
  const starts: number[] = [];
  if (phrase.length === 0) return starts;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    starts.push(i);
  }
  return starts;
}

/**
 * [start, end) spans of the sentence's words whose term is in `terms` (so stems and aliases highlight
 * the word as written) and of every occurrence of each phrase (one span per occurrence). Sorted,
 * overlapping spans merged.
 */
export function highlightSpans(
  text: string,
  pipeline: TermPipeline,
  terms: ReadonlySet<string>,
  phrases: readonly (readonly string[])[],
): Array<[number, number]> {
  const analyzed = analyzeText(text, pipeline);
  const spans: Array<[number, number]> = [];
  analyzed.tokens.forEach((token, i) => {
    const term = analyzed.terms[i];
    if (term != null && terms.has(term)) spans.push([token.start, token.end]);
  });
  for (const phrase of phrases) {
    for (const i of phraseStarts(analyzed.words, phrase)) {
      spans.push([analyzed.tokens[i]!.start, analyzed.tokens[i + phrase.length - 1]!.end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}
