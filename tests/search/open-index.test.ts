// openIndex: snapshot reuse, invalidation, incremental refresh, and the same articles/problems as loadCorpus.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAliases } from '../../src/corpus/aliases.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { openIndex, type OpenIndexOptions } from '../../src/search/open-index.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/search/snapshot-file.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';

async function setup(files: Record<string, string>) {
  const corpusDir = await tempCorpus(files);
  const cacheDir = await mkdtemp(join(tmpdir(), 'factbot-cache-'));
  const messages: string[] = [];
  const options: OpenIndexOptions = { corpusDir, cacheDir, log: (m) => messages.push(m) };
  return { corpusDir, cacheDir, messages, open: () => openIndex(options) };
}

const ids = async (opened: Awaited<ReturnType<typeof openIndex>>, query: string) =>
  (await opened.index.quote(query, { limit: 25 })).results.map((h) => h.sentenceId).sort();

const twoArticles = {
  'articles/a.md': articleText({ title: 'Kozak talks', published: '2022-09-14' }, 'Kozak secured a deal with Kiev.'),
  'articles/b.md': articleText({ title: 'Peskov speaks', publisher: 'Reuters', published: '2023-02-28' }, 'Peskov said Russia was open to talks.'),
  'aliases.yaml': 'groups:\n  - [Kyiv, Kiev]\n',
};

describe('openIndex snapshots', () => {
  it('builds and saves a snapshot, then reuses it without indexing or rewriting', async () => {
    const { open, messages } = await setup(twoArticles);
    const first = await open();
    expect(first).toMatchObject({ fromSnapshot: false, rebuild: 'full', problems: [] });
    const written = (await stat(first.snapshotPath)).mtimeMs;
    messages.length = 0;
    const second = await open();
    expect(second).toMatchObject({ fromSnapshot: true, rebuild: 'none', problems: [] });
    expect(messages).toEqual([]);
    expect((await stat(second.snapshotPath)).mtimeMs).toBe(written);
    expect(await ids(second, 'Kyiv')).toEqual(['a#2']);
    expect(await second.index.quote('talks', { limit: 25 })).toEqual(await first.index.quote('talks', { limit: 25 }));
    expect(second.articles.map((a) => a.id)).toEqual(['a', 'b']);
    expect(await second.index.articles()).toEqual(await first.index.articles());
  });

  it('re-indexes an edited, added or deleted article on the next start', async () => {
    const { open, corpusDir } = await setup(twoArticles);
    await open();
    await writeFile(join(corpusDir, 'articles/a.md'), articleText({ title: 'Kozak talks', published: '2022-09-14' }, 'Lavrov secured a deal.'));
    await writeFile(join(corpusDir, 'articles/c.md'), articleText({ title: 'New one', published: '2024-01-01' }, 'Kozak resurfaced in Kyiv.'));
    await rm(join(corpusDir, 'articles/b.md'));
    const reopened = await open();
    expect(reopened).toMatchObject({ fromSnapshot: false, rebuild: 'incremental' });
    expect(await ids(reopened, 'Kozak')).toEqual(['a#1', 'c#2']);
    expect(await ids(reopened, 'Lavrov')).toEqual(['a#2']);
    expect(await ids(reopened, 'Peskov')).toEqual([]);
    expect(reopened.articles.map((a) => a.id)).toEqual(['a', 'c']);
    const third = await open();
    expect(third.rebuild).toBe('none');
    expect(await ids(third, 'Kozak')).toEqual(['a#1', 'c#2']);
  });

  it('notices an edit that keeps the file size', async () => {
    const { open, corpusDir } = await setup(twoArticles);
    await open();
    const path = join(corpusDir, 'articles/b.md');
    const before = await readFile(path, 'utf8');
    const after = before.replace('Peskov said', 'Peskow said');
    expect(after.length).toBe(before.length);
    await writeFile(path, after);
    const reopened = await open();
    expect(reopened.rebuild).toBe('incremental');
    expect(await ids(reopened, 'Peskow')).toEqual(['b#2']);
  });

  it('rebuilds fully when the aliases change', async () => {
    const { open, corpusDir } = await setup(twoArticles);
    await open();
    await writeFile(join(corpusDir, 'aliases.yaml'), 'groups:\n  - [Peskov, Peskow]\n');
    const reopened = await open();
    expect(reopened.rebuild).toBe('full');
    expect(await ids(reopened, 'Peskow')).toEqual(['b#1', 'b#2']);
    expect(await ids(reopened, 'Kyiv')).toEqual([]);
  });

  it('rebuilds fully when the snapshot was made by another index format', async () => {
    const { open } = await setup(twoArticles);
    const first = await open();
    const parts = decodeSnapshot(await readFile(first.snapshotPath));
    (parts.json as { corpus: { format: string } }).corpus.format = 'factbot-index/0';
    await writeFile(first.snapshotPath, encodeSnapshot(parts));
    expect((await open()).rebuild).toBe('full');
  });

  it('rebuilds when the snapshot file is damaged', async () => {
    const { open } = await setup(twoArticles);
    const first = await open();
    const bytes = await readFile(first.snapshotPath);
    await writeFile(first.snapshotPath, bytes.subarray(0, bytes.length >> 1));
    const reopened = await open();
    expect(reopened.rebuild).toBe('full');
    expect(await ids(reopened, 'Kozak')).toEqual(['a#1', 'a#2']);
  });
});

describe('openIndex corpus problems', () => {
  const files = {
    'articles/1-good.md': articleText({ title: 'Good' }, 'Kozak secured a deal.'),
    'articles/2-bad.md': '---\ntitle: Broken\n---\nNo publisher here.\n',
    'articles/3-dup/1-good.md': articleText({ title: 'Duplicate id' }, 'Kozak again.'),
    'articles/4-other.md': articleText({ title: 'Other' }, 'Peskov denied it.'),
    'aliases.yaml': 'groups:\n  - [Kyiv]\n',
  };

  it('reports bad files like loadCorpus and indexes the rest', async () => {
    const { open, corpusDir } = await setup(files);
    const expected = await loadCorpus(corpusDir);
    const aliases = await loadAliases(corpusDir);
    for (const attempt of [await open(), await open()]) {
      expect(attempt.problems).toEqual([...aliases.problems, ...expected.problems]);
      expect(attempt.articles).toEqual(expected.articles);
      expect(await ids(attempt, 'Kozak')).toEqual(['1-good#2']);
      expect(await ids(attempt, 'Peskov')).toEqual(['4-other#2']);
    }
  });

  it('lets the other file with a duplicate id take over when the first one goes', async () => {
    const { open, corpusDir } = await setup(files);
    await open();
    await rm(join(corpusDir, 'articles/1-good.md'));
    const reopened = await open();
    const expected = await loadCorpus(corpusDir);
    expect(reopened.articles).toEqual(expected.articles);
    expect(reopened.problems.filter((p) => p.path.startsWith('articles/'))).toEqual(expected.problems);
    expect(await ids(reopened, 'Kozak')).toEqual(['1-good#2']);
    expect((await reopened.index.quote('Kozak')).results[0]!.text).toBe('Kozak again.');
  });
});
