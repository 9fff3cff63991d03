// Ingestion: a file, a folder of files or a URL → one corpus file per article.
//
// read or fetch → decide the format → clean (clean.ts / extract-html.ts) → merge metadata (flags
// override what the source states) → skip duplicates → write `<corpus>/articles/<id>.md`, never
// over an existing file. Every failure is one message about one input; nothing is thrown for bad
// input, so a folder or a feed poller can go on with the next one.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isValidDate, parseArticleFile, serializeArticleFile } from './article-file.ts';
import { cleanText, type CleanResult, type Removal } from './clean.ts';
import { extractHtml } from './extract-html.ts';
import { ARTICLES_DIR, loadCorpus } from './load.ts';
import { defaultArticleId, isValidArticleId } from './slug.ts';
import type { ArticleMeta, Block } from './types.ts';

export type SourceFormat = 'text' | 'markdown' | 'html';

/** Content already in hand (a feed poller's download, a test fixture). */
export interface RawDocument {
  /** How messages name it: a path or URL. */
  name: string;
  content: Uint8Array | string;
  format?: SourceFormat;
  /** Where it was fetched from: the article's url unless the source states another. */
  url?: string | null;
}

export interface IngestOptions {
  corpusDir: string;
  publisher?: string | null;
  /** YYYY-MM-DD. */
  published?: string | null;
  dateInferred?: boolean;
  title?: string | null;
  url?: string | null;
  author?: string | null;
  language?: string | null;
  id?: string | null;
  dryRun?: boolean;
  /** Shared by the calls of one batch so it sees its own writes; loaded from corpusDir when absent. */
  index?: CorpusIndex;
  fetchTimeoutMs?: number;
  maxBytes?: number;
}

export type IngestOutcome =
  | {
      status: 'written' | 'dry-run';
      input: string;
      id: string;
      /** Relative to the corpus folder: `articles/<id>.md`. */
      path: string;
      meta: ArticleMeta;
      blocks: Block[];
      removed: Removal[];
      fileText: string;
    }
  | { status: 'duplicate'; input: string; existingId: string; reason: 'url' | 'text'; removed: Removal[] }
  | {
      status: 'failed';
      input: string;
      /** input: unreadable or not an article; metadata: a field missing or wrong; conflict: the id is taken. */
      problem: 'input' | 'metadata' | 'conflict';
      message: string;
    };

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_BYTES = 5 * 1024 * 1024;

/** Lower-case letters and digits only: the same text copied with other quotes, dashes or spacing. */
export function normaliseBody(blocks: readonly Block[]): string {
  return blocks
    .map((block) => block.text)
    .join(' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Scheme and host lower-case, no fragment, no tracking parameters, no trailing slash. */
export function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const key of [...parsed.searchParams.keys()]) if (/^utm_|^fbclid$|^gclid$/i.test(key)) parsed.searchParams.delete(key);
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    return url.trim();
  }
}

/** What is in the corpus already, to recognise an article ingested before. */
export class CorpusIndex {
  private readonly byUrl = new Map<string, string>();
  private readonly byText = new Map<string, string>();
  readonly ids = new Set<string>();

  static async load(corpusDir: string): Promise<CorpusIndex> {
    const index = new CorpusIndex();
    // A broken corpus file cannot be compared; `factbot corpus check` is where it gets reported.
    for (const article of (await loadCorpus(corpusDir)).articles) index.add(article.id, article.url, article.blocks);
    return index;
  }

  add(id: string, url: string | null, blocks: readonly Block[]): void {
    this.ids.add(id);
    if (url) this.byUrl.set(normaliseUrl(url), id);
    const text = normaliseBody(blocks);
    if (text) this.byText.set(text, id);
  }

  find(url: string | null, blocks: readonly Block[]): { id: string; reason: 'url' | 'text' } | null {
    const byUrl = url ? this.byUrl.get(normaliseUrl(url)) : undefined;
    if (byUrl) return { id: byUrl, reason: 'url' };
    const byText = this.byText.get(normaliseBody(blocks));
    return byText ? { id: byText, reason: 'text' } : null;
  }
}

