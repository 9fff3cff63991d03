// /digest on Discord: the registration JSON (subcommands, Manage Channels by default, servers only), and the
// run-time permission check from interaction payloads as Discord sends them, both raw (HTTP interactions)
// and as discord.js objects (gateway), turned into the options the neutral command reads.
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
} from 'discord-api-types/v10';
import { ChatInputCommandInteraction, Client, GatewayIntentBits } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import { digestCommand } from '../../commands/digest.ts';
import { slashCommandJSON } from '../../src/adapters/discord/commands.ts';
import { digestApplicationCommandJSON, flattenSubcommandOptions } from '../../src/adapters/discord/digest-commands.ts';
import { discordCanManage, discordPermissionOptions } from '../../src/adapters/discord/digest-permissions.ts';
import type { Invocation, Reply } from '../../src/chat/model.ts';
import { CHANNEL_ID, GUILD_ID, USER_ID, slashCommand } from '../fixtures/discord/interactions.ts';
import { textOf } from '../helpers/services.ts';
import { digestWorld } from './helpers.ts';

const client = new Client({ intents: [GatewayIntentBits.Guilds] });
afterAll(() => client.destroy());

/** `/digest <subcommand> …` from a member whose channel permissions are `permissions` (a bitfield string). */
function digestInteraction(subcommand: string, options: APIApplicationCommandInteractionDataOption[], permissions: string): APIChatInputApplicationCommandGuildInteraction {
  const base = slashCommand('digest', []);
  return {
    ...base,
    member: { ...base.member, permissions },
    data: { ...base.data, options: [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options } as APIApplicationCommandInteractionDataOption] },
  };
}

const time = (value: string) => ({ type: ApplicationCommandOptionType.String, name: 'time', value }) as APIApplicationCommandInteractionDataOption;
const zone = (value: string) => ({ type: ApplicationCommandOptionType.String, name: 'timezone', value }) as APIApplicationCommandInteractionDataOption;

/** What inbound.ts builds once wired: flattened options plus the permission option. */
function invocationFrom(interaction: APIChatInputApplicationCommandGuildInteraction): Invocation {
  const options = { ...flattenSubcommandOptions(interaction.data.options), ...discordPermissionOptions(interaction) };
  return { platform: 'discord', command: 'digest', options, user: { id: USER_ID, name: 'Olena' }, channel: { id: CHANNEL_ID }, workspace: { id: GUILD_ID }, requestId: interaction.id };
}

const MANAGE_CHANNELS = '16';
const ADMINISTRATOR = '8';
const SEND_MESSAGES = '2048';

describe('/digest on Discord', () => {
  it('registers subcommands, visible to Manage Channels by default, in servers only', () => {
    const json = digestApplicationCommandJSON();
    expect(json).toMatchObject({ name: 'digest', default_member_permissions: MANAGE_CHANNELS, contexts: [0] });
    expect(json.options?.map((o) => [o.name, o.type])).toEqual([
      ['subscribe', ApplicationCommandOptionType.Subcommand],
      ['unsubscribe', ApplicationCommandOptionType.Subcommand],
      ['show', ApplicationCommandOptionType.Subcommand],
      ['preview', ApplicationCommandOptionType.Subcommand],
    ]);
    const subscribe = json.options?.[0] as { options?: Array<{ name: string; required?: boolean }> };
    expect(subscribe.options?.map((o) => [o.name, o.required])).toEqual([['time', false], ['timezone', false], ['topic', false]]);
    for (const option of json.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
    // The neutral definition also passes the adapter's own checks, should it be registered flat.
    expect(() => slashCommandJSON(digestCommand)).not.toThrow();
  });

  it('reads Manage Channels or Administrator from the member permissions Discord sends', () => {
    expect(discordCanManage(digestInteraction('show', [], MANAGE_CHANNELS))).toBe(true);
    expect(discordCanManage(digestInteraction('show', [], ADMINISTRATOR))).toBe(true);
    expect(discordCanManage(digestInteraction('show', [], String(2048 | 16)))).toBe(true);
    expect(discordCanManage(digestInteraction('show', [], SEND_MESSAGES))).toBe(false);
    expect(discordCanManage(digestInteraction('show', [], '0'))).toBe(false);
  });

  it('reads the same from a discord.js interaction, and flattens its subcommand the same way', () => {
    for (const [permissions, expected] of [[MANAGE_CHANNELS, true], [ADMINISTRATOR, true], [SEND_MESSAGES, false]] as const) {
      const payload = digestInteraction('subscribe', [time('07:30')], permissions);
      const interaction = Reflect.construct(ChatInputCommandInteraction, [client, payload]) as ChatInputCommandInteraction;
      expect(discordCanManage(interaction)).toBe(expected);
      expect(flattenSubcommandOptions(interaction.options.data)).toEqual({ action: 'subscribe', time: '07:30' });
    }
  });

  it('refuses subscribe to a member without Manage Channels, even when the command was opened up to them', async () => {
    const world = await digestWorld('2025-05-01T09:00:00Z');
    const store = world.openStore();
    const services = world.digestServices(store);
    const refused = await digestCommand.run(invocationFrom(digestInteraction('subscribe', [time('07:30')], SEND_MESSAGES)), services, 0);
    expect(textOf(refused)).toContain('Only members with the Manage Channels permission here can subscribe');
    expect(await store.subscription({ platform: 'discord', channelId: CHANNEL_ID })).toBeNull();

    const accepted: Reply = await digestCommand.run(invocationFrom(digestInteraction('subscribe', [time('07:30'), zone('America/New_York')], MANAGE_CHANNELS)), services, 0);
    expect(textOf(accepted)).toContain('Daily digest subscribed');
    expect(textOf(accepted)).toContain('2025-05-01 07:30 EDT'); // the next digest, in the channel's zone
    expect(await store.subscription({ platform: 'discord', channelId: CHANNEL_ID })).toMatchObject({ time: '07:30', timezone: 'America/New_York', workspaceId: GUILD_ID });

    const notRemoved = await digestCommand.run(invocationFrom(digestInteraction('unsubscribe', [], SEND_MESSAGES)), services, 0);
    expect(textOf(notRemoved)).toContain('Only members with the Manage Channels permission');
    expect(await store.subscription({ platform: 'discord', channelId: CHANNEL_ID })).not.toBeNull();
    // show needs no permission
    expect(textOf(await digestCommand.run(invocationFrom(digestInteraction('show', [], SEND_MESSAGES)), services, 0))).toContain('Active');
    await store.close();
  });

  it('refuses when the adapter did not say (the permission option missing), rather than letting anyone in', async () => {
    const world = await digestWorld('2025-05-01T09:00:00Z');
    const store = world.openStore();
    const interaction = digestInteraction('subscribe', [], ADMINISTRATOR);
    const invocation = { ...invocationFrom(interaction), options: flattenSubcommandOptions(interaction.data.options) };
    expect(textOf(await digestCommand.run(invocation, world.digestServices(store), 0))).toContain('Only members with the Manage Channels');
    await store.close();
  });
});
