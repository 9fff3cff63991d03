// Raw article text → title, body blocks, metadata hints and a report of everything taken out.
//
// The wording is kept verbatim. The only edits are (1) the rules of clean-rules.ts, each reported,
// and (2) whitespace: runs of spaces, tabs and no-break spaces become one space and paragraphs are
// trimmed, because spacing is layout, not wording.
//
// Paragraphs of plain text: blank lines separate blocks. Inside a block every line is its own
// paragraph (sources such as "one paragraph per line" copies), unless the block looks hard-wrapped:
// all lines but the last at most 100 characters, two thirds of them at least 40, and at least half of
// the line breaks fall mid-sentence (the line does not end in terminal punctuation and either the
// next line starts lower-case, or the line ends in a lower-case word, a comma or a dash). Then its
// lines are joined with a space. Markdown follows Markdown: the lines of a block are one paragraph.
import { parse as parseYaml } from 'yaml';
import { CLEAN_RULES, type CleanRule, type HintField } from './clean-rules.ts';
import type { Block, BlockKind } from './types.ts';

export interface RawParagraph {
  text: string;
  /** 'title' for a Markdown `# ` heading. */
  kind: BlockKind | 'title';
  /** True when markup (HTML tags, Markdown `##`) decided the kind: caption/subheading rules then stay out. */
  fixed: boolean;
}

export interface CleanHints {
  /** YYYY-MM-DD, as stated by the source. */
  published: string | null;
  /** The date as the source wrote it ("September 14, 2022"). */
  dateline: string | null;
  author: string | null;
  url: string | null;
  /** The outlet's name as the page states it (HTML site name, a reading-time widget). */
  siteName: string | null;
  language: string | null;
}

export interface Removal {
  rule: string;
  text: string;
}

export interface CleanResult {
  title: string | null;
  blocks: Block[];
  hints: CleanHints;
  removed: Removal[];
}

export type TextFormat = 'text' | 'markdown';

export interface CleanOptions {
  /** The publisher's name, when known: a lone line repeating it is template, not text. */
  publisher?: string | null;
}

export function emptyHints(): CleanHints {
  return { published: null, dateline: null, author: null, url: null, siteName: null, language: null };
}

const SPACES = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

export function collapseSpaces(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "September 14, 2022", "14 Sept. 2022", "2022-09-14" or an ISO timestamp → YYYY-MM-DD; null if not a real date. */
export function parseDateText(text: string): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const build = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    const ok = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    return ok ? `${y}-${pad(m)}-${pad(d)}` : null;
  };
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text.trim());
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthOf = (word: string) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
  const mdy = /^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})/.exec(text.trim());
  if (mdy && monthOf(mdy[1]!) > 0) return build(Number(mdy[3]), monthOf(mdy[1]!), Number(mdy[2]));
  const dmy = /^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})/.exec(text.trim());
  if (dmy && monthOf(dmy[2]!) > 0) return build(Number(dmy[3]), monthOf(dmy[2]!), Number(dmy[1]));
  return null;
}

const TERMINAL_END = /[.!?…:;"”’)\]]$/;

function breaksMidSentence(line: string, next: string): boolean {
  if (TERMINAL_END.test(line)) return false;
  return /^\p{Ll}/u.test(next) || /(?:^|\s)\p{Ll}\S*$/u.test(line) || /[,–—-]$/.test(line);
}

/** See the top of this file. */
export function looksHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const inner = lines.slice(0, -1);
  if (inner.some((line) => line.length > 100)) return false;
  if (inner.filter((line) => line.length >= 40).length * 3 < inner.length * 2) return false;
  const midSentence = inner.filter((line, i) => breaksMidSentence(line, lines[i + 1]!)).length;
  return midSentence * 2 >= inner.length;
}

function joinWrapped(lines: readonly string[]): string {
  // A word hyphenated at a line end ("Moscow-\noccupied") keeps its hyphen and loses the break.
  return lines.reduce((text, line) => (/\p{L}-$/u.test(text) ? text + line : `${text} ${line}`));
}

