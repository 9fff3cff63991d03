// Result shapes of `quote`. They are the `--json` contract of `factbot quote` (fixed: scripts read it).
import type { SentenceKind } from '../corpus/types.ts';

export interface HitArticle {
  id: string;
  title: string;
  publisher: string;
  /** YYYY-MM-DD */
  published: string;
  dateInferred: boolean;
  url: string | null;
}

export interface Hit {
  sentenceId: string;
  /** Verbatim sentence text. */
  text: string;
  /** [start, end) UTF-16 offsets into `text` of the words that matched the query. */
  highlights: Array<[number, number]>;
  score: number;
  kind: SentenceKind;
  article: HitArticle;
}

export interface QuoteResult {
  query: string;
  /** Matches before the limit was applied. */
  total: number;
  results: Hit[];
  /** Something the reader should know: a typo correction, why nothing matched. */
  note: string | null;
}

export interface QuoteOptions {
  /** Default 5, maximum 25. */
  limit?: number;
  /** Skip this many results (paging in chat). */
  offset?: number;
}

export const DEFAULT_QUOTE_LIMIT = 5;
export const MAX_QUOTE_LIMIT = 25;

/** Coverage of the loaded corpus, for `sources`. */
export interface CorpusStats {
  articles: number;
  publishers: string[];
  sentences: number;
  /** YYYY-MM-DD or null for an empty corpus. */
  firstDate: string | null;
  lastDate: string | null;
}
