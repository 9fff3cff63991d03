// Slack payloads (slash command, button press, message shortcut) → the neutral Invocation commands run on.
// Pure translation: no network, no Bolt objects beyond the payload types.
import { randomUUID } from 'node:crypto';
import type { BlockAction, ButtonAction, MessageShortcut, SlashCommand } from '@slack/bolt';
import { findCommandIn } from '../../chat/find-command.ts';
import type { CommandDefinition, Invocation } from '../../chat/model.ts';
import type { Services } from '../../chat/services.ts';
import { parseSlackText, plainFromSlack } from './parse-text.ts';
import { ACTION_ID_PREFIX } from './render-blocks.ts';

/** The message shortcut "Check this message" (its callback_id in the manifest). */
export const CHECK_MESSAGE_CALLBACK_ID = 'factbot_check_message';
/** The command the message shortcut runs with the message's text. */
export const CHECK_MESSAGE_COMMAND = 'check';

/** Matches the action_id of every button we render (`factbot.more.0`, `factbot.post.1`). */
export const ACTION_ID_PATTERN = new RegExp(`^${ACTION_ID_PREFIX}\\.(more|post)\\.\\d+$`);

type Commands = readonly CommandDefinition<Services>[];

export type CommandInbound =
  | { ok: true; definition: CommandDefinition<Services>; invocation: Invocation }
  | { ok: false; message: string };

/** The neutral invocation for whoever acted in Slack, wherever. */
function slackInvocation(
  command: string,
  options: Invocation['options'],
  user: { id: string; name: string | null },
  channelId: string,
  teamId: string | undefined,
): Invocation {
  return { platform: 'slack', command, options, user, channel: { id: channelId }, workspace: teamId ? { id: teamId } : null, requestId: randomUUID() };
}

export function fromSlashCommand(payload: SlashCommand, commands: Commands): CommandInbound {
  const definition = findCommandIn(commands, payload.command);
  if (!definition) {
    return { ok: false, message: `factbot does not know ${payload.command}. Try /help.` };
  }
  const parsed = parseSlackText(definition, payload.text ?? '');
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return {
    ok: true,
    definition,
    invocation: slackInvocation(definition.name, parsed.options, { id: payload.user_id, name: payload.user_name || null }, payload.channel_id, payload.team_id),
  };
}

export interface ButtonInbound {
  /** The button's value: runAction decodes it. */
  encoded: string;
  /** From the action_id, so the responder knows whether to replace the message the button sat on. */
  action: 'more' | 'post' | null;
  invocation: Invocation;
}

export function fromButtonPress(payload: BlockAction<ButtonAction>): ButtonInbound | null {
  const button = payload.actions[0];
  if (!button) return null;
  const kind = ACTION_ID_PATTERN.exec(button.action_id)?.[1];
  const channelId = payload.channel?.id ?? (typeof payload.container.channel_id === 'string' ? payload.container.channel_id : '');
  return {
    encoded: button.value ?? '',
    action: kind === 'more' || kind === 'post' ? kind : null,
    invocation: slackInvocation('button', {}, { id: payload.user.id, name: payload.user.name ?? payload.user.username ?? null }, channelId, payload.team?.id),
  };
}

export function fromMessageShortcut(payload: MessageShortcut, commands: Commands): CommandInbound {
  const definition = findCommandIn(commands, CHECK_MESSAGE_COMMAND);
  if (!definition?.textOption) return { ok: false, message: 'Checking messages is not available.' };
  const text = plainFromSlack(payload.message.text ?? '').trim();
  if (!text) return { ok: false, message: 'That message has no text to check.' };
  return {
    ok: true,
    definition,
    invocation: slackInvocation(
      definition.name,
      { [definition.textOption]: text },
      { id: payload.user.id, name: payload.user.name || payload.user.username || null },
      payload.channel.id,
      payload.team?.id,
    ),
  };
}
