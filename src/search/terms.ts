// The one term pipeline shared by indexing and querying. Whatever a sentence and a query have in common
// after this pipeline is a match, so both sides MUST go through the same functions.
//
//   surface word ──fold──▶ word ──stop word?──▶ (dropped) ──alias──▶ canonical ──stem──▶ term
//
// Tokens are found on the ORIGINAL text, so every token keeps its [start, end) offsets for highlights;
// normalisation happens per token afterwards.
//
// Tokenising decisions:
// - A token is a run of letters, combining marks and digits. Apostrophes (' ’ ‘ ` ʼ) inside a run keep it
//   together ("Putin’s", "don't"); a trailing apostrophe is not part of the token ("Donbas'").
// - Hyphens, dashes, slashes and other punctuation separate tokens: "U.S.-backed" → "U.S." + "backed",
//   "full-scale" → "full" + "scale". A query "full-scale" is tokenised the same way, so it still matches.
// - Single letters joined by dots are one acronym token with the dots dropped: "U.S." → "us",
//   "U.K." → "uk". "US" (all capitals) gives the same term, so "US" and "U.S." find each other.
// - Digit groups joined by "," or "." are one number: "700,000" → "700000" (so "700000" finds it),
//   "5.93" → "5.93". Numbers are never stemmed or dropped: 28 and 2022 are searchable.
// - A word written in capitals (2+ letters, no lower case: US, WHO, IT) or as a dotted acronym is never a
//   stop word, so "US" is searchable even though the pronoun "us" is not; its term is upper-case ("US")
//   so it cannot collide with a stem ("used" → "us"). Lower-case "us" in a query is the pronoun and is
//   dropped like every stop word. Acronyms that are not stop words (NATO, UK) fold like any word, so
//   "Nato" finds "NATO".
import { stemmer } from 'stemmer';
import type { AliasTable } from '../corpus/aliases.ts';
import { STOP_WORDS } from './stop-words.ts';

export interface WordToken {
  /** UTF-16 offset of the first character in the text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** `text.slice(start, end)`. */
  surface: string;
}

const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;
const APOSTROPHES = "'’‘`ʼ";
const TOKEN = new RegExp(
  [
    // Dotted acronym: U.S. / U.K / e.g. — single letters separated by dots, not inside a longer word.
    String.raw`(?<!${WORD_CHAR})\p{L}\p{M}*(?:\.\p{L}\p{M}*)+\.?(?!${WORD_CHAR})`,
    // Word or number, with inner apostrophes and digit-group separators.
    String.raw`${WORD_CHAR}+(?:(?:[${APOSTROPHES}]|(?<=\p{N})[.,](?=\p{N}))${WORD_CHAR}+)*`,
  ].join('|'),
  'gu',
);

/** Every word token of `text` with its offsets, in order. Never throws. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ start: match.index, end: match.index + match[0].length, surface: match[0] });
  }
  return tokens;
}

// Letters that NFKD does not decompose but readers treat as their base letter.
const EXTRA_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const EXTRA_FOLD_RE = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'g');
const MARKS = /\p{M}/gu;
const APOSTROPHE_RE = new RegExp(`[${APOSTROPHES}]`, 'g');

/**
 * Case, compatibility and diacritics folding: NFKD (ﬁ → fi, full-width → ASCII), lower case, combining marks
 * removed (é → e, Zaporižžia → zaporizzia), and every apostrophe variant turned into '.
 */
export function fold(surface: string): string {
  return surface
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c)
    .replace(APOSTROPHE_RE, "'");
}

