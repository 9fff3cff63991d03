// Every subcommand, in the order `factbot --help` lists them.
import { checkCommand } from './check.ts';
import { consoleSubcommand } from './console.ts';
import { corpusCheck } from './corpus-check.ts';
import { deployCommandsCommand } from './deploy-commands.ts';
import { digestPreviewCommand, digestRunDueCommand } from './digest.ts';
import { feedsCommand } from './feeds.ts';
import { ingestCommand } from './ingest.ts';
import type { Subcommand } from './io.ts';
import { manifestSlackCommand } from './manifest.ts';
import { quoteCommand } from './quote.ts';
import { sentencesCommand } from './sentences.ts';
import { serveSubcommand } from './serve.ts';
import { sourcesCommand } from './sources.ts';
import { startSubcommand } from './start.ts';
import { timelineCommand } from './timeline.ts';

export const subcommands: Subcommand[] = [quoteCommand, checkCommand, timelineCommand, sourcesCommand, corpusCheck, sentencesCommand, ingestCommand, feedsCommand, manifestSlackCommand, deployCommandsCommand, startSubcommand, consoleSubcommand, serveSubcommand, digestPreviewCommand, digestRunDueCommand];
