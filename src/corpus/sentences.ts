/**
 * Sentence splitter for news paragraphs. The bot quotes sentences verbatim, so every sentence is an
 * exact, trimmed substring of the input and the sentences plus the whitespace between them give back
 * the trimmed paragraph. Nothing is ever normalised (quotes, dashes, spelling stay as published).
 *
 * Why our own: the npm candidates are not installed here and we did not adopt them. `sbd` (1.0.19) has
 * seen no updates in years and has reported boundary bugs (e.g. Tessmore/sbd#44, sentences ending in a
 * capitalised word); `wink-nlp` is a full NLP pipeline, far heavier than a splitter needs. A small
 * rule-based scan tuned to news style (curly quotes, AP abbreviations, Reuters credit lines) is easy to
 * test and fast: one linear pass, no backtracking-prone regexes over the whole paragraph.
 *
 * Decisions:
 * - Multi-sentence quotations are split at their real sentence ends, so each sentence can be quoted
 *   on its own; the last part keeps the attribution:
 *     “Everything was canceled. | Putin simply changed the plan as he went along,” one source said.
 *   The speaker is recovered later by a separate attribution step that looks at neighbouring sentences.
 * - A closing quote or bracket after the terminal mark stays with its sentence: `“No.” | Then he left.`
 * - `?`/`!` followed by a lower-case word never split (“Is this it?” he asked.), nor when followed by a
 *   short capitalised speaker and a speech verb (“Why now?” Peskov asked.).
 * - A lower-case word after a terminal mark is never a new sentence (`Wait... what`, `Inc. said`, a
 *   garbled `ground.” annexation of`), except a photo credit that is a bare domain ending the
 *   paragraph (`... states. kremlin.ru`). Dots not followed by whitespace never split (kremlin.ru, 5.93).
 * - Abbreviations come in three kinds (sets below): titles and the like never end a sentence
 *   (Mr., Gen., vs., e.g.); number abbreviations (No. 1) only hold before a digit; the rest (U.S.,
 *   Inc., Jr., Feb., etc., initials like "J.", dotted forms like "p.m.") CAN end a sentence, and do so
 *   only when the next word is a common sentence opener (The, He, It, But, In, A, ...). So
 *   "the U.S. The company said" splits, "U.S. Secretary of the Army" and "5 p.m. Monday" do not.
 * - Text inside a matched pair of ( ) or [ ] is never split, so a parenthetical or a Reuters credit
 *   line such as "[© 2023 Thomson Reuters. All rights reserved.]" stays whole with its brackets.
 *   Quotation marks get no such protection (see the first point).
 * - Dashes (— – -) and other punctuation never end a sentence; text without terminal punctuation
 *   (headlines, "(Reporting by ...)") is one sentence. A newline is plain whitespace: it is a
 *   boundary only where punctuation already ends a sentence.
 */

export interface SentenceSpan {
  text: string;
  /** Offset of the first character in the input. */
  start: number;
  /** Offset just past the last character (`paragraph.slice(start, end) === text`). */
  end: number;
}

/** Abbreviations (without their final period) that never end a sentence: titles and Latin connectives. */
export const NON_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Mr', 'Mrs', 'Ms', 'Messrs', 'Mmes', 'Dr', 'Prof', 'Gen', 'Gens', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr',
  'Adm', 'Sgt', 'Cpl', 'Pvt', 'Brig', 'Sen', 'Sens', 'Rep', 'Reps', 'Gov', 'Govs', 'Pres', 'Supt',
  'Det', 'Insp', 'Atty', 'Rev', 'Fr', 'Hon', 'Mt', 'Ft', 'vs', 'v', 'approx', 'e.g', 'i.e', 'cf', 'viz',
]);

/** Abbreviations that are abbreviations only before a number ("No. 1", "Art. 5", "p. 12"). */
export const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'no', 'nos', 'art', 'vol', 'p', 'pp', 'fig', 'ch', 'sec', 'para', 'pt',
]);

