// Discord's side of the /digest permission check. Registration hides /digest from members without Manage
// Channels (`default_member_permissions`, see digest-commands.ts), but server admins can override that in
// Server Settings → Integrations, so every subscribe/unsubscribe is checked again here at run time, from the
// permissions Discord computed for the member in this channel (overwrites included) and sent with the
// interaction.
import { PermissionFlagsBits, type APIInteraction } from 'discord-api-types/v10';
import type { OptionValue } from '../../chat/model.ts';
import { CAN_MANAGE_CHANNEL_OPTION } from '../../digest/permissions.ts';

/** A discord.js interaction, reduced to what is read here. */
export interface DiscordJsPermissionSource {
  /** discord.js: the member's permissions in the channel; null outside a guild. */
  memberPermissions: { has(permission: bigint): boolean } | null;
}

const MANAGE = PermissionFlagsBits.ManageChannels;
const ADMINISTRATOR = PermissionFlagsBits.Administrator;

/** True when the member who ran the interaction may manage its channel (Administrator implies it). */
export function discordCanManage(interaction: APIInteraction | DiscordJsPermissionSource): boolean {
  if ('memberPermissions' in interaction) {
    // discord.js's has() counts Administrator as every permission.
    return interaction.memberPermissions?.has(MANAGE) ?? false;
  }
  const raw = interaction.member?.permissions;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return false;
  const bits = BigInt(raw);
  return (bits & MANAGE) === MANAGE || (bits & ADMINISTRATOR) === ADMINISTRATOR;
}

/**
 * The option the neutral permission checker reads (src/digest/permissions.ts). Spread it into the slash
 * command's options in inbound.ts: `options: { ...optionValues(...), ...discordPermissionOptions(interaction) }`.
 */
export function discordPermissionOptions(interaction: APIInteraction | DiscordJsPermissionSource): Record<string, OptionValue> {
  return { [CAN_MANAGE_CHANNEL_OPTION]: discordCanManage(interaction) };
}
