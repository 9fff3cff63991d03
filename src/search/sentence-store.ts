// Sentence data kept outside the inverted index, in columns indexed by sentence number ("doc"): one
// typed-array entry per sentence instead of an object. Texts are [start, end) ranges of a few large
// strings (a snapshot's text chunks) or one string per sentence added later, and are sliced only when
// read, so a loaded million-sentence index holds a handful of heap objects for its texts: queries
// cause no long garbage-collection pauses. An article's sentences have consecutive numbers, so
// `<article-id>#<n>` is computed, not stored. Removal only clears `alive`; compact() drops the rows.
import type { Article, ArticleMeta, Sentence, SentenceKind } from '../corpus/types.ts';
import { ArticleTable, type ArticleSource } from './article-table.ts';
import type { ArticleFacts } from './field-filters.ts';
import type { HitArticle } from './types.ts';

export const KINDS: readonly SentenceKind[] = ['headline', 'body', 'caption'];

/** What the store keeps about one sentence. */
export interface StoredSentence {
  text: string;
  kind: SentenceKind;
  paragraph: number;
  /** Number of index terms (BM25 length normalisation). */
  length: number;
  /** Word hash of every token (TermPipeline.analyzeText), for phrase matching. */
  words: ArrayLike<number>;
}

/** A whole compacted store, as a snapshot holds it. Sentences of article i follow those of article i-1. */
export interface StoreColumns extends ArticleSource {
  /** Per article: what filters look at (see ArticleFacts). */
  facts: ArticleFacts[];
  counts: Uint32Array;
  kinds: Uint8Array;
  paragraphs: Uint32Array;
  lengths: Uint16Array;
  chunks: string[];
  chunkOf: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
  /** words[wordStarts[d] … wordStarts[d] + wordCounts[d]) are sentence d's word hashes. */
  wordStarts: Uint32Array;
  wordCounts: Uint16Array;
  words: Uint32Array;
}

type Column = Uint8Array | Uint16Array | Uint32Array;

export class SentenceStore {
  private table = new ArticleTable();
  private size = 0;
  private capacity = 0;
  private chunks: string[] = [];
  private wordsSize = 0;
  private liveSentences = 0;
  private liveLengthSum = 0;
  /** Hot columns, read directly by the matcher (replaced when they grow: read them per query). */
  articleOf: Uint32Array = new Uint32Array(0);
  kinds: Uint8Array = new Uint8Array(0);
  lengths: Uint16Array = new Uint16Array(0);
  alive: Uint8Array = new Uint8Array(0);
  private paragraphs: Uint32Array = new Uint32Array(0);
  private chunkOf: Uint32Array = new Uint32Array(0);
  private starts: Uint32Array = new Uint32Array(0);
  private ends: Uint32Array = new Uint32Array(0);
  private wordStarts: Uint32Array = new Uint32Array(0);
  private wordCounts: Uint16Array = new Uint16Array(0);
  private words: Uint32Array = new Uint32Array(0);

  /** Sentence numbers handed out, removed ones included. */
  get docCount(): number {
    return this.size;
  }
  /** Sentences currently searchable. */
  get sentenceCount(): number {
    return this.liveSentences;
  }
  /** Mean index length of the searchable sentences (BM25's avgdl). */
  get averageLength(): number {
    return this.liveSentences === 0 ? 0 : this.liveLengthSum / this.liveSentences;
  }
  get articleSlots(): number {
    return this.table.slots;
  }

  /** Appends an article and its sentences; returns the first sentence number. Replace = remove + add. */
  add(article: Article, sentences: readonly StoredSentence[]): number {
    const articleNo = this.table.push(article, article, this.size, sentences.length);
    const firstDoc = this.size;
    this.reserve(this.size + sentences.length, sentences.reduce((n, s) => n + Math.min(s.words.length, 0xffff), 0));
    for (const s of sentences) {
      const doc = this.size++;
      this.articleOf[doc] = articleNo;
      this.kinds[doc] = Math.max(0, KINDS.indexOf(s.kind));
      this.paragraphs[doc] = s.paragraph;
      this.lengths[doc] = Math.min(s.length, 0xffff);
      this.alive[doc] = 1;
      this.chunkOf[doc] = this.chunks.push(s.text) - 1;
      this.starts[doc] = 0;
      this.ends[doc] = s.text.length;
      const n = Math.min(s.words.length, 0xffff);
      this.wordStarts[doc] = this.wordsSize;
      this.wordCounts[doc] = n;
      for (let i = 0; i < n; i++) this.words[this.wordsSize++] = s.words[i]!;
      this.liveSentences++;
      this.liveLengthSum += this.lengths[doc]!;
    }
    return firstDoc;
  }

