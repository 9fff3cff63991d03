// `factbot quote`: the verbatim sentences of the corpus that match a query, with their sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../corpus/types.ts';
import { openIndex, type OpenedIndex } from '../search/open-index.ts';
import { enableSpeakerFilter, FULL_QUERY_SYNTAX_HELP } from '../check/query-language.ts';
import type { SentenceIndex } from '../search/sentence-index.ts';
import { MAX_QUOTE_LIMIT, type Hit, type QuoteResult } from '../search/types.ts';
import { corpusDir, processIO, UsageError, type CliIO, type Subcommand } from './io.ts';

/** Opens the corpus index for a subcommand; skipped files are reported on stderr as `path:line: problem`. */
export async function openCliIndex(corpusFlag: string | undefined, io: CliIO): Promise<OpenedIndex> {
  const dir = corpusDir(corpusFlag, io);
  // Index progress (a first build of a large corpus takes a while) only when asked for.
  const log = io.env.FACTBOT_VERBOSE ? (message: string) => io.err(message) : undefined;
  const opened = await openIndex({ corpusDir: dir, cacheDir: join(io.cwd, '.factbot'), log });
  enableSpeakerFilter(opened.index);
  for (const problem of opened.problems) io.err(`warning: ${formatProblem(problem)}`);
  if (opened.index.articleFacts().length === 0) io.err(`warning: no articles found in ${join(dir, 'articles')}`);
  return opened;
}

interface QuoteArgs {
  words: string[];
  limit: number | undefined;
  corpus: string | undefined;
  json: boolean;
  batch: string | undefined;
}

const WITH_VALUE = new Set(['limit', 'corpus', 'batch']);

/** Most lines one --batch run answers: a bigger file is most likely the wrong file, and holds the terminal for minutes. */
export const MAX_BATCH_LINES = 10_000;

/** Refuses a --batch file over MAX_BATCH_LINES before any work is done. */
export function checkBatchSize(lines: readonly string[], file: string): void {
  if (lines.length > MAX_BATCH_LINES) {
    throw new UsageError(`option '--batch' takes at most ${MAX_BATCH_LINES} lines, and '${file}' has ${lines.length}; split it into smaller files`);
  }
}

/**
 * Options start with `--`; everything else is the query, including `-word` exclusions (which a
 * generic option parser would reject as unknown short options).
 */
export function parseQuoteArgs(args: readonly string[]): QuoteArgs {
  const parsed: QuoteArgs = { words: [], limit: undefined, corpus: undefined, json: false, batch: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.words.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      parsed.words.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === 'json' && inline === undefined) {
      parsed.json = true;
      continue;
    }
    if (!WITH_VALUE.has(name)) throw new UsageError(`unknown option '${arg}'`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
    if (name === 'limit') {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_QUOTE_LIMIT) {
        throw new UsageError(`option '--limit' must be a whole number from 1 to ${MAX_QUOTE_LIMIT}, not '${value}'`);
      }
      parsed.limit = Number(value);
    } else if (name === 'corpus') {
      parsed.corpus = value;
    } else {
      parsed.batch = value;
    }
  }
  return parsed;
}

const BOLD = '\x1b[1m';
const UNBOLD = '\x1b[22m';

function emphasise(hit: Hit, color: boolean): string {
  if (!color) return hit.text;
  let out = '';
  let at = 0;
  for (const [start, end] of hit.highlights) {
    out += hit.text.slice(at, start) + BOLD + hit.text.slice(start, end) + UNBOLD;
    at = end;
  }
  return out + hit.text.slice(at);
}

