// Loads every article of a corpus folder. A bad file is skipped and reported; it never stops the others.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, basename, sep } from 'node:path';
import { parseArticleFile } from './article-file.ts';
import type { Article, CorpusProblem } from './types.ts';

export interface LoadedCorpus {
  articles: Article[];
  problems: CorpusProblem[];
}

export const ARTICLES_DIR = 'articles';

/** Paths (absolute) of every `*.md` below `<corpusDir>/articles`, sorted for a stable order. */
export async function listArticleFiles(corpusDir: string): Promise<string[]> {
  const root = join(corpusDir, ARTICLES_DIR);
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.endsWith('.md'))
    .map((entry) => join(root, entry))
    .sort();
}

export function articleIdOf(path: string): string {
  return basename(path, '.md');
}

/** Reads one file as strict UTF-8; returns the article or the problems that keep it out. */
export async function loadArticleFile(
  corpusDir: string,
  absolutePath: string,
): Promise<{ article: Article | null; problems: CorpusProblem[] }> {
  const path = relative(corpusDir, absolutePath).split(sep).join('/');
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(absolutePath));
  } catch (error) {
    const message =
      error instanceof TypeError ? 'not valid UTF-8 text' : `cannot read: ${(error as Error).message}`;
    return { article: null, problems: [{ path, line: 1, message }] };
  }
  const parsed = parseArticleFile(path, source);
  if (!parsed.meta || parsed.problems.length > 0) return { article: null, problems: parsed.problems };
  return { article: { ...parsed.meta, id: articleIdOf(absolutePath), path, blocks: parsed.blocks }, problems: [] };
}

export async function loadCorpus(corpusDir: string): Promise<LoadedCorpus> {
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of await listArticleFiles(corpusDir)) {
    const loaded = await loadArticleFile(corpusDir, file);
    problems.push(...loaded.problems);
    if (!loaded.article) continue;
    const earlier = seen.get(loaded.article.id);
    if (earlier) {
      problems.push({ path: loaded.article.path, line: 1, message: `duplicate article id '${loaded.article.id}' (also ${earlier}): skipped` });
      continue;
    }
    seen.set(loaded.article.id, loaded.article.path);
    articles.push(loaded.article);
  }
  return { articles, problems };
}
