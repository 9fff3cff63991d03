// What a CLI subcommand needs from its surroundings, so tests can run one in-process and read its output.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Process environment (FACTBOT_CORPUS and friends). */
  env: Record<string, string | undefined>;
  cwd: string;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  cwd: process.cwd(),
};

export interface Subcommand {
  name: string;
  /** One line for `factbot --help`. */
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Exit code: 0 success, 1 a problem found in the data, 2 bad usage or input. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A usage mistake: reported as one line plus a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** node:util parseArgs with strict checking, turning its errors into UsageError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The corpus folder: --corpus, else FACTBOT_CORPUS, else ./corpus. */
export function corpusDir(flag: string | undefined, io: CliIO): string {
  return flag ?? io.env.FACTBOT_CORPUS ?? `${io.cwd}/corpus`;
}
