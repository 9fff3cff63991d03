// loadConfig: every problem at once, named by variable, secrets never echoed; defaults when unset.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, describeConfig, loadConfig, type Config } from '../../src/config/config.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, SEED_CORPUS } from '../helpers/corpus.ts';

const PUBLIC_KEY = 'ab'.repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  const loaded = loadConfig(env, '/srv/bot');
  if (!('problems' in loaded)) throw new Error(`expected problems, got a config: ${JSON.stringify(loaded.config)}`);
  return loaded.problems;
}

function configOf(env: Record<string, string>): Config {
  const loaded = loadConfig(env, '/srv/bot');
  if ('problems' in loaded) throw new Error(`unexpected problems: ${loaded.problems.join('; ')}`);
  return loaded.config;
}

describe('loadConfig', () => {
  it('reports all three problems of a configuration with three errors, each naming its variable and what is expected', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: 'bot-token',
      PORT: '80800',
      LOG_LEVEL: 'loud',
      DISCORD_API_URL: 'discord.example',
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/whole number from 0 to 65535, not '80800'/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toMatch(/one of fatal, error, warn, info, debug, trace, silent, not 'loud'/);
    expect(problems.find((p) => p.startsWith('DISCORD_API_URL:'))).toMatch(/http\(s\) URL/);
  });

  it('lists a missing half of a pair together with malformed values', () => {
    const problems = problemsOf({ DISCORD_PUBLIC_KEY: 'abc', PORT: 'http' });
    expect(problems).toHaveLength(3);
    expect(problems.some((p) => p.startsWith('DISCORD_PUBLIC_KEY:') && p.includes('64 hexadecimal'))).toBe(true);
    expect(problems.some((p) => p.includes('DISCORD_APPLICATION_ID is not'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
  });

  it('never echoes a secret, even when it is the value at fault', () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'xapp-1-A0SECRETAPPTOKEN-0123456789',
      SLACK_APP_TOKEN: 'xoxb-0123-SECRETBOTTOKEN',
      SLACK_SIGNING_SECRET: 'SIGNINGSECRET with gap 8f742231b10e',
      DISCORD_TOKEN: 'MTAx.secret token',
    };
    const problems = problemsOf(secrets);
    expect(problems).toHaveLength(4);
    const text = problems.join('\n');
    for (const value of Object.values(secrets)) {
      expect(text).not.toContain(value);
      for (const part of value.split(/[\s.-]/).filter((p) => p.length > 5)) expect(text).not.toContain(part);
    }
    // Swapped Slack tokens are a common mistake; the message says so.
    expect(text).toContain('belongs in SLACK_APP_TOKEN');
    expect(text).toContain('belongs in SLACK_BOT_TOKEN');
  });

  it('fills in defaults and treats blank values as unset, as in .env.example', () => {
    const blank = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '  ']));
    const config = configOf({ ...blank, DISCORD_TOKEN: 'bot-token' });
    expect(config).toMatchObject({
      discord: { mode: 'gateway', token: 'bot-token', apiUrl: null },
      slack: null,
      port: 3000,
      host: null,
      logLevel: 'info',
      corpusDir: null,
      dataDir: '/srv/bot/data',
      feedsFile: null,
      rateLimits: { userPerMinute: 10, channelPerMinute: 30 },
    });
  });

  it('reads every variable of a complete HTTP-mode configuration', () => {
    const config = configOf({
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_APPLICATION_ID: '1100000000000000001',
      DISCORD_TOKEN: 'bot-token',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'DEBUG',
      FACTBOT_CORPUS: '/data/corpus',
      FACTBOT_DATA_DIR: 'state',
      FACTBOT_FEEDS: 'feeds.yaml',
      FACTBOT_USER_COMMANDS_PER_MINUTE: '0',
      FACTBOT_CHANNEL_COMMANDS_PER_MINUTE: '120',
    });
    expect(config.discord).toEqual({ mode: 'http', publicKey: PUBLIC_KEY, applicationId: '1100000000000000001', token: 'bot-token', apiUrl: 'http://127.0.0.1:9/api' });
    expect(config.slack).toEqual({ botToken: 'xoxb-1-2-3', signingSecret: '8f742231b10e8888abcd99yyyzzz85a5', appToken: null, apiUrl: 'http://127.0.0.1:9/api/' });
    expect(config).toMatchObject({ port: 0, host: '127.0.0.1', logLevel: 'debug', corpusDir: '/data/corpus', dataDir: '/srv/bot/state', feedsFile: 'feeds.yaml' });
    expect(config.rateLimits).toEqual({ userPerMinute: 0, channelPerMinute: 120 });
  });

  it('describes a configuration for the log without any credential value', () => {
    const config = configOf({ DISCORD_PUBLIC_KEY: PUBLIC_KEY, DISCORD_APPLICATION_ID: '1', DISCORD_TOKEN: 'discord-secret', SLACK_BOT_TOKEN: 'xoxb-slack-secret', SLACK_APP_TOKEN: 'xapp-app-secret' });
    const described = JSON.stringify(describeConfig(config));
    expect(described).toContain('"discord":"http"');
    expect(described).toContain('"slack":"socket"');
    for (const secret of ['discord-secret', 'xoxb-slack-secret', 'xapp-app-secret']) expect(described).not.toContain(secret);
  });
});

describe('.env.example', () => {
  it('documents every variable the bot reads, and loads cleanly as it is', async () => {
    const text = await readFile(join(REPO_ROOT, '.env.example'), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(text, name).toMatch(new RegExp(`^${name}=`, 'm'));
    const loaded = loadConfig(parse(text), '/srv/bot');
    expect(loaded).not.toHaveProperty('problems');
  });
});

describe('factbot serve with a broken configuration', () => {
  it('exits 2 before loading anything, listing every problem', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-config-'));
    const result = await runCli(['serve', '--corpus', SEED_CORPUS], {
      env: { SLACK_BOT_TOKEN: 'xoxb-top-secret-token', SLACK_SIGNING_SECRET: 's', PORT: 'eighty', LOG_LEVEL: 'verbose', FACTBOT_USER_COMMANDS_PER_MINUTE: '-1' },
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the configuration has 3 problems');
    for (const name of ['PORT', 'LOG_LEVEL', 'FACTBOT_USER_COMMANDS_PER_MINUTE']) expect(result.stderr).toContain(`  - ${name}: `);
    expect(result.stderr + result.stdout).not.toContain('top-secret');
  });
});
