import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';

const MOSCOW_TIMES = '2022-09-14-moscow-times-putin-rejected-early-ukraine-peace-deal';

describe('factbot sentences', () => {
  it('prints the id, verbatim text, kind and paragraph of each sentence as JSON', async () => {
    const run = await runCli(['sentences', MOSCOW_TIMES, '--json', '--corpus', SEED_CORPUS]);
    expect(run.code).toBe(0);
    const sentences = JSON.parse(run.stdout) as Array<{ id: string; text: string; kind: string; paragraph: number }>;
    expect(Object.keys(sentences[0]!)).toEqual(['id', 'text', 'kind', 'paragraph']);
    expect(sentences.map((s) => s.id)).toEqual(sentences.map((_, i) => `${MOSCOW_TIMES}#${i + 1}`));
    expect(sentences[0]).toMatchObject({ kind: 'headline', paragraph: 0 });
    expect(sentences[1]).toMatchObject({ kind: 'caption', paragraph: 1 });
    const file = await readFile(join(SEED_CORPUS, 'articles', `${MOSCOW_TIMES}.md`), 'utf8');
    for (const s of sentences) expect(file).toContain(s.text);
    // The multi-sentence quote is split, the attribution stays with its last part.
    expect(sentences.map((s) => s.text)).toContain('“Everything was canceled.');
  });

  it('names an unknown article and suggests near ids', async () => {
    const run = await runCli(['sentences', 'moscow-times', '--corpus', SEED_CORPUS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no valid article with id 'moscow-times' (did you mean ${MOSCOW_TIMES}?)`);
  });

  it('requires exactly one article id', async () => {
    const run = await runCli(['sentences']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected exactly one article id/);
  });
});
