// `factbot deploy-commands` against the fake Discord REST: the PUT body describes exactly the command
// definitions in commands/, and a second run sends the same body (bulk overwrite is idempotent).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { slashCommandJSON } from '../../../src/adapters/discord/commands.ts';
import { FAKE_APPLICATION_ID, FakeDiscord, type CapturedRequest } from '../../fakes/discord.ts';
import { runCli } from '../../helpers/cli.ts';

const TOKEN = 'test-bot-token-not-secret';
let discord: FakeDiscord;
let emptyDir: string;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  emptyDir = await mkdtemp(join(tmpdir(), 'factbot-deploy-'));
});
afterAll(() => discord.close());

const env = () => ({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID, DISCORD_API_URL: discord.apiUrl });
const isPut = (path: string) => (r: CapturedRequest) => r.method === 'PUT' && r.path === path;
const OPTION_TYPES = { string: ApplicationCommandOptionType.String, integer: ApplicationCommandOptionType.Integer, boolean: ApplicationCommandOptionType.Boolean };

describe('factbot deploy-commands', () => {
  it('PUTs every definition globally, and a second run sends the same body', async () => {
    const path = `/api/v10/applications/${FAKE_APPLICATION_ID}/commands`;
    const first = await runCli(['deploy-commands'], { env: env(), cwd: emptyDir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await runCli(['deploy-commands'], { env: env(), cwd: emptyDir });
    expect(second.code).toBe(0);

    const [put1, put2] = await discord.waitForRequests(isPut(path), 2);
    expect(put2?.body).toEqual(put1?.body);
    expect(put1?.headers.authorization).toBe(`Bot ${TOKEN}`);

    const body = put1?.body as RESTPutAPIApplicationCommandsJSONBody;
    const slash = body.filter((c) => c.type === ApplicationCommandType.ChatInput);
    expect(slash.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    // /digest is registered with real subcommands; tests/digest covers its JSON.
    for (const definition of commands.filter((c) => c.name !== 'digest')) {
      const sent = slash.find((c) => c.name === definition.name);
      expect(sent && 'description' in sent ? sent.description : undefined).toBe(definition.description);
      const sentOptions = (sent && 'options' in sent ? sent.options : []) ?? [];
      expect(sentOptions.map((o) => o.name).sort()).toEqual(definition.options.map((o) => o.name).sort());
      for (const option of definition.options) {
        const sentOption = sentOptions.find((o) => o.name === option.name);
        expect(sentOption).toMatchObject({ type: OPTION_TYPES[option.type], required: option.required, description: option.description });
      }
      // Discord refuses a required option after an optional one.
      const required = sentOptions.map((o) => ('required' in o && o.required) === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
    expect(body.filter((c) => c.type === ApplicationCommandType.Message)).toEqual([{ type: ApplicationCommandType.Message, name: 'Check this message' }]);
    expect(first.stdout).toContain('/quote');
    expect(first.stdout).toContain('"Check this message"');
    expect(`${first.stdout}${first.stderr}`).not.toContain(TOKEN);
  });

  it('offers `public` on quote and check', () => {
    for (const name of ['quote', 'check']) {
      const definition = commands.find((c) => c.name === name);
      expect(definition, name).toBeDefined();
      const json = slashCommandJSON(definition!);
      expect('options' in json ? json.options : []).toContainEqual(expect.objectContaining({ name: 'public', type: ApplicationCommandOptionType.Boolean }));
    }
  });

  it('PUTs to the guild route with --guild, reading settings from .env', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-deploy-env-'));
    await writeFile(join(dir, '.env'), Object.entries(env()).map(([k, v]) => `${k}=${v}`).join('\n'));
    const result = await runCli(['deploy-commands', '--guild', '1400000000000000001'], { env: {}, cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('in server 1400000000000000001');
    await discord.waitForRequest(isPut(`/api/v10/applications/${FAKE_APPLICATION_ID}/guilds/1400000000000000001/commands`));
  });

  it('names each missing variable and sends nothing', async () => {
    const before = discord.requests.length;
    const result = await runCli(['deploy-commands'], { env: { DISCORD_API_URL: discord.apiUrl }, cwd: emptyDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set');
    const onlyToken = await runCli(['deploy-commands'], { env: { DISCORD_TOKEN: TOKEN }, cwd: emptyDir });
    expect(onlyToken.stderr).toContain('DISCORD_APPLICATION_ID is not set');
    expect(onlyToken.stderr).not.toContain(TOKEN);
    expect(discord.requests.length).toBe(before);
  });

  it('rejects a --guild that is not a server id', async () => {
    const result = await runCli(['deploy-commands', '--guild', 'my-server'], { env: env(), cwd: emptyDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--guild');
  });

  it('reports a token Discord refuses without printing the token', async () => {
    discord.overrides.push((r) => (r.method === 'PUT' ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : undefined));
    try {
      const result = await runCli(['deploy-commands'], { env: env(), cwd: emptyDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Unauthorized');
      expect(result.stderr).not.toContain(TOKEN);
    } finally {
      discord.overrides.pop();
    }
  });
});
