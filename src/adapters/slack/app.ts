// The Slack bot: Bolt's App with our listeners for slash commands, buttons and the "Check this message"
// shortcut. HTTP mode exposes the receiver's request listener (one node:http server can serve Discord and
// Slack); Socket Mode connects out when an app token is given.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  webApi,
  type BlockAction,
  type ButtonAction,
  type MessageShortcut,
  type RespondFn,
} from '@slack/bolt';
import type { Logger } from 'pino';
import { runAction, runCommand } from '../../chat/dispatch.ts';
import type { CommandDefinition, Invocation } from '../../chat/model.ts';
import type { Services } from '../../chat/services.ts';
import { boltLogger } from './bolt-logger.ts';
import { escapeSlackText } from './escape.ts';
import {
  ACTION_ID_PATTERN,
  CHECK_MESSAGE_CALLBACK_ID,
  fromButtonPress,
  fromMessageShortcut,
  fromSlashCommand,
  type CommandInbound,
} from './inbound.ts';
import { createSlackResponder } from './responder.ts';

export interface SlackBotOptions {
  botToken: string;
  /** HTTP mode: verifies every request (required unless appToken is given). */
  signingSecret?: string;
  /** Socket Mode: an app-level token (xapp-…); when set, the bot connects out and serves no HTTP. */
  appToken?: string;
  /** Web API base, e.g. a fake on 127.0.0.1 in tests; default https://slack.com/api/. */
  apiUrl?: string;
  commands: readonly CommandDefinition<Services>[];
  services: Services;
  /** Web API retries per call; default the Slack client's own policy (minutes). Tests pass 0. */
  apiRetries?: number;
}

export interface SlackBot {
  mode: 'http' | 'socket';
  /** HTTP mode: serves POST /slack/events (404 elsewhere); null in Socket Mode. */
  requestListener: RequestListener | null;
  /** True in HTTP mode; in Socket Mode, while the websocket is connected. */
  connected(): boolean;
  /** Checks the token (a failure is logged, never fatal) and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';

/** auth.test at start: attempts for network failures, and the pause before the next one. */
const AUTH_CHECK_ATTEMPTS = 3;
const AUTH_CHECK_BACKOFF_MS = 1000;

interface BotIdentity {
  botId?: string;
  botUserId?: string;
  teamId?: string;
}

function isPlatformError(error: unknown): error is { data: { error: string } } {
  return (error as { code?: unknown })?.code === webApi.ErrorCode.PlatformError;
}

/**
 * auth.test, so a wrong token shows up in the log at start. It must not stop the bot (Bolt's own check
 * would end Node 20 with an unhandled rejection): Slack being briefly unreachable should not take us down.
 */
async function checkToken(client: webApi.WebClient, log: Logger): Promise<BotIdentity | null> {
  for (let attempt = 1; attempt <= AUTH_CHECK_ATTEMPTS; attempt += 1) {
    try {
      const result = await client.auth.test();
      log.info({ team: result.team_id, botUserId: result.user_id }, 'slack token checked');
      return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id };
    } catch (error) {
      if (isPlatformError(error)) {
        // Slack answered and refused (invalid_auth, token_revoked): retrying will not help.
        log.error({ slackError: error.data.error }, 'slack auth.test refused the bot token; continuing, commands will fail until it is fixed');
        return null;
      }
      log.warn({ attempt, err: error instanceof Error ? error.message : String(error) }, 'slack auth.test failed');
      if (attempt < AUTH_CHECK_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, AUTH_CHECK_BACKOFF_MS * attempt));
    }
  }
  log.error('slack auth.test unreachable; continuing without it');
  return null;
}

