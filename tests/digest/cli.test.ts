// `factbot digest preview` in-process, and `factbot digest run-due` as real separate processes (a restart in
// the strictest sense) posting to the fake Slack Web API: once, then nothing more.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestContent } from '../../src/digest/content.ts';
import { openDigestStore } from '../../src/digest/store.ts';
import { FakeSlack, quotedSentences } from '../fakes/slack.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, articleText, tempCorpus } from '../helpers/corpus.ts';
import { OLD_ARTICLE_BODY } from './helpers.ts';

const run = promisify(execFile);
let fake: FakeSlack;
let corpus: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  corpus = await tempCorpus({
    'articles/2025-03-01-ferry-terminal.md': articleText({ title: 'Portmere approves ferry terminal', publisher: 'Coast Courier', published: '2025-03-01' }, OLD_ARTICLE_BODY),
  });
});

afterAll(async () => {
  await fake?.close();
});

describe('factbot digest', () => {
  it('previews as JSON: the articles first seen since --since, with their picked sentences', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-cli-'));
    const env = { FACTBOT_DATA_DIR: join(cwd, 'data') };
    const result = await runCli(['digest', 'preview', '--json', '--corpus', corpus, '--now', '2025-05-02T08:00:00Z', '--since', '2025-05-01'], { env, cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { content } = JSON.parse(result.stdout) as { content: DigestContent };
    expect(content.since).toBe(Date.parse('2025-05-01T00:00:00Z'));
    expect(content.method).toBe('centrality');
    expect(content.articles.map((a) => a.title)).toEqual(['Portmere approves ferry terminal']);
    expect(content.articles[0]?.sentences[0]?.text).toBe('The harbour authority in Portmere approved a new ferry terminal on Monday.');

    // A later preview from after the first sighting finds nothing new, and says so in one line.
    const later = await runCli(['digest', 'preview', '--corpus', corpus, '--now', '2025-05-03T08:00:00Z', '--since', '2025-05-02T09:00:00Z'], { env, cwd });
    expect(later.stdout.trim()).toBe('factbot digest 2025-05-03: nothing new since 2025-05-02 09:00 UTC.');
  });

  it('refuses a bad --since', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-cli-'));
    const result = await runCli(['digest', 'preview', '--since', 'yesterday', '--corpus', corpus], { env: { FACTBOT_DATA_DIR: join(cwd, 'data') }, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since must be a date');
  });

  it('run-due in a new process posts a due digest once; a second process later that day posts nothing', { timeout: 60_000 }, async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-cli-'));
    const dataDir = join(cwd, 'data');
    const store = openDigestStore(dataDir);
    // Subscribed before the bot ever saw the corpus: on its first run every article is first seen, so new.
    await store.subscribe({ platform: 'slack', channelId: 'C0CRON0001', workspaceId: 'T1', time: '08:00', timezone: 'Europe/Berlin', topic: null }, Date.parse('2025-05-01T00:00:00Z'));
    await store.close();
    const env = { ...process.env, FACTBOT_DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-cron', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' };
    const factbot = (now: string) => run(process.execPath, [join(REPO_ROOT, 'bin', 'factbot.js'), 'digest', 'run-due', '--corpus', corpus, '--now', now], { cwd, env });

    const first = await factbot('2025-05-02T06:00:30Z'); // 08:00:30 in Berlin (CEST)
    expect(first.stdout.trim()).toMatch(/^slack:C0CRON0001 2025-05-02 sent \(message 1700000000\.\d+ after 1 attempt\(s\)\)$/);
    const second = await factbot('2025-05-02T10:00:00Z');
    expect(second.stdout.trim()).toBe('Nothing due.');

    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0CRON0001');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.token).toBe('xoxb-cron');
    expect(quotedSentences(posts[0]?.args.blocks)).toContain('The harbour authority in Portmere approved a new ferry terminal on Monday.');
  });
});
