// The check log behind "what this channel checked": /check wrapped with withCheckLog over the real seed
// corpus and checker, a real SQLite file, and the 30-day pruning done by runDue.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../commands/check.ts';
import type { Invocation } from '../../src/chat/model.ts';
import { withCheckLog } from '../../src/digest/check-log.ts';
import { DEFAULT_DIGEST_CONFIG, type DigestServices } from '../../src/digest/config.ts';
import { createPermissionChecker } from '../../src/digest/permissions.ts';
import { createDigestScheduler } from '../../src/digest/scheduler.ts';
import { DATABASE_FILE, openDigestStore } from '../../src/digest/store.ts';
import { seedServices } from '../helpers/services.ts';
import { recordingSender } from './helpers.ts';

const CLAIM = 'Putin rejected a peace deal';
const DAY = 24 * 3_600_000;

function slackInvocation(options: Invocation['options']): Invocation {
  return {
    platform: 'slack',
    command: 'check',
    options,
    user: { id: 'U0SECRETUSER', name: 'Mallory Example' },
    channel: { id: 'C0CHECKS01' },
    workspace: { id: 'T1' },
    requestId: 'r1',
  };
}

async function setUp() {
  const dir = await mkdtemp(join(tmpdir(), 'factbot-checklog-'));
  const store = openDigestStore(dir);
  let now = Date.parse('2025-05-01T12:00:00Z');
  const seed = await seedServices();
  const services: DigestServices = {
    ...seed,
    now: () => now,
    digest: { store, permissions: createPermissionChecker(), config: DEFAULT_DIGEST_CONFIG },
  };
  return { dir, store, services, setNow: (value: number) => void (now = value) };
}

const loggedCheck = withCheckLog(checkCommand);

describe('check log', () => {
  it('logs a /check in a channel with its claim, strength and best source, and nothing about the user', async () => {
    const { dir, store, services } = await setUp();
    const reply = await loggedCheck.run(slackInvocation({ claim: CLAIM }), services, 0);
    // The wrapped command answers exactly as the plain one does.
    expect(reply).toEqual(await checkCommand.run(slackInvocation({ claim: CLAIM }), services, 0));

    const [entry, ...rest] = await store.checks({ platform: 'slack', channelId: 'C0CHECKS01' }, 0, Number.MAX_SAFE_INTEGER);
    expect(rest).toEqual([]);
    const direct = await services.checker.check(CLAIM, { limit: 50 });
    expect(entry).toMatchObject({ claim: CLAIM, match: direct.match, publishers: direct.publishers, checkedAt: Date.parse('2025-05-01T12:00:00Z') });
    expect(entry?.top?.text).toBe(direct.evidence[0]?.text);
    expect(entry?.top?.publisher).toBe(direct.evidence[0]?.article.publisher);
    await store.close();

    // The row on disk: no column or value that could identify who asked.
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const columns = (db.prepare('PRAGMA table_info(check_log)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns.some((name) => /user|author|member/i.test(name))).toBe(false);
    const raw = JSON.stringify(db.prepare('SELECT * FROM check_log').all());
    expect(raw).not.toContain('U0SECRETUSER');
    expect(raw).not.toContain('Mallory');
    db.close();
  });

  it('does not log a More page, the console, or services without the digest runtime', async () => {
    const { store, services } = await setUp();
    await loggedCheck.run(slackInvocation({ claim: CLAIM }), services, 5);
    await loggedCheck.run({ ...slackInvocation({ claim: CLAIM }), platform: 'console' }, services, 0);
    const { digest: _digest, ...plain } = services;
    await loggedCheck.run(slackInvocation({ claim: CLAIM }), plain, 0);
    expect(await store.checks({ platform: 'slack', channelId: 'C0CHECKS01' }, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    await store.close();
  });

  it('is pruned after 30 days by the scheduler run', async () => {
    const { store, services, setNow } = await setUp();
    await loggedCheck.run(slackInvocation({ claim: CLAIM }), services, 0);
    setNow(Date.parse('2025-05-20T12:00:00Z'));
    await loggedCheck.run(slackInvocation({ claim: 'Kozak secured a deal' }), services, 0);
    const scheduler = createDigestScheduler({ store, search: services.search, sender: recordingSender({ now: services.now }), config: DEFAULT_DIGEST_CONFIG, log: services.log });
    await scheduler.runDue(Date.parse('2025-05-01T12:00:00Z') + 30 * DAY + 1);
    const left = await store.checks({ platform: 'slack', channelId: 'C0CHECKS01' }, 0, Number.MAX_SAFE_INTEGER);
    expect(left.map((c) => c.claim)).toEqual(['Kozak secured a deal']);
    await store.close();
  });
});
