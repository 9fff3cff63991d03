// The search index over every sentence of the corpus: the SearchBackend the bot and the CLI use.
//
//   frozen postings (typed arrays, from the snapshot)  +  live segment (MiniSearch, recent changes)
//   sentence store (typed columns, texts, word hashes)  +  term pipeline (terms.ts)
//
// Public API (everything else is internal):
//   SentenceIndex.build(articles, aliases?)            index articles (split by articleSentences)
//   SentenceIndex.fromSentences(records, aliases?)     index pre-split sentences (benchmarks)
//   SentenceIndex.fromSnapshot(parts, aliases?) / index.toSnapshot()   (openIndex does the file I/O)
//   index.search(query, options?) / quote(...)         the query language (query-syntax.ts)
//   index.candidates(claim, { limit, poolSize }?)       BM25 OR candidates for claims (candidates.ts)
//   index.hit(sentenceId), sentencesOf(Sync)(articleId), articles(), articleFacts(), stats()
//   index.upsert(article) / remove(articleId) (+ async upsertArticle/removeArticle), compact()
//   index.addFieldFilter(definition), fieldFilters; index.pipeline, index.scoring (BM25 statistics)
//
// Reads never wait on writes: both are synchronous inside one event-loop turn. The async SearchBackend
// methods just wrap the synchronous ones (`search`, `candidates`), which benchmarks may call directly.
import { articleSentences } from '../corpus/article-sentences.ts';
import { EMPTY_ALIASES, type AliasTable } from '../corpus/aliases.ts';
import type { Article, ArticleMeta, Sentence, SentenceKind } from '../corpus/types.ts';
import type { SearchBackend } from './backend.ts';
import { claimCandidates, type CandidateOptions } from './candidates.ts';
import type { SearchCore } from './execute.ts';
import { FIELD_FILTERS, type ArticleFacts, type FieldFilterDefinition } from './field-filters.ts';
import { FrozenPostings } from './frozen-postings.ts';
import { LiveSegment } from './live-segment.ts';
import type { ScoringStats, Segment } from './matcher.ts';
import { highlightSpans } from './phrases.ts';
import { runQuote } from './quote-engine.ts';
import { SentenceStore, type StoredSentence } from './sentence-store.ts';
import { decodeIndex, encodeIndex } from './index-snapshot.ts';
import type { SnapshotParts } from './snapshot-file.ts';
import { TermPipeline } from './terms.ts';
import type { CorpusStats, Hit, QuoteOptions, QuoteResult } from './types.ts';
import { FuzzyVocabulary } from './vocabulary.ts';

/** One pre-split sentence for SentenceIndex.fromSentences (benchmarks on sentence-level datasets). */
export interface SentenceRecord {
  /** Groups sentences into a document; its sentences get ids `<articleId>#1`, `#2`, … in the order given. */
  articleId: string;
  /** Verbatim sentence text. */
  text: string;
  /** Default 'body'. */
  kind?: SentenceKind;
  /** Metadata of the document, read from its first record; missing fields are empty (no date, no URL). */
  article?: Partial<ArticleMeta>;
}

/** Live sentences beyond which upserts trigger a compaction (folding them into the frozen postings). */
const COMPACT_LIVE_MIN = 50_000;

export class SentenceIndex implements SearchBackend, SearchCore {
  private frozen: FrozenPostings;
  private live = new LiveSegment();
  private fuzzy: FuzzyVocabulary;
  private filters: FieldFilterDefinition[] = [...FIELD_FILTERS];
  /** Whole-index BM25 statistics (SearchCore). */
  readonly scoring: ScoringStats;

  private constructor(
    /** The term pipeline the index was built with; use it to tokenise text the same way (claim checks). */
    readonly pipeline: TermPipeline,
    readonly store: SentenceStore,
    frozen: FrozenPostings,
  ) {
    this.frozen = frozen;
    this.fuzzy = this.newVocabulary();
    const index = this;
    this.scoring = {
      get sentences() {
        return index.store.sentenceCount;
      },
      get averageLength() {
        return index.store.averageLength;
      },
      get lengths() {
        return index.store.lengths;
      },
      df: (term) => index.frozen.df(term) + index.live.df(term),
    };
  }