class InputError extends Error {}

function decode(bytes: Uint8Array | string, charset = 'utf-8'): string {
  if (typeof bytes === 'string') return bytes;
  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(`unsupported character set '${charset}'`);
    throw new InputError(`not valid ${charset.toUpperCase()} text (save it as UTF-8)`);
  }
  if (text.includes('\u0000')) throw new InputError('a binary file, not text');
  return text;
}

function formatOf(name: string, text: string, declared?: SourceFormat): SourceFormat {
  if (declared) return declared;
  const ext = extname(name.replace(/[?#].*$/, '')).toLowerCase();
  if (['.html', '.htm', '.xhtml'].includes(ext) || /^\s*<(?:!doctype html|html|head|body)\b/i.test(text)) return 'html';
  return ['.md', '.markdown', '.mdown'].includes(ext) ? 'markdown' : 'text';
}

/** A failed fetch in a few words for the operator ("connection refused"), from Node's error cause. */
export function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const codes: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    ECONNRESET: 'connection reset',
    EAI_AGAIN: 'host name lookup failed',
  };
  return (cause?.code && codes[cause.code]) || cause?.message || (error instanceof Error ? error.message : String(error));
}

/** GET over HTTP(S), following redirects, with a time limit and a size cap. */
export async function fetchDocument(url: string, timeoutMs = FETCH_TIMEOUT_MS, maxBytes = MAX_BYTES): Promise<RawDocument> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.1', 'user-agent': 'factbot-ingest/0.1' },
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new InputError(`no answer within ${timeoutMs / 1000} s`);
    throw new InputError(`cannot fetch: ${describeFetchError(error)}`);
  }
  if (!response.ok) throw new InputError(`HTTP error ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  const mime = type.split(';')[0]!.trim();
  const format: SourceFormat | undefined = /html/.test(mime) ? 'html' : /markdown/.test(mime) ? 'markdown' : mime === 'text/plain' ? 'text' : undefined;
  if (mime && !format) throw new InputError(`not an article page: content type '${mime}'`);
  const tooBig = `larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`;
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw new InputError(tooBig);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new InputError(tooBig);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`download failed: ${describeFetchError(error)}`);
  }
  const charset = /charset="?([\w-]+)/.exec(type)?.[1] ?? 'utf-8';
  return { name: url, content: decode(Buffer.concat(chunks), charset), format, url: response.url || url };
}

function clean(text: string, format: SourceFormat, publisher: string | null): CleanResult {
  if (format !== 'html') return cleanText(text, format, { publisher });
  const result = extractHtml(text, { publisher });
  if (!result) throw new InputError('no article found in the HTML page');
  return result;
}

function metadataProblems(options: IngestOptions): string | null {
  if (options.published && !isValidDate(options.published)) {
    return `--published '${options.published}' is not a real date in YYYY-MM-DD form`;
  }
  if (options.url && !/^https?:\/\/\S+$/.test(options.url)) return `--url '${options.url}' is not an http(s) URL`;
  if (options.id && !isValidArticleId(options.id)) return `--id '${options.id}' is not a usable file name (letters, digits, '.', '_', '-')`;
  return null;
}

/** Ingests one file, URL or document already in hand. */
export async function ingestSource(source: string | RawDocument, options: IngestOptions): Promise<IngestOutcome> {
  const input = typeof source === 'string' ? source : source.name;
  const fail = (problem: 'input' | 'metadata' | 'conflict', message: string): IngestOutcome => ({ status: 'failed', input, problem, message });
  const wrong = metadataProblems(options);
  if (wrong) return fail('metadata', wrong);

  let cleaned: CleanResult;
  let fetchedUrl: string | null = null;
  try {
    let document: RawDocument;
    if (typeof source !== 'string') document = source;
    else if (/^https?:\/\//i.test(source)) document = await fetchDocument(source, options.fetchTimeoutMs, options.maxBytes);
    else document = { name: source, content: await readInputFile(source) };
    const text = decode(document.content).replace(/^\uFEFF/, '');
    fetchedUrl = document.url ?? null;
    cleaned = clean(text, formatOf(document.name, text, document.format), options.publisher ?? null);
  } catch (error) {
    if (error instanceof InputError) return fail('input', error.message);
    throw error;
  }
  const { hints, blocks, removed } = cleaned;
  if (!blocks.some((block) => block.kind === 'body')) return fail('input', 'no article text found (only a title, or nothing left after cleaning)');

  const url = options.url ?? hints.url ?? fetchedUrl;
  const index = options.index ?? (await CorpusIndex.load(options.corpusDir));
  const duplicate = index.find(url, blocks);
  if (duplicate) return { status: 'duplicate', input, existingId: duplicate.id, reason: duplicate.reason, removed };

  const title = options.title ?? cleaned.title;
  const publisher = options.publisher ?? hints.siteName;
  const published = options.published ?? hints.published;
  const missing = [
    !publisher && 'missing publisher: pass --publisher "…"',
    !published && 'missing published date: pass --published YYYY-MM-DD',
    !title && 'missing title: pass --title "…"',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0 || !publisher || !published || !title) return fail('metadata', missing.join('; '));

  const meta: ArticleMeta = {
    title,
    publisher,
    published,
    dateInferred: options.dateInferred === true,
    author: options.author ?? hints.author,
    url,
    language: options.language ?? hints.language ?? 'en',
  };
  const id = options.id ?? defaultArticleId(meta);
  const path = `${ARTICLES_DIR}/${id}.md`;
  const fileText = serializeArticleFile(meta, blocks);
  const reread = parseArticleFile(path, fileText);
  if (reread.problems.length > 0 || JSON.stringify(reread.blocks) !== JSON.stringify(blocks)) {
    return fail('input', `cannot be stored faithfully: ${reread.problems[0]?.message ?? 'the body does not read back the same'}`);
  }
  const taken = `${path} already exists and holds another article: pass --id to choose another id`;
  if (index.ids.has(id) || (await exists(join(options.corpusDir, path)))) return fail('conflict', taken);
  if (options.dryRun) return { status: 'dry-run', input, id, path, meta, blocks, removed, fileText };

  await mkdir(join(options.corpusDir, ARTICLES_DIR), { recursive: true });
  try {
    await writeFile(join(options.corpusDir, path), fileText, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fail('conflict', taken);
    throw error;
  }
  index.add(id, url, blocks);
  return { status: 'written', input, id, path, meta, blocks, removed, fileText };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('no such file or directory');
    if (code === 'EISDIR') throw new InputError('a directory (ingest it on its own)');
    if (code === 'EACCES') throw new InputError('cannot read: permission denied');
    throw new InputError(`cannot read: ${(error as Error).message}`);
  }
}

/** A file, a URL, or every file directly inside a folder (sorted; hidden files skipped). */
export async function ingestInput(input: string, options: IngestOptions): Promise<IngestOutcome[]> {
  const info = /^https?:\/\//i.test(input) ? null : await stat(input).catch(() => null);
  if (!info?.isDirectory()) return [await ingestSource(input, options)];
  if (options.id || options.title || options.url) {
    const message = '--id, --title and --url name one article: they cannot apply to a whole folder';
    return [{ status: 'failed', input, problem: 'metadata', message }];
  }
  const entries = await readdir(input, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  if (files.length === 0) return [{ status: 'failed', input, problem: 'input', message: 'the folder holds no files' }];
  const batch = { ...options, index: options.index ?? (await CorpusIndex.load(options.corpusDir)) };
  const outcomes: IngestOutcome[] = [];
  for (const file of files) outcomes.push(await ingestSource(join(input, file), batch));
  return outcomes;
}
