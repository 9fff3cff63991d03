// Reads a corpus folder for the index: every article file's bytes and content hash, and the articles
// with the same rules as loadCorpus (src/corpus/load.ts): a bad file is reported and skipped, and of
// two files with one article id the first in path order wins. Parsing is done only for files whose
// content is not already known from the snapshot.
//
// File system access is synchronous on purpose: on 40,000 files readFileSync + SHA-256 took 0.4 s and
// promise-based readFile 3-4.5 s (a thread-pool round trip per small file); on 110,000 files one
// readdirSync per folder took 0.15 s and readdir({ recursive }) 0.7 s. A file whose size, mtime and
// inode match the snapshot's record is not read again: its recorded content hash stands (as git does).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ALIASES_FILE, EMPTY_ALIASES, parseAliases, type AliasTable } from '../corpus/aliases.ts';
import { parseArticleFile } from '../corpus/article-file.ts';
import { ARTICLES_DIR, articleIdOf } from '../corpus/load.ts';
import type { Article, CorpusProblem } from '../corpus/types.ts';

/** A file's identity on disk: when all three are unchanged, so is its content. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface CorpusFile extends FileStamp {
  /** Relative to the corpus folder, with '/' (as in problems). */
  path: string;
  absolute: string;
  /** SHA-256 of the bytes. */
  hash: string;
  /** The bytes (read on first call when the hash came from the snapshot's record). */
  bytes(): Buffer;
}

