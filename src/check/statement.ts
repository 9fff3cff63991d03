// Statement type and speaker of one corpus sentence, from the sentence and its neighbours.
//
// Rules (the tests in tests/check/statement.test.ts pin each one down):
// - Captions and headlines are always `text` with no speaker: they are the outlet's own wording.
// - Quotation state is tracked across a paragraph's sentences (curly “ ” and « », straight " and ''…'',
//   and single quotes only in paragraphs without double quotes, where ’ would otherwise be an apostrophe).
//   Markdown links count by their text ("[called for](#)" reads "called for").
// - `quote` means direct speech: a quotation that opens the sentence (and is not a scare quote such as
//   `“Expanded” goals were ...`: its last word inside the marks carries , . ? ! or the quote goes on past
//   the sentence), a sentence wholly or partly inside a quotation that began in an earlier sentence, or a
//   quotation introduced by a colon or by a speech verb and a comma (`Putin said, “...”`). There is no
//   word count: a quoted fragment inside the outlet's own clause (`called for “the total surrender of the
//   Kyiv regime on Russia’s terms”`, `was not made in “good faith.”`) is never a quote, whatever its length.
// - Otherwise `reported` when the sentence attributes anything (`X said (that) ...`, `X told reporters`,
//   `according to X`, `X was quoted as saying`, `was said to have ...`), else `text`.
// - A quotation's speaker is the attribution right after it (`“…,” he said`) or right before it
//   (`Putin said, “…”`). A quotation with neither that opens its sentence continues the quote in the
//   sentence before it (same paragraph, or the previous body paragraph; a subheading breaks the thread)
//   and takes its speaker; one left open at a paragraph's end (the multi-paragraph convention) may take
//   the attribution of the next paragraph's opening quote. If those two disagree: no speaker. A quote
//   followed by words we cannot read as an attribution (`“…,” Trump shot back.`) inherits nothing.
//   A short sentence that is only an attribution right after a quote (`…people…” | Clinton said.`, as
//   an ellipsis can make the splitter cut) is that quote's attribution.
// - Speakers: a person comes back with the full name when the article gives it anywhere ("Peskov" →
//   "Dmitry Peskov"), otherwise as written (Podolyak vs Podoliak stay distinct); titles are dropped.
//   Bodies and places stay as written ("the Kremlin", "Moscow", "Reuters" as the subject of "reported",
//   "the G7 leaders", "Kyiv and the West"). `told Reuters`, `wrote on X`: the listener and the platform
//   are never speakers. Anonymous sources ("one of Reuters’ sources", "a third source") give null.
// - "he"/"she" and descriptions ("the Russian leader", "the Kremlin spokesman") name a person only when
//   the nearest preceding sentence in the same or the previous body paragraph that is not wholly quoted
//   has that person as its single speaker or subject, that person is one the article introduces as a
//   person (a first and last name, or a title before the name: a bare "Gazprom" or "Reuters" is not),
//   neither that sentence nor the current one mentions any other possible person outside quotation marks
//   (a possessive such as "Putin’s offer" does not count; an unknown capitalised word does, to be safe),
//   and, for a description, the title the article puts before the person's name fits it ("Russian
//   President Vladimir Putin" fits "the Russian leader"; an apposition "Peskov, the Kremlin spokesman"
//   is not read as a title). Otherwise null.
// - One speaker per sentence: when a sentence attributes to two different speakers (Lavrov said ...,
//   Medvedev called for ...) or to anyone anonymous or unclear, the speaker is null.
import type { Sentence } from '../corpus/types.ts';
import {
  CAPITALISED, COMMON_OPENERS, LEAD_IN_RE, POSSESSIVE, QUOTE, bare, buildPersonRegistry, classifyNounPhrase,
  descriptionFits, findAttributions, initialNounPhrase, mayBePersonWord,
  type Attribution, type NounPhrase, type PersonRegistry,
} from './speaker-names.ts';
import type { StatementType } from './types.ts';

export interface Statement {
  type: StatementType;
  speaker: string | null;
}

