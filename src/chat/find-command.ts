// Looks a command up by what a user typed: case-insensitive, a leading "/" allowed.
import type { CommandDefinition } from './model.ts';

export function findCommandIn<S>(commands: readonly CommandDefinition<S>[], name: string): CommandDefinition<S> | undefined {
  const wanted = name.trim().replace(/^\//, '').toLowerCase();
  return commands.find((command) => command.name === wanted);
}
