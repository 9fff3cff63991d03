// Turns a parsed query into what the engine runs: required words, phrases, exclusions and filters, each
// already through the term pipeline, plus the problems the reader should be told about.
import { FIELD_FILTERS, type CompiledFilter, type FieldFilterDefinition } from './field-filters.ts';
import { parseQuery } from './query-syntax.ts';
import { wordTokens, type TermPipeline } from './terms.ts';

export interface PlannedWord {
  /** As typed (one token), for notes and typo rewriting. */
  surface: string;
  term: string;
  /** Offsets of the token in the query string. */
  start: number;
  end: number;
}

export interface PlannedPhrase {
  /** As typed, with quotes: for notes. */
  label: string;
  /** Phrase forms of its words, in order (see TermPipeline.word). */
  words: string[];
  /** Distinct index terms of its words: a sentence must contain all of them to contain the phrase. */
  terms: string[];
  /** Word hashes of its words, in order (matched against SentenceStore word sequences). */
  hashes: number[];
}

export interface PlannedFilter {
  /** As typed, e.g. `publisher:reuters`. */
  label: string;
  negated: boolean;
  filter: CompiledFilter;
}

export interface QueryPlan {
  words: PlannedWord[];
  phrases: PlannedPhrase[];
  excludedWords: Array<{ label: string; term: string }>;
  excludedPhrases: PlannedPhrase[];
  filters: PlannedFilter[];
  /** Things to tell the reader whatever the result (an unusable filter value, an ignored exclusion). */
  problems: string[];
  /** Stop words left out of the search, as typed. */
  ignored: string[];
  /** The query had no parts at all (empty or only whitespace). */
  blank: boolean;
}

/** Plans `query` for an index whose field filters are `filters` (the built-in ones by default). */
export function planQuery(query: string, pipeline: TermPipeline, filters: readonly FieldFilterDefinition[] = FIELD_FILTERS): QueryPlan {
  const plan: QueryPlan = { words: [], phrases: [], excludedWords: [], excludedPhrases: [], filters: [], problems: [], ignored: [], blank: false };
  const byName = new Map(filters.map((f) => [f.name, f]));
  const parts = parseQuery(query, new Set(byName.keys()));
  plan.blank = parts.length === 0;
  for (const part of parts) {
    const label = query.slice(part.start, part.end);
    if (part.type === 'field') {
      const compiled = byName.get(part.name)?.compile(part.value);
      if (!compiled) continue;
      if ('problem' in compiled) plan.problems.push(compiled.problem);
      else plan.filters.push({ label, negated: part.negated, filter: compiled });
      continue;
    }
    const textStart = part.end - (part.type === 'phrase' ? 0 : part.text.length);
    const tokens = wordTokens(part.text);
    if (tokens.length === 0) continue;
    // An exclusion of several tokens (-"peace deal", -U.S.-backed) excludes them as a phrase.
    if (part.type === 'phrase' || (part.negated && tokens.length > 1)) {
      const phrase = planPhrase(label, part.text, pipeline);
      if (part.negated) plan.excludedPhrases.push(phrase);
      else plan.phrases.push(phrase);
      continue;
    }
    for (const token of tokens) {
      const term = pipeline.term(token.surface);
      if (term === null) {
        if (part.negated) plan.problems.push(`'${label}' was ignored: '${token.surface}' is too common a word to exclude.`);
        else plan.ignored.push(token.surface);
      } else if (part.negated) {
        plan.excludedWords.push({ label, term });
      } else {
        plan.words.push({ surface: token.surface, term, start: textStart + token.start, end: textStart + token.end });
      }
    }
  }
  return plan;
}

function planPhrase(label: string, text: string, pipeline: TermPipeline): PlannedPhrase {
  const analyzed = wordTokens(text).map((t) => pipeline.analyze(t.surface));
  const terms = [...new Set(analyzed.map((a) => a.term).filter((t): t is string => t !== null))];
  return { label, words: analyzed.map((a) => a.word), terms, hashes: analyzed.map((a) => a.hash) };
}

/**
 * Filters grouped so that a sentence passes when every group has a filter that keeps it: repeated
 * values of one field are alternatives (OR); each negated filter must hold on its own (AND).
 */
export function groupFilters(filters: readonly PlannedFilter[]): PlannedFilter[][] {
  const groups = new Map<string, PlannedFilter[]>();
  filters.forEach((f, i) => {
    const key = f.negated ? `-${i}` : f.filter.field;
    const group = groups.get(key) ?? [];
    group.push(f);
    groups.set(key, group);
  });
  return [...groups.values()];
}