/** The user's display name for "Shared by …" (users:read); the payload's user name when that fails. */
async function displayName(client: webApi.WebClient, userId: string, fallback: string | null): Promise<string | null> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.profile?.display_name || user?.real_name || user?.name || fallback;
  } catch {
    return fallback;
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export async function createSlackBot(opts: SlackBotOptions): Promise<SlackBot> {
  const { botToken, services, commands } = opts;
  const log = services.log.child({ platform: 'slack' });
  const logger = boltLogger(services.log);
  const clientOptions: webApi.WebClientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: withTrailingSlash(opts.apiUrl) } : {}),
    ...(opts.apiRetries !== undefined ? { retryConfig: { retries: opts.apiRetries } } : {}),
    logger,
  };

  let receiver: HTTPReceiver | SocketModeReceiver;
  if (opts.appToken) {
    receiver = new SocketModeReceiver({ appToken: opts.appToken, logger, installerOptions: { clientOptions: { ...clientOptions } } });
  } else if (opts.signingSecret) {
    receiver = new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: SLACK_EVENTS_PATH, logger });
  } else {
    throw new Error('Slack needs a signing secret (HTTP mode) or an app token (Socket Mode)');
  }

  let identity: BotIdentity = {};
  const app = new App({
    receiver,
    // Our own authorize: it never calls the network, so Slack being down at start cannot crash the process.
    authorize: async () => ({ botToken, ...identity }),
    clientOptions,
    logger,
  });
  app.error(async (error) => {
    log.error({ err: error.message, code: error.code }, 'slack listener failed');
  });

  const responderFor = (ack: () => Promise<void>, respond: RespondFn, client: webApi.WebClient, invocation: Invocation, replaceOriginal: boolean) =>
    createSlackResponder({
      ack,
      respond,
      postMessage: (args) => client.chat.postMessage(args),
      channelId: invocation.channel.id,
      replaceOriginal,
      now: services.now,
    });

  // A usage mistake goes back privately: inside the acknowledgement where Slack allows a body (slash
  // commands), else through response_url (shortcuts may only be acknowledged empty).
  async function runInbound(inbound: CommandInbound, ack: () => Promise<void>, refuse: (text: string) => Promise<unknown>, respond: RespondFn, client: webApi.WebClient): Promise<void> {
    if (!inbound.ok) {
      await refuse(escapeSlackText(inbound.message));
      return;
    }
    const responder = responderFor(ack, respond, client, inbound.invocation, false);
    await runCommand({ definition: inbound.definition, invocation: inbound.invocation, responder, services });
  }

  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const refuse = (text: string) => ack({ response_type: 'ephemeral', text });
    await runInbound(fromSlashCommand(command, commands), () => ack(), refuse, respond, client);
  });

  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: CHECK_MESSAGE_CALLBACK_ID }, async ({ shortcut, ack, respond, client }) => {
    const refuse = async (text: string) => {
      await ack();
      await respond({ response_type: 'ephemeral', text });
    };
    await runInbound(fromMessageShortcut(shortcut, commands), () => ack(), refuse, respond, client);
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_ID_PATTERN }, async ({ body, ack, respond, client }) => {
    const press = fromButtonPress(body);
    if (!press) {
      await ack();
      return;
    }
    const responder = responderFor(() => ack(), respond, client, press.invocation, press.action === 'more');
    let invocation = press.invocation;
    if (press.action === 'post') {
      // Acknowledge before the lookup: Slack's 3 seconds run from the click.
      await responder.defer('private');
      invocation = { ...invocation, user: { ...invocation.user, name: await displayName(client, invocation.user.id, invocation.user.name) } };
    }
    await runAction({ encoded: press.encoded, invocation, responder, services, commands });
  });

  const tokenClient = new webApi.WebClient(botToken, { ...clientOptions, retryConfig: { retries: 0 } });

  let requestListener: RequestListener | null = null;
  if (receiver instanceof HTTPReceiver) {
    const http = receiver;
    requestListener = (req: IncomingMessage, res: ServerResponse) => {
      try {
        http.requestListener(req, res);
      } catch {
        // Bolt throws for paths it does not serve, so a shared server can route elsewhere; alone, that is a 404.
        if (!res.headersSent) res.writeHead(404).end();
      }
    };
  }

  // Socket Mode's connection state for /readyz: the client reconnects by itself, but until it has,
  // no command can reach us. HTTP mode has no connection to lose.
  let socketConnected = false;
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => (socketConnected = true));
    for (const state of ['disconnected', 'reconnecting', 'disconnecting']) receiver.client.on(state, () => (socketConnected = false));
  }

  return {
    mode: receiver instanceof SocketModeReceiver ? 'socket' : 'http',
    requestListener,
    connected: () => !(receiver instanceof SocketModeReceiver) || socketConnected,
    async start() {
      identity = (await checkToken(tokenClient, log)) ?? {};
      if (receiver instanceof SocketModeReceiver) {
        await app.start();
        log.info('slack socket mode connected');
      }
    },
    async stop() {
      if (receiver instanceof SocketModeReceiver) {
        // Bolt's stop() returns before the socket closes; the client's disconnect() waits for it.
        await receiver.client.disconnect();
      }
    },
  };
}
