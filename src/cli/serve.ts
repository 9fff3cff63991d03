// `factbot serve`: the chat bot. Validates the configuration, starts one HTTP server (platform endpoints
// plus /healthz, /readyz, /metrics), loads the index, follows the live corpus, and starts every adapter
// whose credentials are set (Discord gateway or HTTP interactions, Slack Socket Mode or HTTP events).
// Each part is a component (src/ops/shutdown.ts): SIGTERM/SIGINT refuse new work, let replies under way
// finish (bounded), stop everything in reverse order, flush the logs and exit 0.
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { config as loadDotenvFile } from 'dotenv';
import { pino, type Logger } from 'pino';
import PinoPretty from 'pino-pretty';
import { commands as allCommands } from '../../commands/index.ts';
import { createDiscordInteractionsHandler, DISCORD_INTERACTIONS_PATH, startDiscordGateway } from '../adapters/discord/index.ts';
import { MAX_INTERACTION_BODY_BYTES } from '../adapters/discord/http-interactions.ts';
import { createSlackBot, SLACK_EVENTS_PATH } from '../adapters/slack/index.ts';
import { attachCommandHooks, textReply } from '../chat/dispatch.ts';
import { createLogger } from '../chat/logger.ts';
import type { CommandDefinition } from '../chat/model.ts';
import type { Services } from '../chat/services.ts';
import { DEFAULT_PORT, describeConfig, loadConfig, type Config } from '../config/config.ts';
import type { ChatCredentials } from '../config/credentials.ts';
import { startLiveCorpus } from '../live/index.ts';
import { startHttpServer, type OpsHttpServer } from '../ops/http-server.ts';
import { createMetrics, type BotMetrics } from '../ops/metrics.ts';
import { MemoryRateLimiter, perMinute, rateLimitMessage, type RateLimiter } from '../ops/rate-limit.ts';
import { Components, flushLogger, InFlight, waitForSignal, type Component } from '../ops/shutdown.ts';
import { openChatServices } from './console.ts';
import { openDigests } from './digest.ts';
import type { RunReport } from '../digest/scheduler.ts';
import { parseOptions, type CliIO, type Subcommand } from './io.ts';

export { chatCredentials, type ChatCredentials } from '../config/credentials.ts';
export { DEFAULT_PORT } from '../config/config.ts';

/** Slack's largest payloads (a message shortcut carrying a long message with blocks) stay well under this. */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;
/** How long replies under way may take to finish once a shutdown starts. */
export const DRAIN_MS = 10_000;
/** Each component's own stop (close sockets, the watcher, SQLite). */
const COMPONENT_STOP_MS = 5_000;
/** After this the process exits 1 whatever is still running: a stuck socket must not block a deploy.
 *  Above the worst case of the steps (chat: drain + adapters; then the others), below Kubernetes' 30 s. */
const SHUTDOWN_DEADLINE_MS = 28_000;
export const RESTARTING_TEXT = 'The bot is restarting. Please try again in a minute.';

/** The environment with ./.env added underneath (real environment variables win). */
export function loadDotenv(io: CliIO): Record<string, string | undefined> {
  const env = { ...io.env };
  loadDotenvFile({ path: join(io.cwd, '.env'), processEnv: env, quiet: true });
  return env;
}

export interface RunningChat extends Component {
  /** What started, for logs and tests: e.g. ['discord-http', 'slack-socket', 'http']. */
  adapters: string[];
  /** The HTTP server's address when one serves the platforms. */
  address: AddressInfo | null;
  /** Commands being answered right now. */
  inFlight(): number;
}

export interface StartChatOptions {
  credentials: Pick<ChatCredentials, 'discord' | 'slack'>;
  services: Services;
  commands?: readonly CommandDefinition<Services>[];
  /** Mount the platform endpoints on this server; without it startChat starts (and stops) its own on port/host. */
  http?: OpsHttpServer;
  port?: number;
  host?: string;
  limiter?: RateLimiter;
  metrics?: BotMetrics;
  /** How long stop() waits for replies under way; default DRAIN_MS. */
  drainMs?: number;
}

