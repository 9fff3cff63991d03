// `factbot serve`: the chat bot. Starts every adapter whose credentials are set (Discord gateway or HTTP
// interactions, Slack Socket Mode or HTTP events) over one index, plus one HTTP server when a
// platform posts to us. SIGINT/SIGTERM stop everything and exit 0.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { commands as allCommands } from '../../commands/index.ts';
import {
  createDiscordInteractionsHandler,
  DISCORD_INTERACTIONS_PATH,
  startDiscordGateway,
} from '../adapters/discord/index.ts';
import { createSlackBot, SLACK_EVENTS_PATH } from '../adapters/slack/index.ts';
import { createLogger } from '../chat/logger.ts';
import type { CommandDefinition } from '../chat/model.ts';
import type { Services } from '../chat/services.ts';
import { config as loadDotenvFile } from 'dotenv';
import { join } from 'node:path';
import { openChatServices } from './console.ts';
import { corpusDir, parseOptions, type CliIO, type Subcommand } from './io.ts';

export const DEFAULT_PORT = 3000;
/** How long stopping may take before the process exits anyway (a stuck socket must not block a deploy). */
const SHUTDOWN_GRACE_MS = 10_000;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface ChatCredentials {
  discord:
    | { mode: 'http'; publicKey: string; applicationId: string; token: string | null; apiUrl: string | null }
    | { mode: 'gateway'; token: string; apiUrl: string | null }
    | null;
  slack: { botToken: string; signingSecret: string | null; appToken: string | null; apiUrl: string | null } | null;
  /** Half-set credentials, as sentences naming the missing variable. */
  problems: string[];
}

/** The environment with ./.env added underneath (real environment variables win). */
export function loadDotenv(io: CliIO): Record<string, string | undefined> {
  const env = { ...io.env };
  loadDotenvFile({ path: join(io.cwd, '.env'), processEnv: env, quiet: true });
  return env;
}

/**
 * Which adapters the environment allows. Discord with a public key uses HTTP interactions (Discord
 * then sends no interactions over the gateway); Slack with an app token uses Socket Mode.
 * DISCORD_API_URL and SLACK_API_URL point the real clients elsewhere (local fakes in tests).
 */
export function chatCredentials(env: Record<string, string | undefined>): ChatCredentials {
  const value = (name: string): string | null => env[name]?.trim() || null;
  const problems: string[] = [];
  let discord: ChatCredentials['discord'] = null;
  const publicKey = value('DISCORD_PUBLIC_KEY');
  const discordToken = value('DISCORD_TOKEN');
  if (publicKey) {
    const applicationId = value('DISCORD_APPLICATION_ID');
    if (applicationId) discord = { mode: 'http', publicKey, applicationId, token: discordToken, apiUrl: value('DISCORD_API_URL') };
    else problems.push('DISCORD_PUBLIC_KEY is set but DISCORD_APPLICATION_ID is not (Discord HTTP interactions need both)');
  } else if (discordToken) {
    discord = { mode: 'gateway', token: discordToken, apiUrl: value('DISCORD_API_URL') };
  }

  let slack: ChatCredentials['slack'] = null;
  const botToken = value('SLACK_BOT_TOKEN');
  const signingSecret = value('SLACK_SIGNING_SECRET');
  const appToken = value('SLACK_APP_TOKEN');
  if (botToken && (signingSecret || appToken)) {
    slack = { botToken, signingSecret, appToken, apiUrl: value('SLACK_API_URL') };
  } else if (botToken) {
    problems.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is');
  } else if (signingSecret || appToken) {
    problems.push(`${signingSecret ? 'SLACK_SIGNING_SECRET' : 'SLACK_APP_TOKEN'} is set but SLACK_BOT_TOKEN is not`);
  }
  return { discord, slack, problems };
}

export interface RunningChat {
  /** What started, for logs and tests: e.g. ['discord-http', 'slack-socket']. */
  adapters: string[];
  /** The HTTP server's address when one was started. */
  address: AddressInfo | null;
  stop(): Promise<void>;
}

function route(listeners: Map<string, RequestListener>, log: Logger): RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    const listener = listeners.get(path);
    if (!listener) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    try {
      listener(req, res);
    } catch (error) {
      log.error({ err: error, path }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    }
  };
}

async function listen(server: Server, port: number, host: string | undefined): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

