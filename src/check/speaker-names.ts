// The language side of speaker attribution: word lists, finding "X said" in a sentence, and telling a
// named speaker from a pronoun, a description ("the Russian leader") or an anonymous source. Everything
// works on "masked" text: the sentence with each quoted passage replaced by QUOTE, so words inside
// quotation marks can never be taken for an attribution or a name.

/** Stands for one quoted passage (marks included) in masked text; a private-use character. */
export const QUOTE = '\uE000';

/** Verbs that attribute a statement to their subject, in every form that news uses. */
export const SPEECH_VERBS: readonly string[] = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'stressed', 'insisted',
  'warned', 'noted', 'argued', 'stated', 'declared', 'explained', 'replied', 'responded', 'urged', 'vowed',
  'asked', 'reiterated', 'emphasised', 'emphasized', 'cautioned', 'acknowledged', 'admitted', 'predicted',
  'suggested', 'reported', 'reports', 'announced', 'confirmed', 'complained', 'demanded', 'conceded',
  'recalled', 'interjected', 'continued', 'quipped', 'joked', 'countered', 'retorted', 'answered', 'remarked',
  'observed', 'commented', 'contended', 'maintained', 'asserted', 'promised', 'pledged', 'boasted', 'charged',
  'testified', 'exclaimed', 'concluded', 'tweeted', 'asks', 'warns', 'argues', 'insists', 'explains',
  'stresses', 'urges', 'vows', 'recalls', 'admits', 'acknowledges', 'suggests', 'predicts', 'concedes',
  'replies', 'responds', 'declares', 'announces', 'confirms', 'called for',
  // Participles speak only in a participle clause (", adding that", "with two sources saying").
  'saying', 'adding', 'telling', 'insisting', 'stressing', 'warning', 'noting', 'arguing', 'writing',
  'urging', 'calling for',
];

/**
 * Verbs that attribute only with the complement that makes them speech: "claimed to have annexed" is a
 * claim, "has claimed as its own" is territory; "denied that" is a statement, "denied the report's
 * authenticity" an act; "described it as" characterises.
 */
export const CONDITIONAL_VERBS: ReadonlyMap<string, RegExp> = new Map([
  ['claimed', /^(?:\s+\S+){0,3}?\s+(?:that|to)\b/], ['claims', /^(?:\s+\S+){0,3}?\s+(?:that|to)\b/],
  ['denied', /^\s+that\b/], ['denies', /^\s+that\b/],
  ['repeated', /^(?:\s+\S+){0,3}?\s+that\b/], ['repeats', /^(?:\s+\S+){0,3}?\s+that\b/],
  ['described', /^(?:\s+\S+){0,5}?\s+as\b/], ['describing', /^(?:\s+\S+){0,5}?\s+as\b/],
  ['labelling', /^(?:\s+\S+){0,3}?\s+as\b/], ['labeling', /^(?:\s+\S+){0,3}?\s+as\b/],
  ['labelled', /^(?:\s+\S+){0,3}?\s+as\b/], ['labeled', /^(?:\s+\S+){0,3}?\s+as\b/],
]);