/** Starts the adapters the credentials allow, with rate limits, metrics and draining around every command. Throws when none can start. */
export async function startChat(opts: StartChatOptions): Promise<RunningChat> {
  const { credentials, services, limiter, metrics } = opts;
  const commands = [...(opts.commands ?? allCommands)];
  const log = services.log;
  const adapters: string[] = [];
  const stoppers: Array<() => Promise<void>> = [];
  const routes: Array<{ path: string; maxBodyBytes: number; listener: Parameters<OpsHttpServer['route']>[0]['listener'] }> = [];
  const { discord, slack } = credentials;
  const inFlight = new InFlight();
  /** Each connection-based adapter's state, for /readyz. */
  const connections: Array<() => boolean> = [];
  const ends = new WeakMap<object, () => void>();
  let quiescing = false;

  const detach = attachCommandHooks(services, {
    async admit(invocation) {
      ends.set(invocation, inFlight.begin());
      if (quiescing) return textReply(RESTARTING_TEXT);
      const decision = await limiter?.take({ platform: invocation.platform, userId: invocation.user.id, channelId: invocation.channel.id });
      return decision && !decision.allowed ? textReply(rateLimitMessage(decision)) : null;
    },
    finished({ invocation, outcome, latencyMs }) {
      ends.get(invocation)?.();
      metrics?.observeCommand({ platform: invocation.platform, command: invocation.command, outcome, latencyMs });
    },
  });

  try {
    if (discord?.mode === 'http') {
      const listener = createDiscordInteractionsHandler({
        publicKey: discord.publicKey,
        applicationId: discord.applicationId,
        token: discord.token ?? undefined,
        apiUrl: discord.apiUrl ?? undefined,
        commands,
        services,
      });
      routes.push({ path: DISCORD_INTERACTIONS_PATH, maxBodyBytes: MAX_INTERACTION_BODY_BYTES, listener });
      adapters.push('discord-http');
    } else if (discord?.mode === 'gateway') {
      const gateway = await startDiscordGateway({ token: discord.token, apiUrl: discord.apiUrl ?? undefined, commands, services });
      stoppers.push(() => gateway.stop());
      connections.push(() => gateway.connected());
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
      if (bot.requestListener) routes.push({ path: SLACK_EVENTS_PATH, maxBodyBytes: SLACK_MAX_BODY_BYTES, listener: bot.requestListener });
      await bot.start();
      stoppers.push(() => bot.stop());
      connections.push(() => bot.connected());
      adapters.push(bot.requestListener ? 'slack-http' : 'slack-socket');
    }
    if (adapters.length === 0) throw new Error('no chat credentials: nothing to start');
  } catch (error) {
    detach();
    await Promise.allSettled(stoppers.map((stop) => stop()));
    throw error;
  }

  let http = opts.http ?? null;
  const ownServer = !opts.http && routes.length > 0;
  if (ownServer) {
    http = await startHttpServer({ port: opts.port ?? DEFAULT_PORT, host: opts.host, log, metrics, readiness: () => ({ status: 'ready', ready: true, components: {} }) });
  }
  for (const route of routes) http?.route(route);
  if (routes.length > 0) adapters.push('http');
  const address = routes.length > 0 && http ? http.address : null;
  log.info({ adapters, address, paths: routes.map((r) => r.path) }, 'chat started');

  let stopped: Promise<void> | null = null;
  const quiesce = () => {
    quiescing = true;
    if (ownServer) http?.stopAccepting();
  };
  return {
    name: 'chat',
    // Draining replies is the point of this stop; closing the adapters after it gets its own share.
    stopTimeoutMs: (opts.drainMs ?? DRAIN_MS) + COMPONENT_STOP_MS,
    adapters,
    address,
    inFlight: () => inFlight.size,
    ready: () => !quiescing && connections.every((connected) => connected()),
    quiesce,
    stop() {
      stopped ??= (async () => {
        quiesce();
        const waiting = inFlight.size;
        const drained = await inFlight.idle(opts.drainMs ?? DRAIN_MS);
        if (waiting > 0) log.info({ waited: waiting, abandoned: drained ? 0 : inFlight.size }, drained ? 'replies under way finished' : 'gave up waiting for replies under way');
        const results = await Promise.allSettled(stoppers.map((stop) => stop()));
        for (const result of results) if (result.status === 'rejected') log.warn({ err: result.reason }, 'adapter did not stop cleanly');
        detach();
        if (ownServer) await http?.close();
        log.info('chat stopped');
      })();
      return stopped;
    },
  };
}

/**
 * JSON lines for machines, written asynchronously (a synchronous write per request costs the event loop
 * more than the metrics and limits together; shutdown flushes); readable colour lines when a person
 * watches the terminal.
 */
function serveLogger(config: Config): Logger {
  const destination = process.stdout.isTTY
    ? PinoPretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' })
    : pino.destination({ dest: 1, sync: false });
  return createLogger({ level: config.logLevel, destination });
}

interface StartContext {
  config: Config;
  env: Record<string, string | undefined>;
  corpusDir: string;
  io: CliIO;
  log: Logger;
  metrics: BotMetrics;
}

/**
 * Starts each part of the bot in order, one `components.add(…)` each. The list is what /readyz reports
 * and what shutdown quiesces and stops (in reverse), so a further part of the bot is one more line here.
 */
