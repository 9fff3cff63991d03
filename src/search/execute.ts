// Runs a query plan over every segment: AND of the required terms (matcher.ts), then the cheap stages
// (removed sentences, excluded words, article filters), then the ones that read sentence text
// (phrases, excluded phrases, sentence filters) on what is left.
import type { ArticleMeta } from '../corpus/types.ts';
import { KIND_WEIGHT } from './bm25.ts';
import { gallop, keepWhere, matchAll, removeContaining, type Clause, type Matches, type ScoringStats, type Segment } from './matcher.ts';
import { containsPhrase } from './phrases.ts';
import { groupFilters, type PlannedFilter, type PlannedPhrase, type QueryPlan } from './quote-plan.ts';
import type { SentenceStore } from './sentence-store.ts';
import type { TermPipeline } from './terms.ts';

/** What the query engine needs from an index. */
export interface SearchCore {
  readonly pipeline: TermPipeline;
  readonly store: SentenceStore;
  /** Frozen postings first, then the live segment; their sentence numbers never overlap. */
  readonly segments: readonly Segment[];
  readonly scoring: ScoringStats;
  /** Index terms within `maxDistance` edits of `term`, with their distance. */
  similarTerms(term: string, maxDistance: number): Array<{ term: string; distance: number }>;
}

/** Which optional stages run; diagnosis turns some off to find out what removed the matches. */
export interface Stages {
  exclusions: boolean;
  filters: boolean;
  phrases: boolean;
}

export const ALL_STAGES: Stages = { exclusions: true, filters: true, phrases: true };

/** Matching sentences (any order) and their final scores, kind weight included. */
export interface Scored {
  docs: number[];
  scores: number[];
}

/** One clause per distinct required term (plain words and the words of phrases). */
export function exactClauses(plan: QueryPlan): Clause[] {
  const terms = new Set([...plan.words.map((w) => w.term), ...plan.phrases.flatMap((p) => p.terms)]);
  return [...terms].map((term) => [{ term, weight: 1 }]);
}

export function execute(core: SearchCore, plan: QueryPlan, clauses: readonly Clause[], stages: Stages): Scored {
  const out: Scored = { docs: [], scores: [] };
  if (clauses.length === 0) return out;
  const keep = stages.filters ? filterPredicate(core, plan.filters) : null;
  for (const segment of core.segments) {
    const matches = matchAll(segment, clauses, core.scoring);
    if (matches.size === 0) continue;
    keepWhere(matches, (doc) => core.store.isAlive(doc));
    if (stages.exclusions) {
      for (const { term } of plan.excludedWords) removeContaining(matches, segment, [{ term, weight: 1 }]);
    }
    if (keep?.article) keepWhere(matches, keep.article);
    if (stages.phrases) {
      for (const phrase of plan.phrases) keepWhere(matches, (doc) => containsPhrase(core.store.text(doc), phrase.words, core.pipeline));
    }
    if (stages.exclusions) {
      for (const phrase of plan.excludedPhrases) removePhrase(core, segment, matches, phrase);
    }
    if (keep?.sentence) keepWhere(matches, keep.sentence);
    for (let i = 0; i < matches.size; i++) {
      const doc = matches.docs[i]!;
      out.docs.push(doc);
      out.scores.push(matches.scores[i]! * KIND_WEIGHT[core.store.kind(doc)]);
    }
  }
  return out;
}

/** Removes matches containing the phrase; only sentences with all its terms are read. */
function removePhrase(core: SearchCore, segment: Segment, matches: Matches, phrase: PlannedPhrase): void {
  const hasPhrase = (doc: number) => containsPhrase(core.store.text(doc), phrase.words, core.pipeline);
  if (phrase.terms.length === 0) {
    keepWhere(matches, (doc) => !hasPhrase(doc));
    return;
  }
  const withTerms = matchAll(segment, phrase.terms.map((term) => [{ term, weight: 1 }]), core.scoring);
  const docs = withTerms.docs.subarray(0, withTerms.size);
  let at = 0;
  // keepWhere visits matches in ascending order, so one forward cursor suffices.
  keepWhere(matches, (doc) => {
    at = gallop(docs, at, doc);
    return !(at < docs.length && docs[at] === doc && hasPhrase(doc));
  });
}

/**
 * The filters as predicates on sentence numbers: `article` when every filter decides per article
 * (answers cached per article), otherwise `sentence`. Null when there are no filters.
 */
function filterPredicate(core: SearchCore, filters: readonly PlannedFilter[]): { article?: (doc: number) => boolean; sentence?: (doc: number) => boolean } | null {
  if (filters.length === 0) return null;
  const groups = groupFilters(filters);
  const { store } = core;
  const passes = (doc: number, article: ArticleMeta) =>
    groups.every((group) =>
      group.some(({ filter, negated }) => {
        let ok = filter.keepArticle ? filter.keepArticle(article) : true;
        if (ok && filter.keepSentence) ok = filter.keepSentence(store.sentence(doc), article);
        return negated ? !ok : ok;
      }),
    );
  const articleOf = (doc: number) => store.article(store.articleNumber(doc));
  if (filters.some((f) => f.filter.keepSentence)) {
    return { sentence: (doc) => { const a = articleOf(doc); return a !== null && passes(doc, a); } };
  }
  const cache = new Int8Array(store.articleSlots); // 0 unknown, 1 keep, -1 drop
  return {
    article: (doc) => {
      const no = store.articleNumber(doc);
      if (cache[no] === 0) {
        const a = store.article(no);
        cache[no] = a !== null && passes(doc, a) ? 1 : -1;
      }
      return cache[no] === 1;
    },
  };
}
