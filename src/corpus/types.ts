// The corpus model shared by every layer above src/corpus.

/** Front matter of one corpus file (`corpus/articles/**\/*.md`). The field names are a fixed contract. */
export interface ArticleMeta {
  title: string;
  /** The outlet as readers know it. */
  publisher: string;
  /** YYYY-MM-DD. */
  published: string;
  /** True when the date was inferred from the content rather than stated by the source. */
  dateInferred: boolean;
  author: string | null;
  /** Never invented: null when the source states none. */
  url: string | null;
  language: string;
}

/**
 * A body block as stored in a corpus file. Paragraphs are separated by blank lines; a `## ` line is
 * a subheading and a `<figcaption>…</figcaption>` paragraph a photo caption.
 */
export type BlockKind = 'headline' | 'body' | 'caption';

export interface Block {
  kind: BlockKind;
  text: string;
}

export interface Article extends ArticleMeta {
  /** The file name without `.md`. */
  id: string;
  /** Path of the corpus file, relative to the corpus folder (for messages). */
  path: string;
  /** The body blocks in order; the title is not among them. */
  blocks: Block[];
}

export type SentenceKind = BlockKind;

export interface Sentence {
  /** `<article-id>#<n>`, n counting from 1 with the headline; stable while the article is unchanged. */
  id: string;
  articleId: string;
  /** Verbatim, exactly as published. */
  text: string;
  kind: SentenceKind;
  /** 0 for the title, then 1, 2, … for the body blocks. */
  paragraph: number;
}

/** A problem found in a corpus file, reported as `path:line: message`. */
export interface CorpusProblem {
  path: string;
  line: number;
  message: string;
}

export function formatProblem(problem: CorpusProblem): string {
  return `${problem.path}:${problem.line}: ${problem.message}`;
}
