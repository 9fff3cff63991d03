// `factbot digest preview` and `factbot digest run-due`, plus `openDigests`, which builds everything digests
// need (store, senders, permission checks, scheduler) from the environment: `serve` starts it in one call.
import type { Logger } from 'pino';
import { createDiscordDigestPoster } from '../adapters/discord/digest-sender.ts';
import { renderForTerminal } from '../adapters/console/render.ts';
import { createSlackDigestClient, createSlackDigestPoster } from '../adapters/slack/digest-sender.ts';
import { slackCanManage } from '../adapters/slack/digest-permissions.ts';
import { createLogger } from '../chat/logger.ts';
import type { ChatCredentials } from '../config/credentials.ts';
import type { Services } from '../chat/services.ts';
import { digestConfigFromEnv, type DigestServices } from '../digest/config.ts';
import { createDigestSender, type DigestSender, type PlatformPoster, type Sleep } from '../digest/deliver.ts';
import { createPermissionChecker } from '../digest/permissions.ts';
import { composeDigest, createDigestScheduler, recordArticlesSeen, startDigestLoop, windowStart, type DigestLoop, type DigestScheduler, type RunReport, type Timer } from '../digest/scheduler.ts';
import { dataDir, openDigestStore, type ChannelRef, type DigestStore } from '../digest/store.ts';
import { openChatServices } from './console.ts';
import { corpusDir, parseOptions, UsageError, type CliIO, type Subcommand } from './io.ts';
import { loadDotenv } from './serve.ts';

export interface OpenedDigests {
  /** The Services passed in, with `digest` added (same object): what the adapters need for /digest. */
  services: DigestServices;
  store: DigestStore;
  sender: DigestSender;
  scheduler: DigestScheduler;
  /** The every-minute loop, when started. */
  loop: DigestLoop | null;
  /** Stops the loop (waiting for a run in progress) and closes the store. */
  stop(): Promise<void>;
}

export interface OpenDigestsOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  services: Services;
  credentials: Pick<ChatCredentials, 'discord' | 'slack'>;
  /** Start the every-minute loop (serve); false for one-off runs (CLI). */
  startLoop: boolean;
  timer?: Timer;
  sleep?: Sleep;
  /** Sees every loop run's report (serve counts deliveries in /metrics). */
  onReport?: (report: RunReport) => void;
}

/** Opens the store in FACTBOT_DATA_DIR, records the corpus's articles as seen, wires senders and permissions. */
export async function openDigests(options: OpenDigestsOptions): Promise<OpenedDigests> {
  const { services, credentials, env } = options;
  const log = services.log.child({ component: 'digest' });
  const { config, problems } = digestConfigFromEnv(env);
  for (const problem of problems) log.warn(problem);
  const store = openDigestStore(dataDir(env, options.cwd));

  const posters: { discord?: PlatformPoster; slack?: PlatformPoster } = {};
  const discordToken = credentials.discord?.token ?? null;
  if (discordToken) posters.discord = createDiscordDigestPoster({ token: discordToken, apiUrl: credentials.discord?.apiUrl ?? undefined });
  else if (credentials.discord) log.warn('Discord digests need DISCORD_TOKEN (HTTP interactions alone cannot post to channels)');
  const slackClient = credentials.slack ? createSlackDigestClient({ botToken: credentials.slack.botToken, apiUrl: credentials.slack.apiUrl ?? undefined }) : null;
  if (slackClient) posters.slack = createSlackDigestPoster(slackClient);

  const permissions = createPermissionChecker({
    ...(slackClient ? { slackIsAdmin: (userId: string) => slackCanManage(slackClient, userId) } : {}),
    slackAllowList: config.slackManagers,
  });
  const sender = createDigestSender(posters, { log, ...(options.sleep ? { sleep: options.sleep } : {}) });
  const scheduler = createDigestScheduler({ store, search: services.search, sender, config, log });
  // Start-up: what the corpus holds now is "seen now", so only later arrivals count as new.
  await recordArticlesSeen(store, services.search, services.now());
  const loop = options.startLoop ? startDigestLoop({ scheduler, now: services.now, log, onReport: options.onReport, ...(options.timer ? { timer: options.timer } : {}) }) : null;
  // The same object, `digest` added: anything keyed on the Services object (dispatch's command hooks) still applies.
  const digestServices: DigestServices = Object.assign(services, { digest: { store, permissions, config } });
  return {
    services: digestServices,
    store,
    sender,
    scheduler,
    loop,
    async stop() {
      await loop?.stop();
      await store.close();
    },
  };
}

/** --now for tests and dry runs: an ISO date-time, else the wall clock. */
function clockFrom(flag: string | undefined): () => number {
  if (flag === undefined) return Date.now;
  const at = Date.parse(flag);
  if (Number.isNaN(at)) throw new UsageError(`--now must be an ISO date-time, not '${flag}'`);
  return () => at;
}

function parseSince(flag: string | undefined): number | null {
  if (flag === undefined) return null;
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(flag) ? `${flag}T00:00:00Z` : flag);
  if (Number.isNaN(at)) throw new UsageError(`--since must be a date (YYYY-MM-DD, UTC midnight) or an ISO date-time, not '${flag}'`);
  return at;
}