const ALL_VERBS = [...SPEECH_VERBS, ...CONDITIONAL_VERBS.keys()].sort((a, b) => b.length - a.length);
/** Lower-case only on purpose: "Asked whether ..." opens a passive clause, "Analysts Say" is a headline. */
const VERB_RE = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${ALL_VERBS.join('|')})(?![\\p{L}\\p{N}'’-])`, 'gu');
/** Any speech verb a few words before a comma or colon: the lead-in of a direct quotation. */
export const LEAD_IN_RE = new RegExp(`(?<![\\p{L}])(?:${ALL_VERBS.join('|')})(?:\\s+[^\\s,:]+){0,3}\\s*[,:]\\s*$`, 'u');

/** Capitalised words that stand before a name as a title ("NATO Secretary-General Jens Stoltenberg"). */
const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'foreign', 'defence', 'defense', 'secretary', 'secretary-general',
  'general', 'gen', 'chancellor', 'senator', 'sen', 'rep', 'representative', 'governor', 'gov', 'mayor',
  'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'chief', 'deputy', 'head', 'commander', 'king',
  'queen', 'prince', 'pope', 'patriarch', 'mr', 'mrs', 'ms', 'dr', 'prof', 'premier', 'speaker', 'envoy',
  'adviser', 'advisor', 'colonel', 'col', 'lt', 'major', 'marshal', 'admiral', 'state', 'interior', 'finance',
  'justice', 'economy', 'press', 'presidential', 'former', 'chairman', 'chairwoman', 'chair', 'director',
  'professor', 'judge', 'attorney', 'sheriff', 'bishop', 'cardinal', 'archbishop', 'rabbi', 'sheikh', 'emir',
]);
/** Lower-case words of a title or description ("Kremlin deputy chief of staff", "the Russian leader"). */
const ROLE_WORDS = new Set([...TITLES, 'leader', 'official', 'negotiator', 'aide', 'staff', 'top', 'senior', 'special', 'ex-president']);
/** Heads of a description that points back to one person named earlier. */
const SINGLE_ROLES = new Set([
  'leader', 'president', 'spokesman', 'spokeswoman', 'spokesperson', 'minister', 'adviser', 'advisor',
  'aide', 'envoy', 'negotiator', 'chancellor', 'premier', 'secretary-general', 'ambassador', 'official',
]);
/** Heads of a group speaker ("the G7 leaders", "Western officials"). */
const GROUP_ROLES = new Set(['leaders', 'officials', 'ministers', 'diplomats', 'authorities', 'lawmakers', 'negotiators', 'governments', 'envoys']);
/** A description matches a title the article gives when the head is one of these title words. */
const ROLE_MATCH: ReadonlyMap<string, readonly string[]> = new Map([
  ['leader', ['president', 'leader', 'premier', 'prime', 'chancellor']], ['president', ['president']],
  ['spokesman', ['spokesman', 'spokeswoman', 'spokesperson']], ['spokeswoman', ['spokeswoman', 'spokesperson']],
  ['spokesperson', ['spokesman', 'spokeswoman', 'spokesperson']], ['minister', ['minister']],
  ['adviser', ['adviser', 'advisor', 'aide']], ['advisor', ['adviser', 'advisor', 'aide']], ['aide', ['aide', 'adviser']],
  ['envoy', ['envoy', 'negotiator']], ['negotiator', ['negotiator', 'envoy']], ['chancellor', ['chancellor']],
  ['premier', ['premier', 'prime']], ['secretary-general', ['secretary-general']], ['ambassador', ['ambassador']],
]);
export const NATIONALITIES = new Set([
  'russian', 'ukrainian', 'american', 'european', 'british', 'french', 'german', 'chinese', 'swiss', 'western',
  'eastern', 'soviet', 'polish', 'turkish', 'italian', 'belarusian', 'crimean', 'japanese', 'indian', 'israeli',
  'iranian', 'georgian', 'moldovan', 'hungarian', 'finnish', 'swedish', 'estonian', 'latvian', 'lithuanian',
  'czech', 'slovak', 'romanian', 'bulgarian', 'serbian', 'dutch', 'belgian', 'spanish', 'canadian',
  'australian', 'saudi', 'emirati', 'qatari', 'korean', 'syrian', 'african', 'asian', 'arab', 'baltic',
  'nordic', 'kremlin', 'nato', 'eu', 'u.s', 'us', 'un', 'g7', 'g20', 'republican', 'democratic', 'democrat',
  'gop', 'labour', 'conservative', 'liberal',
]);
/** Proper nouns that are never a person: places, bodies, media, platforms, days, months. */
export const NOT_PERSONS = new Set([
  'russia', 'ukraine', 'kyiv', 'kiev', 'moscow', 'crimea', 'donbas', 'donbass', 'donetsk', 'luhansk', 'lugansk',
  'kherson', 'zaporizhzhia', 'zaporozhye', 'kharkiv', 'kharkov', 'mariupol', 'bakhmut', 'avdiivka', 'odesa',
  'odessa', 'lviv', 'dnipro', 'kursk', 'belgorod', 'belarus', 'minsk', 'istanbul', 'ankara', 'turkey', 'geneva',
  'switzerland', 'lucerne', 'alaska', 'anchorage', 'washington', 'america', 'usa', 'u.s', 'us', 'uk', 'u.k',
  'britain', 'england', 'london', 'paris', 'france', 'berlin', 'germany', 'italy', 'rome', 'poland', 'warsaw',
  'china', 'beijing', 'india', 'brussels', 'hungary', 'budapest', 'saudi', 'arabia', 'riyadh', 'jeddah', 'qatar',
  'doha', 'dubai', 'vatican', 'japan', 'tokyo', 'iran', 'tehran', 'israel', 'gaza', 'syria', 'africa', 'asia',
  'georgia', 'moldova', 'finland', 'sweden', 'estonia', 'latvia', 'lithuania', 'romania', 'canada', 'europe',
  'sevastopol', 'mykolaiv', 'sumy', 'chernihiv', 'pokrovsk', 'bucha', 'dnieper', 'alps', 'lake', 'sea', 'river',
  'region', 'oblast', 'states', 'united', 'kingdom', 'emirates', 'west', 'east', 'kremlin', 'white', 'house',
  'pentagon', 'duma', 'rada', 'ministry', 'council', 'federation', 'union', 'nations', 'army', 'navy', 'office',
  'parliament', 'government', 'security', 'department', 'committee', 'agency', 'republic', 'nato', 'eu', 'un',
  'reuters', 'bloomberg', 'tass', 'ria', 'interfax', 'sputnik', 'cnn', 'bbc', 'afp', 'ap', 'telegram', 'x',
  'twitter', 'facebook', 'instagram', 'youtube', 'times', 'post', 'journal', 'news', 'press', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** First words of an anonymous subject: "a person close to ...", "one of Reuters' sources", "two sources". */
const ANONYMOUS_FIRST = new Set([
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'several', 'some', 'many', 'another', 'other',
  'unnamed', 'anonymous', 'multiple', 'few', 'most', 'sources', 'source', 'officials', 'people', 'analysts',
  'diplomats', 'experts', 'insiders', 'witnesses', 'residents', 'observers', 'critics', 'aides', 'someone',
]);
/** Capitalised words that open sentences without being names ("Such a deal", "Asked whether"). */
export const COMMON_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'this', 'that',
  'these', 'those', 'there', 'here', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'as', 'by', 'for',
  'from', 'with', 'after', 'before', 'during', 'since', 'while', 'when', 'where', 'if', 'although', 'though',
  'because', 'however', 'meanwhile', 'still', 'also', 'then', 'now', 'some', 'many', 'most', 'both', 'such',
  'what', 'why', 'how', 'who', 'according', 'asked', 'speaking', 'throughout', 'among', 'despite', 'amid',
  'following', 'earlier', 'later', 'last', 'all', 'naturally', 'obviously', 'today', 'fighting', 'related',
  'even', 'just', 'only', 'once', 'instead', 'indeed', 'still', 'again', 'having', 'moreover', 'similarly',
  'furthermore', 'additionally', 'likewise', 'nonetheless', 'nevertheless', 'separately', 'specifically',
  'finally', 'overall', 'ultimately', 'notably', 'besides', 'of', 'about', 'to', 'into', 'over', 'under',
  'through', 'against', 'regarding', 'like', 'unlike', 'until', 'within', 'without',
]);
/** Openers of a leading adverbial clause; the subject comes after its comma. */
const LEADING_ADVERBIAL = new Set([
  'during', 'in', 'on', 'at', 'after', 'before', 'throughout', 'while', 'when', 'if', 'although', 'though',
  'as', 'asked', 'speaking', 'since', 'following', 'despite', 'amid', 'that', 'earlier', 'later', 'last',
  'meanwhile', 'however', 'still', 'yet', 'but', 'and', 'so', 'also', 'then', 'now', 'for', 'with', 'under',
  'even', 'once', 'instead',
]);
/** A wire dateline before the first word: "MOSCOW (Reuters) - ", "Washington (AFP) – ". */
const DATELINE = /^[\p{Lu}][\p{L}\s.,]*?\s*\([^)]*\)\s*[-–—]+\s*/u;