/** The type and speaker of `sentences[index]`; `sentences` is the article's sentences in order. */
export function classifyStatement(sentences: readonly Sentence[], index: number): Statement {
  const sentence = sentences[index];
  if (sentence === undefined) throw new RangeError(`no sentence at index ${index}`);
  if (sentence.kind !== 'body') return { type: 'text', speaker: null };
  // One analysis per sentence array (callers classify many hits of one article); rebuilt if it grew.
  let context = contexts.get(sentences);
  if (context === undefined || context.size !== sentences.length) contexts.set(sentences, (context = new ArticleContext(sentences)));
  return context.classify(index);
}

const contexts = new WeakMap<readonly Sentence[], ArticleContext>();
const ANONYMOUS = Symbol('anonymous');
const UNCLEAR = Symbol('unclear');
type Key = string | typeof ANONYMOUS | typeof UNCLEAR;
/** Pronoun chains are short in news ("he said" → "He also demanded" → "Putin said"); this bounds them. */
const MAX_DEPTH = 6;

interface Span { start: number; end: number; closed: boolean; first: number; last: number }
interface Piece { span: number; at: number; inner: string }
interface Analysed { masked: string; pieces: Piece[]; start: number; end: number; group: number }
interface Group { from: number; to: number; kind: Sentence['kind']; spans: Span[] }

