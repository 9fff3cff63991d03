// Keeps a running index in step with `corpus/articles/`: a file added, changed or deleted (by hand,
// by `factbot ingest`, by the feed poller) is upserted into or removed from the index, without a restart.
//
// Events are debounced: an editor's save or a batch ingest fires several events per file, and the
// index should see the final content once. On flush each path is looked at afresh (exists? valid?),
// so the order of events does not matter. The rules are loadCorpus's: a bad file is reported and
// skipped, and of two files with one article id the first in path order wins.
//
// After changes, the index snapshot is refreshed in the background (later, and at most one at a
// time) through a callback, so the next start-up is fast; a missed refresh only costs that start-up
// an incremental update.
import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import { ARTICLES_DIR, articleIdOf, listArticleFiles, loadArticleFile } from '../corpus/load.ts';
import { formatProblem, type Article, type CorpusProblem } from '../corpus/types.ts';
import type { SearchBackend } from '../search/backend.ts';

type LiveLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface CorpusChange {
  upserted: Article[];
  removed: string[];
  /** Files skipped with their problems (invalid, or a duplicate id). */
  skipped: CorpusProblem[];
}

export interface WatchCorpusOptions {
  corpusDir: string;
  index: SearchBackend;
  log: LiveLog;
  /** Told about every applied batch of changes (tests, the feed poller's duplicate index). */
  onChange?: (change: CorpusChange) => void;
  /** Quiet time before a batch is applied. Default 150 ms. */
  debounceMs?: number;
  /** Longest a batch waits while events keep coming. Default 1 s. */
  maxWaitMs?: number;
  /** Writes a fresh snapshot of the corpus index; called some time after changes. */
  refreshSnapshot?: () => Promise<void>;
  /** Quiet time before the snapshot is refreshed. Default 30 s. */
  snapshotDelayMs?: number;
  /** Poll the disk instead of OS events (network file systems). Default false. */
  usePolling?: boolean;
}

export interface CorpusWatcher {
  /** Applies pending changes now and resolves when they are in the index. */
  flush(): Promise<void>;
  /** Resolves when no snapshot refresh is scheduled or running. */
  snapshotIdle(): Promise<void>;
  close(): Promise<void>;
}

