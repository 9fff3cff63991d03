// Turns a claim, and the sentences it is compared with, into normalised terms. Both sides go through the
// search layer's term pipeline (folding, possessive stripped, spelling alias → canonical form, Porter
// stem) plus number words → digits, so "Kiev's troops withdrew" and "Kyiv withdrawing troops" share keys.
import { wordTokens, type TermPipeline } from '../search/terms.ts';
import { PARAPHRASE_GROUPS } from './paraphrases.ts';

export interface Token {
  /** The normalised key compared across texts. */
  key: string;
  /** [start, end) UTF-16 offsets into the text. */
  start: number;
  end: number;
  /** Written with a capital letter (name detection on the claim side). */
  capital: boolean;
}

/** Names, numbers and dates carry most of a claim's checkable content, so they weigh more. */
export type TermKind = 'name' | 'number' | 'date' | 'word';

export interface ClaimTerm {
  /** As written in the claim. */
  surface: string;
  /** Keys of the phrase (one for a plain word, several for "turned down"). */
  keys: readonly string[];
  kind: TermKind;
  /** Index into the paraphrase table when the phrase belongs to a group. */
  group: number | null;
  /** Order of the term in the claim (proximity compares neighbouring terms). */
  order: number;
}

export interface ClaimAnalysis {
  claim: string;
  terms: ClaimTerm[];
}

// Words a claim term is never built from: the index's stop words plus chat phrasing ("apparently",
// "someone said"), attribution verbs and negations (a sentence that bears on "X did not reject" need
// not contain "not": it shows what sources say either way).
const STOP_WORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her here ' +
    'hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of ' +
    'off on once only or other our ours ourselves out over own same she should so some such than that the their ' +
    'theirs them themselves then there these they this those through to too under until up very was we were what ' +
    'when where which while who whom why will with would you your yours yourself yourselves ' +
    'said say says saying told tell tells reportedly apparently actually really basically ' +
    'according someone somebody people thing things like well yes yeah ok okay lol ' +
    'mr mrs ms per via among upon within without whether yet though although however s t')
    .split(' '),
);

const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100',
};
const SCALE_WORDS = new Set(['thousand', 'million', 'billion', 'trillion', 'dozen', 'percent']);
const DATE_WORDS = new Set(
  ('january february march april may june july august september october november december jan feb mar apr jun jul ' +
    'aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday').split(' '),
);

/**
 * The key of one token: the index term from the search layer's pipeline (folded, alias → canonical,
 * stemmed), so keys and index statistics agree. Stop words, which the index drops, get their folded
 * word behind "~" so phrases like "half a year" can still be matched without colliding with terms
 * ("us" the pronoun vs "US"). Number words become digits: "four regions" meets "4 regions".
 */
export function keyOf(surface: string, pipeline: TermPipeline): string | null {
  const term = pipeline.term(surface);
  if (term === null) {
    const word = pipeline.word(surface);
    return word === '' ? null : `~${word}`;
  }
  return NUMBER_WORDS[term] ?? term;
}

export function tokenize(text: string, pipeline: TermPipeline): Token[] {
  const tokens: Token[] = [];
  for (const { surface, start, end } of wordTokens(text)) {
    const key = keyOf(surface, pipeline);
    if (key === null) continue;
    tokens.push({ key, start, end, capital: /^\p{Lu}/u.test(surface) });
  }
  return tokens;
}

/** True for words a claim term is never built from (checked on the raw lower-case word). */
export function isStopWord(lower: string): boolean {
  return STOP_WORDS.has(lower);
}

export interface PhraseEntry {
  keys: readonly string[];
  group: number;
}

/** The paraphrase table in key form, indexed by first key (longest phrase first). */
export interface PhraseTable {
  phrases: readonly (readonly PhraseEntry[])[];
  byFirstKey: ReadonlyMap<string, readonly PhraseEntry[]>;
}

const tableCache = new WeakMap<TermPipeline, PhraseTable>();

export function phraseTable(pipeline: TermPipeline, groups: readonly (readonly string[])[] = PARAPHRASE_GROUPS): PhraseTable {
  const cached = groups === PARAPHRASE_GROUPS ? tableCache.get(pipeline) : undefined;
  if (cached) return cached;
  const phrases = groups.map((group, index) =>
    group.map((phrase) => ({ keys: tokenize(phrase, pipeline).map((t) => t.key), group: index })),
  );
  const byFirstKey = new Map<string, PhraseEntry[]>();
  for (const entry of phrases.flat()) {
    const list = byFirstKey.get(entry.keys[0]!) ?? [];
    list.push(entry);
    byFirstKey.set(entry.keys[0]!, list);
  }
  for (const list of byFirstKey.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  const table = { phrases, byFirstKey };
  if (groups === PARAPHRASE_GROUPS) tableCache.set(pipeline, table);
  return table;
}

function kindOf(raw: string, key: string, token: Token): TermKind {
  const lower = raw.toLowerCase();
  if (/^\d/.test(key)) return /^(1[89]|20)\d\d$/.test(key) ? 'date' : 'number';
  if (DATE_WORDS.has(lower.replace(/\.$/, ''))) return 'date';
  if (NUMBER_WORDS[lower] || SCALE_WORDS.has(lower)) return 'number';
  if (!token.capital) return 'word';
  // Claims typed in chat usually open with their subject ("Putin offered …", "Gill has won …"); the
  // stop list already removed "The", "In", "After" and the like, so a capitalised opener is a name too.
  return 'name';
}

/**
 * The content terms of a claim: paraphrase phrases first (longest match wins), then every remaining
 * non-stop word. A word repeated in the claim gives one term.
 */
export function analyseClaim(claim: string, pipeline: TermPipeline, table: PhraseTable = phraseTable(pipeline)): ClaimAnalysis {
  const tokens = tokenize(claim, pipeline);
  const terms: ClaimTerm[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const entry = table.byFirstKey.get(token.key)?.find((e) => e.keys.every((k, j) => tokens[i + j]?.key === k));
    if (entry) {
      const last = tokens[i + entry.keys.length - 1]!;
      const surface = claim.slice(token.start, last.end);
      const id = entry.keys.join(' ');
      if (!seen.has(id)) {
        seen.add(id);
        const kind = entry.keys.length === 1 ? kindOf(surface, token.key, token) : tokens.slice(i, i + entry.keys.length).some((t) => t.capital) ? 'name' : 'word';
        terms.push({ surface, keys: entry.keys, kind, group: entry.group, order: order++ });
      }
      i += entry.keys.length - 1;
      continue;
    }
    const raw = claim.slice(token.start, token.end);
    const lower = raw.toLowerCase().replace(/['’]s$/, '');
    const acronym = /^\p{Lu}[\p{Lu}.]+$/u.test(raw);
    if (token.key.startsWith('~') || (isStopWord(lower) && !acronym) || seen.has(token.key) || /^\p{L}$/u.test(lower)) continue;
    seen.add(token.key);
    const kind = kindOf(raw, token.key, token);
    terms.push({ surface: raw, keys: [token.key], kind, group: null, order: order++ });
  }
  return { claim, terms };
}