  /** Marks an article's sentences removed; returns their numbers, or null when it is not indexed. */
  remove(articleId: string): number[] | null {
    const articleNo = this.table.remove(articleId);
    if (articleNo === undefined) return null;
    const { first, count } = this.table.range(articleNo);
    const docs: number[] = [];
    for (let doc = first; doc < first + count; doc++) {
      if (!this.alive[doc]) continue;
      this.alive[doc] = 0;
      this.liveSentences--;
      this.liveLengthSum -= this.lengths[doc]!;
      docs.push(doc);
    }
    return docs;
  }

  isAlive(doc: number): boolean {
    return this.alive[doc] === 1;
  }
  articleNumber(doc: number): number {
    return this.articleOf[doc]!;
  }
  text(doc: number): string {
    return this.chunks[this.chunkOf[doc]!]!.slice(this.starts[doc]!, this.ends[doc]!);
  }
  kind(doc: number): SentenceKind {
    return KINDS[this.kinds[doc]!]!;
  }
  paragraph(doc: number): number {
    return this.paragraphs[doc]!;
  }
  length(doc: number): number {
    return this.lengths[doc]!;
  }
  dateKey(doc: number): number {
    return this.table.dateKeys[this.articleOf[doc]!]!;
  }

  /** The article by number (built on first use), or null once removed. */
  article(articleNo: number): Article | null {
    return this.table.article(articleNo);
  }
  /** The article's metadata without building its blocks, or null once removed. */
  meta(articleNo: number): (ArticleMeta & { id: string }) | null {
    return this.table.meta(articleNo);
  }
  /** What filters look at, without building the article; null once removed. */
  factsOf(articleNo: number): ArticleFacts | null {
    return this.table.factsOf(articleNo);
  }
  /** Sentence numbers of article `articleNo`: first … first + count - 1. */
  range(articleNo: number): { first: number; count: number } {
    return this.table.range(articleNo);
  }
  indexedFacts(): ArticleFacts[] {
    return this.table.indexedFacts();
  }
  /** Every indexed article in order; `keep: false` does not keep articles built just for this call. */
  indexedArticles(keep = true): Article[] {
    return this.table.indexedArticles(keep);
  }

  /** Every sentence's word count and all word hashes in sentence order (contiguous once compacted). */
  wordColumn(): { counts: Uint16Array; words: Uint32Array } {
    return { counts: this.wordCounts.subarray(0, this.size), words: this.words.subarray(0, this.wordsSize) };
  }

  /** True when sentence `doc` has the word hashes `sequence` at consecutive positions. */
  hasWords(doc: number, sequence: ArrayLike<number>): boolean {
    const from = this.wordStarts[doc]!;
    const last = from + this.wordCounts[doc]! - sequence.length;
    const head = sequence[0];
    outer: for (let at = from; at <= last; at++) {
      if (this.words[at] !== head) continue;
      for (let j = 1; j < sequence.length; j++) if (this.words[at + j] !== sequence[j]) continue outer;
      return true;
    }
    return false;
  }

  sentenceId(doc: number): string {
    const articleNo = this.articleOf[doc]!;
    return `${this.table.id(articleNo)}#${doc - this.table.range(articleNo).first + 1}`;
  }

  sentence(doc: number): Sentence {
    return { id: this.sentenceId(doc), articleId: this.table.id(this.articleOf[doc]!), text: this.text(doc), kind: this.kind(doc), paragraph: this.paragraphs[doc]! };
  }

  hitArticle(doc: number): HitArticle {
    const a = this.table.meta(this.articleOf[doc]!);
    if (!a) throw new Error(`sentence ${doc} belongs to a removed article`);
    return { id: a.id, title: a.title, publisher: a.publisher, published: a.published, dateInferred: a.dateInferred, url: a.url };
  }

  docsOf(articleId: string): { first: number; count: number } | null {
    const articleNo = this.table.numberOf(articleId);
    return articleNo === undefined ? null : this.table.range(articleNo);
  }