/** What is remembered about one file between runs (in the snapshot). */
export interface KnownFile extends FileStamp {
  path: string;
  hash: string;
  /** Problems of the file on its own (a duplicate id is decided again on every run). */
  problems: CorpusProblem[];
  /** The id of its article, or null when the file was skipped. */
  articleId: string | null;
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Absolute paths of every `*.md` below `<corpusDir>/articles`, sorted: the same list as listArticleFiles. */
export function listCorpusFiles(corpusDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      // Plain concatenation: path.join normalises every one of 100,000 paths for nothing.
      const path = `${dir}${sep}${entry.name}`;
      if (entry.isDirectory()) walk(path);
      if (entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk(join(corpusDir, ARTICLES_DIR));
  return found.sort();
}

/** Every article file with its content hash; files whose stamp matches `known` are not read. */
export function scanCorpusFiles(corpusDir: string, known: ReadonlyMap<string, KnownFile> = new Map()): CorpusFile[] {
  const root = join(corpusDir, sep);
  return listCorpusFiles(corpusDir).map((absolute): CorpusFile => {
    const below = absolute.startsWith(root) ? absolute.slice(root.length) : relative(corpusDir, absolute);
    const path = sep === '/' ? below : below.split(sep).join('/');
    const { size, mtimeMs, ino } = statSync(absolute);
    let bytes: Buffer | null = null;
    const read = () => (bytes ??= readFileSync(absolute));
    const before = known.get(path);
    const same = before !== undefined && before.size === size && before.mtimeMs === mtimeMs && before.ino === ino;
    return { path, absolute, size, mtimeMs, ino, hash: same ? before.hash : sha256(read()), bytes: read };
  });
}

/** The alias table like loadAliases, plus a hash of the file (empty string when missing). */
export function readAliasesFile(corpusDir: string): { table: AliasTable; problems: CorpusProblem[]; hash: string } {
  let source: string;
  try {
    source = readFileSync(`${corpusDir}/${ALIASES_FILE}`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { table: EMPTY_ALIASES, problems: [], hash: '' };
    throw error;
  }
  return { ...parseAliases(ALIASES_FILE, source), hash: sha256(source) };
}

/** Parses one file exactly as loadArticleFile does. */
export function parseCorpusFile(file: CorpusFile): { article: Article | null; problems: CorpusProblem[] } {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes());
  } catch {
    return { article: null, problems: [{ path: file.path, line: 1, message: 'not valid UTF-8 text' }] };
  }
  const parsed = parseArticleFile(file.path, source);
  if (!parsed.meta || parsed.problems.length > 0) return { article: null, problems: parsed.problems };
  return { article: { ...parsed.meta, id: articleIdOf(file.absolute), path: file.path, blocks: parsed.blocks }, problems: [] };
}

export interface ResolvedCorpus {
  /** One entry per file, in path order, to remember in the snapshot. */
  known: KnownFile[];
  /** The articles to index, in path order; `article` is set when the file was parsed in this run. */
  winners: Array<{ id: string; path: string; file: CorpusFile; article: Article | null }>;
  problems: CorpusProblem[];
}

/** Decides the articles and problems of a corpus, parsing only files whose hash is not in `known`. */
export function resolveCorpus(files: readonly CorpusFile[], known: ReadonlyMap<string, KnownFile>): ResolvedCorpus {
  const resolved: ResolvedCorpus = { known: [], winners: [], problems: [] };
  const seen = new Map<string, string>();
  for (const file of files) {
    const before = known.get(file.path);
    let entry: KnownFile;
    let article: Article | null = null;
    const { path, hash, size, mtimeMs, ino } = file;
    if (before && before.hash === file.hash) {
      entry = { ...before, size, mtimeMs, ino };
    } else {
      const parsed = parseCorpusFile(file);
      article = parsed.article;
      entry = { path, hash, size, mtimeMs, ino, problems: parsed.problems, articleId: article?.id ?? null };
    }
    resolved.known.push(entry);
    resolved.problems.push(...entry.problems);
    if (entry.articleId === null) continue;
    const earlier = seen.get(entry.articleId);
    if (earlier) {
      resolved.problems.push({ path: file.path, line: 1, message: `duplicate article id '${entry.articleId}' (also ${earlier}): skipped` });
      continue;
    }
    seen.set(entry.articleId, file.path);
    resolved.winners.push({ id: entry.articleId, path: file.path, file, article });
  }
  return resolved;
}

/** KnownFile records as snapshot columns (an array of 110,000 small objects parses ten times slower). */
export interface KnownFileColumns {
  path: string[];
  /** Every file's hex SHA-256, concatenated (64 characters each). */
  hash: string;
  articleId: Array<string | null>;
  /** Only files with problems: [file index, problems]. */
  problems: Array<[number, CorpusProblem[]]>;
}

export function packKnownFiles(files: readonly KnownFile[]): { json: KnownFileColumns; arrays: Record<string, Float64Array> } {
  const problems: KnownFileColumns['problems'] = [];
  files.forEach((f, i) => f.problems.length > 0 && problems.push([i, f.problems]));
  return {
    json: { path: files.map((f) => f.path), hash: files.map((f) => f.hash).join(''), articleId: files.map((f) => f.articleId), problems },
    arrays: {
      fileSize: Float64Array.from(files, (f) => f.size),
      fileMtime: Float64Array.from(files, (f) => f.mtimeMs),
      fileIno: Float64Array.from(files, (f) => f.ino),
    },
  };
}

/** The records packed by packKnownFiles, by path; an empty map when anything is missing. */
export function unpackKnownFiles(json: KnownFileColumns | undefined, arrays: Record<string, unknown>): Map<string, KnownFile> {
  const known = new Map<string, KnownFile>();
  const [size, mtime, ino] = [arrays.fileSize, arrays.fileMtime, arrays.fileIno];
  if (!json || !Array.isArray(json.path) || !(size instanceof Float64Array) || !(mtime instanceof Float64Array) || !(ino instanceof Float64Array)) return known;
  if (size.length !== json.path.length || json.hash.length !== 64 * json.path.length) return known;
  const problems = new Map(json.problems);
  json.path.forEach((path, i) => {
    known.set(path, {
      path, hash: json.hash.slice(64 * i, 64 * i + 64), size: size[i]!, mtimeMs: mtime[i]!, ino: ino[i]!,
      problems: problems.get(i) ?? [], articleId: json.articleId[i] ?? null,
    });
  });
  return known;
}

/** One hash over every file's path and content hash, in order. */
export function corpusKey(parts: readonly string[], files: readonly CorpusFile[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part}\n`);
  for (const f of files) hash.update(`${f.path}\n${f.hash}\n`);
  return hash.digest('hex');
}
