// Neutral command definitions → Discord application command JSON, the body of a bulk overwrite.
// Discord rejects the whole PUT when one command breaks a rule, so the rules are checked here, where
// the error can name the command, instead of surfacing as a 400 from Discord.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { truncate } from '../../chat/format.ts';
import { digestApplicationCommandJSON } from './digest-commands.ts';
import type { CommandDefinition, OptionDefinition } from '../../chat/model.ts';
import {
  CHAT_INPUT_COMMAND_NAME_PATTERN,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_NAME_MAX,
  COMMAND_OPTIONS_MAX,
  STRING_OPTION_LENGTH_MAX,
} from './limits.ts';

/** The message context-menu command (right-click a message → Apps). */
export const CHECK_MESSAGE_COMMAND_NAME = 'Check this message';
/** The neutral command it runs, with the message's text as that command's text option. */
export const CHECK_MESSAGE_TARGET_COMMAND = 'check';

function checkName(name: string, what: string): string {
  // Discord requires lower case for slash command and option names (where the script has case).
  if (!CHAT_INPUT_COMMAND_NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    throw new Error(`Discord ${what} name '${name}' must be 1-${COMMAND_NAME_MAX} lower-case letters, digits, - or _`);
  }
  return name;
}

function description(text: string, what: string): string {
  if (text.trim().length === 0) throw new Error(`Discord ${what} needs a description`);
  return truncate(text.trim(), COMMAND_DESCRIPTION_MAX);
}

function optionJSON(option: OptionDefinition, command: string): APIApplicationCommandBasicOption {
  const base = {
    name: checkName(option.name, `/${command} option`),
    description: description(option.description, `/${command} option '${option.name}'`),
    required: option.required,
  };
  switch (option.type) {
    case 'string':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(option.maxLength !== undefined ? { max_length: Math.min(option.maxLength, STRING_OPTION_LENGTH_MAX) } : {}),
      };
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(option.min !== undefined ? { min_value: option.min } : {}),
        ...(option.max !== undefined ? { max_value: option.max } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
  }
}

/** One slash command. */
export function slashCommandJSON(definition: CommandDefinition<unknown>): RESTPostAPIApplicationCommandsJSONBody {
  const name = checkName(definition.name, 'command');
  if (definition.options.length > COMMAND_OPTIONS_MAX) {
    throw new Error(`Discord allows ${COMMAND_OPTIONS_MAX} options per command; /${name} has ${definition.options.length}`);
  }
  // Discord rejects a required option after an optional one; the stable sort keeps each group's order.
  const options = [...definition.options].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description: description(definition.description, `/${name}`),
    options: options.map((option) => optionJSON(option, name)),
  };
}

/**
 * The bulk-overwrite body: every slash command, plus "Check this message" when a `check` command with
 * a text option exists. The same definitions always give the same body, so deploying is idempotent.
 */
export function applicationCommandsJSON(definitions: readonly CommandDefinition<unknown>[]): RESTPutAPIApplicationCommandsJSONBody {
  // /digest has real Discord subcommands and needs Manage Channels by default (digest-commands.ts).
  const body: RESTPutAPIApplicationCommandsJSONBody = definitions.map((d) =>
    d.name === 'digest' ? digestApplicationCommandJSON() : slashCommandJSON(d),
  );
  const target = definitions.find((d) => d.name === CHECK_MESSAGE_TARGET_COMMAND);
  // Context-menu commands take no description or options: Discord shows only the name.
  if (target?.textOption) body.push({ type: ApplicationCommandType.Message, name: CHECK_MESSAGE_COMMAND_NAME });
  return body;
}
