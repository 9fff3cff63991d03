// Versioned schema of the digest database. Each migration runs once, in its own transaction together with
// the `PRAGMA user_version` bump, so a crash mid-migration leaves the previous version intact. Migrations
// are append-only: never edit a shipped one, add the next version instead.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'subscriptions, delivery log, first-seen articles, check log',
    sql: `
      -- One row per subscribed channel. Times are ms since the epoch (UTC).
      CREATE TABLE subscriptions (
        id            INTEGER PRIMARY KEY,
        platform      TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
        channel_id    TEXT NOT NULL,
        workspace_id  TEXT,
        time          TEXT NOT NULL,          -- HH:MM, local to timezone
        timezone      TEXT NOT NULL,          -- IANA name, e.g. Europe/Berlin
        topic         TEXT,                   -- a quote query, or NULL for everything new
        created_at    INTEGER NOT NULL,       -- the first digest covers articles first seen after this
        active_since  INTEGER NOT NULL,       -- due times before this (a settings change, a resume) are not due
        paused_at     INTEGER,
        paused_reason TEXT,
        UNIQUE (platform, channel_id)
      );

      -- One row per channel and local date: the primary key is what makes a digest never go out twice.
      -- No foreign key to subscriptions: the log outlives an unsubscribe, so re-subscribing the same day
      -- cannot send that day's digest again.
      CREATE TABLE deliveries (
        platform        TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        local_date      TEXT NOT NULL,        -- YYYY-MM-DD in the subscription's time zone
        subscription_id INTEGER NOT NULL,
        due_at          INTEGER NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'empty', 'retry', 'skipped', 'failed', 'unknown')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        covered_until   INTEGER,              -- sent/empty: the next digest starts here
        message_id      TEXT,
        error           TEXT,
        updated_at      INTEGER NOT NULL,
        PRIMARY KEY (platform, channel_id, local_date)
      );

      -- The corpus only knows publication dates; this records when the bot first saw each article.
      CREATE TABLE articles_seen (
        article_id    TEXT PRIMARY KEY,
        first_seen_at INTEGER NOT NULL
      );
      CREATE INDEX articles_seen_by_time ON articles_seen (first_seen_at);

      -- What channels checked. Deliberately no user id or name: the digest reports claims, not people.
      CREATE TABLE check_log (
        id          INTEGER PRIMARY KEY,
        platform    TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        checked_at  INTEGER NOT NULL,
        claim       TEXT NOT NULL,
        match       TEXT NOT NULL CHECK (match IN ('strong', 'partial', 'none')),
        publishers  INTEGER NOT NULL,
        top_json    TEXT                      -- the best evidence sentence and its citation, or NULL
      );
      CREATE INDEX check_log_by_channel ON check_log (platform, channel_id, checked_at);
      CREATE INDEX check_log_by_time ON check_log (checked_at);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Brings `db` to the latest version; returns the versions applied. Refuses a database from a newer build. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    // An older build must not write into a schema it does not understand (a rollback after an upgrade).
    throw new Error(`The digest database is at schema version ${current}, newer than this build knows (${latest}); upgrade factbot.`);
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is an integer from this file, never user input.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
