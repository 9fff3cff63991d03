// Sentence data kept outside the inverted index, in columns indexed by sentence number ("doc"):
// one typed-array entry per sentence instead of an object, so a million sentences cost a few MB plus
// their texts. An article's sentences have consecutive numbers, so `<article-id>#<n>` is computed, not
// stored. Removal only clears the `alive` flag; compact() drops removed rows and renumbers.
import type { Article, Sentence, SentenceKind } from '../corpus/types.ts';
import type { HitArticle } from './types.ts';

const KINDS: readonly SentenceKind[] = ['headline', 'body', 'caption'];

/** What the store needs to know about one sentence. */
export interface StoredSentence {
  text: string;
  kind: SentenceKind;
  paragraph: number;
  /** Number of index terms (BM25 length normalisation). */
  length: number;
}

export interface StoreColumns {
  articles: Article[];
  /** Sentences per article. */
  counts: Uint32Array;
  kinds: Uint8Array;
  paragraphs: Uint32Array;
  lengths: Uint16Array;
  texts: string[];
}

export class SentenceStore {
  /** Article number → article; removed articles stay (as null) until compaction. */
  private articles: Array<Article | null> = [];
  private first: number[] = [];
  private count: number[] = [];
  /** YYYYMMDD of each article, 0 when unknown: the tie-breaker "newer first". */
  private dateKeys: number[] = [];
  private byId = new Map<string, number>();

  private capacity = 0;
  private size = 0;
  private articleOf: Uint32Array = new Uint32Array(0);
  private kinds: Uint8Array = new Uint8Array(0);
  private paragraphs: Uint32Array = new Uint32Array(0);
  private lengths: Uint16Array = new Uint16Array(0);
  private alive: Uint8Array = new Uint8Array(0);
  private texts: string[] = [];
  private liveSentences = 0;
  private liveLengthSum = 0;

  /** Number of sentence numbers handed out (including removed ones). */
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

  /** Appends an article and its sentences; returns the first sentence number. Replace = remove + add. */
  add(article: Article, sentences: readonly StoredSentence[]): number {
    if (this.byId.has(article.id)) throw new Error(`article '${article.id}' is already indexed`);
    const articleNo = this.articles.length;
    const firstDoc = this.size;
    this.articles.push(article);
    this.first.push(firstDoc);
    this.count.push(sentences.length);
    this.dateKeys.push(Number(article.published.replace(/-/g, '')) || 0);
    this.byId.set(article.id, articleNo);
    this.reserve(this.size + sentences.length);
    for (const s of sentences) {
      const doc = this.size++;
      this.articleOf[doc] = articleNo;
      this.kinds[doc] = Math.max(0, KINDS.indexOf(s.kind));
      this.paragraphs[doc] = s.paragraph;
      this.lengths[doc] = Math.min(s.length, 0xffff);
      this.alive[doc] = 1;
      this.texts[doc] = s.text;
      this.liveSentences++;
      this.liveLengthSum += this.lengths[doc]!;
    }
    return firstDoc;
  }