function blocksOf(text: string): string[][] {
  const blocks: string[][] = [[]];
  for (const raw of text.split('\n')) {
    const line = collapseSpaces(raw);
    if (line) blocks[blocks.length - 1]!.push(line);
    else if (blocks[blocks.length - 1]!.length > 0) blocks.push([]);
  }
  return blocks.filter((block) => block.length > 0);
}

export function splitPlainText(text: string): RawParagraph[] {
  return blocksOf(text).flatMap((lines) =>
    (looksHardWrapped(lines) ? [joinWrapped(lines)] : lines).map(
      (line): RawParagraph => ({ text: line, kind: 'body', fixed: false }),
    ),
  );
}

function stripEmphasis(text: string): string {
  return text
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

/** Markdown blocks → paragraphs; a leading YAML front matter block fills hints. */
export function splitMarkdown(text: string): { paragraphs: RawParagraph[]; hints: CleanHints; title: string | null } {
  const hints = emptyHints();
  let title: string | null = null;
  let body = text;
  const front = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (front) {
    body = text.slice(front[0].length);
    let data: unknown = null;
    try {
      data = parseYaml(front[1]!);
    } catch {
      data = null; // not front matter after all: the block stays out, the article is still read
    }
    if (data && typeof data === 'object') title = readFrontMatter(data as Record<string, unknown>, hints);
  }
  const paragraphs: RawParagraph[] = [];
  let inFence = false;
  for (const lines of blocksOf(body.replace(/^(```|~~~).*$/gm, '\n$&\n'))) {
    let prose: string[] = [];
    const flush = () => {
      if (prose.length > 0) paragraphs.push({ text: stripEmphasis(prose.join(' ')), kind: 'body', fixed: false });
      prose = [];
    };
    for (const line of lines) {
      if (/^(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence || /^(```|~~~)/.test(line)) continue; // code is not reporting
      const heading = /^(#{1,6})\s+(.*?)(?:\s+#+)?$/.exec(line);
      const item = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
      if (heading) {
        flush();
        const kind = heading[1] === '#' ? 'title' : 'headline';
        paragraphs.push({ text: stripEmphasis(heading[2]!), kind, fixed: true });
      } else if (item) {
        flush();
        prose.push(item[1]!);
      } else {
        prose.push(line.replace(/^(?:>\s?)+/, ''));
      }
    }
    flush();
  }
  return { paragraphs: paragraphs.filter((p) => p.text.trim().length > 0), hints, title };
}

/** Fills hints from Markdown front matter; returns its title. */
function readFrontMatter(data: Record<string, unknown>, hints: CleanHints): string | null {
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = data[key];
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (typeof value === 'string' && value.trim()) return value.trim();
    }
    return null;
  };
  const date = text('published', 'date', 'pubDate');
  if (date) {
    hints.published = parseDateText(date);
    hints.dateline = date;
  }
  hints.author = text('author', 'byline');
  hints.url = text('url', 'link', 'canonical_url', 'source');
  hints.siteName = text('publisher', 'site_name', 'source_name');
  hints.language = text('language', 'lang');
  return text('title', 'headline');
}

