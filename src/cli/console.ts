// `factbot console`: chat with the bot in the terminal, with the same commands as Discord and Slack.
// Also home of openChatServices, which every chat front end (console, serve) uses to build Services.
import { userInfo } from 'node:os';
import { pino, type Logger } from 'pino';
import { commands } from '../../commands/index.ts';
import { shouldUseColor } from '../adapters/console/render.ts';
import { runConsoleChat } from '../adapters/console/repl.ts';
import { createLogger } from '../chat/logger.ts';
import type { Services } from '../chat/services.ts';
import { createClaimChecker } from '../check/checker.ts';
import { enableSpeakerFilter } from '../check/query-language.ts';
import type { CorpusProblem } from '../corpus/types.ts';
import { openIndex } from '../search/open-index.ts';
import { corpusDir, parseOptions, type CliIO, type Subcommand } from './io.ts';

/** Opens the corpus index and the claim checker over it. Corpus problems are logged, never fatal. */
export async function openChatServices(opts: {
  corpusDir: string;
  log: Logger;
  now?: () => number;
}): Promise<{ services: Services; problems: CorpusProblem[] }> {
  const opened = await openIndex({ corpusDir: opts.corpusDir, log: (message) => opts.log.info(message) });
  const search = enableSpeakerFilter(opened.index);
  if (opened.problems.length > 0) {
    opts.log.warn({ problems: opened.problems.length, first: opened.problems.slice(0, 3) }, 'corpus files skipped');
  }
  const stats = await search.stats();
  opts.log.info({ corpusDir: opts.corpusDir, articles: stats.articles, sentences: stats.sentences }, 'corpus indexed');
  const services: Services = {
    search,
    checker: createClaimChecker(search),
    log: opts.log,
    now: opts.now ?? Date.now,
  };
  return { services, problems: opened.problems };
}

function userName(env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? 'console';
  }
}

export async function runConsole(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(args, { corpus: { type: 'string' } });
  // Logs go to stderr so they never mix with the chat on stdout; only warnings unless LOG_LEVEL says more.
  const log = createLogger({ env: io.env, fallbackLevel: 'warn', destination: pino.destination({ dest: 2, sync: true }) });
  const { services } = await openChatServices({ corpusDir: corpusDir(values.corpus, io), log });
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (interactive) io.out('factbot console: type /help for the commands, Enter for more, Ctrl-D to quit.');
  await runConsoleChat({
    input: process.stdin,
    output: process.stdout,
    services,
    commands,
    color: shouldUseColor(process.stdout, io.env),
    prompt: interactive,
    userName: userName(io.env),
  });
  // After /quit an interactive stdin would otherwise keep the process alive.
  process.stdin.destroy();
  return 0;
}

export const consoleSubcommand: Subcommand = {
  name: 'console',
  summary: 'Chat with the bot in the terminal (/quote, /check, /timeline, /sources, /help)',
  usage: [
    'Usage: factbot console [--corpus DIR]',
    '',
    'Reads one command a line from stdin and prints the answer, exactly as the chat bot would give it:',
    '  /quote Kozak     /check <claim>     /timeline <topic>     /sources     /help',
    'An empty line (Enter) shows more of the last answer; /quit or end of input (Ctrl-D) exits.',
    'Works on a pipe: echo "/quote Kozak" | factbot console',
    'Colour only on a terminal, and never when NO_COLOR is set. Logs go to stderr (LOG_LEVEL, default warn).',
  ].join('\n'),
  run: runConsole,
};