/** Abbreviations that may also end a sentence (see the opener rule at the top). */
const MAY_END: readonly string[] = [
  'U.S', 'U.K', 'U.N', 'E.U', 'Inc', 'Corp', 'Co', 'Ltd', 'Bros', 'Jr', 'Sr', 'St', 'Ave', 'Blvd', 'Rd',
  'Dept', 'Univ', 'Assn', 'etc', 'a.m', 'p.m', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep',
  'Sept', 'Oct', 'Nov', 'Dec', 'Ala', 'Ariz', 'Ark', 'Calif', 'Colo', 'Conn', 'Fla', 'Ga', 'Ill', 'Ind',
  'Kan', 'Ky', 'La', 'Md', 'Mass', 'Mich', 'Minn', 'Miss', 'Mo', 'Mont', 'Neb', 'Nev', 'Okla', 'Ore', 'Pa',
  'Tenn', 'Vt', 'Va', 'Wash', 'Wis', 'Wyo',
];

/**
 * Every known abbreviation, as usually written, without the final period. Lookup is exact, and a
 * capitalised word is also tried with a lower-case first letter ("Approx." at a sentence start).
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  ...NON_FINAL_ABBREVIATIONS,
  ...NUMBER_ABBREVIATIONS,
  ...MAY_END,
]);

/** Words that typically open a sentence; after a may-end abbreviation they signal a boundary. */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'His', 'Her', 'Its', 'Their', 'Our',
  'My', 'This', 'That', 'These', 'Those', 'There', 'Here', 'But', 'And', 'Or', 'So', 'Yet', 'In', 'On',
  'At', 'As', 'By', 'For', 'From', 'With', 'After', 'Before', 'During', 'Since', 'While', 'When', 'Where',
  'If', 'Although', 'Though', 'Because', 'However', 'Meanwhile', 'Still', 'Also', 'Then', 'Now', 'Some',
  'Many', 'Most', 'Both', 'Such', 'What', 'Why', 'How', 'Who', 'According',
]);

const TERMINALS = '.?!…';
/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSERS = '”’"\')]}»›';
/** Opening quotes and brackets that may precede the first word of a sentence. */
const OPENERS = '“‘"\'([{«‹„';

/** Dotted abbreviations with short parts: U.S., U.S.A., a.m., Ph.D., D.C. */
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const INITIAL = /^\p{Lu}$/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}.&'-]/u;
const UPPER = /[\p{Lu}\p{Lt}\p{Lo}]/u;
const LOWER = /\p{Ll}/u;
const NUMERIC = /[\p{N}\p{Sc}]/u;
/** A capitalised speaker of one to three words and a speech verb, after a quoted ?/! (“Why?” Peskov asked.) */
const SPEAKER_VERB =
  /^(?:\p{Lu}[\p{L}\p{M}.’'-]*\s+){1,3}(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|shouted|exclaimed|cried|yelled|wondered|demanded|insisted|declared|continued|tweeted|posted)\b/u;
/** A photo credit that is a bare domain (kremlin.ru, mil.ru). */
const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** Same set of characters as JavaScript's `\s` and `String.prototype.trim`. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

type Kind = 'upper' | 'lower' | 'number' | 'other';

function kindOf(ch: string | undefined): Kind {
  if (ch === undefined) return 'other';
  if (LOWER.test(ch)) return 'lower';
  if (UPPER.test(ch)) return 'upper';
  if (NUMERIC.test(ch)) return 'number';
  return 'other';
}

/** Offsets of the matching `)`/`]` for each `(`/`[` that has one (one pass with a stack). */
function matchBrackets(s: string): Map<number, number> | null {
  if (s.indexOf('(') < 0 && s.indexOf('[') < 0) return null;
  const match = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '(' || ch === '[') stack.push(i);
    else if (ch === ')' || ch === ']') {
      const top = stack[stack.length - 1];
      // A closer of the wrong kind is ignored (e.g. a list item "1)").
      if (top !== undefined && s[top] === (ch === ')' ? '(' : '[')) match.set(stack.pop()!, i);
    }
  }
  return match;
}

/** The word just before offset `end` (letters, digits, dots, hyphens), at most 40 characters. */
function wordBefore(s: string, end: number): string {
  let i = end;
  while (i > 0 && end - i <= 40 && WORD_CHAR.test(s[i - 1]!)) i--;
  return end - i > 40 ? '' : s.slice(i, end);
}