/** Starts the adapters the credentials allow. Throws when none can start. */
export async function startChat(opts: {
  credentials: ChatCredentials;
  services: Services;
  commands?: readonly CommandDefinition<Services>[];
  port?: number;
  host?: string;
}): Promise<RunningChat> {
  const { credentials, services } = opts;
  const commands = [...(opts.commands ?? allCommands)];
  const log = services.log;
  const adapters: string[] = [];
  const stoppers: Array<() => Promise<void>> = [];
  const listeners = new Map<string, RequestListener>();
  const { discord, slack } = credentials;

  try {
    if (discord?.mode === 'http') {
      listeners.set(
        DISCORD_INTERACTIONS_PATH,
        createDiscordInteractionsHandler({
          publicKey: discord.publicKey,
          applicationId: discord.applicationId,
          token: discord.token ?? undefined,
          apiUrl: discord.apiUrl ?? undefined,
          commands,
          services,
        }),
      );
      adapters.push('discord-http');
    } else if (discord?.mode === 'gateway') {
      const gateway = await startDiscordGateway({ token: discord.token, apiUrl: discord.apiUrl ?? undefined, commands, services });
      stoppers.push(() => gateway.stop());
      adapters.push('discord-gateway');
    }
    if (slack) {
      const bot = await createSlackBot({
        botToken: slack.botToken,
        signingSecret: slack.signingSecret ?? undefined,
        appToken: slack.appToken ?? undefined,
        apiUrl: slack.apiUrl ?? undefined,
        commands,
        services,
      });
      if (bot.requestListener) listeners.set(SLACK_EVENTS_PATH, bot.requestListener);
      await bot.start();
      stoppers.push(() => bot.stop());
      adapters.push(bot.requestListener ? 'slack-http' : 'slack-socket');
    }
  } catch (error) {
    await Promise.allSettled(stoppers.map((stop) => stop()));
    throw error;
  }

  let server: Server | null = null;
  let address: AddressInfo | null = null;
  if (listeners.size > 0) {
    server = createServer(route(listeners, log));
    address = await listen(server, opts.port ?? DEFAULT_PORT, opts.host);
    adapters.push('http');
  }
  if (adapters.length === 0) throw new Error('no chat credentials: nothing to start');
  log.info({ adapters, address, paths: [...listeners.keys()] }, 'chat started');

  return {
    adapters,
    address,
    async stop() {
      const results = await Promise.allSettled(stoppers.map((stop) => stop()));
      for (const result of results) if (result.status === 'rejected') log.warn({ err: result.reason }, 'adapter did not stop cleanly');
      if (server) {
        const closing = server;
        await new Promise<void>((resolve) => closing.close(() => resolve()));
        closing.closeAllConnections();
      }
      log.info('chat stopped');
    },
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runServe(args: string[], io: CliIO, root?: Logger): Promise<number> {
  const { values } = parseOptions(args, { corpus: { type: 'string' } });
  const env = loadDotenv(io);
  const log = root ?? createLogger({ env });
  const credentials = chatCredentials(env);
  if (credentials.problems.length > 0 || (!credentials.discord && !credentials.slack)) {
    for (const problem of credentials.problems) io.err(`factbot serve: ${problem}`);
    if (!credentials.discord && !credentials.slack) {
      io.err('factbot serve: no chat credentials set (DISCORD_TOKEN, DISCORD_PUBLIC_KEY, SLACK_BOT_TOKEN). Run `factbot console` to chat in the terminal.');
    }
    return 2;
  }
  const { services } = await openChatServices({ corpusDir: corpusDir(values.corpus, io), log });
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`factbot serve: PORT must be a port number, not '${env.PORT}'`);
    return 2;
  }
  let running: RunningChat;
  try {
    running = await startChat({ credentials, services, port, host: env.HOST || undefined });
  } catch (error) {
    log.error({ err: error }, 'chat could not start');
    io.err(`factbot serve: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const signal = await untilSignal();
  log.info({ signal }, 'stopping');
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  await running.stop();
  return 0;
}

export const serveSubcommand: Subcommand = {
  name: 'serve',
  summary: 'Run the chat bot on Discord and/or Slack (credentials from the environment or .env)',
  usage: [
    'Usage: factbot serve [--corpus DIR]',
    '',
    'Starts every chat adapter whose credentials are set, from the environment or ./.env:',
    '  DISCORD_TOKEN                       Discord over the gateway (no public URL needed)',
    '  DISCORD_PUBLIC_KEY + DISCORD_APPLICATION_ID (+ DISCORD_TOKEN)',
    `                                      Discord HTTP interactions at POST ${DISCORD_INTERACTIONS_PATH}`,
    '  SLACK_BOT_TOKEN + SLACK_APP_TOKEN   Slack Socket Mode (no public URL needed)',
    `  SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET  Slack HTTP events at POST ${SLACK_EVENTS_PATH}`,
    `HTTP modes listen on PORT (default ${DEFAULT_PORT}) and HOST. LOG_LEVEL sets the log level (JSON lines on stdout).`,
    'Stops cleanly on SIGINT/SIGTERM.',
  ].join('\n'),
  run: (args, io) => runServe(args, io),
};
