// Gateway mode: a discord.js Client holds a websocket to Discord and receives interactions over it,
// so the bot needs no public URL. Replies go out over REST through the interaction objects.
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { CommandDefinition } from '../../chat/model.ts';
import type { Services } from '../../chat/services.ts';
import { handleRoute, inboundFromDiscordJs, routeInteraction } from './inbound.ts';
import { createInteractionResponder, discordJsTransport } from './responder.ts';
import { REST_REQUESTS_PER_SECOND } from './limits.ts';

export interface DiscordGatewayOptions {
  token: string;
  /** REST base without a trailing slash, e.g. `http://127.0.0.1:PORT/api`; Discord's own when absent. */
  apiUrl?: string;
  commands: readonly CommandDefinition<Services>[];
  services: Services;
}

export interface RunningDiscordGateway {
  /** True while the gateway session is up (false while discord.js reconnects). */
  connected(): boolean;
  stop(): Promise<void>;
}

/** Logs in and resolves once the client is ready to receive interactions. */
export async function startDiscordGateway(options: DiscordGatewayOptions): Promise<RunningDiscordGateway> {
  const { commands, services } = options;
  const log = services.log.child({ platform: 'discord', mode: 'gateway' });
  // Interactions arrive without any intent; Guilds keeps the channel and guild caches discord.js expects.
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { globalRequestsPerSecond: REST_REQUESTS_PER_SECOND, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
  });

  // discord.js re-emits errors thrown in handlers as 'error'; with no listener Node would exit.
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord.js client error'));
  client.on(Events.ShardError, (error, shardId) => log.warn({ err: error, shardId }, 'gateway connection error'));
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    handleInteraction(interaction).catch((error: unknown) =>
      log.error({ err: error, interactionId: interaction.id }, 'interaction handling failed'),
    );
  });

  async function handleInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const route = routeInteraction(inboundFromDiscordJs(interaction), commands);
    await handleRoute(route, createInteractionResponder(discordJsTransport(interaction)), services, commands);
  }

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  log.info({ user: client.user?.tag, applicationId: client.application?.id }, 'connected to the Discord gateway');

  return {
    connected: () => client.isReady(),
    async stop() {
      await client.destroy();
      log.info('disconnected from the Discord gateway');
    },
  };
}
