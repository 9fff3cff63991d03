// The Slack app manifest is generated from the real command definitions, and `factbot manifest slack`
// prints exactly that manifest.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { CHECK_MESSAGE_CALLBACK_ID } from '../../../src/adapters/slack/inbound.ts';
import { slackManifest } from '../../../src/adapters/slack/manifest.ts';
import { runCli } from '../../helpers/cli.ts';

describe('slackManifest', () => {
  const http = slackManifest({ commands, url: 'https://bot.example.org/factbot/' });

  it('declares one slash command per chat command, with usage hints and the request URL', () => {
    const slash = http.features?.slash_commands ?? [];
    expect(slash.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    const quote = slash.find((c) => c.command === '/quote');
    expect(quote?.usage_hint).toBe('<query> [--public]');
    expect(quote?.should_escape).toBe(false);
    for (const command of slash) {
      expect(command.url).toBe('https://bot.example.org/factbot/slack/events');
      // Manifest limits (@slack/web-api's Manifest docs): command 32, description 2000, usage hint 1000.
      expect(command.command.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('declares the "Check this message" shortcut our listener answers, the scopes and interactivity', () => {
    expect(http.features?.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: CHECK_MESSAGE_CALLBACK_ID, name: 'Check this message' })]);
    expect(http.oauth_config?.scopes?.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'users:read']);
    expect(http.settings).toMatchObject({
      interactivity: { is_enabled: true, request_url: 'https://bot.example.org/factbot/slack/events' },
      socket_mode_enabled: false,
    });
    expect((http.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect(http.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]+$/);
  });

  it('has no request URLs in Socket Mode', () => {
    const socket = slackManifest({ commands, socket: true });
    expect(JSON.stringify(socket)).not.toContain('http');
    expect(socket.settings?.socket_mode_enabled).toBe(true);
    expect(socket.settings?.interactivity?.is_enabled).toBe(true);
  });

  it('refuses a non-https URL (Slack would)', () => {
    expect(() => slackManifest({ commands, url: 'http://bot.example.org' })).toThrow(/https/);
  });
});

describe('factbot manifest slack', () => {
  it('prints the Socket Mode manifest as JSON', async () => {
    const run = await runCli(['manifest', 'slack', '--socket']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(slackManifest({ commands, socket: true }));
  });

  it('prints the HTTP manifest as YAML', async () => {
    const run = await runCli(['manifest', 'slack', '--url', 'https://bot.example.org', '--format', 'yaml']);
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual(slackManifest({ commands, url: 'https://bot.example.org' }));
  });

  it.each([[[]], [['--url', 'http://insecure.example.org']], [['--socket', '--format', 'xml']]])('refuses %j with exit code 2', async (args) => {
    const run = await runCli(['manifest', 'slack', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/factbot manifest slack: /);
  });
});
