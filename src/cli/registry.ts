// Every subcommand, in the order `factbot --help` lists them.
import { consoleSubcommand } from './console.ts';
import { corpusCheck } from './corpus-check.ts';
import { deployCommandsCommand } from './deploy-commands.ts';
import { feedsCommand } from './feeds.ts';
import { ingestCommand } from './ingest.ts';
import type { Subcommand } from './io.ts';
import { manifestSlackCommand } from './manifest.ts';
import { quoteCommand } from './quote.ts';
import { sentencesCommand } from './sentences.ts';
import { serveSubcommand } from './serve.ts';
import { sourcesCommand } from './sources.ts';
import { startSubcommand } from './start.ts';

export const subcommands: Subcommand[] = [quoteCommand, sourcesCommand, corpusCheck, sentencesCommand, ingestCommand, feedsCommand, manifestSlackCommand, deployCommandsCommand, startSubcommand, consoleSubcommand, serveSubcommand];