const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/** Starts watching; resolves once the initial scan is done and changes from now on are seen. */
export async function watchCorpus(options: WatchCorpusOptions): Promise<CorpusWatcher> {
  const { index, log } = options;
  // Absolute and normalised: chokidar reports paths below the one it was given, compared as strings below.
  const corpusDir = resolve(options.corpusDir);
  const articlesDir = join(corpusDir, ARTICLES_DIR);
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const rel = (absolute: string) => relative(corpusDir, absolute).split(sep).join('/');

  // Which file each indexed article came from, to apply the "first path wins" rule and to know
  // whether a deleted file was the one indexed.
  const owner = new Map<string, string>();
  for (const article of await index.articleSummaries()) owner.set(article.id, article.path);

  let pending = new Set<string>();
  let firstPendingAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let applying: Promise<void> = Promise.resolve();
  let snapshotTimer: NodeJS.Timeout | null = null;
  let snapshotRun: Promise<void> = Promise.resolve();
  let closed = false;

  const scheduleFlush = () => {
    if (timer) clearTimeout(timer);
    const waited = Date.now() - firstPendingAt;
    timer = setTimeout(() => void flush(), Math.max(0, Math.min(debounceMs, maxWaitMs - waited)));
  };
  const queue = (absolute: string) => {
    if (closed) return;
    if (pending.size === 0) firstPendingAt = Date.now();
    pending.add(absolute);
    scheduleFlush();
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...pending].sort();
    pending = new Set();
    // Batches apply one after another: a later batch may touch the same article.
    applying = applying.then(() => (batch.length > 0 ? apply(batch) : undefined)).catch((error: unknown) => {
      log.error({ error: (error as Error).message }, 'corpus watcher could not apply changes');
    });
    return applying;
  };

  const apply = async (paths: string[]): Promise<void> => {
    const change: CorpusChange = { upserted: [], removed: [], skipped: [] };
    const upsert = async (article: Article) => {
      await index.upsertArticle(article);
      owner.set(article.id, article.path);
      change.upserted.push(article);
    };
    const remove = async (id: string) => {
      await index.removeArticle(id);
      owner.delete(id);
      change.removed.push(id);
    };
    for (const absolute of paths) {
      const path = rel(absolute);
      const id = articleIdOf(absolute);
      const current = owner.get(id);
      if (!(await exists(absolute))) {
        if (current !== path) continue;
        await remove(id);
        // A file that lost to this one on the id may take its place.
        const next = (await listArticleFiles(corpusDir)).find((file) => articleIdOf(file) === id);
        const loaded = next ? await loadArticleFile(corpusDir, next) : null;
        if (loaded?.article) await upsert(loaded.article);
        continue;
      }
      const loaded = await loadArticleFile(corpusDir, absolute);
      if (!loaded.article) {
        change.skipped.push(...loaded.problems);
        // The indexed text no longer matches the file: quoting it would quote what the corpus no longer says.
        if (current === path) await remove(id);
        continue;
      }
      if (current && current !== path && current < path && (await exists(join(corpusDir, current)))) {
        change.skipped.push({ path, line: 1, message: `duplicate article id '${id}' (also ${current}): skipped` });
        continue;
      }
      if (current && current !== path) change.skipped.push({ path: current, line: 1, message: `duplicate article id '${id}' (also ${path}): skipped` });
      await upsert(loaded.article);
    }
    for (const article of change.upserted) log.info({ path: article.path, article: article.id }, 'corpus file indexed');
    for (const id of change.removed) log.info({ article: id }, 'article removed from the index');
    for (const problem of change.skipped) log.warn({ path: problem.path, problem: formatProblem(problem) }, 'corpus file skipped');
    if (change.upserted.length + change.removed.length > 0) scheduleSnapshot();
    options.onChange?.(change);
  };

  const scheduleSnapshot = () => {
    const refresh = options.refreshSnapshot;
    if (!refresh || closed) return;
    if (snapshotTimer) clearTimeout(snapshotTimer);
    snapshotTimer = setTimeout(() => {
      snapshotTimer = null;
      snapshotRun = snapshotRun.then(refresh).catch((error: unknown) => {
        log.warn({ error: (error as Error).message }, 'index snapshot refresh failed');
      });
    }, options.snapshotDelayMs ?? 30_000);
    snapshotTimer.unref();
  };

  const watcher: FSWatcher = watch(corpusDir, {
    ignoreInitial: true,
    usePolling: options.usePolling ?? false,
    // Only articles/**.md: aliases.yaml, feeds.yaml and the rest of the folder are not articles.
    ignored: (path, stats) => {
      if (path === corpusDir || path === articlesDir) return false;
      if (!path.startsWith(articlesDir + sep)) return true;
      return stats?.isFile() === true && !path.endsWith('.md');
    },
  });
  watcher.on('add', queue).on('change', queue).on('unlink', queue);
  // A deleted folder: every indexed file under it is looked at again.
  watcher.on('unlinkDir', (dir) => {
    const prefix = `${rel(dir)}/`;
    for (const path of owner.values()) if (path.startsWith(prefix)) queue(join(corpusDir, path));
  });
  watcher.on('error', (error) => log.error({ error: (error as Error).message }, 'corpus watcher error'));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  log.info({ corpus: corpusDir }, 'watching the corpus for changes');

  return {
    flush,
    async snapshotIdle() {
      while (snapshotTimer) await new Promise((resolve) => setTimeout(resolve, 10));
      await snapshotRun;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (snapshotTimer) clearTimeout(snapshotTimer);
      snapshotTimer = null;
      await watcher.close();
      await applying;
      await snapshotRun;
    },
  };
}
