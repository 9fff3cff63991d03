// Benchmark queries drawn from the corpus's own sentences with a fixed-seed PRNG, so every run and every
// engine gets the same queries and most of them have hits.
import { STOP_WORDS as INDEX_STOP_WORDS } from '../../src/search/stop-words.ts';
import type { BaseArticle } from './datasets.ts';

export const QUERY_CLASSES = ['word', 'words', 'phrase', 'filtered', 'claim'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export const CLASS_LABELS: Record<QueryClass, string> = {
  word: '1 word',
  words: '2-3 words',
  phrase: 'phrase',
  filtered: 'filtered',
  claim: 'claim (12-25 words)',
};

export interface BenchQuery {
  cls: QueryClass;
  /** What our index gets, in the quote query language. */
  text: string;
  /** What the baselines get: the same words without quotes or filters (they have no such syntax). */
  plain: string;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Query words must make the index do real work: a stop word alone is answered without a lookup (the index
// never searches it), which would flatter the latencies. So the index's own stop list is excluded, plus a
// few words that are nearly as common in this corpus (wire jargon: mln, pct, dlrs).
const STOP_WORDS = new Set([
  ...INDEX_STOP_WORDS,
  ...'not said says new one two year last mln pct cts dlrs may'.split(' '),
]);

interface Token {
  text: string;
  start: number;
  end: number;
  /** Letters only, at least three of them, not a stop word: a good query word. */
  content: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu;

export function tokens(sentence: string): Token[] {
  return [...sentence.matchAll(TOKEN)].map((m) => {
    const text = m[0];
    const content = /^\p{L}{3,}$/u.test(text) && !STOP_WORDS.has(text.toLowerCase());
    return { text, start: m.index, end: m.index + text.length, content };
  });
}

interface SourceSentence {
  text: string;
  article: BaseArticle;
}

export interface QueryOptions {
  perClass: number;
  seed: number;
}

/** `perClass` queries of each class from the given articles (the ones that are in the benchmark corpus). */
export function generateQueries(articles: readonly BaseArticle[], { perClass, seed }: QueryOptions): BenchQuery[] {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const all: SourceSentence[] = articles.flatMap((article) => article.sentences.map((text) => ({ text, article })));
  const reuters = all.filter((s) => s.article.meta.publisher === 'Reuters');
  const contentWords = (s: SourceSentence) => tokens(s.text).filter((t) => t.content).map((t) => t.text);

  // Each maker returns null when the drawn sentence does not fit; the caller draws again.
  const makers: Record<QueryClass, () => BenchQuery | null> = {
    word: () => {
      const words = contentWords(pick(all));
      if (words.length === 0) return null;
      const word = pick(words);
      return { cls: 'word', text: word, plain: word };
    },
    words: () => {
      const words = contentWords(pick(all));
      const n = 2 + int(2);
      if (words.length < n) return null;
      const chosen = pickOrdered(words, n, int).join(' ');
      return { cls: 'words', text: chosen, plain: chosen };
    },
    phrase: () => {
      const sentence = pick(all).text;
      const toks = tokens(sentence);
      const n = 2 + int(2);
      if (toks.length < n) return null;
      const first = int(toks.length - n + 1);
      const span = toks.slice(first, first + n);
      // Words separated by exactly one space in the source, so the phrase occurs verbatim, and at
      // least one content word, so it is not a run of stop words.
      const verbatim = span.every((t, i) => i === 0 || sentence.slice(span[i - 1]!.end, t.start) === ' ');
      if (!verbatim || !span.some((t) => t.content) || !span.every((t) => /^\p{L}+$/u.test(t.text))) return null;
      const words = span.map((t) => t.text).join(' ');
      return { cls: 'phrase', text: `"${words}"`, plain: words };
    },
    filtered: () => {
      if (reuters.length === 0) return null;
      const source = pick(reuters);
      const words = contentWords(source);
      const n = 1 + int(2);
      if (words.length < n) return null;
      const chosen = pickOrdered(words, n, int).join(' ');
      const filter = source.article.meta.published >= '1987-03-01' && random() < 0.5 ? 'since:1987-03-01' : 'publisher:reuters';
      return { cls: 'filtered', text: `${chosen} ${filter}`, plain: chosen };
    },
    claim: () => {
      const length = 12 + int(14); // 12..25 words in all
      const noise = 1 + int(3); // words from elsewhere, as a paraphrasing reader adds them
      const words = tokens(pick(all).text).map((t) => t.text);
      const keep = length - noise;
      if (words.length < keep) return null;
      const first = int(words.length - keep + 1);
      const claim = words.slice(first, first + keep);
      for (let i = 0; i < noise; i++) {
        const extra = contentWords(pick(all));
        if (extra.length === 0) return null;
        claim.splice(int(claim.length + 1), 0, pick(extra));
      }
      const text = claim.join(' ');
      return { cls: 'claim', text, plain: text };
    },
  };

  const queries: BenchQuery[] = [];
  for (const cls of QUERY_CLASSES) {
    for (let made = 0, attempts = 0; made < perClass; attempts++) {
      if (attempts > perClass * 200) throw new Error(`cannot draw ${perClass} '${cls}' queries from this corpus`);
      const query = makers[cls]();
      if (query) {
        queries.push(query);
        made++;
      }
    }
  }
  return queries;
}

/** `n` distinct entries of `list`, kept in their original order (as they stand in the sentence). */
function pickOrdered(list: readonly string[], n: number, int: (n: number) => number): string[] {
  const indexes = new Set<number>();
  while (indexes.size < Math.min(n, list.length)) indexes.add(int(list.length));
  return [...indexes].sort((a, b) => a - b).map((i) => list[i]!);
}
