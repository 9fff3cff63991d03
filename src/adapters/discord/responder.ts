// The neutral Responder over one Discord interaction. Discord wants exactly one initial response
// (a message, type 4, or a deferral, type 5) within 3 seconds; everything after it goes through the
// interaction's webhook: edit @original, or post a follow-up. The state machine below picks the right
// call whatever order dispatch uses; the transport makes the call (discord.js, or raw HTTP + REST).
import { MessageFlags } from 'discord-api-types/v10';
import type { RepliableInteraction } from 'discord.js';
import type { Reply, Responder, Visibility } from '../../chat/model.ts';
import { renderReply, type DiscordMessageBody } from './render.ts';

/** The four calls an interaction allows; `ephemeral` sets flag 64 where Discord reads it. */
export interface InteractionTransport {
  /** Initial response type 5: "factbot is thinking…". */
  deferReply(ephemeral: boolean): Promise<void>;
  /** Initial response type 4: the answer itself. */
  reply(body: DiscordMessageBody, ephemeral: boolean): Promise<void>;
  /** PATCH /webhooks/{app}/{token}/messages/@original: fills the deferred message. */
  editOriginal(body: DiscordMessageBody): Promise<void>;
  /** POST /webhooks/{app}/{token}: a further message. */
  followUp(body: DiscordMessageBody, ephemeral: boolean): Promise<void>;
}

export function createInteractionResponder(transport: InteractionTransport): Responder {
  let state: 'fresh' | 'deferred' | 'answered' = 'fresh';

  // Visibility is fixed by the first response: the deferral's flag carries over to @original.
  async function deliver(reply: Reply, visibility: Visibility): Promise<void> {
    const body = renderReply(reply);
    const ephemeral = visibility === 'private';
    if (state === 'fresh') await transport.reply(body, ephemeral);
    // Discord would turn the first follow-up after a deferral into the deferred message anyway;
    // editing @original says so explicitly.
    else if (state === 'deferred') await transport.editOriginal(body);
    else await transport.followUp(body, ephemeral);
    state = 'answered';
  }

  return {
    async defer(visibility) {
      if (state !== 'fresh') return;
      await transport.deferReply(visibility === 'private');
      state = 'deferred';
    },
    send: deliver,
    followUp: deliver,
  };
}

/** A failed Discord call, described without the interaction token. */
export class DiscordCallError extends Error {
  override name = 'DiscordCallError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: number | string | null,
  ) {
    super(message);
  }
}

/**
 * Runs one Discord call. Errors from discord.js and @discordjs/rest carry the request URL, which holds
 * the interaction token (a credential for 15 minutes); what reaches the logs is a copy without it.
 */
export async function withoutToken<T>(token: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const details = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; status?: unknown; code?: unknown };
    const message = String(details.message ?? error).split(token).join('[interaction token]');
    const status = typeof details.status === 'number' ? details.status : null;
    const code = typeof details.code === 'number' || typeof details.code === 'string' ? details.code : null;
    throw new DiscordCallError(message, status, code);
  }
}

function discordJsOptions(body: DiscordMessageBody) {
  return {
    ...(body.content !== undefined ? { content: body.content } : {}),
    embeds: body.embeds,
    components: body.components,
    allowedMentions: { parse: [] },
  };
}

/** Gateway mode: the calls go through the discord.js interaction object. */
export function discordJsTransport(interaction: RepliableInteraction): InteractionTransport {
  const flags = (ephemeral: boolean) => (ephemeral ? MessageFlags.Ephemeral : undefined);
  const safely = (call: () => Promise<unknown>) => withoutToken(interaction.token, call).then(() => undefined);
  return {
    deferReply: (ephemeral) => safely(() => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
    reply: (body, ephemeral) => safely(() => interaction.reply({ ...discordJsOptions(body), flags: flags(ephemeral) })),
    editOriginal: (body) => safely(() => interaction.editReply(discordJsOptions(body))),
    followUp: (body, ephemeral) => safely(() => interaction.followUp({ ...discordJsOptions(body), flags: flags(ephemeral) })),
  };
}
