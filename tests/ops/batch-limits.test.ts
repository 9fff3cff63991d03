// The CLI's --batch cap: a file over MAX_BATCH_LINES is refused before any work, naming the option and the cap.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_LINES } from '../../src/cli/quote.ts';
import { runCli } from '../helpers/cli.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';

async function batchFile(lines: number, text: string): Promise<{ cwd: string; file: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'factbot-batch-'));
  const file = join(cwd, 'queries.txt');
  await writeFile(file, `${Array.from({ length: lines }, () => text).join('\n')}\n`);
  return { cwd, file };
}

describe('--batch size cap', () => {
  it.each(['quote', 'check'])('factbot %s refuses one line over the cap with exit 2 and a clear message', async (command) => {
    const { cwd, file } = await batchFile(MAX_BATCH_LINES + 1, 'Kozak');
    const result = await runCli([command, '--batch', file, '--corpus', SEED_CORPUS, '--json'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`factbot ${command}: option '--batch' takes at most ${MAX_BATCH_LINES} lines, and '${file}' has ${MAX_BATCH_LINES + 1}; split it into smaller files`);
  });

  it('answers a file of exactly the cap, one JSON line per input line', async () => {
    const { cwd, file } = await batchFile(MAX_BATCH_LINES, 'Kozak');
    const result = await runCli(['quote', '--batch', file, '--corpus', SEED_CORPUS, '--json', '--limit', '1'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(MAX_BATCH_LINES);
  });
});