async function startComponents(components: Components, { config, env, corpusDir, io, log, metrics }: StartContext): Promise<void> {
  const http = components.add(await httpComponent(config, log, metrics, () => components.readiness()));
  const { services } = await openChatServices({ corpusDir, log });
  // stats() walks every article: read it at start and after each corpus change, not at every scrape.
  const indexSize = async () => services.search.stats().then(({ sentences, articles }) => ({ sentences, articles }));
  let size = await indexSize();
  metrics.trackIndex(() => size);
  components.add({ name: 'index', stop: async () => {} });
  const onChange = () => void indexSize().then((next) => (size = next), (error: unknown) => log.warn({ err: error }, 'could not read the index size'));
  const live = await startLiveCorpus({ corpusDir, dataDir: config.dataDir, index: services.search, log, env, cwd: io.cwd, onChange });
  if (live.feedProblems.length > 0) log.warn({ problems: live.feedProblems.length }, 'some feeds are not polled: see the feed configuration problems above');
  components.add({ name: 'live-corpus', stop: () => live.stop() });
  services.feeds = () => live.feedStatus();
  const digests = await openDigests({ env, cwd: io.cwd, services, credentials: config, startLoop: true, onReport: (report) => countDigestOutcomes(metrics, report) });
  components.add({ name: 'digest', stop: () => digests.stop() });
  const limiter = new MemoryRateLimiter({ user: perMinute(config.rateLimits.userPerMinute), channel: perMinute(config.rateLimits.channelPerMinute) });
  components.add(await startChat({ credentials: config, services, http: http.server, limiter, metrics }));
}

/** Digest outcomes as /metrics counts them: a paused, refused or retried-later delivery is a failure. */
function countDigestOutcomes(metrics: BotMetrics, report: RunReport): void {
  for (const { platform, outcome } of report.outcomes) {
    metrics.observeDigestDelivery(platform, outcome === 'sent' || outcome === 'empty' || outcome === 'skipped' ? outcome : 'failed');
  }
}

async function httpComponent(config: Config, log: Logger, metrics: BotMetrics, readiness: () => ReturnType<Components['readiness']>): Promise<Component & { server: OpsHttpServer }> {
  const server = await startHttpServer({ port: config.port, host: config.host, log, metrics, readiness });
  log.info({ address: server.address }, 'http server listening (/healthz, /readyz, /metrics)');
  return { name: 'http', server, quiesce: () => server.stopAccepting(), stop: () => server.close() };
}

export async function runServe(args: string[], io: CliIO, root?: Logger): Promise<number> {
  const { values } = parseOptions(args, { corpus: { type: 'string' } });
  const env = loadDotenv(io);
  const loaded = loadConfig(env, io.cwd);
  if ('problems' in loaded) {
    const count = loaded.problems.length;
    io.err(`factbot serve: the configuration has ${count} problem${count === 1 ? '' : 's'}:`);
    for (const problem of loaded.problems) io.err(`  - ${problem}`);
    io.err('Every variable is described in .env.example.');
    return 2;
  }
  const { config } = loaded;
  if (!config.discord && !config.slack) {
    io.err('factbot serve: no chat credentials set (DISCORD_TOKEN, DISCORD_PUBLIC_KEY, SLACK_BOT_TOKEN). Run `factbot console` to chat in the terminal.');
    return 2;
  }
  const log = root ?? serveLogger(config);
  log.info({ config: describeConfig(config) }, 'configuration loaded');
  // Listening from the start: a signal during the index load still stops cleanly.
  const signals = waitForSignal((signal) => {
    log.warn({ signal }, 'second signal: exiting now');
    void flushLogger(log).finally(() => process.exit(1));
  });
  const metrics = createMetrics();
  const components = new Components(log);
  const corpusDir = values.corpus ?? config.corpusDir ?? join(io.cwd, 'corpus');
  try {
    await startComponents(components, { config, env, corpusDir, io, log, metrics });
    components.started();
    log.info({ components: Object.keys(components.readiness().components) }, 'ready');
  } catch (error) {
    log.error({ err: error }, 'could not start');
    io.err(`factbot serve: could not start: ${error instanceof Error ? error.message : String(error)}`);
    await components.stop(COMPONENT_STOP_MS);
    signals.dispose();
    await flushLogger(log);
    return 1;
  }
  const signal = await signals.signal;
  log.info({ signal }, 'stopping');
  setTimeout(() => {
    log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown took too long; exiting');
    void flushLogger(log).finally(() => process.exit(1));
  }, SHUTDOWN_DEADLINE_MS).unref();
  const clean = await components.stop(COMPONENT_STOP_MS);
  log.info({ clean }, 'stopped');
  await flushLogger(log);
  signals.dispose();
  // A library's stray keep-alive handle must not keep a stopped bot alive.
  setTimeout(() => process.exit(clean ? 0 : 1), 1000).unref();
  return clean ? 0 : 1;
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
    `One HTTP server listens on PORT (default ${DEFAULT_PORT}) and HOST: the endpoints above plus`,
    'GET /healthz (alive), GET /readyz (index loaded, adapters started) and GET /metrics (Prometheus).',
    'FACTBOT_USER_COMMANDS_PER_MINUTE and FACTBOT_CHANNEL_COMMANDS_PER_MINUTE limit commands (0: no limit).',
    'LOG_LEVEL sets the log level: JSON lines, or readable lines when stdout is a terminal.',
    'Every problem in the configuration is listed at start (exit 2). SIGINT/SIGTERM: replies under way',
    `finish (up to ${DRAIN_MS / 1000} s), everything stops, exit 0.`,
  ].join('\n'),
  run: (args, io) => runServe(args, io),
};