  /** Indexes every sentence of `articles` (split by articleSentences), spelling variants from `aliases`. */
  static build(articles: readonly Article[], aliases: AliasTable = EMPTY_ALIASES): SentenceIndex {
    return SentenceIndex.fromArticles(articles.map((article) => ({ article, sentences: articleSentences(article) })), aliases);
  }

  /** Indexes pre-split sentences, e.g. a sentence-level benchmark dataset. */
  static fromSentences(records: Iterable<SentenceRecord>, aliases: AliasTable = EMPTY_ALIASES): SentenceIndex {
    const groups = new Map<string, { article: Article; sentences: Sentence[] }>();
    for (const record of records) {
      let group = groups.get(record.articleId);
      if (!group) {
        const meta = record.article ?? {};
        const article: Article = {
          id: record.articleId, path: '', title: meta.title ?? '', publisher: meta.publisher ?? '', published: meta.published ?? '',
          dateInferred: meta.dateInferred ?? false, author: meta.author ?? null, url: meta.url ?? null, language: meta.language ?? 'en', blocks: [],
        };
        groups.set(record.articleId, (group = { article, sentences: [] }));
      }
      const kind = record.kind ?? 'body';
      group.article.blocks.push({ kind, text: record.text });
      const n = group.sentences.length + 1;
      group.sentences.push({ id: `${record.articleId}#${n}`, articleId: record.articleId, text: record.text, kind, paragraph: n });
    }
    return SentenceIndex.fromArticles([...groups.values()], aliases);
  }

  private static fromArticles(items: ReadonlyArray<{ article: Article; sentences: readonly Sentence[] }>, aliases: AliasTable): SentenceIndex {
    const pipeline = new TermPipeline(aliases);
    const store = new SentenceStore();
    const termsByDoc: string[][] = [];
    for (const { article, sentences } of items) {
      const stored = sentences.map((s): StoredSentence => {
        const { terms, words } = pipeline.analyzeText(s.text);
        termsByDoc.push(terms);
        return { text: s.text, kind: s.kind, paragraph: s.paragraph, length: terms.length, words };
      });
      store.add(article, stored);
    }
    return new SentenceIndex(pipeline, store, FrozenPostings.build(termsByDoc.length, (doc) => termsByDoc[doc]!));
  }

  /** Restores an index saved by toSnapshot. `aliases` must be the table it was built with (openIndex checks). */
  static fromSnapshot(parts: SnapshotParts, aliases: AliasTable = EMPTY_ALIASES): SentenceIndex {
    const { store, frozen } = decodeIndex(parts);
    return new SentenceIndex(new TermPipeline(aliases), store, frozen);
  }

  /** Everything needed to answer queries without the corpus files. Compacts first. */
  toSnapshot(): SnapshotParts {
    this.compact();
    return encodeIndex(this.store, this.frozen);
  }

  // ----- queries -----

  /** `quote` without the Promise. Never throws on the query string. */
  search(query: string, options?: QuoteOptions): QuoteResult {
    return runQuote(this, query, options);
  }

  async quote(query: string, options?: QuoteOptions): Promise<QuoteResult> {
    return this.search(query, options);
  }

  /**
   * Candidate sentences for a claim: BM25+ over an OR of its terms, rarest first, capped before full
   * scoring (see candidates.ts). `claim` is the claim text or its words. Best first; highlights mark
   * the claim's terms. Never throws.
   */
  candidates(claim: string | readonly string[], options?: CandidateOptions): Hit[] {
    const text = typeof claim === 'string' ? claim : claim.join(' ');
    const terms = this.pipeline.terms(text);
    const termSet = new Set(terms);
    return claimCandidates(this, terms, options).map(({ doc, score }) => this.hitOf(doc, score, termSet));
  }

  /** The sentence with this id (`<article-id>#<n>`) as a Hit without highlights, or null. */
  hit(sentenceId: string): Hit | null {
    const doc = this.store.docOf(sentenceId);
    return doc === null || !this.store.isAlive(doc) ? null : this.hitOf(doc, 0, new Set());
  }

  /** id, path, publisher, date of every indexed article, without building the articles. */
  articleFacts(): ArticleFacts[] {
    return this.store.indexedFacts();
  }

  async articleSummaries(): Promise<readonly ArticleFacts[]> {
    return this.articleFacts();
  }

