// `factbot timeline <topic…>`: the corpus's statements on a topic, oldest first, one line each, so a
// reader sees how a position moved over time.
import { createClaimChecker } from '../check/checker.ts';
import type { TimelineResult } from '../check/types.ts';
import { MAX_QUOTE_LIMIT } from '../search/types.ts';
import { statementLabel } from './check.ts';
import { UsageError, type Subcommand } from './io.ts';
import { openCliIndex, parseQuoteArgs } from './quote.ts';

/** One line per statement: date, publisher, statement type and speaker, the sentence. */
export function formatTimeline(result: TimelineResult): string {
  if (result.entries.length === 0) return result.note ?? `No statement in the corpus is about "${result.topic.trim()}".`;
  const lines = result.entries.map((e) => {
    const date = e.article.published ? `${e.article.published}${e.article.dateInferred ? '~' : ' '}` : 'undated    ';
    return `${date} ${e.article.publisher} [${statementLabel(e)}] ${e.text}`;
  });
  if (result.entries.some((e) => e.article.dateInferred)) lines.push('(~ date inferred from the content)');
  if (result.note) lines.push(result.note);
  return lines.join('\n');
}

export const timelineCommand: Subcommand = {
  name: 'timeline',
  summary: 'Statements of the corpus on a topic, oldest first, one line each',
  usage: [
    'Usage: factbot timeline <topic…> [--limit N] [--corpus DIR] [--json]',
    '',
    'Lists the sentences that contain the topic (its words, spelling variants or paraphrases), ordered',
    'by publication date, with publisher, statement type and speaker: e.g. factbot timeline NATO.',
    'Photo captions are left out, and so are later copies of a sentence (a reprinted wire story).',
    '',
    `  --limit N      show only the first N statements, 1 to ${MAX_QUOTE_LIMIT} (default: all)`,
    '  --corpus DIR   the corpus folder (default: $FACTBOT_CORPUS, else ./corpus)',
    '  --json         {"topic", "entries": [hit & {"type", "speaker"}…] oldest first, "note"}',
  ].join('\n'),
  async run(args, io) {
    const parsed = parseQuoteArgs(args);
    if (parsed.batch !== undefined) throw new UsageError("'--batch' is not an option of timeline");
    if (parsed.words.length === 0) throw new UsageError('give a topic, e.g. factbot timeline NATO');
    const { index } = await openCliIndex(parsed.corpus, io);
    const result = await createClaimChecker(index).timeline(parsed.words.join(' '), { limit: parsed.limit });
    io.out(parsed.json ? JSON.stringify(result) : formatTimeline(result));
    return 0;
  },
};