  /** Sentence number of `<article-id>#<n>`, or null. */
  docOf(sentenceId: string): number | null {
    const hash = sentenceId.lastIndexOf('#');
    const range = hash < 0 ? null : this.docsOf(sentenceId.slice(0, hash));
    const n = Number(sentenceId.slice(hash + 1));
    if (!range || !Number.isInteger(n) || n < 1 || n > range.count) return null;
    return range.first + n - 1;
  }

  /** A store holding exactly `columns`, all alive; the arrays are used as given. */
  static fromColumns(c: StoreColumns): SentenceStore {
    const store = new SentenceStore();
    const n = c.kinds.length;
    store.articleOf = new Uint32Array(n);
    let doc = 0;
    c.facts.forEach((facts, articleNo) => {
      store.table.push(undefined, facts, doc, c.counts[articleNo]!);
      store.articleOf.fill(articleNo, doc, Math.min(n, doc + c.counts[articleNo]!));
      doc += c.counts[articleNo]!;
    });
    if (doc !== n) throw new Error('inconsistent sentence columns');
    store.table.setSource(c);
    Object.assign(store, { kinds: c.kinds, paragraphs: c.paragraphs, lengths: c.lengths, chunks: c.chunks, chunkOf: c.chunkOf, starts: c.starts, ends: c.ends });
    Object.assign(store, { wordStarts: c.wordStarts, wordCounts: c.wordCounts, words: c.words, wordsSize: c.words.length });
    store.alive = new Uint8Array(n).fill(1);
    store.size = store.capacity = store.liveSentences = n;
    for (let i = 0; i < n; i++) store.liveLengthSum += c.lengths[i]!;
    return store;
  }

  /** Drops removed sentences and articles (copying columns, never re-slicing texts). Returns old → new number (-1: dropped). */
  compact(): Int32Array {
    const renumber = new Int32Array(this.size).fill(-1);
    const old = Object.assign(new SentenceStore(), this);
    Object.assign(this, new SentenceStore());
    this.reserve(old.liveSentences, old.wordsSize);
    const chunkIds = new Map<number, number>();
    this.table = old.table.compacted((articleNo) => {
      const { first, count } = old.table.range(articleNo);
      const newFirst = this.size;
      for (let doc = first; doc < first + count; doc++) this.copyRow(old, doc, (renumber[doc] = this.size++), chunkIds);
      return newFirst;
    });
    for (let no = 0; no < this.table.slots; no++) {
      const { first, count } = this.table.range(no);
      this.articleOf.fill(no, first, first + count);
    }
    return renumber;
  }

  private copyRow(old: SentenceStore, doc: number, to: number, chunkIds: Map<number, number>): void {
    this.kinds[to] = old.kinds[doc]!;
    this.paragraphs[to] = old.paragraphs[doc]!;
    this.lengths[to] = old.lengths[doc]!;
    this.alive[to] = 1;
    let chunk = chunkIds.get(old.chunkOf[doc]!);
    if (chunk === undefined) chunkIds.set(old.chunkOf[doc]!, (chunk = this.chunks.push(old.chunks[old.chunkOf[doc]!]!) - 1));
    this.chunkOf[to] = chunk;
    this.starts[to] = old.starts[doc]!;
    this.ends[to] = old.ends[doc]!;
    const from = old.wordStarts[doc]!;
    const n = old.wordCounts[doc]!;
    this.wordStarts[to] = this.wordsSize;
    this.wordCounts[to] = n;
    this.words.set(old.words.subarray(from, from + n), this.wordsSize);
    this.wordsSize += n;
    this.liveSentences++;
    this.liveLengthSum += this.lengths[to]!;
  }

  private reserve(docs: number, words: number): void {
    const grow = <T extends Column>(array: T, needed: number, used: number): T => {
      if (needed <= array.length) return array;
      const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2, 1024));
      next.set(array.subarray(0, used));
      return next;
    };
    this.words = grow(this.words, this.wordsSize + words, this.wordsSize);
    if (docs <= this.capacity) return;
    const capacity = Math.max(docs, this.capacity * 2, 1024);
    for (const key of ['articleOf', 'kinds', 'lengths', 'alive', 'paragraphs', 'chunkOf', 'starts', 'ends', 'wordStarts', 'wordCounts'] as const) {
      (this as unknown as Record<typeof key, Column>)[key] = grow(this[key], capacity, this.size);
    }
    this.capacity = capacity;
  }
}
