// The seam between the bot and its search engine. The in-process MiniSearch index implements it today;
// a server engine can implement it later without touching the layers above.
import type { Article, Sentence } from '../corpus/types.ts';
import type { ArticleFacts } from './field-filters.ts';
import type { CorpusStats, QuoteOptions, QuoteResult } from './types.ts';

export interface SearchBackend {
  /** Runs a query in the quote query language (see src/search/query-syntax.ts). Never throws on user input. */
  quote(query: string, options?: QuoteOptions): Promise<QuoteResult>;
  /** Coverage of what is indexed. */
  stats(): Promise<CorpusStats>;
  /** Every indexed article, newest first (for digests and `sources`). */
  articles(): Promise<readonly Article[]>;
  /**
   * Id, file, publisher and date of every indexed article: what bookkeeping needs (the corpus watcher,
   * the digest's first-seen log) without materialising a million articles' texts.
   */
  articleSummaries(): Promise<readonly ArticleFacts[]>;
  /** The sentences of one article in order, or null when it is not indexed (neighbour context for `check`). */
  sentencesOf(articleId: string): Promise<readonly Sentence[] | null>;
  /** Adds or replaces one article without rebuilding the rest. */
  upsertArticle(article: Article): Promise<void>;
  removeArticle(articleId: string): Promise<void>;
}
