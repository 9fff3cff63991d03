// Registers the commands with Discord by bulk overwrite: one PUT replaces the whole set, so running it
// again with the same definitions changes nothing, and a command removed from the code disappears.
import { REST } from '@discordjs/rest';
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { CommandDefinition } from '../../chat/model.ts';
import { applicationCommandsJSON } from './commands.ts';

export interface DeployCommandsOptions {
  token: string;
  applicationId: string;
  /** Guild commands update at once and suit testing; global ones reach every server. */
  guildId?: string | null;
  /** REST base without a trailing slash; Discord's own when absent. */
  apiUrl?: string;
  commands: readonly CommandDefinition<unknown>[];
}

export interface DeployedCommands {
  scope: { guildId: string } | 'global';
  /** As Discord stored them. */
  commands: RESTPutAPIApplicationCommandsResult;
}

export async function deployCommands(options: DeployCommandsOptions): Promise<DeployedCommands> {
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const stored = (await rest.put(route, { body: applicationCommandsJSON(options.commands) })) as RESTPutAPIApplicationCommandsResult;
  return { scope: options.guildId ? { guildId: options.guildId } : 'global', commands: stored };
}
