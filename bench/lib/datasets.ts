// Benchmark corpora built from the shared BBC + Reuters datasets, repeated under new ids up to a sentence
// count. The datasets are read in place from ../shared/datasets (never copied into the repo); the corpus
// files are written to a temp folder that is reused across runs of the same size.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { parseBody, serializeArticleFile } from '../../src/corpus/article-file.ts';
import { ARTICLES_DIR } from '../../src/corpus/load.ts';
import type { ArticleMeta, Block } from '../../src/corpus/types.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DATASETS_DIR = resolve(REPO_ROOT, '../shared/datasets');
const SOURCES = ['bbc-news/articles.jsonl', 'reuters-21578/articles.jsonl'];
/** BBC rows have `published: null`; the corpus contract needs a date, so they get this one, flagged as inferred. */
export const BBC_PLACEHOLDER_DATE = '2005-01-01';
/** Bump when the way corpus files are written changes, so reused folders are rewritten. */
const FORMAT_VERSION = 1;

export const SIZES = { '100k': 100_000, '300k': 300_000, '1m': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

export interface BaseArticle {
  meta: ArticleMeta;
  /** Id in the first repetition; later ones get `-r<n>` (not `#n`: `#` separates sentence numbers). */
  id: string;
  blocks: Block[];
  /** Sentence texts as the corpus splitter produces them (the title is the first). */
  sentences: string[];
}

interface DatasetRow {
  id: string;
  title: string;
  publisher: string;
  published: string | null;
  body: string;
}

/** BBC first, then Reuters, so even the 100k corpus holds both publishers. */
export async function loadBaseArticles(): Promise<BaseArticle[]> {
  const out: BaseArticle[] = [];
  for (const file of SOURCES) {
    const text = await readFile(join(DATASETS_DIR, file), 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as DatasetRow;
      // parseBody is the loader's own body parser, so what the index reads back equals these blocks.
      const blocks = parseBody(row.body);
      if (!row.title.trim() || blocks.length === 0) continue;
      const meta: ArticleMeta = {
        title: row.title.replace(/\s+/g, ' ').trim(),
        publisher: row.publisher,
        published: row.published ?? BBC_PLACEHOLDER_DATE,
        dateInferred: row.published === null,
        author: null,
        url: null,
        language: 'en',
      };
      const sentences = articleSentences({ id: row.id, title: meta.title, blocks }).map((s) => s.text);
      out.push({ meta, id: row.id, blocks, sentences });
    }
  }
  return out;
}

export interface PlannedArticle {
  base: BaseArticle;
  /** 1 for the original, 2… for copies. */
  repetition: number;
  id: string;
}

/** The articles of a corpus of at least `targetSentences` sentences, in a fixed order (shared by every engine). */
export function planCorpus(base: readonly BaseArticle[], targetSentences: number): { articles: PlannedArticle[]; sentences: number } {
  const articles: PlannedArticle[] = [];
  let sentences = 0;
  for (let repetition = 1; sentences < targetSentences; repetition++) {
    for (const article of base) {
      if (sentences >= targetSentences) break;
      const id = repetition === 1 ? article.id : `${article.id}-r${repetition}`;
      articles.push({ base: article, repetition, id });
      sentences += article.sentences.length;
    }
  }
  return { articles, sentences };
}

export interface BenchCorpus {
  root: string;
  corpusDir: string;
  cacheDir: string;
  articles: number;
  sentences: number;
  /** False when an earlier run's files were reused. */
  written: boolean;
  writeMs: number;
}

async function datasetFingerprint(): Promise<string> {
  const hash = createHash('sha1').update(`format ${FORMAT_VERSION}\n`);
  for (const file of SOURCES) {
    const info = await stat(join(DATASETS_DIR, file));
    hash.update(`${file} ${info.size} ${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

export function benchRoot(size: SizeName, tmpDir: string): string {
  return join(tmpDir, 'factbot-bench', size);
}

/** Writes `<root>/corpus/articles/<id>.md` for every planned article, unless a complete earlier run left them. */
export async function ensureCorpus(size: SizeName, tmpDir: string, log: (line: string) => void): Promise<BenchCorpus> {
  const root = benchRoot(size, tmpDir);
  const corpusDir = join(root, 'corpus');
  const cacheDir = join(root, 'cache');
  const markerPath = join(root, 'corpus.json');
  const fingerprint = await datasetFingerprint();
  const marker = await readFile(markerPath, 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => null);
  if (marker && marker.fingerprint === fingerprint && marker.target === SIZES[size]) {
    return { root, corpusDir, cacheDir, articles: Number(marker.articles), sentences: Number(marker.sentences), written: false, writeMs: 0 };
  }
  const started = performance.now();
  const base = await loadBaseArticles();
  const plan = planCorpus(base, SIZES[size]);
  log(`writing ${plan.articles.length} corpus files (${plan.sentences} sentences) to ${corpusDir} …`);
  // A stale or half-written folder (an interrupted run) is removed whole: leftovers would change the corpus.
  await rm(root, { recursive: true, force: true });
  const articlesDir = join(corpusDir, ARTICLES_DIR);
  await mkdir(articlesDir, { recursive: true });
  const BATCH = 256;
  for (let i = 0; i < plan.articles.length; i += BATCH) {
    await Promise.all(
      plan.articles.slice(i, i + BATCH).map(({ base: article, id }) =>
        writeFile(join(articlesDir, `${id}.md`), serializeArticleFile(article.meta, article.blocks)),
      ),
    );
  }
  const info = { fingerprint, target: SIZES[size], articles: plan.articles.length, sentences: plan.sentences };
  await writeFile(markerPath, JSON.stringify(info, null, 2));
  return { root, corpusDir, cacheDir, articles: info.articles, sentences: info.sentences, written: true, writeMs: performance.now() - started };
}
