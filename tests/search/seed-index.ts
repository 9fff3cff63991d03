// The seed corpus (corpus/) loaded with the corpus layer and indexed in memory, plus a plain scan of its
// sentences to check search results against.
import { loadAliases } from '../../src/corpus/aliases.ts';
import { articleSentences } from '../../src/corpus/article-sentences.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Article, Sentence } from '../../src/corpus/types.ts';
import { SentenceIndex } from '../../src/search/sentence-index.ts';
import { SEED_CORPUS } from '../helpers/corpus.ts';

export interface Seed {
  index: SentenceIndex;
  articles: Article[];
  sentences: Array<Sentence & { article: Article }>;
  /** Ids of the sentences whose text matches `pattern`, sorted. */
  scan(pattern: RegExp): string[];
}

let seed: Promise<Seed> | null = null;

export function seedIndex(): Promise<Seed> {
  seed ??= (async () => {
    const { articles, problems } = await loadCorpus(SEED_CORPUS);
    if (problems.length > 0 || articles.length < 5) throw new Error(`seed corpus not usable: ${JSON.stringify(problems)}`);
    const { table } = await loadAliases(SEED_CORPUS);
    const sentences = articles.flatMap((article) => articleSentences(article).map((s) => ({ ...s, article })));
    return {
      index: SentenceIndex.build(articles, table),
      articles,
      sentences,
      scan: (pattern) => sentences.filter((s) => pattern.test(s.text)).map((s) => s.id).sort(),
    };
  })();
  return seed;
}

/** Every result of a query (all pages), so totals and ids can be compared with a scan. */
export async function allIds(index: SentenceIndex, query: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 25) {
    const page = await index.quote(query, { limit: 25, offset });
    ids.push(...page.results.map((h) => h.sentenceId));
    if (page.results.length < 25) return ids.sort();
  }
}