  /** Marks an article's sentences removed; returns their numbers, or null when it is not indexed. */
  remove(articleId: string): number[] | null {
    const articleNo = this.byId.get(articleId);
    if (articleNo === undefined) return null;
    this.byId.delete(articleId);
    this.articles[articleNo] = null;
    const docs: number[] = [];
    for (let doc = this.first[articleNo]!; doc < this.first[articleNo]! + this.count[articleNo]!; doc++) {
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
    return this.texts[doc]!;
  }
  kind(doc: number): SentenceKind {
    return KINDS[this.kinds[doc]!]!;
  }
  length(doc: number): number {
    return this.lengths[doc]!;
  }
  dateKey(doc: number): number {
    return this.dateKeys[this.articleOf[doc]!]!;
  }
  /** The indexed article by number, or null once removed. */
  article(articleNo: number): Article | null {
    return this.articles[articleNo] ?? null;
  }
  get articleSlots(): number {
    return this.articles.length;
  }

  sentenceId(doc: number): string {
    const articleNo = this.articleOf[doc]!;
    return `${this.idOfArticle(articleNo)}#${doc - this.first[articleNo]! + 1}`;
  }

  sentence(doc: number): Sentence {
    return {
      id: this.sentenceId(doc),
      articleId: this.idOfArticle(this.articleOf[doc]!),
      text: this.texts[doc]!,
      kind: this.kind(doc),
      paragraph: this.paragraphs[doc]!,
    };
  }

  hitArticle(doc: number): HitArticle {
    const a = this.articles[this.articleOf[doc]!];
    if (!a) throw new Error(`sentence ${doc} belongs to a removed article`);
    return { id: a.id, title: a.title, publisher: a.publisher, published: a.published, dateInferred: a.dateInferred, url: a.url };
  }

  /** Sentence numbers of an indexed article, or null. */
  docsOf(articleId: string): { first: number; count: number } | null {
    const articleNo = this.byId.get(articleId);
    return articleNo === undefined ? null : { first: this.first[articleNo]!, count: this.count[articleNo]! };
  }

  /** Document (sentence) number of `<article-id>#<n>`, or null. */
  docOf(sentenceId: string): number | null {
    const hash = sentenceId.lastIndexOf('#');
    const range = hash < 0 ? null : this.docsOf(sentenceId.slice(0, hash));
    const n = Number(sentenceId.slice(hash + 1));
    if (!range || !Number.isInteger(n) || n < 1 || n > range.count) return null;
    return range.first + n - 1;
  }

  /** The indexed articles in the order they were added. */
  indexedArticles(): Article[] {
    return this.articles.filter((a): a is Article => a !== null);
  }

  /**
   * The columns of a compacted store (every article and sentence alive), for snapshots. Sentences of
   * article i are numbers first[i] … first[i] + count[i] - 1.
   */
  columns(): StoreColumns {
    if (this.liveSentences !== this.size || this.byId.size !== this.articles.length) throw new Error('compact the store first');
    return {
      articles: this.articles as Article[],
      counts: Uint32Array.from(this.count),
      kinds: this.kinds.subarray(0, this.size),
      paragraphs: this.paragraphs.subarray(0, this.size),
      lengths: this.lengths.subarray(0, this.size),
      texts: this.texts,
    };
  }

  /** A store holding exactly `columns` (all alive); arrays are used as given, not copied. */
  static fromColumns(columns: StoreColumns): SentenceStore {
    const store = new SentenceStore();
    const size = columns.kinds.length;
    store.articles = columns.articles;
    store.articleOf = new Uint32Array(size);
    let doc = 0;
    columns.articles.forEach((article, articleNo) => {
      const count = columns.counts[articleNo]!;
      store.first.push(doc);
      store.count.push(count);
      store.dateKeys.push(Number(article.published.replace(/-/g, '')) || 0);
      store.byId.set(article.id, articleNo);
      store.articleOf.fill(articleNo, doc, doc + count);
      doc += count;
    });
    if (doc !== size || columns.texts.length !== size) throw new Error('inconsistent sentence columns');
    store.kinds = columns.kinds;
    store.paragraphs = columns.paragraphs;
    store.lengths = columns.lengths;
    store.alive = new Uint8Array(size).fill(1);
    store.texts = columns.texts;
    store.size = store.capacity = size;
    store.liveSentences = size;
    for (let i = 0; i < size; i++) store.liveLengthSum += columns.lengths[i]!;
    return store;
  }

  /** Drops removed sentences and articles. Returns old number → new number (-1 for dropped). */
  compact(): Int32Array {
    const renumber = new Int32Array(this.size).fill(-1);
    const old = { articles: this.articles, first: this.first, count: this.count, texts: this.texts };
    const columns = { articleOf: this.articleOf, kinds: this.kinds, paragraphs: this.paragraphs, lengths: this.lengths };
    this.articles = [];
    this.first = [];
    this.count = [];
    this.dateKeys = [];
    this.byId = new Map();
    this.capacity = 0;
    this.size = 0;
    this.texts = [];
    this.liveSentences = 0;
    this.liveLengthSum = 0;
    this.reserve(columns.articleOf.length);
    old.articles.forEach((article, articleNo) => {
      if (!article) return;
      const from = old.first[articleNo]!;
      const sentences: StoredSentence[] = [];
      for (let doc = from; doc < from + old.count[articleNo]!; doc++) {
        renumber[doc] = this.size + sentences.length;
        sentences.push({
          text: old.texts[doc]!,
          kind: KINDS[columns.kinds[doc]!]!,
          paragraph: columns.paragraphs[doc]!,
          length: columns.lengths[doc]!,
        });
      }
      this.add(article, sentences);
    });
    return renumber;
  }

  private idOfArticle(articleNo: number): string {
    // Kept readable after removal for sentences still referenced by an old result.
    return this.articles[articleNo]?.id ?? `removed-${articleNo}`;
  }

  private reserve(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2, 1024);
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array.subarray(0, this.size));
      return next;
    };
    this.articleOf = grow(this.articleOf, (n) => new Uint32Array(n));
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.paragraphs = grow(this.paragraphs, (n) => new Uint32Array(n));
    this.lengths = grow(this.lengths, (n) => new Uint16Array(n));
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}
