// Opens the search index of a corpus folder, reusing the snapshot in `.factbot/` when it is fresh.
//
// Freshness: the snapshot records INDEX_FORMAT, the term pipeline's fingerprint, the hash of
// aliases.yaml and the SHA-256 of every article file (with its size, mtime and inode, so an untouched
// file is only stat'ed at start-up, not read: 0.3 s for 110,000 files). Nothing is parsed unless changed:
//   - all equal                    → the snapshot is used as is ("fromSnapshot"); nothing is indexed.
//   - only article files differ    → the snapshot is loaded and just the changed files are re-indexed
//                                    (upsert/remove), then the snapshot is rewritten ("incremental").
//   - format, pipeline or aliases  → full rebuild (aliases change the terms of every sentence).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Article, CorpusProblem } from '../corpus/types.ts';
import {
  corpusKey, packKnownFiles, parseCorpusFile, readAliasesFile, resolveCorpus, scanCorpusFiles, sha256, unpackKnownFiles,
  type KnownFile, type KnownFileColumns,
} from './corpus-files.ts';
import { SentenceIndex } from './sentence-index.ts';
import { readSnapshotFile, writeSnapshotFile, type SnapshotParts } from './snapshot-file.ts';
import { TermPipeline } from './terms.ts';

/** Bump whenever the snapshot layout or the meaning of its data changes; old snapshots are then rebuilt. */
export const INDEX_FORMAT = 'factbot-index/3';

export interface OpenIndexOptions {
  /** The corpus folder: `articles/**\/*.md` and `aliases.yaml`. */
  corpusDir: string;
  /** Where snapshots are kept. Default: `.factbot` in the process's working directory (git-ignored). */
  cacheDir?: string;
  /** Receives one line per notable step (rebuilds, snapshot writes). Default: silent. */
  log?: (message: string) => void;
  /** Ignore any snapshot and rebuild everything (the snapshot is then replaced). Default false. */
  rebuild?: boolean;
}

export interface OpenedIndex {
  index: SentenceIndex;
  /** The corpus's articles in file order, as loadCorpus returns them (built on first access). */
  readonly articles: Article[];
  /** Problems of aliases.yaml and of skipped article files, as `path:line: message`-ready records. */
  problems: CorpusProblem[];
  /** True when the snapshot was fresh and used as is: nothing was indexed at start-up. */
  fromSnapshot: boolean;
  /** What start-up had to index: nothing, the changed articles only, or everything. */
  rebuild: 'none' | 'incremental' | 'full';
  /** The snapshot file of this corpus. */
  snapshotPath: string;
}

interface CorpusJson {
  format: string;
  pipeline: string;
  aliases: string;
  key: string;
  files: KnownFileColumns;
}

export async function openIndex(options: OpenIndexOptions): Promise<OpenedIndex> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const corpusDir = resolve(options.corpusDir);
  const cacheDir = resolve(options.cacheDir ?? join(process.cwd(), '.factbot'));
  // One snapshot per corpus folder, so switching between corpora does not thrash a single file.
  const snapshotPath = join(cacheDir, `index-${sha256(corpusDir).slice(0, 16)}.snapshot`);
  const aliases = readAliasesFile(corpusDir);
  const pipeline = sha256(new TermPipeline(aliases.table).fingerprint);
  const saved = options.rebuild ? null : readSnapshotFile(snapshotPath);
  const corpus = saved ? corpusJsonOf(saved) : null;
  const compatible = corpus !== null && corpus.format === INDEX_FORMAT && corpus.pipeline === pipeline && corpus.aliases === aliases.hash;
  // Unchanged files (same size, mtime, inode) keep their recorded hash without being read.
  const recorded = compatible ? unpackKnownFiles(corpus.files, saved!.arrays) : new Map<string, KnownFile>();
  const files = scanCorpusFiles(corpusDir, recorded);
  const key = corpusKey([INDEX_FORMAT, pipeline, aliases.hash], files);
  let index: SentenceIndex | null = null;
  if (saved && compatible) {
    try {
      index = SentenceIndex.fromSnapshot({ ...saved, json: (saved.json as { index: unknown }).index }, aliases.table);
    } catch (error) {
      log(`index snapshot unusable (${(error as Error).message}); rebuilding`);
    }
  }
  const resolved = resolveCorpus(files, index ? recorded : new Map());
  const problems = [...aliases.problems, ...resolved.problems];
  let rebuild: OpenedIndex['rebuild'];
  if (index && corpus?.key === key) {
    rebuild = 'none';
  } else if (index) {
    rebuild = 'incremental';
    const indexed = new Map(index.articleFacts().map((a) => [a.id, a.path]));
    const wanted = new Set(resolved.winners.map((w) => w.id));
    let removed = 0;
    let upserted = 0;
    for (const id of indexed.keys()) if (!wanted.has(id) && index.remove(id)) removed++;
    for (const winner of resolved.winners) {
      if (!winner.article && indexed.get(winner.id) === winner.path) continue;
      const article = winner.article ?? parseCorpusFile(winner.file).article;
      if (!article) continue;
      index.upsert(article);
      upserted++;
    }
    log(`index updated from snapshot: ${upserted} article(s) added or changed, ${removed} removed`);
  } else {
    rebuild = 'full';
    log(`index: no usable snapshot, building from ${files.length} article files …`);
    const articles = resolved.winners.map((w) => w.article ?? parseCorpusFile(w.file).article).filter((a): a is Article => a !== null);
    index = SentenceIndex.build(articles, aliases.table);
    log(`index built: ${articles.length} articles in ${Math.round(performance.now() - started)} ms`);
  }
  if (rebuild !== 'none') {
    const packed = packKnownFiles(resolved.known);
    const corpusJson: CorpusJson = { format: INDEX_FORMAT, pipeline, aliases: aliases.hash, key, files: packed.json };
    await save(snapshotPath, index, corpusJson, packed.arrays, log);
  }
  const opened = index;
  let articles: Article[] | null = null;
  return {
    index, problems, fromSnapshot: rebuild === 'none', rebuild, snapshotPath,
    // Built on first access: a snapshot start builds no article until one is needed.
    get articles() {
      if (!articles) {
        const byId = new Map(opened.store.indexedArticles().map((a) => [a.id, a]));
        articles = resolved.winners.map((w) => byId.get(w.id)).filter((a): a is Article => a !== undefined);
      }
      return articles;
    },
  };
}

function corpusJsonOf(parts: SnapshotParts): CorpusJson | null {
  const corpus = (parts.json as { corpus?: CorpusJson } | null)?.corpus;
  return corpus && typeof corpus.key === 'string' && typeof corpus.files === 'object' ? corpus : null;
}

async function save(path: string, index: SentenceIndex, corpus: CorpusJson, arrays: Record<string, Float64Array>, log: (message: string) => void): Promise<void> {
  const started = performance.now();
  try {
    const parts = index.toSnapshot();
    await writeSnapshotFile(path, { json: { index: parts.json, corpus }, arrays: { ...parts.arrays, ...arrays }, texts: parts.texts });
    await ensureIgnored(join(path, '..'));
    log(`index snapshot saved in ${Math.round(performance.now() - started)} ms: ${path}`);
  } catch (error) {
    // A read-only disk costs the next start-up a rebuild, nothing more.
    log(`could not save the index snapshot ${path}: ${(error as Error).message}`);
  }
}

/** A `.gitignore` inside the cache folder keeps snapshots out of git wherever the folder is. */
async function ensureIgnored(cacheDir: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => {});
}
