// Every chat command, in the order help lists them. Adapters register exactly these.
import { findCommandIn } from '../src/chat/find-command.ts';
import type { CommandDefinition } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import { withCheckLog } from '../src/digest/check-log.ts';
import { checkCommand } from './check.ts';
import { digestCommand } from './digest.ts';
import { createHelpCommand } from './help.ts';
import { quoteCommand } from './quote.ts';
import { sourcesCommand } from './sources.ts';
import { timelineCommand } from './timeline.ts';

export const commands: CommandDefinition<Services>[] = [
  quoteCommand,
  // Checks are logged (claim, result, channel; never the user) for the channel's daily digest.
  withCheckLog(checkCommand),
  timelineCommand,
  sourcesCommand,
  // DigestServices extends Services; the command answers plainly when digests are not configured.
  digestCommand as CommandDefinition<Services>,
  createHelpCommand(() => commands),
];

/** The command named `name` (case-insensitive, a leading "/" allowed), or undefined. */
export function findCommand(name: string): CommandDefinition<Services> | undefined {
  return findCommandIn(commands, name);
}
