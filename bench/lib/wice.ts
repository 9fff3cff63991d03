// Loads the WiCE retrieval benchmark (../shared/datasets/wice/derived, read in place) and turns its
// 72,156 unique sentences into pre-split pseudo-articles, so they go through our own index and checker.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClaimCheckerImpl } from '../../src/check/checker.ts';
import type { MatchStrength } from '../../src/check/types.ts';
import type { Article, Sentence } from '../../src/corpus/types.ts';
import type { SentenceIndex, SentenceRecord } from '../../src/search/sentence-index.ts';
import { DATASETS_DIR } from './datasets.ts';

export const WICE_DIR = join(DATASETS_DIR, 'wice', 'derived');

export interface WiceQuery {
  id: string;
  split: 'dev' | 'test';
  text: string;
  label: string;
  /** Union of the annotated supporting sets (corpus ids); empty for the 60 no-gold claims. */
  gold: ReadonlySet<string>;
  /** Alternative complete supporting sets. */
  sets: readonly (readonly string[])[];
}

export interface WiceArticle {
  article: Article;
  sentences: Sentence[];
}

export interface WiceData {
  queries: WiceQuery[];
  articles: WiceArticle[];
  /** Our sentence id (`<article>#<n>`) → WiCE corpus id (`w000123`), for scoring. */
  corpusIdOf: Map<string, string>;
  sentenceCount: number;
}

