import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { runConsoleChat } from '../../../src/adapters/console/repl.ts';
import type { Services } from '../../../src/chat/services.ts';
import type { Hit } from '../../../src/search/types.ts';
import { REPO_ROOT, SEED_CORPUS } from '../../helpers/corpus.ts';
import { seedServices } from '../../helpers/services.ts';

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[/;

let services: Services;
let firstPage: Hit[];
let secondPage: Hit[];

beforeAll(async () => {
  services = await seedServices();
  firstPage = (await services.search.quote('Kozak', { limit: 5 })).results;
  secondPage = (await services.search.quote('Kozak', { limit: 5, offset: 5 })).results;
  // The scenario needs a second page to be meaningful.
  expect(secondPage.length).toBeGreaterThan(0);
});

async function chat(input: string): Promise<string> {
  let out = '';
  await runConsoleChat({
    input: Readable.from([input]),
    output: { write: (text: string) => (out += text) },
    services,
    commands,
    color: false,
    prompt: false,
  });
  return out;
}

/** Where in `out` a sentence is printed, or -1. */
function positionOf(out: string, hit: Hit): number {
  return out.indexOf(hit.text);
}

describe('console chat (in-process)', () => {
  it('answers /quote, shows the next page on an empty line, then /help', async () => {
    const out = await chat('/quote Kozak\n\n/help\n');
    const helpAt = out.indexOf('factbot help');
    expect(helpAt).toBeGreaterThan(0);
    for (const hit of firstPage) expect(positionOf(out, hit)).toBeGreaterThanOrEqual(0);
    for (const hit of secondPage) {
      expect(positionOf(out, hit)).toBeGreaterThan(positionOf(out, firstPage.at(-1) as Hit));
      expect(positionOf(out, hit)).toBeLessThan(helpAt);
    }
    expect(out).toContain(`${firstPage[0]?.article.publisher} · ${firstPage[0]?.article.published}`);
    expect(out).toContain('showing 6-');
  });

  it('explains unknown commands, bare text, and Enter with nothing to page', async () => {
    const out = await chat('/frobnicate now\nhello there\n\n');
    expect(out).toContain(`Unknown command /frobnicate. Known commands: ${commands.map((c) => `/${c.name}`).join(', ')}.`);
    expect(out).toContain('Commands start with "/"');
    expect(out).toContain('Nothing more to show.');
  });

  it('stops at /quit and ignores what follows', async () => {
    const out = await chat('/quit\n/quote Kozak\n');
    expect(out).toBe('');
  });
});

describe('factbot console (spawned, stdin a pipe)', () => {
  it('prints the answer, a second page after the empty line, help, and exits 0 at EOF without colour', async () => {
    const child = spawn(process.execPath, ['bin/factbot.js', 'console', '--corpus', SEED_CORPUS], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '', LOG_LEVEL: 'warn', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.end('/quote Kozak\n\n/help\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/Error/) });
    expect(stdout).not.toMatch(ANSI_ESCAPE);
    for (const hit of [...firstPage, ...secondPage]) expect(stdout).toContain(hit.text);
    expect(stdout).toContain(firstPage[0]?.article.publisher);
    expect(stdout.indexOf(secondPage[0]?.text ?? '\u0000')).toBeGreaterThan(stdout.indexOf(firstPage[0]?.text ?? ''));
    expect(stdout).toContain('factbot help');
  });

  it('factbot start without chat credentials runs the console', async () => {
    // A fresh cwd without .env, and no credential variables: start must fall back to the console.
    const cwd = await mkdtemp(join(tmpdir(), 'factbot-start-'));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/factbot.js'), 'start', '--corpus', SEED_CORPUS], {
      cwd,
      env: { PATH: process.env.PATH },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stdin.end('/sources\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('Sources');
    expect(stdout).toMatch(/Articles\s+\d+/);
  });
});