  async stats(): Promise<CorpusStats> {
    const articles = this.store.indexedFacts();
    const dates = articles.map((a) => a.published).filter(Boolean).sort();
    return {
      articles: articles.length,
      publishers: [...new Set(articles.map((a) => a.publisher))].sort((a, b) => a.localeCompare(b)),
      sentences: this.store.sentenceCount,
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
    };
  }

  async articles(): Promise<readonly Article[]> {
    return this.store.indexedArticles().sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
  }

  async sentencesOf(articleId: string): Promise<readonly Sentence[] | null> {
    return this.sentencesOfSync(articleId);
  }

  /** sentencesOf without the Promise, for code that runs inside a query (field filters). */
  sentencesOfSync(articleId: string): Sentence[] | null {
    const range = this.store.docsOf(articleId);
    if (!range) return null;
    return Array.from({ length: range.count }, (_, i) => this.store.sentence(range.first + i));
  }

  /** The `name:value` filters queries on this index understand: the built-in ones plus any added. */
  get fieldFilters(): readonly FieldFilterDefinition[] {
    return this.filters;
  }

  /**
   * Adds a `name:value` filter to this index's query language (replacing one of the same name), e.g.
   * a `speaker:` filter that needs this index's sentences. Its help line is in querySyntaxHelp(index.fieldFilters).
   */
  addFieldFilter(definition: FieldFilterDefinition): void {
    this.filters = [...this.filters.filter((f) => f.name !== definition.name), definition];
  }

  // ----- changes -----

  async upsertArticle(article: Article): Promise<void> {
    this.upsert(article);
  }

  async removeArticle(articleId: string): Promise<void> {
    this.remove(articleId);
  }

  /** Adds or replaces an article: its sentences go to the live segment; no other article is touched. */
  upsert(article: Article): void {
    this.remove(article.id);
    const sentences = articleSentences(article);
    const analyzed = sentences.map((s) => this.pipeline.analyzeText(s.text));
    const first = this.store.add(article, sentences.map((s, i) => ({ text: s.text, kind: s.kind, paragraph: s.paragraph, length: analyzed[i]!.terms.length, words: analyzed[i]!.words })));
    analyzed.forEach(({ terms }, i) => this.live.add(first + i, terms));
    this.fuzzy.add(analyzed.flatMap((a) => a.terms));
    if (this.live.size > Math.max(COMPACT_LIVE_MIN, this.store.sentenceCount / 10)) this.compact();
  }

  /** Removes an article; returns false when it was not indexed. */
  remove(articleId: string): boolean {
    const docs = this.store.remove(articleId);
    if (!docs) return false;
    for (const doc of docs) this.live.remove(doc);
    return true;
  }

  /**
   * Folds the live segment into the frozen postings and drops removed sentences (our vacuum). Runs
   * before every snapshot and when the live segment grows large; linear in the index size.
   */
  compact(): void {
    if (this.live.size === 0 && this.store.sentenceCount === this.store.docCount) return;
    const liveDocs = this.live.documents();
    const renumber = this.store.compact();
    this.frozen = this.frozen.compact(renumber, liveDocs.map(({ doc, terms }) => ({ doc: renumber[doc]!, terms })));
    this.live = new LiveSegment();
    this.fuzzy = this.newVocabulary();
  }

  // ----- SearchCore (used by the query engine) -----

  get segments(): readonly Segment[] {
    return [this.frozen, this.live];
  }

  similarTerms(term: string, maxDistance: number): Array<{ term: string; distance: number }> {
    return this.fuzzy.similar(term, maxDistance);
  }

  private newVocabulary(): FuzzyVocabulary {
    return new FuzzyVocabulary(() => [...this.frozen.vocabulary, ...this.live.vocabulary()]);
  }

  private hitOf(doc: number, score: number, terms: ReadonlySet<string>): Hit {
    const text = this.store.text(doc);
    return {
      sentenceId: this.store.sentenceId(doc),
      text,
      highlights: terms.size > 0 ? highlightSpans(text, this.pipeline, terms, []) : [],
      score: Math.round(score * 1e4) / 1e4,
      kind: this.store.kind(doc),
      article: this.store.hitArticle(doc),
    };
  }
}
