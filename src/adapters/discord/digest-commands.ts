// /digest on Discord: real subcommands (subscribe, unsubscribe, show, preview) instead of the neutral
// `action` string, shown only to members with Manage Channels by default and only in servers. Inbound, the
// chosen subcommand and its options are flattened back into the neutral options the command reads:
// {action: 'subscribe', time: '08:00', …}.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { DIGEST_ACTION_DESCRIPTIONS, DIGEST_ACTIONS, DIGEST_SETTING_OPTIONS, digestCommand } from '../../../commands/digest.ts';
import type { OptionValue } from '../../chat/model.ts';

function stringOption(option: (typeof DIGEST_SETTING_OPTIONS)[number]): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: option.name,
    description: option.description,
    required: false,
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
  };
}

/**
 * The /digest entry of the bulk-overwrite body. Discord permissions apply to the whole command, so show and
 * preview are hidden from other members too unless a server admin opens the command up under Integrations;
 * subscribe and unsubscribe are checked again at run time either way.
 */
export function digestApplicationCommandJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: digestCommand.name,
    description: digestCommand.description,
    default_member_permissions: String(PermissionFlagsBits.ManageChannels),
    contexts: [InteractionContextType.Guild],
    options: DIGEST_ACTIONS.map((action) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: action,
      description: DIGEST_ACTION_DESCRIPTIONS[action],
      options: action === 'subscribe' ? DIGEST_SETTING_OPTIONS.map(stringOption) : [],
    })),
  };
}

/** The shape shared by API interaction options and discord.js's `interaction.options.data`. */
export interface RawCommandOption {
  name: string;
  type: number;
  value?: unknown;
  options?: readonly RawCommandOption[];
}

/**
 * Options of a slash command with its subcommand flattened: `[{type: 1, name: 'subscribe', options: [time]}]`
 * → `{action: 'subscribe', time: '08:00'}`. Options of a command without subcommands pass through.
 */
export function flattenSubcommandOptions(options: readonly RawCommandOption[] | undefined): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const option of options ?? []) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      values.action = option.name;
      Object.assign(values, flattenSubcommandOptions(option.options));
    } else if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') {
      values[option.name] = option.value;
    }
  }
  return values;
}
