// HTTP interactions mode: Discord POSTs each interaction to our public URL and reads the initial
// response from the HTTP reply; later messages go through the interaction webhook over REST.
// Discord probes the endpoint with bad signatures and disables it unless they get 401, so the
// signature is checked over the raw bytes before anything is parsed.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REST } from '@discordjs/rest';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { CommandDefinition } from '../../chat/model.ts';
import type { Services } from '../../chat/services.ts';
import { handleRoute, inboundFromApi, routeInteraction } from './inbound.ts';
import { createInteractionResponder, withoutToken, type InteractionTransport } from './responder.ts';
import { REST_REQUESTS_PER_SECOND } from './limits.ts';

/** Where the handler expects to be mounted (the "Interactions Endpoint URL" in the developer portal). */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
/** Interaction payloads are a few KB; a message command carries one message of at most 4000 characters plus embeds. */
export const MAX_INTERACTION_BODY_BYTES = 1024 * 1024;

export interface DiscordInteractionsOptions {
  /** The application's public key as the developer portal shows it: 64 hex characters. */
  publicKey: string;
  applicationId: string;
  /** Only needed for routes that require the bot token; interaction webhooks do not. */
  token?: string;
  /** REST base without a trailing slash; Discord's own when absent. */
  apiUrl?: string;
  commands: readonly CommandDefinition<Services>[];
  services: Services;
}

/** Discord's Ed25519 public key (raw 32 bytes, hex) as a node:crypto key. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('The Discord public key must be 64 hexadecimal characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/** True when `signatureHex` is Discord's Ed25519 signature of `timestamp + body`. */
export function isValidSignature(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
}

/** The body, or null when it exceeds `maxBytes` (the rest is drained unread). */
function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function respondJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The initial response is the HTTP reply itself; later calls use the interaction token over REST. */
function httpTransport(res: ServerResponse, rest: REST, applicationId: string, interactionToken: string): InteractionTransport {
  const flags = (ephemeral: boolean) => (ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  return {
    async deferReply(ephemeral) {
      const response: APIInteractionResponse = ephemeral
        ? { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }
        : { type: InteractionResponseType.DeferredChannelMessageWithSource };
      respondJson(res, 200, response);
    },
    async reply(body, ephemeral) {
      const response: APIInteractionResponse = {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...body, ...flags(ephemeral) },
      };
      respondJson(res, 200, response);
    },
    async editOriginal(body) {
      await withoutToken(interactionToken, () =>
        rest.patch(Routes.webhookMessage(applicationId, interactionToken, '@original'), { body, auth: false }),
      );
    },
    async followUp(body, ephemeral) {
      await withoutToken(interactionToken, () =>
        rest.post(Routes.webhook(applicationId, interactionToken), { body: { ...body, ...flags(ephemeral) }, auth: false }),
      );
    },
  };
}

/** A node:http handler for POST DISCORD_INTERACTIONS_PATH. */
export function createDiscordInteractionsHandler(options: DiscordInteractionsOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { applicationId, commands, services } = options;
  const key = discordPublicKey(options.publicKey);
  const log = services.log.child({ platform: 'discord', mode: 'http' });
  const rest = new REST({ version: '10', globalRequestsPerSecond: REST_REQUESTS_PER_SECOND, ...(options.apiUrl ? { api: options.apiUrl } : {}) });
  if (options.token) rest.setToken(options.token);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const raw = await readCappedBody(req, MAX_INTERACTION_BODY_BYTES);
    if (raw === null) {
      res.writeHead(413, { connection: 'close' }).end();
      return;
    }
    if (!isValidSignature(key, header(req, 'x-signature-ed25519'), header(req, 'x-signature-timestamp'), raw)) {
      respondJson(res, 401, { error: 'invalid request signature' });
      return;
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(raw.toString('utf8')) as APIInteraction;
    } catch {
      respondJson(res, 400, { error: 'body is not JSON' });
      return;
    }
    if (interaction.type === InteractionType.Ping) {
      respondJson(res, 200, { type: InteractionResponseType.Pong });
      return;
    }
    const route = routeInteraction(inboundFromApi(interaction), commands);
    if (route.type === 'ignore') {
      respondJson(res, 400, { error: 'unsupported interaction type' });
      return;
    }
    const responder = createInteractionResponder(httpTransport(res, rest, applicationId, interaction.token));
    try {
      await handleRoute(route, responder, services, commands);
    } finally {
      // Dispatch answers every route; this only catches a failure before its first response.
      if (!res.headersSent) respondJson(res, 500, { error: 'internal error' });
    }
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'discord interaction request failed');
      if (!res.headersSent) respondJson(res, 500, { error: 'internal error' });
    });
  };
}
