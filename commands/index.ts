// Every chat command, in the order help lists them. Adapters register exactly these.
import type { CommandDefinition } from '../src/chat/model.ts';
import type { Services } from '../src/chat/services.ts';
import { checkCommand } from './check.ts';
import { createHelpCommand } from './help.ts';
import { quoteCommand } from './quote.ts';
import { sourcesCommand } from './sources.ts';
import { timelineCommand } from './timeline.ts';

export const commands: CommandDefinition<Services>[] = [
  quoteCommand,
  checkCommand,
  timelineCommand,
  sourcesCommand,
  createHelpCommand(() => commands),
];

/** The command named `name` (case-insensitive, a leading "/" allowed), or undefined. */
export function findCommand(name: string): CommandDefinition<Services> | undefined {
  const wanted = name.trim().replace(/^\//, '').toLowerCase();
  return commands.find((command) => command.name === wanted);
}
