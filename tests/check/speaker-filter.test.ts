// The `speaker:` filter definition, run over every seed sentence.
import { describe, expect, it } from 'vitest';
import { speakerFilter, speakerMatches } from '../../src/check/speaker-filter.ts';
import { classifyStatement } from '../../src/check/statement.ts';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { loadAliases } from '../../src/corpus/aliases.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Sentence } from '../../src/corpus/types.ts';
import type { CompiledFilter } from '../../src/search/field-filters.ts';
import { TermPipeline } from '../../src/search/terms.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';

async function seed() {
  const pipeline = new TermPipeline((await loadAliases(SEED_CORPUS)).table);
  const { articles } = await loadCorpus(SEED_CORPUS);
  const byArticle = new Map<string, Sentence[]>(articles.map((a) => [a.id, articleSentences(a)]));
  const filter = speakerFilter(pipeline, (id) => byArticle.get(id) ?? null);
  const meta = new Map(articles.map((a) => [a.id, a]));
  const kept = (value: string) => {
    const compiled = filter.compile(value) as CompiledFilter;
    return [...byArticle.values()].flat().filter((s) => compiled.keepSentence!(s, meta.get(s.articleId)!));
  };
  return { pipeline, byArticle, filter, kept };
}

describe('speaker: filter', () => {
  it('keeps exactly the sentences whose speaker carries the name', async () => {
    const { byArticle, kept } = await seed();
    const all = [...byArticle.values()].flatMap((sentences) => sentences.map((s, i) => ({ s, speaker: classifyStatement(sentences, i).speaker })));
    const expected = all.filter((x) => x.speaker !== null && /\bpeskov\b/i.test(x.speaker)).map((x) => x.s.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(kept('peskov').map((s) => s.id)).toEqual(expected);
    expect(kept('"Dmitry Peskov"').map((s) => s.id)).toEqual(expected);
  });

  it('matches whole words in any case and spelling variant', async () => {
    const { pipeline } = await seed();
    expect(speakerMatches('Volodymyr Zelensky', ['zelensky'], pipeline)).toBe(true);
    expect(speakerMatches('Volodymyr Zelensky', [pipeline.word('Zelenskyy')], pipeline)).toBe(true);
    expect(speakerMatches('Dmitry Peskov', ['pesk'], pipeline)).toBe(false);
  });

  it('reports an empty name as a problem', async () => {
    const { filter } = await seed();
    expect(filter.compile('  ')).toEqual({ problem: 'speaker: needs a name, e.g. speaker:peskov' });
  });
});
