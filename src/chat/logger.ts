// The bot's root logger: JSON lines (one object per line, easy to ship and grep), level from LOG_LEVEL.
// Tokens and secrets are redacted by field name, so logging a config or a request cannot leak them.
import { pino, type DestinationStream, type Logger } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Field names that hold credentials anywhere in the first levels of a logged object. */
const SECRET_FIELDS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'clientSecret',
  'password',
  'authorization',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
];

export const REDACTED_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

export interface LoggerOptions {
  /** Default: LOG_LEVEL, else `fallbackLevel`. */
  level?: string;
  /** Level when LOG_LEVEL is unset or invalid; default 'info'. */
  fallbackLevel?: string;
  env?: Record<string, string | undefined>;
  /** Where the JSON lines go; default stdout. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

function validLevel(level: string | undefined): string | null {
  const lower = level?.trim().toLowerCase();
  return lower && (LEVELS as readonly string[]).includes(lower) ? lower : null;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const level =
    validLevel(options.level) ?? validLevel(env.LOG_LEVEL) ?? validLevel(options.fallbackLevel) ?? 'info';
  const config = {
    level,
    base: { app: 'factbot' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