function isAcronym(surface: string): boolean {
  if (surface.includes('.') && /^\p{L}/u.test(surface)) return true;
  return !/\p{Ll}/u.test(surface) && (surface.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/** A folded word without possessive and apostrophes: "Putin’s" → "putin", "don't" → "dont", "U.S." → "us". */
function plainWord(surface: string): string {
  let word = fold(surface);
  if (/^\p{N}/u.test(word)) return word.replace(/,/g, '');
  if (word.includes('.')) return word.replace(/\./g, '');
  if (word.endsWith("'s")) word = word.slice(0, -2);
  return word.replace(/'/g, '');
}

/** One token after the pipeline. */
export interface AnalyzedWord {
  /** Phrase form: folded and alias-mapped, not stemmed. */
  word: string;
  /** wordHash(word): phrases are matched on sequences of these (see SentenceStore). */
  hash: number;
  /** Index term, or null when the word is a stop word or folds to nothing. */
  term: string | null;
}

/**
 * 32-bit FNV-1a of a phrase form. Phrases are verified by comparing a sentence's sequence of word
 * hashes, computed from its text at indexing time; a false match needs a collision on every word of
 * the phrase (about 1 in 4 billion per word).
 */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const STEMMABLE = /^[a-z]+$/;
const MEMO_LIMIT = 200_000;

/** Turns words into index terms. One instance per alias table; cheap to call repeatedly (memoised). */
export class TermPipeline {
  /** Folded variant → folded canonical spelling. */
  private readonly canonical = new Map<string, string>();
  private readonly memo = new Map<string, AnalyzedWord>();
  /**
   * Changes whenever the pipeline's behaviour changes (stemmer, stop words, folding, aliases), so a snapshot
   * made by a different pipeline is never reused.
   */
  readonly fingerprint: string;

  constructor(aliases: AliasTable) {
    for (const group of aliases.groups) {
      // Only one-token spellings can match a token; a multi-word spelling is ignored here.
      const words = group.map((spelling) => wordTokens(spelling)).filter((t) => t.length === 1).map((t) => plainWord(t[0]!.surface));
      const [first] = words;
      if (first === undefined) continue;
      for (const word of words) this.canonical.set(word, first);
    }
    const probe = "Putin’s U.S.-backed “négociations” in KIEV'S Zaporižžia: 700,000 rejected; US WHO us the said ﬁnal 2022";
    const aliasPart = [...this.canonical].map(([k, v]) => `${k}>${v}`).join(',');
    this.fingerprint = `${this.terms(probe).join(' ')}|${[...STOP_WORDS].join(',')}|${aliasPart}`;
  }

  /**
   * The word as phrases compare it: folded, possessive and apostrophes removed, alias variants mapped to
   * the canonical spelling — but not stemmed and never dropped.
   */
  word(surface: string): string {
    return this.analyze(surface).word;
  }

  /** The index term of one token, or null for a stop word (and for a token that folds to nothing). */
  term(surface: string): string | null {
    return this.analyze(surface).term;
  }

  /** Both forms of one token at once (memoised: a corpus repeats the same surface words). */
  analyze(surface: string): AnalyzedWord {
    const cached = this.memo.get(surface);
    if (cached !== undefined) return cached;
    const plain = plainWord(surface);
    const word = this.canonical.get(plain) ?? plain;
    let term: string | null = null;
    if (STOP_WORDS.has(plain)) {
      // US, WHO, IT: an acronym spelt like a stop word gets an upper-case term, which no folded word can
      // produce, so it matches neither the pronoun nor a stem ("used" and "uses" stem to "us").
      if (isAcronym(surface)) term = plain.toUpperCase();
    } else if (plain !== '') {
      term = STEMMABLE.test(word) ? stemmer(word) : word;
    }
    const analyzed = { word, hash: wordHash(word), term };
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(surface, analyzed);
    return analyzed;
  }

  /** A sentence's index terms (as `terms`) and the word hash of every token, stop words included. */
  analyzeText(text: string): { terms: string[]; words: number[] } {
    const terms: string[] = [];
    const words: number[] = [];
    for (const match of text.matchAll(TOKEN)) {
      const analyzed = this.analyze(match[0]);
      words.push(analyzed.hash);
      if (analyzed.term !== null) terms.push(analyzed.term);
    }
    return { terms, words };
  }

  /** Every index term of `text`, in order, stop words left out (repeats kept: they are term frequencies). */
  terms(text: string): string[] {
    const terms: string[] = [];
    for (const match of text.matchAll(TOKEN)) {
      const term = this.term(match[0]);
      if (term !== null) terms.push(term);
    }
    return terms;
  }
}
