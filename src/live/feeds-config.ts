// The RSS/Atom feeds an operator lists, from `corpus/feeds.yaml` or the file FACTBOT_FEEDS names:
//
//   feeds:
//     - url: https://example.com/world/rss.xml
//       publisher: Example News        # the outlet as readers know it (the articles' `publisher`)
//       interval_minutes: 30           # how often to poll; default 30, at least 1
//
// FACTBOT_FEEDS is a path to a file in this same format (relative to the working directory); when
// set, it replaces corpus/feeds.yaml. A path rather than an inline list, so one validator with line
// numbers serves both and an operator can keep the list in version control next to a deployment.
//
// A broken entry is reported as `path:line: message` and skipped; the other feeds still run.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { CorpusProblem } from '../corpus/types.ts';

export const FEEDS_FILE = 'feeds.yaml';
export const DEFAULT_INTERVAL_MINUTES = 30;
const KNOWN = new Set(['url', 'publisher', 'interval_minutes']);

export interface FeedConfig {
  url: string;
  publisher: string;
  intervalMinutes: number;
}

export interface FeedsConfig {
  feeds: FeedConfig[];
  problems: CorpusProblem[];
  /** The file read (absolute), or null when none exists: no feeds is a valid configuration. */
  source: string | null;
}

/** Parses feeds YAML; `path` is used only in problems. Never throws. */
export function parseFeedsConfig(path: string, source: string): { feeds: FeedConfig[]; problems: CorpusProblem[] } {
  const problems: CorpusProblem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line : 1;
  };
  const report = (line: number, message: string) => problems.push({ path, line, message });
  for (const error of doc.errors) report(counter.linePos(error.pos[0]).line || 1, `broken YAML: ${error.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { feeds: [], problems };
  // An empty file, or `feeds:` with nothing under it, means "no feeds" (the bundled default).
  if (doc.contents === null) return { feeds: [], problems };
  if (!isMap(doc.contents)) {
    report(1, "expected a 'feeds:' list, e.g. feeds: [{ url: https://…, publisher: Example News }]");
    return { feeds: [], problems };
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key !== 'feeds') report(lineOf(pair.key), `unknown top-level key '${key}' (expected 'feeds')`);
  }
  const list = doc.contents.get('feeds', true);
  if (list === undefined || list === null || (isScalar(list) && list.value === null)) return { feeds: [], problems };
  if (!isSeq(list)) {
    report(lineOf(list), "'feeds' must be a list of entries, each with url, publisher and interval_minutes");
    return { feeds: [], problems };
  }
  const feeds: FeedConfig[] = [];
  const seen = new Map<string, number>();
  for (const node of list.items) {
    const feed = parseEntry(node as Node, lineOf, report);
    if (!feed) continue;
    const line = lineOf(node);
    const earlier = seen.get(feed.url);
    if (earlier !== undefined) {
      report(line, `feed ${feed.url} is listed twice (also line ${earlier}): skipped`);
      continue;
    }
    seen.set(feed.url, line);
    feeds.push(feed);
  }
  return { feeds, problems };
}

function parseEntry(
  node: Node,
  lineOf: (node: unknown) => number,
  report: (line: number, message: string) => void,
): FeedConfig | null {
  const line = lineOf(node);
  if (!isMap(node)) {
    report(line, 'a feed entry must be a mapping: url, publisher, interval_minutes');
    return null;
  }
  let broken = false;
  const fail = (at: number, message: string) => {
    broken = true;
    report(at, message);
  };
  const values = new Map<string, { value: unknown; line: number }>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? null : pair.value;
    values.set(key, { value, line: lineOf(pair.key) });
    if (!KNOWN.has(key)) fail(lineOf(pair.key), `unknown field '${key}' (known: ${[...KNOWN].join(', ')})`);
  }
  const text = (key: string): string | null => {
    const entry = values.get(key);
    if (!entry || entry.value === null || entry.value === undefined) return null;
    if (typeof entry.value !== 'string' && typeof entry.value !== 'number') {
      fail(entry.line, `field '${key}' must be a single value`);
      return null;
    }
    return String(entry.value).trim() || null;
  };
  const url = text('url');
  if (!url) fail(values.get('url')?.line ?? line, "missing required field 'url'");
  else if (!/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) fail(values.get('url')!.line, `field 'url' is not an http(s) URL: '${url}'`);
  const publisher = text('publisher');
  if (!publisher) fail(values.get('publisher')?.line ?? line, "missing required field 'publisher'");
  let intervalMinutes = DEFAULT_INTERVAL_MINUTES;
  const interval = values.get('interval_minutes');
  if (interval && interval.value !== null) {
    if (typeof interval.value !== 'number' || !Number.isFinite(interval.value) || interval.value < 1) {
      // Polling more than once a minute buys nothing for news and looks like abuse to publishers.
      fail(interval.line, `field 'interval_minutes' must be a number of minutes, at least 1, not '${String(interval.value)}'`);
    } else {
      intervalMinutes = interval.value;
    }
  }
  if (broken || !url || !publisher) return null;
  return { url, publisher, intervalMinutes };
}

/** Where the feed list lives: FACTBOT_FEEDS when set, else `<corpus>/feeds.yaml`. */
export function feedsConfigPath(corpusDir: string, env: Record<string, string | undefined>, cwd: string): string {
  const fromEnv = env.FACTBOT_FEEDS?.trim();
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv);
  return join(corpusDir, FEEDS_FILE);
}

/**
 * Reads the feed list. A missing `corpus/feeds.yaml` means no feeds; a missing FACTBOT_FEEDS file is
 * a problem, because the operator asked for it explicitly.
 */
export async function loadFeedsConfig(
  corpusDir: string,
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
): Promise<FeedsConfig> {
  const file = feedsConfigPath(corpusDir, env, cwd);
  const explicit = Boolean(env.FACTBOT_FEEDS?.trim());
  const shown = explicit ? env.FACTBOT_FEEDS!.trim() : FEEDS_FILE;
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return { feeds: [], problems: [], source: null };
    const message = code === 'ENOENT' ? 'no such file (named by FACTBOT_FEEDS)' : `cannot read: ${(error as Error).message}`;
    return { feeds: [], problems: [{ path: shown, line: 1, message }], source: null };
  }
  return { ...parseFeedsConfig(shown, source), source: file };
}
