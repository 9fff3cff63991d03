import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SentenceIndex } from '../../src/search/sentence-index.ts';
import { openIndex } from '../../src/search/open-index.ts';
import { watchCorpus, type CorpusChange, type CorpusWatcher } from '../../src/live/watch-corpus.ts';
import { articleText, tempCorpus } from '../helpers/corpus.ts';
import { recordingLogger, tempDir, type LogLine } from './helpers.ts';

const KOZAK = 'Kozak secured a deal.';
const QUOKKA = 'Quokkas invaded the parliament canteen on Tuesday morning.';

let corpus: string;
let cacheDir: string;
let index: SentenceIndex;
let watcher: CorpusWatcher;
let lines: LogLine[];
let changes: CorpusChange[];

/** Re-checks `found` until it holds or the deadline passes: the "within 2 seconds". */
async function within(ms: number, found: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await found()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const quoted = async (query: string) => (await index.quote(query)).results.map((hit) => ({ text: hit.text, article: hit.article.id }));
const findable = (query: string, article: string) => async () => (await quoted(query)).some((hit) => hit.article === article);
const gone = (query: string) => async () => (await quoted(query)).length === 0;

beforeEach(async () => {
  corpus = await tempCorpus({ 'articles/kozak.md': articleText({}, KOZAK), 'aliases.yaml': 'groups:\n  - [Kyiv, Kiev]\n' });
  cacheDir = await tempDir('cache');
  ({ index } = await openIndex({ corpusDir: corpus, cacheDir }));
  const recorder = recordingLogger();
  lines = recorder.lines;
  changes = [];
  watcher = await watchCorpus({
    corpusDir: corpus,
    index,
    log: recorder.log,
    onChange: (change) => changes.push(change),
    refreshSnapshot: async () => void (await openIndex({ corpusDir: corpus, cacheDir })),
    snapshotDelayMs: 50,
  });
});
afterEach(() => watcher.close());

describe('watching the corpus folder', () => {
  it('makes a dropped file findable with quote within 2 seconds, and forgets it once deleted', async () => {
    expect(await quoted('quokkas canteen')).toEqual([]);
    await writeFile(join(corpus, 'articles', 'quokka.md'), articleText({ title: 'Canteen news' }, QUOKKA));
    expect(await within(2000, findable('quokkas canteen', 'quokka'))).toBe(true);
    expect(await quoted('quokkas canteen')).toEqual([{ text: QUOKKA, article: 'quokka' }]);

    await rm(join(corpus, 'articles', 'quokka.md'));
    expect(await within(2000, gone('quokkas canteen'))).toBe(true);
    expect((await index.articles()).map((a) => a.id)).toEqual(['kozak']);
    // The article that was there all along is untouched.
    expect(await quoted('Kozak deal')).toEqual([{ text: KOZAK, article: 'kozak' }]);
  });

  it('replaces the sentences of a changed file, and picks up new subfolders', async () => {
    await writeFile(join(corpus, 'articles', 'kozak.md'), articleText({}, QUOKKA));
    expect(await within(2000, findable('quokkas canteen', 'kozak'))).toBe(true);
    expect(await quoted('Kozak deal')).toEqual([]);

    await mkdir(join(corpus, 'articles', '2024', '06'), { recursive: true });
    await writeFile(join(corpus, 'articles', '2024', '06', 'kiev.md'), articleText({ title: 'Kyiv' }, 'The mayor of Kyiv opened a bridge.'));
    expect(await within(2000, findable('Kiev bridge', 'kiev'))).toBe(true);
  });

  it('reports an invalid file and skips it; an article whose file turns invalid leaves the index', async () => {
    await writeFile(join(corpus, 'articles', 'broken.md'), articleText({ publisher: null }, QUOKKA));
    await writeFile(join(corpus, 'articles', 'kozak.md'), articleText({ published: '2024-02-30' }, KOZAK));
    expect(await within(2000, async () => lines.filter((l) => l.msg === 'corpus file skipped').length >= 2)).toBe(true);
    const problems = lines.filter((l) => l.msg === 'corpus file skipped').map((l) => l.problem);
    expect(problems).toEqual(
      expect.arrayContaining([
        "articles/broken.md:4: missing required field 'publisher'",
        "articles/kozak.md:4: field 'published' is not a real date in YYYY-MM-DD form: '2024-02-30'",
      ]),
    );
    expect(await within(2000, gone('Kozak deal'))).toBe(true);
    expect(await quoted('quokkas canteen')).toEqual([]);

    // Fixed: back in the index.
    await writeFile(join(corpus, 'articles', 'broken.md'), articleText({}, QUOKKA));
    expect(await within(2000, findable('quokkas canteen', 'broken'))).toBe(true);
  });

  it('keeps the first file in path order when two files share an article id', async () => {
    await mkdir(join(corpus, 'articles', 'z'), { recursive: true });
    await writeFile(join(corpus, 'articles', 'z', 'kozak.md'), articleText({}, QUOKKA));
    expect(await within(2000, async () => changes.some((c) => c.skipped.some((p) => p.path === 'articles/z/kozak.md')))).toBe(true);
    expect(changes.flatMap((c) => c.skipped).map((p) => p.message)).toContain("duplicate article id 'kozak' (also articles/kozak.md): skipped");
    expect(await quoted('Kozak deal')).toEqual([{ text: KOZAK, article: 'kozak' }]);
    expect(await quoted('quokkas canteen')).toEqual([]);

    // The winner goes: the other file takes its place.
    await rm(join(corpus, 'articles', 'kozak.md'));
    expect(await within(2000, findable('quokkas canteen', 'kozak'))).toBe(true);
    expect(await quoted('Kozak deal')).toEqual([]);
  });

  it('sees a file written elsewhere and moved in (how editors and tools save atomically)', async () => {
    const outside = join(await tempDir('draft'), 'draft.md');
    await writeFile(outside, articleText({}, QUOKKA));
    await rename(outside, join(corpus, 'articles', 'moved.md')).catch(async () => {
      // Another device: copy instead (rename cannot cross file systems).
      await writeFile(join(corpus, 'articles', 'moved.md'), articleText({}, QUOKKA));
    });
    expect(await within(2000, findable('quokkas canteen', 'moved'))).toBe(true);
  });

  it('refreshes the snapshot in the background, so the next start-up needs no indexing', async () => {
    await writeFile(join(corpus, 'articles', 'quokka.md'), articleText({}, QUOKKA));
    expect(await within(2000, findable('quokkas canteen', 'quokka'))).toBe(true);
    await watcher.flush();
    await watcher.snapshotIdle();
    const reopened = await openIndex({ corpusDir: corpus, cacheDir });
    expect(reopened.fromSnapshot).toBe(true);
    expect((await reopened.index.quote('quokkas canteen')).results.map((hit) => hit.article.id)).toEqual(['quokka']);
  });
});
