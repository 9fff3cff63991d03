// `timeline <topic>`: the corpus's statements on a topic in date order, so a reader sees how a position
// moved (NATO membership, Crimea, sanctions; 2022 → 2025). A topic is short ("NATO", "Crimea
// sanctions"), so an entry must contain the topic itself — its words, spelling variants or paraphrases —
// rather than merely rank high.
import { nearIdentical } from './corroboration.ts';
import type { RankedHit, Retrieval } from './retrieve.ts';

/** Share of the topic's weighted terms a sentence must contain (all of a one- or two-word topic). */
export const TIMELINE_COVERAGE = 0.75;

/**
 * Matching sentences, oldest first (date, then article, then position in the article). Photo captions
 * describe a picture, not a position, so they are left out; a later near-identical copy of a sentence
 * (the same wire story reprinted) is left out too.
 */
export function buildTimeline(retrieval: Retrieval, termsOf: (text: string) => readonly string[]): RankedHit[] {
  const matching = retrieval.ranked.filter(
    (r) => r.hit.kind !== 'caption' && r.scored.features.coverage >= TIMELINE_COVERAGE && r.scored.features.keyCoverage >= 1,
  );
  matching.sort(
    (a, b) =>
      a.hit.article.published.localeCompare(b.hit.article.published) ||
      a.hit.article.id.localeCompare(b.hit.article.id) ||
      a.position - b.position,
  );
  const kept: Array<{ entry: RankedHit; terms: readonly string[] }> = [];
  for (const entry of matching) {
    const terms = termsOf(entry.hit.text);
    if (kept.some((k) => k.entry.hit.article.id !== entry.hit.article.id && nearIdentical(k.terms, terms))) continue;
    kept.push({ entry, terms });
  }
  return kept.map((k) => k.entry);
}
