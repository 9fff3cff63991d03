// `name:value` filters of the query language. To add one (e.g. `speaker:` for the claim-check issue),
// append a definition to FIELD_FILTERS: the parser, the help text and the notes pick it up from here.
//
// Combination: different fields must all hold (AND); repeating a field allows any of its values
// (`publisher:reuters publisher:"moscow times"` = either); `-field:value` inverts one filter.
import { isValidDate } from '../corpus/article-file.ts';
import type { Article, ArticleMeta, Sentence } from '../corpus/types.ts';
import { fold } from './terms.ts';

/**
 * What article-level filters see: the fields the index keeps for every article without building it
 * (a filtered query may touch tens of thousands of articles).
 */
export type ArticleFacts = Pick<Article, 'id' | 'path' | 'publisher' | 'published' | 'dateInferred'>;

/** A filter ready to run. At least one of the two predicates is set. */
export interface CompiledFilter {
  /** The field name, used to group repeated fields. */
  field: string;
  /** Decides for every sentence of an article at once; evaluated once per article per query (cheap). */
  keepArticle?: (article: ArticleFacts) => boolean;
  /** Decides per sentence, for filters that look at the sentence itself (and may read the whole article). */
  keepSentence?: (sentence: Sentence, article: ArticleMeta) => boolean;
}

export interface FieldFilterDefinition {
  /** Lower-case field name as typed before the colon. */
  name: string;
  /** Example for the help text, e.g. `publisher:reuters`. */
  example: string;
  /** One line for the help text. */
  description: string;
  /** Turns the typed value into a filter, or explains (to the reader) why the value is unusable. */
  compile(value: string): CompiledFilter | { problem: string };
}

/** Folded, whitespace-normalised text for publisher comparisons; a leading "the" is optional. */
function publisherKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim().replace(/^the /, '');
}

/** since/until accept YYYY, YYYY-MM or YYYY-MM-DD; returns the first or last day it covers, or null. */
export function dateBound(value: string, end: 'first' | 'last'): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [, year, month, day] = m;
  if (day !== undefined) return isValidDate(value.trim()) ? value.trim() : null;
  if (month !== undefined) {
    const mo = Number(month);
    if (mo < 1 || mo > 12) return null;
    const lastDay = new Date(Date.UTC(Number(year), mo, 0)).getUTCDate();
    return `${year}-${month}-${end === 'first' ? '01' : String(lastDay).padStart(2, '0')}`;
  }
  return end === 'first' ? `${year}-01-01` : `${year}-12-31`;
}

function dateProblem(name: string, value: string): string {
  return value.trim() === ''
    ? `${name}: needs a date, e.g. ${name}:2024-01-31`
    : `${name}:${value} is not a date I understand (use YYYY-MM-DD, YYYY-MM or YYYY), so it was ignored`;
}

export const FIELD_FILTERS: readonly FieldFilterDefinition[] = [
  {
    name: 'publisher',
    example: 'publisher:reuters',
    description: 'publisher name starts with this (any case; a leading "The" is optional); publisher:"moscow times"',
    compile(value) {
      const key = publisherKey(value);
      if (key === '') return { problem: 'publisher: needs a name, e.g. publisher:reuters' };
      // A corpus has few publishers and many articles: decide once per publisher name.
      const decided = new Map<string, boolean>();
      return {
        field: 'publisher',
        keepArticle: ({ publisher }) => {
          let keep = decided.get(publisher);
          if (keep === undefined) decided.set(publisher, (keep = publisherKey(publisher).startsWith(key)));
          return keep;
        },
      };
    },
  },
  {
    name: 'since',
    example: 'since:2024-01-01',
    description: 'published on or after this date (also since:2024 or since:2024-06)',
    compile(value) {
      const bound = dateBound(value, 'first');
      if (bound === null) return { problem: dateProblem('since', value) };
      return { field: 'since', keepArticle: (article) => article.published !== '' && article.published >= bound };
    },
  },
  {
    name: 'until',
    example: 'until:2024-06-30',
    description: 'published on or before this date, inclusive (also until:2024 or until:2024-06)',
    compile(value) {
      const bound = dateBound(value, 'last');
      if (bound === null) return { problem: dateProblem('until', value) };
      return { field: 'until', keepArticle: (article) => article.published !== '' && article.published <= bound };
    },
  },
];

export const FIELD_NAMES: ReadonlySet<string> = new Set(FIELD_FILTERS.map((f) => f.name));