/** Quotation spans of a paragraph as [start, end) offsets; an unclosed one runs to the end. */
function quoteSpans(p: string): Array<Omit<Span, 'first' | 'last'>> {
  const spans: Array<Omit<Span, 'first' | 'last'>> = [];
  const singles = !/[“”"«»„]|''/.test(p);
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "'" && p[i + 1] === "'") {
      // ''…'': two apostrophes standing for a double quotation mark (as in some wire and NYT copy).
      if (open >= 0) spans.push({ start: open, end: i + 2, closed: true });
      open = open >= 0 ? -1 : i;
      i++;
      continue;
    }
    const before = i === 0 ? ' ' : p[i - 1]!;
    const after = p[i + 1] ?? ' ';
    const opener = c === '“' || c === '«' || c === '„' || (singles && (c === '‘' || c === "'") && /[\s([—–-]/.test(before) && /[\p{L}\p{N}]/u.test(after));
    if (opener && (c !== "'" || open < 0)) {
      if (open >= 0) spans.push({ start: open, end: i, closed: false }); // a new quote before the old one closed
      open = i;
    } else if (open >= 0 && (c === '”' || c === '»' || c === '"' || (singles && (c === '’' || c === "'") && !/[\p{L}\p{N}]/u.test(after)))) {
      spans.push({ start: open, end: i + 1, closed: true });
      open = -1;
    } else if (c === '"' && open < 0 && /\S/.test(after)) open = i;
  }
  if (open >= 0) spans.push({ start: open, end: p.length, closed: false });
  return spans;
}

class ArticleContext {
  private readonly analysed: Analysed[] = [];
  private readonly groups: Group[] = [];
  private readonly memo = new Map<number, Statement>();
  private readonly spanKeys = new Map<string, Key>();
  private readonly attributionCache = new Map<number, Attribution[]>();
  private readonly registries = new Map<string, PersonRegistry>();

  readonly size: number;

  constructor(private readonly sentences: readonly Sentence[]) {
    this.size = sentences.length;
    for (let from = 0; from < sentences.length; ) {
      const head = sentences[from]!;
      let to = from + 1;
      while (to < sentences.length && sentences[to]!.paragraph === head.paragraph && sentences[to]!.articleId === head.articleId) to++;
      this.analyseGroup(from, to, head.kind);
      from = to;
    }
  }

  private analyseGroup(from: number, to: number, kind: Sentence['kind']): void {
    // Markdown links keep their text only: the raw "[called for](#)" reads as "called for".
    const texts = this.sentences.slice(from, to).map((s) => s.text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const offsets: number[] = [];
    let p = '';
    for (const t of texts) {
      if (p !== '') p += ' ';
      offsets.push(p.length);
      p += t;
    }
    const locate = (at: number) => from + offsets.filter((o) => o <= at).length - 1;
    const spans = quoteSpans(p).map((s) => ({ ...s, first: locate(s.start), last: locate(Math.max(s.start, s.end - 1)) }));
    const group = this.groups.push({ from, to, kind, spans }) - 1;
    texts.forEach((t, k) => {
      const start = offsets[k]!;
      const end = start + t.length;
      let masked = '';
      const pieces: Piece[] = [];
      for (let i = start; i < end; ) {
        const spanIndex = spans.findIndex((s) => s.start <= i && i < s.end);
        if (spanIndex < 0) {
          masked += p[i++];
          continue;
        }
        const span = spans[spanIndex]!;
        const stop = Math.min(span.end, end);
        const innerStart = span.start >= start ? span.start + 1 : start;
        const innerEnd = span.closed && span.end <= end ? span.end - 1 : stop;
        pieces.push({ span: spanIndex, at: masked.length, inner: p.slice(innerStart, innerEnd) });
        masked += QUOTE;
        i = stop;
      }
      this.analysed[from + k] = { masked, pieces, start, end, group };
    });
  }

  classify(index: number): Statement {
    const known = this.memo.get(index);
    if (known) return known;
    const result = this.decide(index);
    this.memo.set(index, result);
    return result;
  }

  private decide(index: number): Statement {
    if (this.sentences[index]!.kind !== 'body') return { type: 'text', speaker: null };
    const a = this.analysed[index]!;
    const attributions = this.attributions(index);
    const direct = a.pieces.find((piece) => this.isDirect(index, piece));
    if (direct) {
      const attached = attributions.filter((t) => a.pieces.some((piece) => t.afterQuote === piece.at || this.leadsInto(index, t, piece)));
      const others = attributions.filter((t) => !attached.includes(t)).map((t) => this.resolve(index, t.subject, 0));
      return { type: 'quote', speaker: single([this.spanKey(a.group, direct.span), ...others]) };
    }
    if (attributions.length > 0) return { type: 'reported', speaker: single(attributions.map((t) => this.resolve(index, t.subject, 0))) };
    return { type: 'text', speaker: null };
  }

  /** Is this quoted piece direct speech (see the rules at the top)? */
  private isDirect(index: number, piece: Piece): boolean {
    const a = this.analysed[index]!;
    const span = this.groups[a.group]!.spans[piece.span]!;
    if (span.start < a.start) return true;
    const lead = a.masked.slice(0, piece.at).trim();
    if (lead === '') {
      const inner = piece.inner.replace(/['’"]+$/, '').trimEnd(); // the second mark of ''…''
      return span.end > a.end || !span.closed || /[,.?!…:;—–-]$/.test(inner) || /^\s*[,:;—–-]/.test(a.masked.slice(piece.at + 1));
    }
    return lead.endsWith(':') || LEAD_IN_RE.test(lead);
  }

  /** Does attribution `t` introduce the quoted piece (`Putin said, “…”`, `Peskov told reporters: “…”`)? */
  private leadsInto(index: number, t: Attribution, piece: Piece): boolean {
    return t.verbEnd <= piece.at && /^(?:\s+[^\s,:]+){0,3}\s*[,:]\s*$/.test(this.analysed[index]!.masked.slice(t.verbEnd, piece.at));
  }

  private attributions(index: number): Attribution[] {
    let found = this.attributionCache.get(index);
    if (found === undefined) {
      found = findAttributions(this.analysed[index]!.masked, this.isCommon(index));
      this.attributionCache.set(index, found);
    }
    return found;
  }

  /** The speaker of a quotation span (memoised: continuation chains ask for it repeatedly). */
  private spanKey(group: number, spanIndex: number): Key {
    const id = `${group}:${spanIndex}`;
    let key = this.spanKeys.get(id);
    if (key === undefined) {
      key = this.ownSpanKey(group, spanIndex) ?? this.inheritedSpanKey(group, spanIndex);
      this.spanKeys.set(id, key);
    }
    return key;
  }

  private ownSpanKey(group: number, spanIndex: number): Key | undefined {
    const span = this.groups[group]!.spans[spanIndex]!;
    const keys: Key[] = [];
    const closing = this.analysed[span.last]!.pieces.filter((p) => p.span === spanIndex).pop();
    const tail = span.closed && closing ? this.attributions(span.last).find((t) => t.afterQuote === closing.at) : undefined;
    if (tail) keys.push(this.resolve(span.last, tail.subject, 0));
    else if (span.closed && closing && !/\p{L}/u.test(this.analysed[span.last]!.masked.slice(closing.at + 1))) {
      // `“… people…” | Clinton said.`: an ellipsis made the attribution a sentence of its own.
      const next = span.last + 1 < this.groups[group]!.to ? this.attributionOnly(span.last + 1) : undefined;
      if (next) keys.push(this.resolve(span.last + 1, next.subject, 0));
    }
    const opening = this.analysed[span.first]!.pieces.find((p) => p.span === spanIndex)!;
    const lead = this.attributions(span.first).filter((t) => this.leadsInto(span.first, t, opening)).pop();
    if (lead) keys.push(this.resolve(span.first, lead.subject, 0));
    if (keys.length === 0) return undefined;
    return new Set(keys).size === 1 ? keys[0] : UNCLEAR;
  }

  /** The attribution of a sentence that is nothing else: "Clinton said.", "Peskov told reporters on Tuesday." */
  private attributionOnly(index: number): Attribution | undefined {
    const [only, ...more] = this.attributions(index);
    const masked = this.analysed[index]!.masked;
    if (!only || more.length > 0 || only.afterQuote >= 0 || masked.includes(QUOTE)) return undefined;
    const rest = masked.slice(only.verbEnd);
    const short = /^(?:\s+(?:to\s+reporters|in\s+a\s+statement|on|in|at|last|this|later|earlier|then|again|yesterday|today|tonight)\b[^.!?]{0,30})?\s*[.!]?\s*$/.test(rest);
    return short && masked.slice(0, only.verbStart).split(/\s+/).length <= 6 ? only : undefined;
  }

  private inheritedSpanKey(group: number, spanIndex: number): Key {
    const span = this.groups[group]!.spans[spanIndex]!;
    const opening = this.analysed[span.first]!.pieces.find((p) => p.span === spanIndex)!;
    // Only a bare quotation continues another: `“…,” Trump interjected.` has an attribution we cannot
    // read (an unknown verb), and handing it the previous speaker would name the wrong person.
    const closing = this.analysed[span.last]!;
    const closingPiece = closing.pieces.filter((p) => p.span === spanIndex).pop()!;
    if (/\p{L}/u.test(closing.masked.slice(closingPiece.at + 1))) return UNCLEAR;
    let back: Key | undefined;
    if (this.analysed[span.first]!.masked.slice(0, opening.at).trim() === '') {
      const previousGroup = span.first > this.groups[group]!.from ? undefined : this.previousBodyGroup(group);
      const previous = previousGroup ? previousGroup.to - 1 : span.first > this.groups[group]!.from ? span.first - 1 : undefined;
      const before = previous === undefined ? undefined : this.classify(previous);
      if (before?.type === 'quote') back = before.speaker ?? UNCLEAR;
    }
    let forward: Key | undefined;
    const next = this.nextBodyGroup(group);
    if (!span.closed && next && next.spans[0]?.start === 0) forward = this.ownSpanKey(this.groups.indexOf(next), 0);
    if (back !== undefined && forward !== undefined && back !== forward) return UNCLEAR;
    return back ?? forward ?? UNCLEAR;
  }

  private previousBodyGroup(group: number): Group | undefined {
    for (let g = group - 1; g >= 0; g--) {
      const candidate = this.groups[g]!;
      if (this.sentences[candidate.from]!.articleId !== this.sentences[this.groups[group]!.from]!.articleId) return undefined;
      if (candidate.kind === 'body') return candidate;
      if (candidate.kind === 'headline') return undefined; // a subheading ends the thread
    }
    return undefined;
  }

  private nextBodyGroup(group: number): Group | undefined {
    const next = this.groups.slice(group + 1).find((g) => g.kind !== 'caption');
    const same = next && this.sentences[next.from]!.articleId === this.sentences[this.groups[group]!.from]!.articleId;
    return same && next.kind === 'body' ? next : undefined;
  }

  /** The speaker key a subject phrase stands for, in the sentence at `index`. */
  private resolve(index: number, subject: string | null, depth: number): Key {
    if (subject === null) return ANONYMOUS;
    const phrase = classifyNounPhrase(subject);
    switch (phrase.kind) {
      case 'name': return phrase.personShaped ? this.fullName(index, phrase.text) : phrase.text;
      case 'anonymous': return ANONYMOUS;
      case 'unknown': return UNCLEAR;
      default: return this.resolveReference(index, phrase, depth) ?? UNCLEAR;
    }
  }

  /** "he", "the Russian leader": the person they point back to, only when that is safe (see top). */
  private resolveReference(index: number, phrase: NounPhrase, depth: number): string | null {
    if (depth > MAX_DEPTH) return null;
    for (const t of this.window(index)) {
      if (this.analysed[t]!.masked.replace(/[\uE000\s\p{P}]/gu, '') === '') continue; // wholly quoted
      const agent = this.agent(t, depth + 1);
      if (agent === null || !this.isPerson(t, agent)) return null;
      const own = new Set(agent.split(' '));
      if (this.mentionsSomeoneElse(t, own) || this.mentionsSomeoneElse(index, own)) return null;
      if (phrase.kind === 'description' && !descriptionFits(phrase.qualifiers, phrase.role, this.titleWords(t, agent))) return null;
      return agent;
    }
    return null;
  }

  /** Earlier sentences of the same paragraph, nearest first, then those of the previous body paragraph. */
  private window(index: number): number[] {
    const group = this.analysed[index]!.group;
    const out: number[] = [];
    for (let i = index - 1; i >= this.groups[group]!.from; i--) out.push(i);
    const previous = this.previousBodyGroup(group);
    if (previous) for (let i = previous.to - 1; i >= previous.from; i--) out.push(i);
    return out;
  }

  /** The single speaker, or else the subject, of a sentence. */
  private agent(index: number, depth: number): string | null {
    const attributions = this.attributions(index);
    if (attributions.length > 0) return single(attributions.map((t) => this.resolve(index, t.subject, depth)));
    const subject = initialNounPhrase(this.analysed[index]!.masked, this.isCommon(index));
    return subject === '' ? null : single([this.resolve(index, subject, depth)]);
  }

  /** Does the sentence name, outside quotation marks, a possible person other than `own`? */
  private mentionsSomeoneElse(index: number, own: ReadonlySet<string>): boolean {
    const isCommon = this.isCommon(index);
    let afterThe = false;
    return this.analysed[index]!.masked.split(/\s+/).some((raw, i) => {
      const w = bare(raw);
      const wasAfterThe = afterThe;
      afterThe = (w.toLowerCase() === 'the' || (wasAfterThe && CAPITALISED.test(w))) && w === raw;
      if (!CAPITALISED.test(w) || wasAfterThe || POSSESSIVE.test(w) || own.has(w)) return false;
      if (i === 0 && isCommon(w.toLowerCase())) return false;
      return mayBePersonWord(w);
    });
  }

  private isPerson(index: number, key: string): boolean {
    const registry = this.registry(index);
    return registry.persons.has(key) || (key.includes(' ') && key.split(' ').every(mayBePersonWord));
  }

  private fullName(index: number, name: string): string {
    const full = this.registry(index).fullNames.get(name);
    return full?.size === 1 ? [...full][0]! : name;
  }

  private titleWords(index: number, key: string): Set<string> {
    const titles = this.registry(index).titles;
    return new Set([...(titles.get(key) ?? []), ...(titles.get(key.split(' ').pop()!) ?? [])]);
  }

  private isCommon(index: number): (lowerWord: string) => boolean {
    const lowerWords = this.registry(index).lowerWords;
    return (w) => COMMON_OPENERS.has(w) || lowerWords.has(w);
  }

  private registry(index: number): PersonRegistry {
    const articleId = this.sentences[index]!.articleId;
    let registry = this.registries.get(articleId);
    if (registry === undefined) {
      const texts = this.sentences.flatMap((s, i) => (s.articleId === articleId && s.kind !== 'headline' ? [this.analysed[i]!.masked] : []));
      this.registries.set(articleId, (registry = buildPersonRegistry(texts)));
    }
    return registry;
  }
}

/** The one named speaker among `keys`, or null when there are none, several, or any unclear one. */
function single(keys: readonly Key[]): string | null {
  const distinct = new Set(keys);
  const [only] = distinct;
  return distinct.size === 1 && typeof only === 'string' ? only : null;
}
