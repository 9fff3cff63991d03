// The bot's whole configuration, read from the environment once at start and validated with zod, so a
// misconfigured bot stops with one message listing every problem (variable name and what is expected)
// instead of failing later on the first request. Secrets are checked but never echoed: a problem with a
// token says what is wrong with it, never what it is.
import { resolve } from 'node:path';
import { z } from 'zod';
import { chatCredentials, type ChatCredentials } from './credentials.ts';

export const DEFAULT_PORT = 3000;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Commands a user may run per minute (the bucket also allows this many at once), and a channel. */
export const DEFAULT_USER_COMMANDS_PER_MINUTE = 10;
export const DEFAULT_CHANNEL_COMMANDS_PER_MINUTE = 30;
const MAX_COMMANDS_PER_MINUTE = 100_000;

/** Every variable the bot reads; anything else in the environment is ignored. */
export const CONFIG_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_API_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'FACTBOT_CORPUS',
  'FACTBOT_DATA_DIR',
  'FACTBOT_FEEDS',
  'FACTBOT_USER_COMMANDS_PER_MINUTE',
  'FACTBOT_CHANNEL_COMMANDS_PER_MINUTE',
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** The variables whose values must never appear in logs or messages. */
export const SECRET_VARIABLES: readonly ConfigVariable[] = ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'];

export interface Config {
  discord: ChatCredentials['discord'];
  slack: ChatCredentials['slack'];
  port: number;
  /** null: every interface (Node's default). */
  host: string | null;
  logLevel: LogLevel;
  /** FACTBOT_CORPUS as given; null means ./corpus. */
  corpusDir: string | null;
  /** FACTBOT_DATA_DIR resolved against the working directory (default ./data). */
  dataDir: string;
  /** FACTBOT_FEEDS as given; null means corpus/feeds.yaml. */
  feedsFile: string | null;
  /** 0 switches a limit off. */
  rateLimits: { userPerMinute: number; channelPerMinute: number };
}

export type LoadedConfig = { config: Config } | { problems: string[] };

/** Blank means unset: .env.example lists every variable with an empty value. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value), schema.optional());

/** A string failing `check` gets `expected`; non-secret values are quoted back so the operator sees the typo. */
function text(check: (value: string) => boolean, expected: string | ((value: string) => string), secret = false) {
  return z.string().superRefine((value, ctx) => {
    if (check(value)) return;
    const what = typeof expected === 'function' ? expected(value) : expected;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: secret ? what : `${what}, not '${value}'` });
  });
}

const noSpaces = (value: string) => !/\s/.test(value);
const secretToken = (extra: (value: string) => string | null = () => null) =>
  text(
    (value) => noSpaces(value) && extra(value) === null,
    (value) => (noSpaces(value) ? (extra(value) as string) : 'must be one word without spaces or line breaks (was it pasted whole?)'),
    true,
  );
const httpUrl = text((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected an http(s) URL such as https://discord.com/api');
const wholeNumber = (min: number, max: number) =>
  text((value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max, `expected a whole number from ${min} to ${max}`).transform(Number);

const schema = z.object({
  DISCORD_TOKEN: optional(secretToken()),
  DISCORD_APPLICATION_ID: optional(text((v) => /^\d{1,20}$/.test(v), 'expected the numeric application id from the developer portal')),
  DISCORD_PUBLIC_KEY: optional(
    text((v) => /^[0-9a-f]{64}$/i.test(v), (v) => `expected the 64 hexadecimal characters of the developer portal's public key (got ${v.length} characters)`, true),
  ),
  DISCORD_API_URL: optional(httpUrl),
  SLACK_BOT_TOKEN: optional(
    secretToken((v) =>
      v.startsWith('xoxb-') ? null : v.startsWith('xapp-') ? 'expected a bot token (xoxb-…); this looks like the app-level token, which belongs in SLACK_APP_TOKEN' : 'expected a bot token starting with xoxb-',
    ),
  ),
  SLACK_SIGNING_SECRET: optional(secretToken()),
  SLACK_APP_TOKEN: optional(
    secretToken((v) =>
      v.startsWith('xapp-') ? null : v.startsWith('xoxb-') ? 'expected an app-level token (xapp-…); this looks like the bot token, which belongs in SLACK_BOT_TOKEN' : 'expected an app-level token starting with xapp-',
    ),
  ),
  SLACK_API_URL: optional(httpUrl),
  PORT: optional(wholeNumber(0, 65535)),
  HOST: optional(text(noSpaces, 'expected a host name or IP address to listen on, such as 0.0.0.0 or 127.0.0.1')),
  LOG_LEVEL: optional(text((v) => (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()), `expected one of ${LOG_LEVELS.join(', ')}`)),
  FACTBOT_CORPUS: optional(z.string()),
  FACTBOT_DATA_DIR: optional(z.string()),
  FACTBOT_FEEDS: optional(z.string()),
  FACTBOT_USER_COMMANDS_PER_MINUTE: optional(wholeNumber(0, MAX_COMMANDS_PER_MINUTE)),
  FACTBOT_CHANNEL_COMMANDS_PER_MINUTE: optional(wholeNumber(0, MAX_COMMANDS_PER_MINUTE)),
});

/**
 * Reads and validates the configuration. Problems are sentences starting with the variable's name;
 * all of them are returned, never just the first. `cwd` anchors FACTBOT_DATA_DIR.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): LoadedConfig {
  const raw = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name]]));
  const parsed = schema.safeParse(raw);
  // Missing halves of a pair are looked at even when a value is malformed: the operator fixes all at once.
  const credentials = chatCredentials(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'configuration'}: ${issue.message}`)),
    ...credentials.problems,
  ];
  if (!parsed.success || problems.length > 0) return { problems };
  const values = parsed.data;
  return {
    config: {
      discord: credentials.discord,
      slack: credentials.slack,
      port: values.PORT ?? DEFAULT_PORT,
      host: values.HOST ?? null,
      logLevel: (values.LOG_LEVEL?.toLowerCase() ?? 'info') as LogLevel,
      corpusDir: values.FACTBOT_CORPUS ?? null,
      dataDir: resolve(cwd, values.FACTBOT_DATA_DIR ?? 'data'),
      feedsFile: values.FACTBOT_FEEDS ?? null,
      rateLimits: {
        userPerMinute: values.FACTBOT_USER_COMMANDS_PER_MINUTE ?? DEFAULT_USER_COMMANDS_PER_MINUTE,
        channelPerMinute: values.FACTBOT_CHANNEL_COMMANDS_PER_MINUTE ?? DEFAULT_CHANNEL_COMMANDS_PER_MINUTE,
      },
    },
  };
}

/** What is safe to log about a configuration: modes and settings, no credential values. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    discord: config.discord?.mode ?? null,
    slack: config.slack ? (config.slack.appToken ? 'socket' : 'http') : null,
    port: config.port,
    host: config.host,
    logLevel: config.logLevel,
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    feedsFile: config.feedsFile,
    rateLimits: config.rateLimits,
    apiOverrides: { discord: config.discord?.apiUrl ?? null, slack: config.slack?.apiUrl ?? null },
  };
}
