// `factbot quote` and `factbot sources`, run in-process through main() with captured output.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY_NOTE } from '../../src/search/quote-engine.ts';
import { FULL_QUERY_SYNTAX_HELP } from '../../src/check/query-language.ts';
import type { QuoteResult } from '../../src/search/types.ts';
import { runCli } from '../helpers/cli.ts';
import { articleText, SEED_CORPUS, tempCorpus } from '../helpers/corpus.ts';
import { seedIndex } from '../search/seed-index.ts';

const cwd = await mkdtemp(join(tmpdir(), 'factbot-cli-'));
const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd, env });

describe('factbot quote', () => {
  it('prints the JSON contract', async () => {
    const { scan } = await seedIndex();
    const { code, stdout, stderr } = await run(['quote', 'Kozak', '--corpus', SEED_CORPUS, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as QuoteResult;
    expect(Object.keys(result)).toEqual(['query', 'total', 'results', 'note']);
    expect(result).toMatchObject({ query: 'Kozak', total: scan(/kozak/i).length, note: null });
    expect(result.results).toHaveLength(5);
    for (const hit of result.results) expect(hit.highlights.map(([s, e]) => hit.text.slice(s, e).replace(/[’']s$/, ''))).toContain('Kozak');
  });

  it('prints each sentence verbatim with its source line and id', async () => {
    const { index } = await seedIndex();
    const { code, stdout } = await run(['quote', 'Kozak', '--limit', '2', '--corpus', SEED_CORPUS]);
    expect(code).toBe(0);
    const expected = await index.quote('Kozak', { limit: 2 });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${expected.total} sentences match 'Kozak' (showing 1-2).`);
    const [hit] = expected.results;
    expect(lines.slice(1, 5)).toEqual(['', hit!.text, `— The Moscow Times, 2022-09-14, ${hit!.article.url}`, `  ${hit!.sentenceId}`]);
    expect(stdout).not.toContain('\x1b[');
  });

  it('marks inferred dates', async () => {
    const { stdout } = await run(['quote', 'Lucerne', '--corpus', SEED_CORPUS]);
    expect(stdout).toMatch(/— The Sydney Morning Herald, 2024-06-14 \(date inferred\)/);
  });

  it('takes -word as an exclusion, not an option', async () => {
    const { code, stdout } = await run(['quote', 'Putin', '-Kozak', '--json', '--corpus', SEED_CORPUS, '--limit=25']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as QuoteResult;
    expect(result.query).toBe('Putin -Kozak');
    expect(result.results.some((h) => /kozak/i.test(h.text))).toBe(false);
  });

  it.each([['0'], ['26'], ['abc'], ['2.5']])('rejects --limit %s naming the option', async (limit) => {
    const { code, stderr, stdout } = await run(['quote', 'Kozak', '--limit', limit, '--corpus', SEED_CORPUS]);
    expect(code).toBe(2);
    expect(stderr).toContain('--limit');
    expect(stdout).toBe('');
  });

  it('rejects unknown options and a missing query', async () => {
    expect((await run(['quote', 'Kozak', '--lmit', '3'])).code).toBe(2);
    const missing = await run(['quote', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/query/);
  });

  it('answers a batch file line by line, blank lines included', async () => {
    const file = join(cwd, 'queries.txt');
    const queries = ['Kozak', '', 'Kiev', 'publisher:', '"peace deal"'];
    await writeFile(file, `${queries.join('\r\n')}\n`);
    const { code, stdout } = await run(['quote', '--batch', file, '--json', '--corpus', SEED_CORPUS]);
    expect(code).toBe(0);
    const results = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as QuoteResult);
    expect(results.map((r) => r.query)).toEqual(queries);
    expect(results[1]).toEqual({ query: '', total: 0, results: [], note: EMPTY_QUERY_NOTE });
    const { index } = await seedIndex();
    for (const r of results) expect(r).toEqual(await index.quote(r.query));
  });

  it('rejects a batch file next to a query, and an unreadable one', async () => {
    expect((await run(['quote', 'Kozak', '--batch', 'x.txt'])).code).toBe(2);
    const missing = await run(['quote', '--batch', join(cwd, 'missing.txt'), '--corpus', SEED_CORPUS]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.txt/);
  });

  it('warns about a bad corpus file and answers from the rest, using FACTBOT_CORPUS', async () => {
    const corpus = await tempCorpus({
      'articles/good.md': articleText({ title: 'Good' }, 'Kozak secured a deal.'),
      'articles/bad.md': '---\ntitle: Broken\n---\nNo publisher.\n',
    });
    const { code, stdout, stderr } = await run(['quote', 'Kozak', '--json'], { FACTBOT_CORPUS: corpus });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: articles\/bad\.md:\d+: missing required field 'publisher'$/m);
    expect((JSON.parse(stdout) as QuoteResult).results.map((h) => h.sentenceId)).toEqual(['good#2']);
  });

  it('narrows to one speaker with speaker:, attribution included', async () => {
    const all = JSON.parse((await run(['quote', 'russia', '--limit', '25', '--json', '--corpus', SEED_CORPUS])).stdout) as QuoteResult;
    const { stdout } = await run(['quote', 'russia', 'speaker:peskov', '--limit', '25', '--json', '--corpus', SEED_CORPUS]);
    const byPeskov = JSON.parse(stdout) as QuoteResult;
    expect(byPeskov.total).toBeGreaterThan(0);
    expect(byPeskov.total).toBeLessThan(all.total);
    // Each is Peskov's, by name or as the attribution of a quote; none is another speaker's sentence.
    for (const hit of byPeskov.results) expect(hit.article.publisher).toBe('Reuters');
    expect(byPeskov.results.some((h) => h.text.startsWith('Peskov said Russia was open'))).toBe(true);
  });

  it('documents the query syntax in --help', async () => {
    const { code, stdout } = await run(['quote', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(FULL_QUERY_SYNTAX_HELP);
    expect(stdout).toContain('--batch FILE');
  });
});

describe('factbot sources', () => {
  it('lists the coverage and every article as JSON', async () => {
    const { articles, sentences } = await seedIndex();
    const { code, stdout } = await run(['sources', '--json', '--corpus', SEED_CORPUS]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { stats: Record<string, unknown>; articles: Array<Record<string, unknown>> };
    expect(report.stats).toEqual({
      articles: articles.length,
      publishers: [...new Set(articles.map((a) => a.publisher))].sort((a, b) => a.localeCompare(b)),
      sentences: sentences.length,
      firstDate: articles.map((a) => a.published).sort()[0],
      lastDate: articles.map((a) => a.published).sort().at(-1),
    });
    const dates = report.articles.map((a) => a.published as string);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(report.articles.reduce((n, a) => n + (a.sentences as number), 0)).toBe(sentences.length);
  });

  it('prints one line per article with date, publisher, title and id', async () => {
    const { articles } = await seedIndex();
    const { stdout } = await run(['sources', '--corpus', SEED_CORPUS]);
    for (const a of articles) {
      const line = stdout.split('\n').find((l) => l.endsWith(`[${a.id}]`));
      expect(line).toBeDefined();
      expect(line).toContain(a.published);
      expect(line).toContain(a.publisher);
      expect(line).toContain(a.title);
    }
  });
});
