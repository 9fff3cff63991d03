// `factbot ingest`: adds articles to the corpus from files, folders or URLs.
import { isValidDate } from '../corpus/article-file.ts';
import { ingestInput, type IngestOutcome } from '../corpus/ingest.ts';
import { corpusDir, parseOptions, UsageError, type CliIO, type Subcommand } from './io.ts';

const usage = `Usage: factbot ingest <file|folder|url>... [options]

Adds one corpus file per article: <corpus>/articles/<id>.md. An input is
  - a plain-text file (.txt): the first real line is the title; blank lines separate paragraphs,
    and inside a block each line is a paragraph unless the block looks hard-wrapped;
  - a Markdown file (.md): "# Title", "## Subheading", paragraphs; links become their text;
  - an HTML page (.html, or a URL answering text/html): the article is extracted with Readability;
  - a folder: every file directly inside it, each reported on its own;
  - an http(s) URL: fetched (15 s limit, 5 MB cap, redirects followed).

Boilerplate (share buttons, "See also" links, newsletter prompts, comment forms, copyright notices,
reading-time widgets, credit lines) is removed by the rules in src/corpus/clean-rules.ts; every
removal is listed in the output. Photo captions are kept but marked as captions. The wording is
otherwise kept verbatim; runs of spaces are collapsed to one.

Metadata comes from the source (title, a date line, a "By …" byline, an "Original url", HTML
meta tags); these options supply what is missing and override what was found:
  --publisher NAME     the outlet, e.g. "The Moscow Times" (required unless the page names it)
  --published DATE     publication date, YYYY-MM-DD (required unless the source states it)
  --date-inferred      the date was inferred, not stated by the source
  --title TEXT         the headline
  --author NAME        the author
  --url URL            the article's address (never invented: omit it if unknown)
  --id ID              file name without .md (default: <published>-<publisher>-<first title words>)
  --corpus DIR         corpus folder (default: $FACTBOT_CORPUS, else ./corpus)
  --dry-run            show what would be written and removed; write nothing

An article already in the corpus (same url, or the same text once case, spacing and punctuation
are ignored) is skipped. An existing file is never overwritten.

Exit status: 0 every input written or already present; 1 an id is taken by another article;
2 bad usage, an unreadable input, or missing or invalid metadata.

Examples:
  factbot ingest story.txt --publisher Reuters --published 2023-02-28
  factbot ingest https://example.com/news/story.html --publisher "Example News"
  factbot ingest drafts/ --publisher RksNews --published 2025-11-27 --date-inferred --dry-run`;

function report(outcome: IngestOutcome, io: CliIO): number {
  if (outcome.status === 'failed') {
    io.err(`factbot ingest: ${outcome.input}: ${outcome.message}`);
    return outcome.problem === 'conflict' ? 1 : 2;
  }
  const removed = outcome.removed.map((r) => `  removed (${r.rule}): ${r.text}`);
  if (outcome.status === 'duplicate') {
    const why = outcome.reason === 'url' ? 'same url' : 'same text';
    io.out(`${outcome.input}: already in the corpus as ${outcome.existingId} (${why}); skipped`);
    return 0;
  }
  const { meta, blocks } = outcome;
  const summary = `"${meta.title}" (${meta.publisher}, ${meta.published}${meta.dateInferred ? ', date inferred' : ''}), ${blocks.length} blocks`;
  if (outcome.status === 'dry-run') {
    io.out([`${outcome.input}: would write ${outcome.path}: ${summary}`, ...removed, `--- ${outcome.path}`, outcome.fileText].join('\n'));
  } else {
    io.out([`${outcome.input}: wrote ${outcome.path}: ${summary}`, ...removed].join('\n'));
  }
  return 0;
}

export const ingestCommand: Subcommand = {
  name: 'ingest',
  summary: 'add articles to the corpus from text, Markdown or HTML files, folders or URLs',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      publisher: { type: 'string' },
      published: { type: 'string' },
      'date-inferred': { type: 'boolean' },
      title: { type: 'string' },
      author: { type: 'string' },
      url: { type: 'string' },
      id: { type: 'string' },
      corpus: { type: 'string' },
      'dry-run': { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('name a file, folder or URL to ingest');
    if (values.published !== undefined && !isValidDate(values.published)) {
      throw new UsageError(`--published '${values.published}' is not a real date in YYYY-MM-DD form`);
    }
    if (positionals.length > 1 && (values.id || values.title || values.url)) {
      throw new UsageError('--id, --title and --url name one article: give a single input with them');
    }
    const options = {
      corpusDir: corpusDir(values.corpus, io),
      publisher: values.publisher ?? null,
      published: values.published ?? null,
      dateInferred: values['date-inferred'] === true,
      title: values.title ?? null,
      author: values.author ?? null,
      url: values.url ?? null,
      id: values.id ?? null,
      dryRun: values['dry-run'] === true,
    };
    let status = 0;
    for (const input of positionals) {
      for (const outcome of await ingestInput(input, options)) status = Math.max(status, report(outcome, io));
    }
    return status;
  },
};
