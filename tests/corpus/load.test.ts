import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { runCli } from '../helpers/cli.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';

async function mixedCorpus(): Promise<string> {
  const dir = await tempCorpus({
    'articles/good-one.md': articleText({ title: 'Good one' }),
    'articles/2024/good-two.md': articleText({ title: 'Good two' }),
    'articles/no-publisher.md': articleText({ publisher: null }),
    'articles/bad-date.md': articleText({ published: '2024-02-30' }),
    'articles/broken-yaml.md': '---\ntitle: [unclosed\n---\nText.\n',
    'articles/empty-body.md': articleText({}, ''),
    'articles/notes.txt': 'not an article',
  });
  await writeFile(join(dir, 'articles', 'latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
  return dir;
}

describe('loading a corpus', () => {
  it('keeps every valid article and reports each bad file', async () => {
    const { articles, problems } = await loadCorpus(await mixedCorpus());
    expect(articles.map((a) => a.id).sort()).toEqual(['good-one', 'good-two']);
    expect(articles.find((a) => a.id === 'good-two')?.path).toBe('articles/2024/good-two.md');
    const byFile = new Map(problems.map((p) => [p.path, p.message]));
    expect([...byFile.keys()].sort()).toEqual([
      'articles/bad-date.md', 'articles/broken-yaml.md', 'articles/empty-body.md', 'articles/latin1.md', 'articles/no-publisher.md',
    ]);
    expect(byFile.get('articles/latin1.md')).toBe('not valid UTF-8 text');
  });

  it('skips a second article with the same id', async () => {
    const dir = await tempCorpus({ 'articles/a/same.md': articleText(), 'articles/b/same.md': articleText() });
    const { articles, problems } = await loadCorpus(dir);
    expect(articles).toHaveLength(1);
    expect(problems[0]?.message).toBe("duplicate article id 'same' (also articles/a/same.md): skipped");
  });
});

describe('factbot corpus check', () => {
  it('prints path:line for every problem and exits 1', async () => {
    const dir = await mixedCorpus();
    const run = await runCli(['corpus', 'check', '--corpus', dir]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines).toContain("articles/bad-date.md:4: field 'published' is not a real date in YYYY-MM-DD form: '2024-02-30'");
    expect(lines.every((line) => /^articles\/[\w/-]+\.md:\d+: /.test(line))).toBe(true);
    expect(run.stderr).toMatch(/5 problem\(s\) found; 2 articles from 1 publishers/);
  });

  it('takes the corpus from FACTBOT_CORPUS and exits 0 when all is well', async () => {
    const dir = await tempCorpus({ 'articles/ok.md': articleText(), 'aliases.yaml': 'groups:\n  - [Kyiv, Kiev]\n' });
    const run = await runCli(['corpus', 'check'], { env: { FACTBOT_CORPUS: dir } });
    expect(run).toMatchObject({ code: 0, stdout: 'ok: 1 articles from 1 publishers, 1 alias groups.\n' });
  });

  it('rejects an unknown option with exit 2', async () => {
    const run = await runCli(['corpus', 'check', '--corpse', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--corpse/);
  });
});