/** Human-readable answer: a count line, the note, then each sentence with its source. */
export function formatQuoteResult(result: QuoteResult, offset: number, color: boolean): string {
  const lines: string[] = [];
  const shown = result.results.length;
  lines.push(
    result.total === 0
      ? `No sentences match '${result.query.trim()}'.`
      : `${result.total} sentence${result.total === 1 ? '' : 's'} match '${result.query.trim()}'` +
          (shown < result.total ? ` (showing ${offset + 1}-${offset + shown}).` : '.'),
  );
  if (result.note) lines.push(result.note);
  for (const hit of result.results) {
    const a = hit.article;
    const date = a.published ? `${a.published}${a.dateInferred ? ' (date inferred)' : ''}` : 'date unknown';
    const kind = hit.kind === 'body' ? '' : hit.kind === 'caption' ? ' (photo caption)' : ' (headline)';
    lines.push('', emphasise(hit, color), `— ${[a.publisher, date, a.url].filter(Boolean).join(', ')}`, `  ${hit.sentenceId}${kind}`);
  }
  return lines.join('\n');
}

function answer(index: SentenceIndex, query: string, args: QuoteArgs, io: CliIO, color: boolean): void {
  const result = index.search(query, { limit: args.limit });
  io.out(args.json ? JSON.stringify(result) : formatQuoteResult(result, 0, color));
}

async function runQuote(args: string[], io: CliIO): Promise<number> {
  const parsed = parseQuoteArgs(args);
  if (parsed.batch !== undefined && parsed.words.length > 0) throw new UsageError('give either a query or --batch FILE, not both');
  if (parsed.batch === undefined && parsed.words.length === 0) throw new UsageError('give a query (e.g. factbot quote Kozak) or --batch FILE');
  let lines: string[] | null = null;
  if (parsed.batch !== undefined) {
    try {
      const text = readFileSync(parsed.batch === '-' ? 0 : parsed.batch, 'utf8');
      lines = text.split(/\r?\n/);
      if (lines[lines.length - 1] === '') lines.pop();
    } catch (error) {
      throw new UsageError(`cannot read --batch file '${parsed.batch}': ${(error as Error).message}`);
    }
    checkBatchSize(lines, parsed.batch);
  }
  const { index } = await openCliIndex(parsed.corpus, io);
  const color = io === processIO && process.stdout.isTTY === true && !io.env.NO_COLOR;
  if (lines === null) {
    answer(index, parsed.words.join(' '), parsed, io, color);
    return 0;
  }
  lines.forEach((line, i) => {
    if (!parsed.json && i > 0) io.out('');
    if (!parsed.json) io.out(`> ${line}`);
    answer(index, line, parsed, io, color);
  });
  return 0;
}

export const quoteCommand: Subcommand = {
  name: 'quote',
  summary: 'Verbatim sentences of the corpus that match a query, with publisher, date and link',
  usage: [
    'Usage: factbot quote <query…> [--limit N] [--corpus DIR] [--json]',
    '       factbot quote --batch FILE [--limit N] [--corpus DIR] [--json]',
    '',
    'Prints the sentences that match, best first, each with its publisher, date, link and sentence id.',
    `  --limit N      how many sentences to show, 1 to ${MAX_QUOTE_LIMIT} (default 5)`,
    '  --corpus DIR   the corpus folder (default: $FACTBOT_CORPUS, else ./corpus)',
    '  --json         one JSON object: {"query", "total", "results": [hit…], "note"}',
    '  --batch FILE   one query per line (FILE "-" reads stdin); answers in the same order, one per',
    '                 line with --json. Every line is answered, a blank one too (total 0 and a note',
    '                 saying what to type), so output line N always answers input line N.',
    `                 At most ${MAX_BATCH_LINES} lines.`,
    '',
    FULL_QUERY_SYNTAX_HELP,
    '',
    'The words are joined with spaces into one query. The shell removes quotes, so protect the ones the',
    `query needs: factbot quote '"peace deal"' -Peskov 'publisher:"moscow times"'. Exclusions need no '--'.`,
    'The search index is kept in ./.factbot/ and updated only when the corpus changes (set',
    'FACTBOT_VERBOSE=1 to see when it is rebuilt).',
  ].join('\n'),
  run: runQuote,
};
