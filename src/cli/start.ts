// `factbot start` (npm start): the bot when chat credentials are configured, else the terminal chat,
// so a fresh clone does something useful with no setup.
import { consoleSubcommand } from './console.ts';
import type { CliIO, Subcommand } from './io.ts';
import { loadDotenv, serveSubcommand } from './serve.ts';

const CREDENTIAL_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_PUBLIC_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
] as const;

/** True when any chat credential is set, in the environment or in ./.env. */
export function wantsServe(env: Record<string, string | undefined>): boolean {
  return CREDENTIAL_VARIABLES.some((name) => Boolean(env[name]?.trim()));
}

export async function runStart(args: string[], io: CliIO): Promise<number> {
  const env = loadDotenv(io);
  if (wantsServe(env)) {
    // A half-set configuration still goes to serve: it names what is missing, where silently
    // falling back to the console would hide the mistake.
    return serveSubcommand.run(args, io);
  }
  return consoleSubcommand.run(args, io);
}

export const startSubcommand: Subcommand = {
  name: 'start',
  summary: 'Run the chat bot if credentials are set (see serve), else the terminal chat (console)',
  usage: [
    'Usage: factbot start [--corpus DIR]',
    '',
    `Runs \`factbot serve\` when any of ${CREDENTIAL_VARIABLES.join(', ')} is set`,
    '(in the environment or ./.env), otherwise `factbot console`. See their --help.',
  ].join('\n'),
  run: runStart,
};