async function jsonl<T>(file: string): Promise<T[]> {
  const text = await readFile(join(WICE_DIR, file), 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

/** WiCE meta lines look like "(meta data) PUBLISHED DATETIME: 2016-08-24…". */
function metaValue(texts: readonly string[], field: string): string | null {
  const prefix = `(meta data) ${field}: `;
  const line = texts.find((t) => t.startsWith(prefix));
  return line ? line.slice(prefix.length).trim() : null;
}

/**
 * Each claim's cited pages (its `candidates`, in page order) become one article. A sentence shared by
 * several pages (boilerplate, a page cited twice) is kept once, in the first article that has it, so the
 * index holds exactly the 72,156 unique sentences and its neighbours are those of that first page.
 */
export async function loadWice(): Promise<WiceData> {
  const corpus = await jsonl<{ id: string; text: string }>('corpus.jsonl');
  const textOf = new Map(corpus.map((c) => [c.id, c.text]));
  const rawQueries = await jsonl<{ id: string; split: 'dev' | 'test'; text: string; label: string }>('queries.jsonl');
  const goldSets = new Map((await jsonl<{ id: string; sets: string[][] }>('gold_sets.jsonl')).map((g) => [g.id, g.sets]));
  const qrels = (await readFile(join(WICE_DIR, 'qrels.tsv'), 'utf8')).split('\n').slice(1).filter((l) => l.trim());
  const gold = new Map<string, Set<string>>();
  for (const line of qrels) {
    const [qid, cid] = line.split('\t');
    if (!gold.has(qid!)) gold.set(qid!, new Set());
    gold.get(qid!)!.add(cid!);
  }
  const queries: WiceQuery[] = rawQueries.map((q) => ({
    id: q.id,
    split: q.split,
    text: q.text,
    label: q.label,
    gold: gold.get(q.id) ?? new Set(),
    sets: goldSets.get(q.id) ?? [],
  }));

  const assigned = new Set<string>();
  const articles: WiceArticle[] = [];
  const corpusIdOf = new Map<string, string>();
  for (const { id, candidates } of await jsonl<{ id: string; candidates: string[] }>('candidates.jsonl')) {
    const own = candidates.filter((cid) => !assigned.has(cid));
    if (own.length === 0) continue;
    for (const cid of own) assigned.add(cid);
    const texts = own.map((cid) => textOf.get(cid)!);
    const date = metaValue(texts, 'PUBLISHED DATETIME')?.slice(0, 10);
    const article: Article = {
      id: `wice-${id}`,
      path: `wice/${id}`,
      title: metaValue(texts, 'TITLE') ?? id,
      publisher: metaValue(texts, 'PUBLISHER') ?? 'unknown (WiCE)',
      published: date && /^\d{4}-\d\d-\d\d$/.test(date) ? date : '2000-01-01',
      dateInferred: !date,
      author: metaValue(texts, 'AUTHOR'),
      url: null,
      language: 'en',
      blocks: texts.map((text) => ({ kind: 'body', text })),
    };
    const sentences: Sentence[] = own.map((cid, i) => {
      const sentenceId = `${article.id}#${i + 1}`;
      corpusIdOf.set(sentenceId, cid);
      return { id: sentenceId, articleId: article.id, text: textOf.get(cid)!, kind: 'body', paragraph: i + 1 };
    });
    articles.push({ article, sentences });
  }
  return { queries, articles, corpusIdOf, sentenceCount: assigned.size };
}

export interface RetrievalFigures {
  claims: number;
  recall: Record<1 | 5 | 10 | 20, number>;
  mrr10: number;
  anySet10: number;
}

export const RECALL_KS = [1, 5, 10, 20] as const;

/** The WiCE protocol's metrics over claims with gold; `ranked` holds corpus ids, best first. */
export function retrievalFigures(queries: readonly WiceQuery[], ranked: ReadonlyMap<string, readonly string[]>): RetrievalFigures {
  const withGold = queries.filter((q) => q.gold.size > 0);
  const recall = { 1: 0, 5: 0, 10: 0, 20: 0 };
  let mrr = 0;
  let anySet = 0;
  for (const q of withGold) {
    const list = ranked.get(q.id) ?? [];
    for (const k of RECALL_KS) recall[k] += list.slice(0, k).filter((id) => q.gold.has(id)).length / q.gold.size;
    const first = list.slice(0, 10).findIndex((id) => q.gold.has(id));
    if (first >= 0) mrr += 1 / (first + 1);
    const top10 = new Set(list.slice(0, 10));
    if (q.sets.some((set) => set.length > 0 && set.every((id) => top10.has(id)))) anySet++;
  }
  const n = withGold.length || 1;
  for (const k of RECALL_KS) recall[k] /= n;
  return { claims: withGold.length, recall, mrr10: mrr / n, anySet10: anySet / n };
}

/** Our records for SentenceIndex.fromSentences: every WiCE sentence under its pseudo-article. */
export function wiceRecords(data: WiceData): SentenceRecord[] {
  return data.articles.flatMap(({ article, sentences }) =>
    sentences.map((s) => ({ articleId: article.id, text: s.text, article: { title: article.title, publisher: article.publisher, published: article.published } })),
  );
}

export interface ClaimRun {
  /** Corpus ids, best first (the re-ranked candidates; WiCE ids only, distractors dropped). */
  ranked: string[];
  /** Our BM25 candidates in their own order (no re-ranking), for comparison. */
  bm25: string[];
  match: MatchStrength;
  /** Wall time of ClaimChecker.check (candidates, re-ranking, strengths, speakers, corroboration). */
  checkMs: number;
  /** CPU time of the same call (process.cpuUsage): unlike wall time, not inflated by other processes. */
  checkCpuMs: number;
}

/** Runs every query: one timed `check` (what the bot does) and one `assess` for the full ranking. */
export async function runClaims(index: SentenceIndex, checker: ClaimCheckerImpl, data: WiceData, queries: readonly WiceQuery[]): Promise<Map<string, ClaimRun>> {
  const toIds = (ids: readonly string[]) => ids.map((id) => data.corpusIdOf.get(id)).filter((id): id is string => id !== undefined);
  const runs = new Map<string, ClaimRun>();
  for (const q of queries) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await checker.check(q.text);
    const cpu = process.cpuUsage(cpu0);
    const checkMs = performance.now() - t0;
    const assessment = await checker.assess(q.text);
    runs.set(q.id, {
      ranked: toIds(assessment.ranked.map((r) => r.hit.sentenceId)),
      bm25: toIds(index.candidates(q.text, { limit: 20 }).map((h) => h.sentenceId)),
      match: assessment.match,
      checkMs,
      checkCpuMs: (cpu.user + cpu.system) / 1000,
    });
  }
  return runs;
}

/** Share of `queries` whose claim got match 'none'. */
export function noneRate(queries: readonly WiceQuery[], runs: ReadonlyMap<string, ClaimRun>): number {
  return queries.length === 0 ? NaN : queries.filter((q) => runs.get(q.id)?.match === 'none').length / queries.length;
}
