// What to do and say when a query finds nothing: retry with typo tolerance, or explain why it is empty.
import { execute, type SearchCore } from './execute.ts';
import type { Clause } from './matcher.ts';
import type { PlannedWord, QueryPlan } from './quote-plan.ts';

/** Words shorter than this are never corrected: short words have too many neighbours ("Maui" ~ "Mali"). */
export const MIN_TYPO_LETTERS = 5;
/** Longer "words" are pasted junk, not typos; skipping them keeps the edit-distance search cheap. */
const MAX_TYPO_LETTERS = 40;
/** A query with more unknown words than this is not a typo: no correction (each costs a tree search). */
const MAX_CORRECTED_WORDS = 3;
/** Weight of a corrected term's score, like MiniSearch's default fuzzy weight. */
const FUZZY_WEIGHT = 0.45;
/** At most this many corrections are tried per word, the closest and most frequent first. */
const MAX_ALTERNATIVES = 8;

export interface TypoRetry {
  clauses: Clause[];
  /** The words that were corrected, with the terms that may replace each. */
  corrected: Array<{ word: PlannedWord; terms: ReadonlySet<string> }>;
}

/**
 * Clauses where every plain word that occurs nowhere in the index is replaced by the index terms within
 * 1 edit (2 for words of 9+ letters). A word that does occur is not a typo and stays exact. Null when a
 * retry cannot help: nothing unknown, an unknown word too short (under 5 letters) or too long to
 * correct, an unknown phrase word, more than 3 unknown words, or a word with no close term.
 */
export function typoRetry(core: SearchCore, plan: QueryPlan): TypoRetry | null {
  const unknown = new Map<string, PlannedWord>();
  for (const word of plan.words) if (core.scoring.df(word.term) === 0) unknown.set(word.term, word);
  if (unknown.size === 0 || unknown.size > MAX_CORRECTED_WORDS) return null;
  if (plan.phrases.some((p) => p.terms.some((t) => core.scoring.df(t) === 0))) return null;
  const corrected: TypoRetry['corrected'] = [];
  const clauses: Clause[] = [];
  for (const term of new Set([...plan.words.map((w) => w.term), ...plan.phrases.flatMap((p) => p.terms)])) {
    const word = unknown.get(term);
    if (!word) {
      clauses.push([{ term, weight: 1 }]);
      continue;
    }
    const letters = word.surface.match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_TYPO_LETTERS || term.length > MAX_TYPO_LETTERS) return null;
    const similar = core
      .similarTerms(term, letters >= 9 ? 2 : 1)
      .filter((s) => s.distance > 0)
      .map((s) => ({ ...s, df: core.scoring.df(s.term) }))
      .filter((s) => s.df > 0)
      .sort((a, b) => a.distance - b.distance || b.df - a.df)
      .slice(0, MAX_ALTERNATIVES);
    if (similar.length === 0) return null;
    clauses.push(similar.map((s) => ({ term: s.term, weight: (FUZZY_WEIGHT * term.length) / (term.length + s.distance) })));
    corrected.push({ word, terms: new Set(similar.map((s) => s.term)) });
  }
  return { clauses, corrected };
}

const quoted = (s: string) => `'${s}'`;

function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why a query with at least one required term found nothing, naming the word, phrase or filter to blame. */
export function emptyReason(core: SearchCore, plan: QueryPlan, clauses: readonly Clause[]): string {
  const missing = [
    ...new Set([
      ...plan.words.filter((w) => core.scoring.df(w.term) === 0).map((w) => quoted(w.surface)),
      ...plan.phrases.filter((p) => p.terms.some((t) => core.scoring.df(t) === 0)).map((p) => p.label),
    ]),
  ];
  if (missing.length > 0) return `No sentence contains ${list(missing, 'or')}.`;
  // Only phrases of common words: they were looked for in every sentence.
  if (clauses.length === 0) return `No sentence contains ${list(plan.phrases.map((p) => p.label), 'or')}.`;
  const asked = [...new Set([...plan.words.map((w) => quoted(w.surface)), ...plan.phrases.map((p) => p.label)])];
  const none = { exclusions: false, filters: false, phrases: false };
  if (execute(core, plan, clauses, none).size === 0) {
    return asked.length === 1 ? `No sentence contains ${asked[0]}.` : `No sentence contains all of ${list(asked, 'and')}.`;
  }
  const withPhrases = execute(core, plan, clauses, { ...none, phrases: true }).size;
  if (withPhrases === 0) {
    const n = execute(core, plan, clauses, none).size;
    const labels = plan.phrases.map((p) => p.label);
    return `${plural(n, 'sentence contains', 'sentences contain')} the words of ${list(labels, 'and')}, but not as ${labels.length === 1 ? 'that phrase' : 'those phrases'}.`;
  }
  const blame = [
    ...new Set(plan.excludedWords.map((w) => w.label)),
    ...plan.excludedPhrases.map((p) => p.label),
    ...(plan.filters.length > 0 ? [`filters (${plan.filters.map((f) => f.label).join(' ')})`] : []),
  ];
  // Only called when the full query found nothing, so every phrase match was removed.
  return `${plural(withPhrases, 'match was', 'matches were')} removed by ${list(blame, 'and')}.`;
}
