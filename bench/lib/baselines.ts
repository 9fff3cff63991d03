// The reference engines, indexing exactly the benchmark corpus's sentences (same plan, same splitter).
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import type { PlannedArticle } from './datasets.ts';
import type { BenchQuery } from './queries.ts';

export const BASELINES = ['minisearch', 'flexsearch'] as const;
export type BaselineName = (typeof BASELINES)[number];

export const BASELINE_LABELS: Record<BaselineName, string> = {
  minisearch: 'bare MiniSearch',
  flexsearch: 'FlexSearch',
};

/** FlexSearch returns at most this many ids, like our `quote` (its default page size is 5 as well). */
export const FLEX_LIMIT = 5;

export interface Baseline {
  /** Number of hits (FlexSearch: capped at FLEX_LIMIT). */
  search(query: BenchQuery): number;
}

/** Calls `add` for every sentence of the plan with a dense numeric id, in corpus order. */
function forEachSentence(plan: readonly PlannedArticle[], add: (id: number, text: string) => void): number {
  let id = 0;
  for (const { base } of plan) for (const text of base.sentences) add(id++, text);
  return id;
}

export function buildBaseline(name: BaselineName, plan: readonly PlannedArticle[]): { engine: Baseline; sentences: number } {
  if (name === 'minisearch') {
    // Default options on purpose: this is what "MiniSearch out of the box" costs.
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
    const sentences = forEachSentence(plan, (id, text) => index.add({ id, text }));
    return { engine: { search: (q) => index.search(q.plain).length }, sentences };
  }
  const index = new FlexSearch.Index({ preset: 'default' });
  const sentences = forEachSentence(plan, (id, text) => index.add(id, text));
  return {
    engine: {
      // FlexSearch intersects all query words by default, so a 12-25 word claim (with noise words)
      // would almost never match; `suggest` lets it return partial matches, as claim retrieval needs.
      search: (q) => index.search(q.plain, { limit: FLEX_LIMIT, suggest: q.cls === 'claim' }).length,
    },
    sentences,
  };
}
