// The quote query language as the bot offers it: the search layer's built-in filters plus `speaker:`,
// which needs speaker attribution (this layer) and so cannot live in src/search.
import { FIELD_FILTERS } from '../search/field-filters.ts';
import { querySyntaxHelp } from '../search/query-syntax.ts';
import type { SentenceIndex } from '../search/sentence-index.ts';
import { SPEAKER_FILTER_HELP, speakerFilter } from './speaker-filter.ts';

/** Adds `speaker:` to the index's query language; call once after opening an index. */
export function enableSpeakerFilter(index: SentenceIndex): SentenceIndex {
  index.addFieldFilter(speakerFilter(index.pipeline, (id) => index.sentencesOfSync(id)));
  return index;
}

/** Help text of the full query language, `speaker:` included (the same in chat and CLI). */
export const FULL_QUERY_SYNTAX_HELP = querySyntaxHelp([...FIELD_FILTERS, SPEAKER_FILTER_HELP]);
