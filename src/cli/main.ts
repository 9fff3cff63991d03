// `factbot <subcommand>`: dispatches to one module per subcommand.
import { processIO, UsageError, type CliIO, type Subcommand } from './io.ts';
import { subcommands } from './registry.ts';

function overview(list: readonly Subcommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'factbot: quotes verbatim sentences from a news corpus, with their sources.',
    '',
    'Usage: factbot <subcommand> [options]   (factbot <subcommand> --help for details)',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Finds the subcommand named by the leading words (`corpus check` is two words). */
function resolve(argv: string[]): { command: Subcommand; rest: string[] } | null {
  for (const command of [...subcommands].sort((a, b) => b.name.length - a.name.length)) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview(subcommands));
    return 0;
  }
  const found = resolve(argv);
  if (!found) {
    io.err(`factbot: unknown subcommand '${argv.join(' ')}'. Run 'factbot --help' for the list.`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`factbot ${command.name}: ${error.message}. Run 'factbot ${command.name} --help'.`);
      return 2;
    }
    throw error;
  }
}
