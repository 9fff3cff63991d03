// `factbot check` and `factbot timeline`, run in-process as a user would run them.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, TimelineResult } from '../../src/check/types.ts';
import { runCli } from '../helpers/cli.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';

let cwd: string;
const cli = (args: string[]) => runCli([...args, '--corpus', SEED_CORPUS], { cwd });

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'factbot-cli-check-'));
});

describe('factbot check', () => {
  it('--json prints one CheckResult with at most --limit sentences', async () => {
    const run = await cli(['check', 'Putin', 'offered', 'a', 'ceasefire', 'if', 'Ukraine', 'leaves', 'four', 'regions', '--json', '--limit', '2']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.claim).toBe('Putin offered a ceasefire if Ukraine leaves four regions');
    expect(result.match).toBe('strong');
    expect(result.evidence.length).toBe(2);
    expect(typeof result.publishers).toBe('number');
  });

  it('prints the match line and each sentence with its source and statement type', async () => {
    const run = await cli(['check', 'The NATO chief turned down Putin’s offer']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Claim: The NATO chief turned down Putin’s offer\nMatch: strong\. 1 independent publisher carries it, 2024-06-14\./);
    expect(run.stdout).toContain('The Sydney Morning Herald, 2024-06-14 (date inferred)');
    expect(run.stdout).toContain('[reported · Jens Stoltenberg] NATO Secretary-General Jens Stoltenberg also rejected Putin’s offer');
  });

  it('says plainly when the corpus has nothing on the claim', async () => {
    const run = await cli(['check', 'Penguins opened a chocolate factory on the Moon']);
    expect(run.stdout).toContain('Match: none. No statement in the corpus matches this claim (5 articles from 5 publishers, 2022-09-14 to 2025-11-27). That does not make it false.');
  });

  it('--batch answers every line in order as JSONL, a blank line too', async () => {
    const claims = ['Kozak was born in Ukraine', '', 'Penguins opened a chocolate factory on the Moon', 'Peskov said Russia will never give up the annexed regions'];
    const file = join(cwd, 'claims.txt');
    await writeFile(file, `${claims.join('\n')}\n`);
    const run = await cli(['check', '--batch', file, '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as CheckResult);
    expect(lines.map((r) => r.claim)).toEqual(claims);
    expect(lines.map((r) => r.match === 'none')).toEqual([false, true, true, false]);
    // Each line is the same answer as checking that claim alone.
    const alone = JSON.parse((await cli(['check', claims[3]!, '--json'])).stdout) as CheckResult;
    expect(lines[3]).toEqual(alone);
  });

  it('rejects a missing claim, a claim together with --batch, and a bad limit (exit 2)', async () => {
    expect((await cli(['check'])).code).toBe(2);
    expect((await cli(['check', 'Kozak', '--batch', 'x.txt'])).code).toBe(2);
    const bad = await cli(['check', 'Kozak', '--limit', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit');
  });
});

describe('factbot timeline', () => {
  it('prints one line per statement, oldest first', async () => {
    const run = await cli(['timeline', 'NATO']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').filter((l) => /^\d{4}-\d\d-\d\d/.test(l));
    expect(lines.length).toBeGreaterThan(1);
    const dates = lines.map((l) => l.slice(0, 10));
    expect([...dates].sort()).toEqual(dates);
    expect(lines.every((l) => l.includes('NATO'))).toBe(true);
  });

  it('--json prints the TimelineResult', async () => {
    const result = JSON.parse((await cli(['timeline', 'Crimea', '--json'])).stdout) as TimelineResult;
    expect(result.topic).toBe('Crimea');
    expect(result.entries.length).toBeGreaterThan(0);
    expect(Object.keys(result.entries[0]!)).toEqual(expect.arrayContaining(['sentenceId', 'text', 'article', 'type', 'speaker']));
  });

  it('says so when the topic is absent, and needs a topic', async () => {
    expect((await cli(['timeline', 'penguins'])).stdout).toContain('No statement in the corpus is about "penguins"');
    expect((await cli(['timeline'])).code).toBe(2);
  });
});