export const CAPITALISED = /^\p{Lu}/u;
const TIME_WORDS = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:today|yesterday|tonight|january|february|march|april|may|june|july|august|september|october|november|december)$/i;
const NAME_SHAPED = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-’'][\p{Lu}\p{Ll}][\p{Ll}\p{M}]*)*$/u;
export const POSSESSIVE = /(?:[’']s|s[’'])$/;

/** A word without the punctuation around it; a possessive (`Putin’s`, `Reuters’`) stays visible. */
export function bare(word: string): string {
  return word.replace(/^[“"‘'(\[«]+/, '').replace(/[.,;:!?”")\]»]+$/, '');
}

/** A lower-case word that belongs to a title or description ("spokesman", "deputy chief of staff"). */
export function isRoleWord(lowerWord: string): boolean {
  return ROLE_WORDS.has(lowerWord) || lowerWord === 'of';
}

export function isTitleWord(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, '')) || /^(?:ex|former)-/i.test(word);
}

/** Could this bare capitalised word be (part of) a person's name? */
export function mayBePersonWord(word: string): boolean {
  const lc = word.toLowerCase().replace(/\.$/, '');
  return NAME_SHAPED.test(word) && !NOT_PERSONS.has(lc) && !NATIONALITIES.has(lc) && !isTitleWord(word);
}