function lookup(set: ReadonlySet<string>, word: string): boolean {
  return set.has(word) || (word.length > 1 && set.has(word[0]!.toLowerCase() + word.slice(1)));
}

/** Is the word starting at `at` a common sentence opener (and not an initial like "A.")? */
function startsWithOpener(s: string, at: number): boolean {
  let end = at;
  while (end < s.length && end - at < 12 && /\p{L}/u.test(s[end]!)) end++;
  const word = s.slice(at, end);
  if (word.length === 1 && s[end] === '.') return false;
  return SENTENCE_OPENERS.has(word);
}

/** Does a single period after `word` end the sentence, given what follows (first letter at `at`)? */
function periodEnds(s: string, word: string, at: number, kind: Kind): boolean {
  if (word === '') return true;
  if (lookup(NON_FINAL_ABBREVIATIONS, word)) return false;
  if (lookup(NUMBER_ABBREVIATIONS, word)) return kind !== 'number';
  // A lone capital is an initial ("Donald J. Trump"), except X, which news uses for the platform.
  const initial = INITIAL.test(word) && word !== 'X';
  const abbreviation = lookup(ABBREVIATIONS, word) || DOTTED.test(word) || initial;
  if (!abbreviation) return true;
  return kind === 'upper' && startsWithOpener(s, at);
}

/**
 * Decide a candidate boundary: the terminal run is s[i, j), the closers s[j, k), then whitespace,
 * and the next sentence would start at `next`.
 */
function isBoundary(s: string, i: number, j: number, k: number, next: number): boolean {
  let at = next;
  while (at < s.length && at - next < 3 && OPENERS.includes(s[at]!)) at++;
  const kind = kindOf(s[at]);
  if (kind === 'lower') {
    // Only a trailing bare-domain photo credit (".. states. kremlin.ru") is split off.
    return s.length - next <= 64 && DOMAIN.test(s.slice(next).trimEnd());
  }
  if (kind === 'other') return false;
  const run = s.slice(i, j);
  if (run.includes('?') || run.includes('!')) {
    const quoted = /["”’']/.test(s.slice(j, k));
    return !(quoted && kind === 'upper' && SPEAKER_VERB.test(s.slice(next, next + 80)));
  }
  if (run !== '.') return true; // an ellipsis before a capital or a number
  return periodEnds(s, wordBefore(s, i), at, kind);
}

/** Split a paragraph into sentences with their offsets into `paragraph`. */
export function splitSentencesWithOffsets(paragraph: string): SentenceSpan[] {
  const s = paragraph;
  const n = s.length;
  const out: SentenceSpan[] = [];
  const brackets = matchBrackets(s);
  let start = 0;
  while (start < n && isSpace(s.charCodeAt(start))) start++;
  let protectUntil = -1; // offset of the closing bracket of the outermost open parenthetical
  let i = start;
  while (i < n) {
    const ch = s[i]!;
    if (brackets !== null && (ch === '(' || ch === '[')) {
      const close = brackets.get(i);
      if (close !== undefined && close > protectUntil) protectUntil = close;
    }
    if (!TERMINALS.includes(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && TERMINALS.includes(s[j]!)) j++;
    let k = j;
    while (k < n && CLOSERS.includes(s[k]!)) k++;
    if (k < n && !isSpace(s.charCodeAt(k))) {
      i = k; // "5.93", "kremlin.ru", "U.S.-backed": not followed by whitespace, no boundary
      continue;
    }
    let next = k;
    while (next < n && isSpace(s.charCodeAt(next))) next++;
    if (next >= n) break;
    if (k > protectUntil && isBoundary(s, i, j, k, next)) {
      out.push({ text: s.slice(start, k), start, end: k });
      start = next;
    }
    i = next;
  }
  let end = n;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ text: s.slice(start, end), start, end });
  return out;
}

/** Split a paragraph into verbatim sentences (see the rules at the top of this file). */
export function splitSentences(paragraph: string): string[] {
  return splitSentencesWithOffsets(paragraph).map((span) => span.text);
}
