// `factbot check <claim…>`: the corpus sentences that bear on a claim, who said them and how many
// independent publishers carry them. It shows what sources say; it never calls a claim true or false.
import { readFileSync } from 'node:fs';
import { createClaimChecker } from '../check/checker.ts';
import { groupByArticle } from '../check/corroboration.ts';
import type { CheckResult, ClaimChecker, Evidence } from '../check/types.ts';
import { MAX_QUOTE_LIMIT } from '../search/types.ts';
import { UsageError, type CliIO, type Subcommand } from './io.ts';
import { checkBatchSize, MAX_BATCH_LINES, openCliIndex, parseQuoteArgs } from './quote.ts';

/** "quote · Dmitry Peskov", "reported", "outlet's text": how the sentence speaks. */
export function statementLabel(e: Evidence): string {
  const type = e.type === 'text' ? "outlet's text" : e.type;
  const caption = e.kind === 'caption' ? ' · photo caption' : e.kind === 'headline' ? ' · headline' : '';
  return `${type}${e.speaker ? ` · ${e.speaker}` : ''}${caption}`;
}

function span(first: string | null, last: string | null): string {
  if (!first || !last) return '';
  return first === last ? `, ${first}` : `, ${first} to ${last}`;
}

/** Human-readable result: the match line, then the evidence grouped by article. */
export function formatCheckResult(result: CheckResult): string {
  const lines = [`Claim: ${result.claim.trim()}`];
  if (result.match === 'none') {
    lines.push(`Match: none. ${result.note ?? ''}`.trim());
    return lines.join('\n');
  }
  const dates = span(result.firstDate, result.lastDate);
  lines.push(
    result.match === 'strong'
      ? `Match: strong. ${result.publishers} independent publisher${result.publishers === 1 ? ' carries' : 's carry'} it${dates}.`
      : `Match: partial. Sentences touch on the claim, but none states all of it${dates}.`,
  );
  if (result.note) lines.push(result.note);
  for (const group of groupByArticle(result.evidence)) {
    const a = group.article;
    const date = a.published ? `${a.published}${a.dateInferred ? ' (date inferred)' : ''}` : 'date unknown';
    lines.push('', `${a.publisher}, ${date}: ${a.title}${a.url ? ` <${a.url}>` : ''}`);
    for (const e of group.evidence) lines.push(`  [${statementLabel(e)}] ${e.text}`, `    ${e.sentenceId}`);
  }
  return lines.join('\n');
}

async function answer(checker: ClaimChecker, claim: string, limit: number | undefined, json: boolean, io: CliIO): Promise<void> {
  const result = await checker.check(claim, { limit });
  io.out(json ? JSON.stringify(result) : formatCheckResult(result));
}

function readBatch(file: string): string[] {
  try {
    const lines = readFileSync(file === '-' ? 0 : file, 'utf8').split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  } catch (error) {
    throw new UsageError(`cannot read --batch file '${file}': ${(error as Error).message}`);
  }
}

export const checkCommand: Subcommand = {
  name: 'check',
  summary: 'The corpus sentences that bear on a claim, who said them, and how many publishers carry them',
  usage: [
    'Usage: factbot check <claim…> [--limit N] [--corpus DIR] [--json]',
    '       factbot check --batch FILE [--limit N] [--corpus DIR] [--json]',
    '',
    'Finds the sentences of the corpus that bear on the claim, even in other words ("turned down" for',
    '"rejected"), and prints them verbatim with publisher, date, statement type (quote, reported or the',
    "outlet's own text) and speaker. The match is strong (a sentence states most of the claim), partial",
    '(sentences touch on it) or none. It shows what sources say; it never calls a claim true or false.',
    '',
    `  --limit N      how many sentences to show, 1 to ${MAX_QUOTE_LIMIT} (default 5)`,
    '  --corpus DIR   the corpus folder (default: $FACTBOT_CORPUS, else ./corpus)',
    '  --json         {"claim", "match", "evidence": [hit & {"type", "speaker"}…], "publishers",',
    '                 "firstDate", "lastDate", "note"}',
    '  --batch FILE   one claim per line (FILE "-" reads stdin); answers in the same order, one JSON',
    '                 object per line with --json. A blank line is answered too (match none, a note).',
    `                 At most ${MAX_BATCH_LINES} lines.`,
    '',
    '"publishers" counts the distinct publishers among the strong evidence; copies of one wire story',
    'count once. firstDate/lastDate span the strong evidence (the partial evidence when none is strong).',
  ].join('\n'),
  async run(args, io) {
    const parsed = parseQuoteArgs(args);
    if (parsed.batch !== undefined && parsed.words.length > 0) throw new UsageError('give either a claim or --batch FILE, not both');
    if (parsed.batch === undefined && parsed.words.length === 0) throw new UsageError('give a claim (e.g. factbot check Putin rejected a peace deal) or --batch FILE');
    const lines = parsed.batch === undefined ? null : readBatch(parsed.batch);
    if (lines && parsed.batch !== undefined) checkBatchSize(lines, parsed.batch);
    const { index } = await openCliIndex(parsed.corpus, io);
    const checker = createClaimChecker(index);
    if (lines === null) {
      await answer(checker, parsed.words.join(' '), parsed.limit, parsed.json, io);
      return 0;
    }
    for (const [i, line] of lines.entries()) {
      if (!parsed.json && i > 0) io.out('');
      await answer(checker, line, parsed.limit, parsed.json, io);
    }
    return 0;
  },
};
