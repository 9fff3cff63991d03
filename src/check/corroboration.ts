// How widely the evidence for a claim is carried. A wire story reprinted by five outlets is one source,
// not five: publishers whose strong evidence includes near-identical sentences are merged before they
// are counted.
import type { Hit, HitArticle } from '../search/types.ts';

/** Word-set overlap at which two sentences count as copies of one another (edits, a changed dateline). */
export const NEAR_IDENTICAL_JACCARD = 0.8;

/** True when two sentences' term lists are the same text up to small edits. */
export function nearIdentical(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return sa.size === sb.size;
  let common = 0;
  for (const t of sa) if (sb.has(t)) common++;
  return common / (sa.size + sb.size - common) >= NEAR_IDENTICAL_JACCARD;
}

function publisherKey(publisher: string): string {
  return publisher.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Distinct publishers among `evidence`, where two publishers that carry near-identical sentences (copies
 * of one wire story) count once. `termsOf` gives a sentence's index terms.
 */
export function independentPublishers(evidence: readonly Hit[], termsOf: (text: string) => readonly string[]): number {
  const keys = [...new Set(evidence.map((e) => publisherKey(e.article.publisher)))];
  const parent = new Map(keys.map((k) => [k, k]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const terms = evidence.map((e) => termsOf(e.text));
  for (let i = 0; i < evidence.length; i++) {
    for (let j = i + 1; j < evidence.length; j++) {
      const a = publisherKey(evidence[i]!.article.publisher);
      const b = publisherKey(evidence[j]!.article.publisher);
      if (find(a) !== find(b) && nearIdentical(terms[i]!, terms[j]!)) parent.set(find(a), find(b));
    }
  }
  return new Set(keys.map(find)).size;
}

/** Earliest and latest publication date (YYYY-MM-DD) among the evidence; nulls when there is none. */
export function dateSpan(evidence: readonly Hit[]): { firstDate: string | null; lastDate: string | null } {
  const dates = evidence.map((e) => e.article.published).filter((d) => d !== '').sort();
  return { firstDate: dates[0] ?? null, lastDate: dates[dates.length - 1] ?? null };
}

export interface ArticleGroup<E extends Hit> {
  article: HitArticle;
  evidence: E[];
}

/** Evidence grouped by article, articles in the order of their best sentence, sentences best first. */
export function groupByArticle<E extends Hit>(evidence: readonly E[]): ArticleGroup<E>[] {
  const groups = new Map<string, ArticleGroup<E>>();
  for (const e of evidence) {
    let group = groups.get(e.article.id);
    if (!group) groups.set(e.article.id, (group = { article: e.article, evidence: [] }));
    group.evidence.push(e);
  }
  return [...groups.values()];
}
