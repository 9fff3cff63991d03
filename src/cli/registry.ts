// Every subcommand, in the order `factbot --help` lists them.
import { corpusCheck } from './corpus-check.ts';
import { ingestCommand } from './ingest.ts';
import type { Subcommand } from './io.ts';
import { sentencesCommand } from './sentences.ts';

export const subcommands: Subcommand[] = [corpusCheck, sentencesCommand, ingestCommand];
