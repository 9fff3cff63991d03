// Reads and writes one corpus file: YAML front matter, then a Markdown body of blocks.
//
// Body conventions (plain Markdown, so a file reads well anywhere):
//   a paragraph                         → body
//   `## Subheading`                     → headline (the front-matter title is the first headline)
//   `<figcaption>…</figcaption>`        → caption (kept, but never presented as the outlet's statement)
import { isMap, isScalar, LineCounter, parseDocument, stringify } from 'yaml';
import type { ArticleMeta, Block, CorpusProblem } from './types.ts';

export interface ParsedArticleFile {
  meta: ArticleMeta | null;
  blocks: Block[];
  problems: CorpusProblem[];
}

const FENCE = '---';
const CAPTION = /^<figcaption>([\s\S]*)<\/figcaption>$/;
const SUBHEADING = /^#{1,6}\s+(.*)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const REQUIRED = ['title', 'publisher', 'published'] as const;
const KNOWN = new Set(['title', 'publisher', 'published', 'date_inferred', 'author', 'url', 'language']);

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Parses a corpus file. `path` is used only in problems. Never throws. */
export function parseArticleFile(path: string, source: string): ParsedArticleFile {
  const problems: CorpusProblem[] = [];
  const report = (line: number, message: string) => problems.push({ path, line, message });
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== FENCE) {
    report(1, `missing front matter: the file must start with a '${FENCE}' line`);
    return { meta: null, blocks: [], problems };
  }
  const close = lines.findIndex((line, i) => i > 0 && line.trim() === FENCE);
  if (close < 0) {
    report(1, `front matter is not closed: no second '${FENCE}' line`);
    return { meta: null, blocks: [], problems };
  }
  const meta = parseFrontMatter(lines.slice(1, close).join('\n'), 2, report);
  const bodyStartLine = close + 2;
  const blocks = parseBody(lines.slice(close + 1).join('\n'));
  if (blocks.length === 0) report(bodyStartLine, 'empty body: the article has no text after the front matter');
  return { meta: problems.length === 0 ? meta : null, blocks, problems };
}

function parseFrontMatter(
  yamlText: string,
  firstLine: number,
  report: (line: number, message: string) => void,
): ArticleMeta | null {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = firstLine - 1 + (counter.linePos(error.pos[0]).line || 1);
      report(line, `broken YAML in front matter: ${error.message.split('\n')[0]}`);
    }
    return null;
  }
  if (!isMap(doc.contents)) {
    report(firstLine, 'front matter must be a YAML mapping of fields (title, publisher, published, …)');
    return null;
  }
  const values = new Map<string, { value: unknown; line: number }>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const range = isScalar(pair.key) ? pair.key.range : undefined;
    const line = firstLine - 1 + (range ? counter.linePos(range[0]).line : 1);
    const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? null : doc.get(key);
    values.set(key, { value, line });
    if (!KNOWN.has(key)) report(line, `unknown field '${key}' (known: ${[...KNOWN].join(', ')})`);
  }
  // A missing field is reported on the closing '---' line, where it would be added.
  const endLine = firstLine + yamlText.split('\n').length;
  const text = (key: string): string | null => {
    const entry = values.get(key);
    if (entry === undefined || entry.value === null || entry.value === undefined) return null;
    if (typeof entry.value === 'object' && !(entry.value instanceof Date)) {
      report(entry.line, `field '${key}' must be a single value`);
      return null;
    }
    return entry.value instanceof Date ? entry.value.toISOString().slice(0, 10) : String(entry.value).trim();
  };
  for (const key of REQUIRED) {
    if (!text(key)) report(values.get(key)?.line ?? endLine, `missing required field '${key}'`);
  }
  const published = text('published');
  if (published && !isValidDate(published)) {
    report(values.get('published')!.line, `field 'published' is not a real date in YYYY-MM-DD form: '${published}'`);
  }
  const inferred = values.get('date_inferred');
  if (inferred && inferred.value !== null && typeof inferred.value !== 'boolean') {
    report(inferred.line, `field 'date_inferred' must be true or false, not '${String(inferred.value)}'`);
  }
  const url = text('url');
  if (url && !/^https?:\/\/\S+$/.test(url)) report(values.get('url')!.line, `field 'url' is not an http(s) URL: '${url}'`);
  return {
    title: text('title') ?? '',
    publisher: text('publisher') ?? '',
    published: published ?? '',
    dateInferred: inferred?.value === true,
    author: text('author'),
    url,
    language: text('language') ?? 'en',
  };
}

/** Splits a Markdown body into blocks at blank lines. */
export function parseBody(body: string): Block[] {
  return body
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk): Block => {
      const caption = CAPTION.exec(chunk);
      if (caption) return { kind: 'caption', text: caption[1]!.trim() };
      const heading = SUBHEADING.exec(chunk);
      if (heading) return { kind: 'headline', text: heading[1]!.trim() };
      return { kind: 'body', text: chunk.replace(/\s*\n\s*/g, ' ') };
    });
}

/** Renders the Markdown body for `blocks`; parseBody(renderBody(b)) gives b back. */
export function renderBody(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.kind === 'caption'
        ? `<figcaption>${block.text}</figcaption>`
        : block.kind === 'headline'
          ? `## ${block.text}`
          : block.text,
    )
    .join('\n\n');
}

/** Writes a complete corpus file. */
export function serializeArticleFile(meta: ArticleMeta, blocks: readonly Block[]): string {
  const front: Record<string, unknown> = {
    title: meta.title,
    publisher: meta.publisher,
    published: meta.published,
  };
  if (meta.dateInferred) front.date_inferred = true;
  if (meta.author) front.author = meta.author;
  if (meta.url) front.url = meta.url;
  if (meta.language && meta.language !== 'en') front.language = meta.language;
  // The yaml library quotes a value only where YAML needs it (a title like "No: Russia's answer").
  const yamlText = Object.entries(front)
    .map(([key, value]) => `${key}: ${stringify(value, { lineWidth: 0 }).trimEnd()}\n`)
    .join('');
  return `${FENCE}\n${yamlText}${FENCE}\n${renderBody(blocks)}\n`;
}
