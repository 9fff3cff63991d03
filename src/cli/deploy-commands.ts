// `factbot deploy-commands [--guild ID]`: registers the chat commands with Discord. Run it after a
// command's name, description or options change; running it again changes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { CHECK_MESSAGE_COMMAND_NAME } from '../adapters/discord/commands.ts';
import { parseOptions, UsageError, type CliIO, type Subcommand } from './io.ts';

const REQUIRED = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const;
const SNOWFLAKE = /^\d{17,20}$/;

/** The environment with .env (in the working folder) filling what the environment leaves unset. */
function settings(io: CliIO): Record<string, string | undefined> {
  const file = join(io.cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...Object.fromEntries(Object.entries(io.env).filter(([, v]) => v !== undefined && v !== '')) };
}

export const deployCommandsCommand: Subcommand = {
  name: 'deploy-commands',
  summary: 'Register the slash commands and "Check this message" with Discord',
  usage: [
    'Usage: factbot deploy-commands [--guild ID]',
    '',
    'Registers every chat command with Discord by bulk overwrite: commands removed from the code are',
    'removed from Discord too, and running it twice is harmless.',
    '',
    'Options:',
    '  --guild ID   register in one server only (updates at once; good for testing)',
    '',
    'Environment (or .env in the current folder):',
    '  DISCORD_TOKEN            the bot token',
    '  DISCORD_APPLICATION_ID   the application id',
    '  DISCORD_API_URL          optional REST base, e.g. http://127.0.0.1:8080/api (default: Discord)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { guild: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const guildId = values.guild;
    if (guildId !== undefined && !SNOWFLAKE.test(guildId)) throw new UsageError(`--guild must be a server id (17-20 digits), not '${guildId}'`);

    const env = settings(io);
    const missing = REQUIRED.filter((name) => !env[name]);
    if (missing.length > 0) {
      const [verb, pronoun] = missing.length > 1 ? ['are', 'them'] : ['is', 'it'];
      io.err(`factbot deploy-commands: ${missing.join(' and ')} ${verb} not set; set ${pronoun} in the environment or in .env.`);
      return 2;
    }
    // Loaded here, not at the top: every other subcommand would otherwise pay for the REST client.
    const [{ deployCommands }, { commands }] = await Promise.all([
      import('../adapters/discord/deploy.ts'),
      import('../../commands/index.ts'),
    ]);
    try {
      const result = await deployCommands({
        token: env.DISCORD_TOKEN as string,
        applicationId: env.DISCORD_APPLICATION_ID as string,
        guildId: guildId ?? null,
        ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
        commands,
      });
      const names = result.commands.map((c) => (c.name === CHECK_MESSAGE_COMMAND_NAME ? `"${c.name}"` : `/${c.name}`));
      const where = result.scope === 'global' ? 'globally' : `in server ${result.scope.guildId}`;
      io.out(`Registered ${names.length} commands ${where}: ${names.join(', ')}`);
      return 0;
    } catch (error) {
      // Discord's error messages name the problem ("401: Unauthorized") and never echo the token.
      io.err(`factbot deploy-commands: could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  },
};