function publisherKey(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function firstMatch(rule: CleanRule, text: string): RegExpExecArray | null {
  rule.pattern.lastIndex = 0;
  const match = rule.pattern.exec(text);
  rule.pattern.lastIndex = 0;
  return match;
}

interface ParagraphsOptions extends CleanOptions {
  /** The title as markup states it (HTML, front matter); a paragraph repeating it is skipped. */
  title?: string | null;
  hints?: CleanHints;
}

/** Runs the rules of clean-rules.ts over paragraphs; see that file for the order of application. */
export function cleanParagraphs(paragraphs: readonly RawParagraph[], options: ParagraphsOptions = {}): CleanResult {
  const hints = { ...emptyHints(), ...options.hints };
  const removed: Removal[] = [];
  const blocks: Block[] = [];
  let title = options.title ?? null;
  // Plain text has no markup for its title: the first paragraph that survives the drop rules is it.
  const firstIsTitle = title === null && !paragraphs.some((p) => p.kind === 'title');
  let guessedHeadline = false;

  const known = new Set<string>();
  if (options.publisher) known.add(publisherKey(options.publisher));
  if (hints.siteName) known.add(publisherKey(hints.siteName));
  for (const rule of CLEAN_RULES.filter((r) => r.captures === 'site-name')) {
    for (const paragraph of paragraphs) {
      const name = firstMatch(rule, paragraph.text)?.[1];
      if (name) {
        known.add(publisherKey(name));
        hints.siteName ??= name;
      }
    }
  }
  const note = (field: HintField | undefined, value: string | undefined) => {
    if (!field || !value) return true;
    if (field === 'published') {
      const date = parseDateText(value);
      if (!date) return false;
      if (!hints.published) [hints.published, hints.dateline] = [date, value];
    } else if (field === 'author') hints.author ??= value;
    else if (field === 'url') hints.url ??= value;
    else hints.siteName ??= value;
    return true;
  };

  paragraphs: for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!;
    let text = collapseSpaces(paragraph.text);
    let kind: BlockKind = paragraph.kind === 'title' ? 'headline' : paragraph.kind;
    for (const rule of CLEAN_RULES) {
      const classifies = rule.action === 'caption' || rule.action === 'headline';
      if (classifies && ((firstIsTitle && !title) || paragraph.fixed)) break;
      if (rule.action === 'replace') {
        const found = [...text.matchAll(rule.pattern)].map((m) => m[0]);
        if (found.length === 0) continue;
        for (const match of found) removed.push({ rule: rule.name, text: match });
        text = collapseSpaces(text.replace(rule.pattern, rule.replacement ?? ''));
        if (!text) continue paragraphs;
        continue;
      }
      const match = firstMatch(rule, text);
      if (!match) continue;
      if (rule.onlyIf === 'known-publisher' && !known.has(publisherKey(match[1] ?? ''))) continue;
      if (rule.action === 'strip') {
        if (!note(rule.captures, match[1])) continue;
        removed.push({ rule: rule.name, text: match[0].trim() });
        text = collapseSpaces(text.slice(0, match.index) + text.slice(match.index + match[0].length));
        if (!text) continue paragraphs;
        continue;
      }
      if (rule.action === 'caption' || rule.action === 'headline') {
        kind = rule.action;
        break;
      }
      if (rule.action === 'meta' && !note(rule.captures, match[1])) continue;
      removed.push({ rule: rule.name, text });
      if (rule.action === 'drop-rest') {
        for (const rest of paragraphs.slice(i + 1)) removed.push({ rule: rule.name, text: collapseSpaces(rest.text) });
        break paragraphs;
      }
      if (rule.action === 'drop-and-following') {
        note(rule.captures, match[1]);
        const next = paragraphs[i + 1] && collapseSpaces(paragraphs[i + 1]!.text);
        const value = rule.following && next !== undefined ? rule.following.exec(next) : null;
        if (value) {
          note(rule.captures, value[1]);
          removed.push({ rule: rule.name, text: next! });
          i++;
        }
      } else if (rule.action === 'drop' || rule.action === 'meta') {
        note(rule.captures, match[1]);
      }
      continue paragraphs;
    }
    if (!title && (firstIsTitle || paragraph.kind === 'title')) title = text;
    else if (text !== title || paragraph.kind === 'body') {
      blocks.push({ kind, text });
      guessedHeadline = kind === 'headline' && !paragraph.fixed;
    }
  }
  // A subheading must introduce something: a title-case line left at the very end is a line of text.
  if (guessedHeadline) blocks[blocks.length - 1]!.kind = 'body';
  return { title, blocks, hints, removed };
}

/** Plain text or Markdown → cleaned article. */
export function cleanText(text: string, format: TextFormat, options: CleanOptions = {}): CleanResult {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (format === 'markdown') {
    const { paragraphs, hints, title } = splitMarkdown(normalised);
    return cleanParagraphs(paragraphs, { ...options, hints, title });
  }
  return cleanParagraphs(splitPlainText(normalised), options);
}
