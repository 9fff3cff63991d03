// The `speaker:` filter of the quote query language: `speaker:peskov`, `speaker:"dmitry peskov"`,
// `-speaker:putin`. It keeps sentences whose speaker (classifyStatement) contains the typed name, word
// by word, in any case and spelling variant (speaker:Zelenskyy finds "Volodymyr Zelensky").
//
// Why a factory: the speaker of a sentence depends on its neighbours ("he said" takes the speaker of
// the sentence before), so the filter needs the article's sentences, which only the index has. The
// search layer's FIELD_FILTERS is a static list whose `keepSentence(sentence, article)` gets neither,
// so this definition is ready to be registered once the layer accepts per-index filters.
import type { Sentence } from '../corpus/types.ts';
import type { CompiledFilter, FieldFilterDefinition } from '../search/field-filters.ts';
import { wordTokens, type TermPipeline } from '../search/terms.ts';
import { positionOf } from './retrieve.ts';
import { classifyStatement } from './statement.ts';

/** Words of a name as the index compares them (folded, aliases resolved), e.g. "Zelenskyy" → "zelensky". */
function nameWords(name: string, pipeline: TermPipeline): string[] {
  return wordTokens(name).map((t) => pipeline.word(t.surface)).filter((w) => w !== '');
}

/** True when `wanted` occurs as consecutive whole words of `speaker`. */
export function speakerMatches(speaker: string, wanted: readonly string[], pipeline: TermPipeline): boolean {
  const words = nameWords(speaker, pipeline);
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, j) => words[i + j] === w)) return true;
  }
  return false;
}

/**
 * The `speaker:` definition for one index. `sentencesOf` gives an article's sentences in order
 * (synchronously: filters run inside a query), or null for an unknown article; returning the same
 * array for the same article lets classifyStatement reuse its per-article analysis.
 */
export const SPEAKER_FILTER_HELP = {
  name: 'speaker',
  example: 'speaker:peskov',
  description: 'said by this person or body (quoted or reported); speaker:"dmitry peskov"',
} as const;

export function speakerFilter(pipeline: TermPipeline, sentencesOf: (articleId: string) => readonly Sentence[] | null): FieldFilterDefinition {
  return {
    ...SPEAKER_FILTER_HELP,
    compile(value): CompiledFilter | { problem: string } {
      const wanted = nameWords(value, pipeline);
      if (wanted.length === 0) return { problem: 'speaker: needs a name, e.g. speaker:peskov' };
      return {
        field: 'speaker',
        keepSentence(sentence) {
          const sentences = sentencesOf(sentence.articleId);
          const position = positionOf(sentence.id);
          if (sentences?.[position]?.id !== sentence.id) return false;
          const { speaker } = classifyStatement(sentences, position);
          return speaker !== null && speakerMatches(speaker, wanted, pipeline);
        },
      };
    },
  };
}
