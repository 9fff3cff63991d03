// Runs a query plan over every segment: AND of the required terms (matcher.ts), excluded words, then
// one fused pass for removed sentences, article filters, phrases (word-hash sequences, no text read)
// and the kind weight; excluded phrases and per-sentence filters last.
import { KIND_WEIGHT } from './bm25.ts';
import { emptyMatches, gallop, keepWhere, matchAll, removeContaining, type Clause, type Matches, type ScoringStats, type Segment } from './matcher.ts';
import type { ArticleFacts, FieldFilterDefinition } from './field-filters.ts';
import { groupFilters, type PlannedFilter, type PlannedPhrase, type QueryPlan } from './quote-plan.ts';
import { KINDS, type SentenceStore } from './sentence-store.ts';
import type { TermPipeline } from './terms.ts';

/** What the query engine needs from an index. */
export interface SearchCore {
  readonly pipeline: TermPipeline;
  readonly store: SentenceStore;
  /** Frozen postings first, then the live segment; their sentence numbers never overlap. */
  readonly segments: readonly Segment[];
  readonly scoring: ScoringStats;
  /** The `name:value` filters this index understands. */
  readonly fieldFilters: readonly FieldFilterDefinition[];
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

/** Matching sentences (ascending within each segment) with final scores (kind weight included). */
export type Scored = Matches;

const WEIGHT_BY_CODE = Float64Array.from(KINDS, (kind) => KIND_WEIGHT[kind]);

/** One clause per distinct required term (plain words and the words of phrases). */
export function exactClauses(plan: QueryPlan): Clause[] {
  const terms = new Set([...plan.words.map((w) => w.term), ...plan.phrases.flatMap((p) => p.terms)]);
  return [...terms].map((term) => [{ term, weight: 1 }]);
}

export function execute(core: SearchCore, plan: QueryPlan, clauses: readonly Clause[], stages: Stages): Scored {
  const phrases = stages.phrases ? plan.phrases.map((p) => p.hashes).filter((h) => h.length > 0) : [];
  // Without any searchable term, only a phrase of common words ("to be or not") can match: scan everything.
  if (clauses.length === 0 && phrases.length === 0) return emptyMatches();
  const filters = stages.filters ? filterPredicates(core, plan.filters) : null;
  const { store } = core;
  const { alive, kinds, articleOf } = store;
  const parts: Matches[] = [];
  for (const segment of clauses.length > 0 ? core.segments : [null]) {
    const matches = segment ? matchAll(segment, clauses, core.scoring) : everySentence(store.docCount);
    if (matches.size === 0) continue;
    if (stages.exclusions) {
      // A scan of every sentence covers all segments at once.
      for (const postings of segment ? [segment] : core.segments) {
        for (const { term } of plan.excludedWords) removeContaining(matches, postings, [{ term, weight: 1 }]);
      }
    }
    const keepArticle = filters?.article;
    let kept = 0;
    for (let i = 0; i < matches.size; i++) {
      const doc = matches.docs[i]!;
      if (alive[doc] !== 1) continue;
      if (keepArticle && !keepArticle(articleOf[doc]!)) continue;
      let ok = true;
      for (let p = 0; ok && p < phrases.length; p++) ok = store.hasWords(doc, phrases[p]!);
      if (!ok) continue;
      matches.docs[kept] = doc;
      matches.scores[kept++] = (matches.scores[i]! || 1) * WEIGHT_BY_CODE[kinds[doc]!]!;
    }
    matches.size = kept;
    if (stages.exclusions) for (const phrase of plan.excludedPhrases) removePhrase(core, segment, matches, phrase);
    if (filters?.sentence) keepWhere(matches, filters.sentence);
    if (matches.size > 0) parts.push(matches);
  }
  return concat(parts);
}

function everySentence(count: number): Matches {
  const docs = new Uint32Array(count);
  for (let i = 0; i < count; i++) docs[i] = i;
  return { docs, scores: new Float64Array(count), size: count };
}

function concat(parts: readonly Matches[]): Scored {
  if (parts.length === 1) return parts[0]!;
  const size = parts.reduce((n, p) => n + p.size, 0);
  const out: Scored = { docs: new Uint32Array(size), scores: new Float64Array(size), size };
  let at = 0;
  for (const p of parts) {
    out.docs.set(p.docs.subarray(0, p.size), at);
    out.scores.set(p.scores.subarray(0, p.size), at);
    at += p.size;
  }
  return out;
}

/** Removes matches containing the phrase; word hashes are compared only where all its terms occur. */
function removePhrase(core: SearchCore, segment: Segment | null, matches: Matches, phrase: PlannedPhrase): void {
  if (phrase.hashes.length === 0) return;
  if (phrase.terms.length === 0 || !segment) {
    keepWhere(matches, (doc) => !core.store.hasWords(doc, phrase.hashes));
    return;
  }
  const withTerms = matchAll(segment, phrase.terms.map((term) => [{ term, weight: 1 }]), core.scoring);
  const docs = withTerms.docs.subarray(0, withTerms.size);
  let at = 0;
  // keepWhere visits matches in ascending order, so one forward cursor suffices.
  keepWhere(matches, (doc) => {
    at = gallop(docs, at, doc);
    return !(at < docs.length && docs[at] === doc && core.store.hasWords(doc, phrase.hashes));
  });
}

/**
 * The filters as predicates: `article` (by article number, answers cached per article) when every
 * filter decides per article, otherwise `sentence` (by sentence number). Null when there are no filters.
 */
function filterPredicates(core: SearchCore, filters: readonly PlannedFilter[]): { article?: (articleNo: number) => boolean; sentence?: (doc: number) => boolean } | null {
  if (filters.length === 0) return null;
  const groups = groupFilters(filters);
  const { store } = core;
  const passes = (facts: ArticleFacts, doc: number | null) =>
    groups.every((group) =>
      group.some(({ filter, negated }) => {
        let ok = filter.keepArticle ? filter.keepArticle(facts) : true;
        if (ok && filter.keepSentence && doc !== null) {
          const meta = store.meta(store.articleNumber(doc));
          ok = meta !== null && filter.keepSentence(store.sentence(doc), meta);
        }
        return negated ? !ok : ok;
      }),
    );
  if (filters.some((f) => f.filter.keepSentence)) {
    return {
      sentence: (doc) => {
        const facts = store.factsOf(store.articleNumber(doc));
        return facts !== null && passes(facts, doc);
      },
    };
  }
  const cache = new Int8Array(store.articleSlots); // 0 unknown, 1 keep, -1 drop
  return {
    article: (no) => {
      if (cache[no] === 0) {
        const facts = store.factsOf(no);
        cache[no] = facts !== null && passes(facts, null) ? 1 : -1;
      }
      return cache[no] === 1;
    },
  };
}
