// Discord interaction → neutral Invocation. Both entry points (the discord.js gateway client and the
// HTTP interactions endpoint) first reduce their interaction to an InboundInteraction, then share
// routing and dispatch, so a slash command means the same thing however it arrived.
import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIUser,
} from 'discord-api-types/v10';
import type { Interaction } from 'discord.js';
import { runAction, runCommand, textReply } from '../../chat/dispatch.ts';
import type { CommandDefinition, Invocation, OptionValue, Responder } from '../../chat/model.ts';
import type { Services } from '../../chat/services.ts';
import { CHECK_MESSAGE_COMMAND_NAME, CHECK_MESSAGE_TARGET_COMMAND } from './commands.ts';
import { flattenSubcommandOptions, type RawCommandOption } from './digest-commands.ts';
import { discordPermissionOptions } from './digest-permissions.ts';

interface Origin {
  id: string;
  user: { id: string; name: string | null };
  channelId: string;
  guildId: string | null;
}

export type InboundInteraction = Origin &
  (
    | { kind: 'slash'; commandName: string; options: Record<string, OptionValue> }
    | { kind: 'message-command'; commandName: string; content: string }
    | { kind: 'button'; customId: string }
    | { kind: 'unsupported' }
  );

export type InboundRoute =
  | { type: 'command'; definition: CommandDefinition<Services>; invocation: Invocation }
  | { type: 'action'; encoded: string; invocation: Invocation }
  /** Something to tell the user privately instead of running a command. */
  | { type: 'notice'; text: string; invocation: Invocation }
  | { type: 'ignore' };

export const EMPTY_MESSAGE_TEXT = 'That message has no text to check.';

/** Server nickname, else the global display name, else the username: the name people see. */
function displayName(user: APIUser | undefined, member: APIInteractionGuildMember | undefined): string | null {
  return member?.nick || user?.global_name || user?.username || null;
}


/** From the raw JSON Discord POSTs to the interactions endpoint. */
export function inboundFromApi(interaction: APIInteraction): InboundInteraction {
  const user = interaction.member?.user ?? interaction.user;
  const origin: Origin = {
    id: interaction.id,
    user: { id: user?.id ?? 'unknown', name: displayName(user, interaction.member) },
    channelId: interaction.channel?.id ?? interaction.channel_id ?? 'unknown',
    guildId: interaction.guild_id ?? null,
  };
  if (interaction.type === InteractionType.ApplicationCommand) {
    const { data } = interaction;
    if (data.type === ApplicationCommandType.ChatInput) {
      return { ...origin, kind: 'slash', commandName: data.name, options: { ...flattenSubcommandOptions(data.options as readonly RawCommandOption[]), ...discordPermissionOptions(interaction) } };
    }
    if (data.type === ApplicationCommandType.Message) {
      const content = data.resolved.messages[data.target_id]?.content ?? '';
      return { ...origin, kind: 'message-command', commandName: data.name, content };
    }
  }
  if (interaction.type === InteractionType.MessageComponent && interaction.data.component_type === ComponentType.Button) {
    return { ...origin, kind: 'button', customId: interaction.data.custom_id };
  }
  return { ...origin, kind: 'unsupported' };
}

/** From a discord.js interaction (gateway mode). */
export function inboundFromDiscordJs(interaction: Interaction): InboundInteraction {
  const member = interaction.member;
  const nickname = member ? ('nickname' in member ? member.nickname : member.nick) : null;
  const origin: Origin = {
    id: interaction.id,
    user: { id: interaction.user.id, name: nickname || interaction.user.globalName || interaction.user.username || null },
    channelId: interaction.channelId ?? 'unknown',
    guildId: interaction.guildId,
  };
  if (interaction.isChatInputCommand()) {
    return { ...origin, kind: 'slash', commandName: interaction.commandName, options: { ...flattenSubcommandOptions(interaction.options.data as readonly RawCommandOption[]), ...discordPermissionOptions(interaction) } };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return { ...origin, kind: 'message-command', commandName: interaction.commandName, content: interaction.targetMessage.content };
  }
  if (interaction.isButton()) return { ...origin, kind: 'button', customId: interaction.customId };
  return { ...origin, kind: 'unsupported' };
}

function invocationOf(inbound: InboundInteraction, command: string, options: Record<string, OptionValue>): Invocation {
  return {
    platform: 'discord',
    command,
    options,
    user: inbound.user,
    channel: { id: inbound.channelId },
    workspace: inbound.guildId ? { id: inbound.guildId } : null,
    requestId: inbound.id,
  };
}

/** What to do with an interaction, given the commands this bot has. */
export function routeInteraction(inbound: InboundInteraction, commands: readonly CommandDefinition<Services>[]): InboundRoute {
  switch (inbound.kind) {
    case 'slash': {
      const definition = commands.find((c) => c.name === inbound.commandName);
      const invocation = invocationOf(inbound, inbound.commandName, inbound.options);
      // A registered command this build no longer has: the user needs an answer, not a spinner.
      if (!definition) return { type: 'notice', text: `This bot no longer has /${inbound.commandName}.`, invocation };
      return { type: 'command', definition, invocation };
    }
    case 'message-command': {
      const definition = commands.find((c) => c.name === CHECK_MESSAGE_TARGET_COMMAND);
      if (inbound.commandName !== CHECK_MESSAGE_COMMAND_NAME || !definition?.textOption) {
        return { type: 'notice', text: `This bot no longer has "${inbound.commandName}".`, invocation: invocationOf(inbound, inbound.commandName, {}) };
      }
      const text = inbound.content.trim();
      const invocation = invocationOf(inbound, definition.name, { [definition.textOption]: text });
      if (text.length === 0) return { type: 'notice', text: EMPTY_MESSAGE_TEXT, invocation };
      return { type: 'command', definition, invocation };
    }
    case 'button':
      return { type: 'action', encoded: inbound.customId, invocation: invocationOf(inbound, 'button', {}) };
    case 'unsupported':
      return { type: 'ignore' };
  }
}

/** Runs a route through the shared dispatch: acknowledgement, command, reply. */
export async function handleRoute(
  route: InboundRoute,
  responder: Responder,
  services: Services,
  commands: readonly CommandDefinition<Services>[],
): Promise<void> {
  switch (route.type) {
    case 'command':
      return runCommand({ definition: route.definition, invocation: route.invocation, responder, services });
    case 'action':
      return runAction({ encoded: route.encoded, invocation: route.invocation, responder, services, commands });
    case 'notice':
      return responder.send(textReply(route.text), 'private');
    case 'ignore':
      return;
  }
}
