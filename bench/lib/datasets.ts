// Benchmark corpora built from the shared BBC + Reuters datasets, repeated under new ids up to a sentence
// count. The datasets are read in place from ../shared/datasets (never copied into the repo); everything
// written goes to a temp folder that later runs reuse.
//
// Each dataset article goes through the real ingestion (ingestSource: plain-text cleaning, metadata,
// duplicate check, the exact corpus-file text) once; the file it would write is then written under the
// original id and, for the copies, under `<id>-r2`, `-r3`… (not `#2`: `#` separates sentence numbers).
// Copies are written directly because ingestion rightly refuses them as duplicates of the original.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { CorpusIndex, ingestSource } from '../../src/corpus/ingest.ts';
import { ARTICLES_DIR } from '../../src/corpus/load.ts';
import type { ArticleMeta, Block } from '../../src/corpus/types.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DATASETS_DIR = resolve(REPO_ROOT, '../shared/datasets');
const SOURCES = ['bbc-news/articles.jsonl', 'reuters-21578/articles.jsonl'];
/** BBC rows have `published: null`; the corpus contract needs a date, so they get this one, flagged as inferred. */
export const BBC_PLACEHOLDER_DATE = '2005-01-01';

export const SIZES = { '100k': 100_000, '300k': 300_000, '1m': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

export interface BaseArticle {
  /** Id of the first copy (the dataset's id). */
  id: string;
  meta: ArticleMeta;
  blocks: Block[];
  /** The corpus file exactly as ingestion would write it. */
  fileText: string;
  /** Sentence texts as the corpus splitter produces them (the title is the first). */
  sentences: string[];
}

export interface IngestSummary {
  rows: number;
  ingested: number;
  duplicates: number;
  failed: number;
}

interface DatasetRow {
  id: string;
  title: string;
  publisher: string;
  published: string | null;
  body: string;
}

/** Changes when a dataset or the ingestion code changes: cached results are then recomputed. */
async function fingerprint(): Promise<string> {
  const hash = createHash('sha1');
  for (const file of SOURCES) {
    const info = await stat(join(DATASETS_DIR, file));
    hash.update(`${file} ${info.size} ${info.mtimeMs}\n`);
  }
  const corpusCode = join(REPO_ROOT, 'src/corpus');
  const files = (await readdir(corpusCode, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  for (const name of files.sort()) hash.update(await readFile(join(corpusCode, name)));
  return hash.digest('hex').slice(0, 16);
}

async function ingestDatasets(tmpDir: string): Promise<{ articles: Omit<BaseArticle, 'sentences'>[]; summary: IngestSummary }> {
  const batch = new CorpusIndex();
  const articles: Omit<BaseArticle, 'sentences'>[] = [];
  const summary: IngestSummary = { rows: 0, ingested: 0, duplicates: 0, failed: 0 };
  // BBC first, then Reuters, so even the 100k corpus holds both publishers.
  for (const file of SOURCES) {
    for (const line of (await readFile(join(DATASETS_DIR, file), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as DatasetRow;
      summary.rows++;
      // A plain-text file as a user would ingest it: the title line, a blank line, the paragraphs.
      const outcome = await ingestSource(
        { name: `${row.id}.txt`, content: `${row.title}\n\n${row.body}\n`, format: 'text' },
        {
          // A dry run writes nothing; the folder only has to hold no file with the same id.
          corpusDir: join(tmpDir, 'factbot-bench', 'dry-run'),
          publisher: row.publisher,
          published: row.published ?? BBC_PLACEHOLDER_DATE,
          dateInferred: row.published === null,
          id: row.id,
          index: batch,
          dryRun: true,
        },
      );
      if (outcome.status === 'duplicate') summary.duplicates++;
      if (outcome.status !== 'dry-run') {
        if (outcome.status === 'failed') summary.failed++;
        continue;
      }
      // A dry run does not record itself in the batch; do it, so later copies in the dataset are caught.
      batch.add(outcome.id, outcome.meta.url, outcome.blocks);
      articles.push({ id: outcome.id, meta: outcome.meta, blocks: outcome.blocks, fileText: outcome.fileText });
      summary.ingested++;
    }
  }
  return { articles, summary };
}

/** The ingested dataset articles with the ingestion counts, from the cache in `tmpDir` when it is current. */
export async function loadIngestedDatasets(tmpDir = tmpdir()): Promise<{ articles: BaseArticle[]; summary: IngestSummary; key: string }> {
  const key = await fingerprint();
  const cachePath = join(tmpDir, 'factbot-bench', `ingested-${key}.json`);
  type Cached = Awaited<ReturnType<typeof ingestDatasets>>;
  let cached = await readFile(cachePath, 'utf8').then((t) => JSON.parse(t) as Cached, () => null);
  if (!cached) {
    cached = await ingestDatasets(tmpDir);
    await mkdir(dirname(cachePath), { recursive: true });
    // Earlier results (other dataset or ingestion code) are of no further use: 25 MB each.
    for (const name of await readdir(dirname(cachePath))) {
      if (/^ingested-\w+\.json$/.test(name)) await rm(join(dirname(cachePath), name), { force: true });
    }
    await writeFile(cachePath, JSON.stringify(cached));
  }
  const articles = cached.articles.map((a) => ({
    ...a,
    sentences: articleSentences({ id: a.id, title: a.meta.title, blocks: a.blocks }).map((s) => s.text),
  }));
  return { articles, summary: cached.summary, key };
}

/** The ingested dataset articles (BBC, then Reuters), in a fixed order. Also used by bench/retrieval.ts. */
export async function loadBaseArticles(tmpDir = tmpdir()): Promise<BaseArticle[]> {
  return (await loadIngestedDatasets(tmpDir)).articles;
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
  ingest: IngestSummary;
  /** False when an earlier run's files were reused. */
  written: boolean;
  writeMs: number;
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
  const started = performance.now();
  const { articles: base, summary, key } = await loadIngestedDatasets(tmpDir);
  const plan = planCorpus(base, SIZES[size]);
  const result = { root, corpusDir, cacheDir, articles: plan.articles.length, sentences: plan.sentences, ingest: summary };
  const marker = await readFile(markerPath, 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => null);
  if (marker?.key === key && marker.articles === plan.articles.length) return { ...result, written: false, writeMs: 0 };

  log(`writing ${plan.articles.length} corpus files (${plan.sentences} sentences) to ${corpusDir} …`);
  // A stale or half-written folder (an interrupted run) is removed whole: leftovers would change the corpus.
  await rm(root, { recursive: true, force: true });
  const articlesDir = join(corpusDir, ARTICLES_DIR);
  await mkdir(articlesDir, { recursive: true });
  const BATCH = 256;
  for (let i = 0; i < plan.articles.length; i += BATCH) {
    const slice = plan.articles.slice(i, i + BATCH);
    await Promise.all(slice.map(({ base: article, id }) => writeFile(join(articlesDir, `${id}.md`), article.fileText)));
  }
  await writeFile(markerPath, JSON.stringify({ key, articles: plan.articles.length, sentences: plan.sentences }));
  return { ...result, written: true, writeMs: performance.now() - started };
}