function parseChannel(flag: string | undefined): ChannelRef | null {
  if (flag === undefined) return null;
  const match = /^(discord|slack):(\S+)$/.exec(flag);
  if (!match) throw new UsageError(`--channel must be discord:<id> or slack:<id>, not '${flag}'`);
  return { platform: match[1] as ChannelRef['platform'], channelId: match[2] as string };
}

/** Posting needs only the bot tokens (no signing secret or public key: nothing is received). */
export function senderCredentials(env: Record<string, string | undefined>): Pick<ChatCredentials, 'discord' | 'slack'> {
  const value = (name: string): string | null => env[name]?.trim() || null;
  const discordToken = value('DISCORD_TOKEN');
  const slackToken = value('SLACK_BOT_TOKEN');
  return {
    discord: discordToken ? { mode: 'gateway', token: discordToken, apiUrl: value('DISCORD_API_URL') } : null,
    slack: slackToken ? { botToken: slackToken, signingSecret: null, appToken: null, apiUrl: value('SLACK_API_URL') } : null,
  };
}

async function openForCli(io: CliIO, corpusFlag: string | undefined, now: () => number, log: Logger): Promise<OpenedDigests> {
  const env = loadDotenv(io);
  const { services } = await openChatServices({ corpusDir: corpusDir(corpusFlag, io), log, now });
  return openDigests({ env, cwd: io.cwd, services, credentials: senderCredentials(env), startLoop: false });
}

function cliLogger(io: CliIO): Logger {
  // Logs only when LOG_LEVEL asks; the CLI's own output is the report.
  return createLogger({ env: io.env, fallbackLevel: 'silent' });
}

async function runPreview(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    corpus: { type: 'string' },
    since: { type: 'string' },
    topic: { type: 'string' },
    channel: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const now = clockFrom(values.now);
  const channel = parseChannel(values.channel);
  const sinceFlag = parseSince(values.since);
  const digests = await openForCli(io, values.corpus, now, cliLogger(io));
  try {
    const { store, services } = digests;
    const subscription = channel ? await store.subscription(channel) : null;
    const since = sinceFlag ?? (subscription ? await windowStart(store, subscription) : now() - 24 * 3_600_000);
    const topic = values.topic ?? subscription?.topic ?? null;
    const timezone = subscription?.timezone ?? services.digest.config.defaultTimezone;
    const { content, reply } = await composeDigest(
      { store, search: services.search, config: services.digest.config },
      { channel, timezone, topic, since, now: now(), whenEmpty: 'note' },
    );
    io.out(values.json ? JSON.stringify({ content, reply }) : renderForTerminal(reply ?? { blocks: [], summary: '' }, { color: false }));
    return 0;
  } finally {
    await digests.stop();
  }
}

async function runDueNow(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(args, { corpus: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const now = clockFrom(values.now);
  const digests = await openForCli(io, values.corpus, now, cliLogger(io));
  try {
    const report = await digests.scheduler.runDue(now());
    if (values.json) io.out(JSON.stringify(report));
    else if (report.outcomes.length === 0) io.out('Nothing due.');
    else for (const o of report.outcomes) io.out(`${o.platform}:${o.channelId} ${o.localDate} ${o.outcome}${o.detail ? ` (${o.detail})` : ''}`);
    // Exit 1 when something needs an operator: a paused channel or a digest that could not go out.
    return report.outcomes.some((o) => o.outcome === 'paused' || o.outcome === 'failed') ? 1 : 0;
  } finally {
    await digests.stop();
  }
}

const COMMON_HELP = [
  '  --corpus DIR     the corpus folder (default: $FACTBOT_CORPUS, else ./corpus)',
  '  --now ISO        act as if it were this time (testing and dry runs)',
  'State lives in $FACTBOT_DATA_DIR (default ./data): subscriptions, the delivery log, first-seen articles, the check log.',
];

export const digestPreviewCommand: Subcommand = {
  name: 'digest preview',
  summary: 'Show what a digest would say now (nothing is posted)',
  usage: [
    'Usage: factbot digest preview [--since DATE] [--topic Q] [--channel discord:ID|slack:ID] [--json]',
    '',
    'Articles first seen by the bot since DATE (default: the channel\'s last digest, else the last 24 hours),',
    'each with its one or two most central sentences (or those matching --topic), and with --channel the',
    "checks that channel ran. Like the bot, it records the corpus's articles as seen.",
    '  --since DATE     YYYY-MM-DD (UTC midnight) or an ISO date-time',
    '  --topic Q        only new sentences matching this query (quote syntax)',
    '  --json           {"content": {...}, "reply": {...}}',
    ...COMMON_HELP,
  ].join('\n'),
  run: runPreview,
};

export const digestRunDueCommand: Subcommand = {
  name: 'digest run-due',
  summary: 'Send the digests that are due now (for an external scheduler such as cron)',
  usage: [
    'Usage: factbot digest run-due [--json]',
    '',
    'Sends every digest due now, once: the delivery log keeps it from going out twice, even next to a',
    'running `factbot serve`. Credentials as for serve (DISCORD_TOKEN, SLACK_BOT_TOKEN, …).',
    'Exit code 1 when a channel was paused or a digest was refused.',
    '  --json           the run report as JSON',
    ...COMMON_HELP,
  ].join('\n'),
  run: runDueNow,
};
