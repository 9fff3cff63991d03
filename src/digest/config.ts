// Digest settings and the services the /digest command needs on top of the chat Services.
import type { Services } from '../chat/services.ts';
import type { PermissionChecker } from './permissions.ts';
import { canonicalTimeZone, DEFAULT_CATCH_UP_MS, parseTime } from './schedule.ts';
import type { DigestStore } from './store.ts';

const DAY_MS = 24 * 3_600_000;

export interface DigestConfig {
  /** Used when /digest subscribe gives no time. */
  defaultTime: string;
  defaultTimezone: string;
  /** A digest that fell due longer ago than this (the bot was down) is skipped and logged. */
  catchUpMs: number;
  /** Nothing new: 'skip' posts nothing (the default), 'note' posts one line saying so. */
  whenEmpty: 'skip' | 'note';
  /** Checks older than this are deleted from the check log. */
  checkRetentionMs: number;
  /** Per digest; the rest is counted ("and 4 more"). */
  maxArticles: number;
  maxChecks: number;
  /** Slack user ids who may subscribe and unsubscribe besides admins and owners. */
  slackManagers: string[];
}

export const DEFAULT_DIGEST_CONFIG: DigestConfig = {
  defaultTime: '09:00',
  defaultTimezone: 'UTC',
  catchUpMs: DEFAULT_CATCH_UP_MS,
  whenEmpty: 'skip',
  checkRetentionMs: 30 * DAY_MS,
  maxArticles: 8,
  maxChecks: 10,
  slackManagers: [],
};

/**
 * From the environment: FACTBOT_DIGEST_TIME (HH:MM), FACTBOT_DIGEST_TIMEZONE (IANA),
 * FACTBOT_DIGEST_CATCH_UP_HOURS (default 6), FACTBOT_DIGEST_WHEN_EMPTY (skip | note),
 * FACTBOT_DIGEST_SLACK_MANAGERS (comma-separated Slack user ids). Bad values keep the default and are reported.
 */
export function digestConfigFromEnv(env: Record<string, string | undefined>): { config: DigestConfig; problems: string[] } {
  const config: DigestConfig = { ...DEFAULT_DIGEST_CONFIG, slackManagers: [] };
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || null;

  const time = value('FACTBOT_DIGEST_TIME');
  if (time) {
    const parsed = parseTime(time);
    if (parsed) config.defaultTime = parsed;
    else problems.push(`FACTBOT_DIGEST_TIME must be HH:MM, not '${time}'`);
  }
  const zone = value('FACTBOT_DIGEST_TIMEZONE');
  if (zone) {
    const canonical = canonicalTimeZone(zone);
    if (canonical) config.defaultTimezone = canonical;
    else problems.push(`FACTBOT_DIGEST_TIMEZONE must be an IANA time zone such as Europe/Berlin, not '${zone}'`);
  }
  const hours = value('FACTBOT_DIGEST_CATCH_UP_HOURS');
  if (hours) {
    const parsed = Number(hours);
    if (Number.isFinite(parsed) && parsed >= 0) config.catchUpMs = parsed * 3_600_000;
    else problems.push(`FACTBOT_DIGEST_CATCH_UP_HOURS must be a number of hours, not '${hours}'`);
  }
  const empty = value('FACTBOT_DIGEST_WHEN_EMPTY');
  if (empty) {
    if (empty === 'skip' || empty === 'note') config.whenEmpty = empty;
    else problems.push(`FACTBOT_DIGEST_WHEN_EMPTY must be 'skip' or 'note', not '${empty}'`);
  }
  config.slackManagers = (value('FACTBOT_DIGEST_SLACK_MANAGERS') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return { config, problems };
}

/** What /digest needs besides the chat Services. */
export interface DigestRuntime {
  store: DigestStore;
  permissions: PermissionChecker;
  config: DigestConfig;
}

export type DigestServices = Services & { digest: DigestRuntime };

/** True when these services carry the digest runtime (serve adds it; the console and old wiring may not). */
export function hasDigest(services: Services): services is DigestServices {
  return typeof (services as Partial<DigestServices>).digest === 'object' && (services as Partial<DigestServices>).digest !== null;
}