export type NounPhrase =
  | { kind: 'name'; text: string; personShaped: boolean }
  | { kind: 'pronoun' }
  | { kind: 'description'; qualifiers: string[]; role: string }
  | { kind: 'anonymous' }
  | { kind: 'unknown' };

/**
 * What kind of speaker a subject phrase is. Names come back without their title ("Kremlin spokesman
 * Dmitry Peskov" → "Dmitry Peskov"); bodies keep their article as written ("the Kremlin"); groups with
 * a proper qualifier stay whole ("the G7 leaders"). Anything else is unknown, never guessed.
 */
export function classifyNounPhrase(phrase: string): NounPhrase {
  // Periods stay: in a subject they belong to initials and abbreviations ("Nelson D. Schwartz", "Mr.").
  const words = phrase.trim().split(/\s+/).map((w) => bare(w.replace(/\.$/, '\u0000')).replace('\u0000', '.')).filter((w) => w !== '');
  const first = words[0]?.toLowerCase();
  if (first === undefined) return { kind: 'unknown' };
  if (words.length === 1 && (first === 'he' || first === 'she')) return { kind: 'pronoun' };
  // "They warned", "I argued", "It said": plural, first-person and impersonal subjects are never resolved.
  if (words.length === 1 && /^(?:they|i|we|you|it|this|that|who|which|he|she)(?:['’](?:ve|d|ll|m|re|s))?$/.test(first)) return { kind: 'unknown' };
  if (ANONYMOUS_FIRST.has(first)) return { kind: 'anonymous' };
  if (words.some((w) => /^\p{Lu}{5,}$/u.test(w))) return { kind: 'unknown' }; // a heading in capitals
  // "In Iowa", "Wednesday added ...": a capitalised function word or a date is no speaker.
  if ((COMMON_OPENERS.has(first) && !['the', 'he', 'she'].includes(first)) || words.every((w) => TIME_WORDS.test(w))) return { kind: 'unknown' };
  const and = words.findIndex((w) => w === 'and');
  if (and > 0) {
    const parts = [words.slice(0, and), words.slice(and + 1)].map((p) => classifyNounPhrase(p.join(' ')));
    if (parts.every((p) => p.kind === 'name')) return { kind: 'name', text: parts.map((p) => (p as { text: string }).text).join(' and '), personShaped: false };
    return { kind: 'unknown' };
  }
  const hasThe = first === 'the';
  const rest = hasThe ? words.slice(1) : words;
  const last = rest[rest.length - 1];
  if (last === undefined) return { kind: 'unknown' };
  for (const w of rest) {
    const lc = w.toLowerCase();
    const fits = CAPITALISED.test(w) || isTitleWord(w) || ROLE_WORDS.has(lc) || NATIONALITIES.has(lc) || GROUP_ROLES.has(lc) || lc === 'of';
    if (!fits || POSSESSIVE.test(w)) return { kind: 'unknown' };
  }
  const lcLast = last.toLowerCase();
  const description = (): NounPhrase =>
    SINGLE_ROLES.has(lcLast)
      ? { kind: 'description', qualifiers: rest.slice(0, -1).map((w) => w.toLowerCase()).filter((w) => w !== 'of'), role: lcLast }
      : { kind: 'unknown' };
  if (!CAPITALISED.test(last)) {
    if (GROUP_ROLES.has(lcLast)) return rest.some((w) => CAPITALISED.test(w)) ? { kind: 'name', text: (hasThe ? 'the ' : '') + rest.join(' '), personShaped: false } : { kind: 'unknown' };
    return description();
  }
  let runStart = rest.length;
  while (runStart > 0 && CAPITALISED.test(rest[runStart - 1]!)) runStart--;
  const run = rest.slice(runStart);
  // Titles and qualifiers before the name ("Russian President"); the last word is always kept ("the Kremlin").
  let cut = -1;
  run.slice(0, -1).forEach((w, i) => { if (isTitleWord(w) || NATIONALITIES.has(w.toLowerCase())) cut = i; });
  const name = run.slice(cut + 1);
  if (name.length === 1 && isTitleWord(last)) return description(); // "the President"
  if (name.length === 1 && NATIONALITIES.has(lcLast) && !hasThe) return { kind: 'unknown' }; // "Russian forces" cut short
  if (name.length > 4 || (name.length === 1 && last.endsWith('.'))) return { kind: 'unknown' }; // "Va.": an abbreviation
  const titled = cut >= 0 || runStart > 0;
  const text = (hasThe && !titled ? 'the ' : '') + name.join(' ');
  return { kind: 'name', text, personShaped: !hasThe && name.every(mayBePersonWord) };
}

/** Does a description ("the Russian leader") fit the title words the article gives a person? */
export function descriptionFits(qualifiers: readonly string[], role: string, titleWords: ReadonlySet<string>): boolean {
  return qualifiers.every((q) => titleWords.has(q)) && (ROLE_MATCH.get(role) ?? [role]).some((t) => titleWords.has(t));
}

/** Where the main clause starts: after a wire dateline and a leading adverbial clause; -1 when unclear. */
function mainClauseStart(masked: string): number {
  const lead = masked.length - masked.trimStart().length;
  let at = lead + (masked.slice(lead).match(DATELINE)?.[0].length ?? 0);
  if (LEADING_ADVERBIAL.has((masked.slice(at).split(/\s+/)[0] ?? '').toLowerCase())) {
    const comma = masked.indexOf(',', at);
    if (comma < 0) return -1;
    at = comma + 1;
  }
  return at;
}

/** The subject at the start of a masked sentence, after a leading adverbial clause; '' when none. */
export function initialNounPhrase(masked: string, isCommon: (lowerWord: string) => boolean): string {
  const start = mainClauseStart(masked);
  if (start < 0) return '';
  const raws = masked.slice(start).trim().split(/\s+/);
  const out: string[] = [];
  for (const [i, raw] of raws.entries()) {
    const w = bare(raw);
    const lc = w.toLowerCase();
    if (raw.includes(QUOTE) || w === '') break;
    if (out.length === 0 && CAPITALISED.test(w) && isCommon(lc) && !['the', 'a', 'an', 'he', 'she'].includes(lc)) return '';
    // "Donald Trump and Hillary Clinton vied ...": a conjunction between names is part of the subject.
    const joins = lc === 'and' && out.length > 0 && CAPITALISED.test(bare(raws[i + 1] ?? ''));
    const fits = (out.length === 0 && ['the', 'a', 'an'].includes(lc)) || CAPITALISED.test(w) || isTitleWord(w) || ROLE_WORDS.has(lc) || NATIONALITIES.has(lc) || (lc === 'of' && out.length > 0) || joins;
    if (!fits) {
      // "Get those jokes off", "Hastily politicizing ...": an imperative or an adverb, not a name.
      if (out.length === 1 && /^(?:the|a|an|those|these|this|that|it|them|us|me|him|her|your|my|our|their|\p{L}+ing)$/iu.test(w)) return '';
      break;
    }
    if (POSSESSIVE.test(w)) return ''; // "Putin’s demands represent ...": the subject is not a person
    out.push(w);
    if (/[,;:!?.)]$/.test(raw)) break;
  }
  while (out.length > 0 && ['of', 'and'].includes(out[out.length - 1]!)) out.pop();
  return out.join(' ');
}

export interface PersonRegistry {
  /** Full names by surname: "Peskov" → {"Dmitry Peskov"}. */
  fullNames: Map<string, Set<string>>;
  /** Lower-case title words given before a person's name, by full name and by surname. */
  titles: Map<string, Set<string>>;
  /** Everyone the article names as a person (full names, surnames, titled single names). */
  persons: Set<string>;
  /** The article's lower-case words: a capitalised one of these opening a sentence is no name. */
  lowerWords: Set<string>;
}

/**
 * The people an article names, from its masked sentences (headlines left out: their capitals say
 * nothing about names). "Russian President Vladimir Putin" gives the person "Vladimir Putin" (also
 * "Putin") with the title words {russian, president}; a single word is a person only after a title
 * ("spokesman Peskov"); "the Foreign Ministry", places and bodies are never persons.
 */
export function buildPersonRegistry(maskedSentences: Iterable<string>): PersonRegistry {
  const registry: PersonRegistry = { fullNames: new Map(), titles: new Map(), persons: new Set(), lowerWords: new Set() };
  const addTitles = (key: string, words: string[]) => {
    const set = registry.titles.get(key) ?? new Set<string>();
    for (const w of words) set.add(w);
    registry.titles.set(key, set);
  };
  for (const masked of maskedSentences) {
    const tokens = masked.split(/\s+/).filter((t) => t !== '');
    for (const t of tokens) if (/^\p{Ll}/u.test(bare(t))) registry.lowerWords.add(bare(t).toLowerCase());
    for (let i = 0; i < tokens.length; ) {
      let j = i;
      while (j < tokens.length && CAPITALISED.test(bare(tokens[j]!)) && !tokens[j]!.includes(QUOTE)) {
        j++;
        if (bare(tokens[j - 1]!) !== tokens[j - 1]! || POSSESSIVE.test(tokens[j - 1]!)) break; // punctuation ends a name
      }
      if (j === i) {
        i++;
        continue;
      }
      const run = tokens.slice(i, j).map((t) => bare(t).replace(/[’']s?$/, ''));
      let cut = -1;
      run.forEach((w, k) => {
        const lc = w.toLowerCase();
        if (isTitleWord(w) || NATIONALITIES.has(lc) || NOT_PERSONS.has(lc) || !/\p{Ll}/u.test(w) || (k === 0 && i === 0 && COMMON_OPENERS.has(lc))) cut = k;
      });
      const name = run.slice(cut + 1);
      const title = run.slice(0, cut + 1).map((w) => w.toLowerCase());
      for (let k = i - 1; k >= Math.max(0, i - 5) && bare(tokens[k]!) === tokens[k]; k--) {
        const lc = tokens[k]!.toLowerCase();
        if (!isRoleWord(lc) && !isTitleWord(lc) && !NATIONALITIES.has(lc)) break;
        title.push(lc);
      }
      const afterThe = i > 0 && bare(tokens[i - 1]!).toLowerCase() === 'the';
      if (!afterThe && name.length >= 1 && name.length <= 3 && name.every(mayBePersonWord)) {
        const full = name.join(' ');
        const surname = name[name.length - 1]!;
        if (name.length >= 2) {
          registry.fullNames.set(surname, (registry.fullNames.get(surname) ?? new Set()).add(full));
          registry.persons.add(full).add(surname);
          addTitles(full, title);
          addTitles(surname, title);
        } else if (title.some((w) => isTitleWord(w))) {
          registry.persons.add(full);
          addTitles(full, title);
        }
      }
      i = j;
    }
  }
  return registry;
}

export interface Attribution {
  /** Offsets of the verb in the masked sentence. */
  verbStart: number;
  verbEnd: number;
  /** The subject phrase as written; null for hearsay without a subject ("was said to have ..."). */
  subject: string | null;
  /** Masked offset of the QUOTE this attribution directly follows (`“…,” he said`), else -1. */
  afterQuote: number;
}

const SKIP_BEFORE_VERB =
  /(?:^|\s)(?:also|reportedly|repeatedly|previously|later|again|once|further|then|publicly|recently|earlier|now|still|simply|even|always|often|since|had|has|have|(?:on|last|this|next|on\s+\w+day\s+and)\s+(?:\p{Lu}\p{Ll}+day|week|weekend|month|year|morning|evening|night)|on\s+\p{Lu}\p{Ll}+day)$/u;
const QUOTED_AS = /(?:^|\s)(?:was|were|is|are|has\s+been|have\s+been)\s+quoted\s+as$/;
const NOT_ASSERTED = /(?:^|\s)(?:not|n[’']t|never|to|would|could|will|may|might|should|did|does|do|can|cannot|must|shall)$/;
const PASSIVE = /(?:^|\s)(?:was|were|is|are|been|being|be)$/;
/** Where a subject phrase starts: a quote, clause punctuation or a conjunction/subordinator. */
const BOUNDARY = new RegExp(`${QUOTE}|[,;:()\\[\\]—–]|\\s-\\s|(?<![\\p{L}])(?:and|but|while|as|that|with|because|after|before|when|if|unless|although|though|whereas|since|which|who|whom|whose|where|so|or)(?![\\p{L}])`, 'giu');
const INVERTED = /^\s+(?!(?:of|on|in|at|to|for|from|about|with|by|that|this|it)\b)((?:the |a |an |one of )?[^\s,.;:!?\uE000]+(?:\s+[^\s,.;:!?\uE000]+){0,4}?)(?=\s*(?:[,.;:!?]|$)|\s+(?:on|in|at|during|after|before|of|from|when|while|who|to|as|adding|according)\b)/u;

function lastBoundary(text: string): { end: number; quote: number; word: string } {
  let end = 0;
  let quote = -1;
  let word = '';
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index;
    // "Kyiv and the West say": a conjunction between two names is part of the subject.
    if (m[0].toLowerCase() === 'and' && /\p{Lu}[\p{L}.]*\s$/u.test(text.slice(0, at)) && /^\s+(?:the\s+)?\p{Lu}/u.test(text.slice(at + 3))) continue;
    end = at + m[0].length;
    word = m[0].toLowerCase();
    quote = m[0] === QUOTE ? at : /^[,—–:-]/.test(m[0].trim()) && text.slice(0, at).trimEnd().endsWith(QUOTE) ? text.slice(0, at).trimEnd().length - 1 : -1;
  }
  return { end, quote, word };
}

/** Every attribution in a masked sentence ("X said", "said X", "according to X", "X, ..., said"). */
export function findAttributions(masked: string, isCommon: (lowerWord: string) => boolean): Attribution[] {
  const found: Attribution[] = [];
  for (const m of masked.matchAll(/(?<![\p{L}])[Aa]ccording to\s+([^,.;:!?\uE000]+)/gu)) {
    const before = masked.slice(0, m.index).trimEnd();
    found.push({ verbStart: m.index, verbEnd: m.index + m[0].length, subject: m[1]!.trim(), afterQuote: /\uE000[,\s]*$/u.test(before) ? before.lastIndexOf(QUOTE) : -1 });
  }
  for (const m of masked.matchAll(VERB_RE)) {
    const verb = m[0].split(' ')[0]!;
    const verbStart = m.index;
    const verbEnd = verbStart + m[0].length;
    const after = masked.slice(verbEnd);
    const condition = CONDITIONAL_VERBS.get(verb);
    // "confirmed by ...": a passive; "reported from New York": a byline.
    if ((condition && !condition.test(after)) || /^\s+by\b/.test(after) || (verb === 'reported' && /^\s+from\b/.test(after))) continue;
    let before = masked.slice(0, verbStart).trimEnd();
    for (let skip = before.match(SKIP_BEFORE_VERB); skip; skip = before.match(SKIP_BEFORE_VERB)) before = before.slice(0, skip.index).trimEnd();
    const quotedAs = QUOTED_AS.test(before);
    if (quotedAs) before = before.replace(QUOTED_AS, '').trimEnd();
    if (NOT_ASSERTED.test(before)) continue; // "declined to say", "did not say"
    if (!quotedAs && PASSIVE.test(before)) {
      // "was said to have secured": hearsay with no speaker; "was told", "were asked": the subject listened.
      if (verb === 'said' && /^\s+to\b/.test(after)) found.push({ verbStart, verbEnd, subject: null, afterQuote: -1 });
      continue;
    }
    const previous = found.reduce<Attribution | undefined>((best, a) => (a.verbStart < verbStart && (!best || a.verbStart > best.verbStart) ? a : best), undefined);
    if ((verb.endsWith('ing') && before.endsWith(',')) || /(?:^|[\s,])and$/.test(before)) {
      // "..., adding that", "Putin referred to them and said": the subject is the clause's own subject,
      // but only when no comma in between could have brought in another one ("McConnell and Ryan remain
      // confident despite a few early supporters ..., such as ..., now saying").
      const start = mainClauseStart(masked);
      const between = before.slice(Math.max(start, 0)).replace(/,?\s*(?:and)?$/, '');
      const simple = start >= 0 && !/,|(?<![\p{L}])(?:when|while|as|after|before|because|if|who|which|that|where|whose|since|until|though|although)(?![\p{L}])/iu.test(between);
      const subject = previous?.subject ?? (simple ? initialNounPhrase(masked, isCommon) : '');
      if (subject) found.push({ verbStart, verbEnd, subject, afterQuote: -1 });
      continue;
    }
    // "..., said one GOP source in the room": a speaker after the verb, at the end of the sentence.
    const listener = /^(?:told|tells|telling|asked|urged|urging|called|calling)$/.test(verb); // "told the Huffington Post"
    const trailing = before.endsWith(',') && !listener ? after.match(INVERTED) : null;
    if (trailing && classifyNounPhrase(trailing[1]!).kind !== 'unknown') {
      found.push({ verbStart, verbEnd, subject: trailing[1]!, afterQuote: -1 });
      continue;
    }
    if (before.endsWith(',') && !before.slice(0, -1).trimEnd().endsWith(QUOTE)) {
      // "Mykhailo Podoliak, an adviser to ..., said", "Cory James, 22, of Flint, Mich., said": the subject
      // is the first comma-separated piece of the clause that reads as a speaker, not the apposition.
      // A piece must be a noun phrase on its own ("The contrast with Trump" is not), and a person-like one
      // wins over a place or body in an apposition ("..., the Paper, and ..., Shen Xincheng, ..., wrote").
      const hard = Math.max(-1, ...[QUOTE, ';', ':', '(', '[', '—', '–'].map((c) => before.lastIndexOf(c))) + 1;
      const pieces = before.slice(hard, -1).split(',').map((piece) => piece.trim()).filter((piece) => piece !== '' && lastBoundary(` ${piece}`).end === 0);
      const kinds = pieces.map((piece) => classifyNounPhrase(piece));
      const pick = kinds.findIndex((k) => k.kind !== 'unknown' && (k.kind !== 'name' || k.personShaped));
      const subject = pieces[pick >= 0 ? pick : kinds.findIndex((k) => k.kind !== 'unknown')];
      if (subject) found.push({ verbStart, verbEnd, subject, afterQuote: hard > 0 && before[hard - 1] === QUOTE ? hard - 1 : -1 });
      continue;
    }
    let boundary = lastBoundary(before);
    if (boundary.word === 'with' && !verb.endsWith('ing')) {
      // "people familiar with the session said": after "with" comes an object, so the subject starts
      // earlier ("with two sources saying" aside).
      const outer = lastBoundary(before.slice(0, boundary.end - 4));
      boundary = { ...outer, quote: outer.quote };
    }
    const subject = before.slice(boundary.end).trim();
    if (subject === '') {
      // "“…,” said Putin." / "“…,” wrote Podolyak on X.": the speaker follows the verb.
      const inverted = boundary.quote >= 0 && !listener ? after.match(INVERTED) : null;
      if (inverted) found.push({ verbStart, verbEnd, subject: inverted[1]!, afterQuote: boundary.quote });
      continue;
    }
    // "the reported deal", "renounce its claims to", "Moscow’s stated goals": a noun or adjective, not a verb.
    if (POSSESSIVE.test(bare(subject.split(/\s+/).pop() ?? ''))) continue;
    if (/(?:^|\s)(?:the|a|an|of|to|in|on|at|by|for|from|its|his|her|their|our|my|your|this|these|those|whose)$/i.test(subject)) continue;
    // An -ing form speaks only as a participle clause: "with two sources saying", not "their starkest warning".
    if (verb.endsWith('ing') && !quotedAs && !/(?:^|\s)with$/i.test(before.slice(0, boundary.end))) continue;
    // "Peskov told reporters Russia would never renounce ... regions that Moscow declared it had annexed":
    // an attribution inside an earlier one's content (or a relative clause) is not the sentence's speaker.
    if (boundary.word === 'that' && previous) continue;
    // "if the Chinese pledged to ...": a hypothetical, not a statement.
    if (boundary.word === 'if' || boundary.word === 'unless') continue;
    // "Earnings reports for HSBC": a capitalised common word opening the sentence is no speaker.
    const firstWord = bare(subject.split(/\s+/)[0] ?? '').toLowerCase();
    if (/^[\s(\["“]*$/.test(before.slice(0, boundary.end)) && !['the', 'a', 'an', 'he', 'she'].includes(firstWord) && isCommon(firstWord)) continue;
    // A long subject nobody can classify means the clause boundary was missed: no attribution.
    if (subject.split(/\s+/).length > 5 && classifyNounPhrase(subject).kind === 'unknown') continue;
    found.push({ verbStart, verbEnd, subject, afterQuote: boundary.quote });
  }
  return found.sort((a, b) => a.verbStart - b.verbStart);
}
