// The mutable part of the index: sentences added since the frozen postings were built (upsertArticle
// in a running bot, or changed files found at start-up). It is a MiniSearch index with a numeric
// idField (our sentence number) and no stored fields; removal is MiniSearch's `discard`, whose
// leftovers MiniSearch's auto-vacuum cleans up. The segment stays small: compaction
// (SentenceIndex.compact, run before every snapshot and when the segment grows large) folds it into
// the frozen postings and starts a new one.
//
// MiniSearch is used only to find which live sentences contain a term; scores are computed by the
// caller with whole-index statistics, so a live sentence ranks exactly as it would once frozen.
import MiniSearch from 'minisearch';
import type { Posting } from './frozen-postings.ts';

interface LiveDocument {
  id: number;
  /** The sentence's index terms joined by spaces (terms never contain spaces). */
  terms: string;
}

export class LiveSegment {
  private readonly search = new MiniSearch<LiveDocument>({
    idField: 'id',
    fields: ['terms'],
    storeFields: [],
    // Terms are already processed by TermPipeline: MiniSearch must not split or change them.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
  });
  /** Sentence number → term frequencies, for BM25 and for compaction. */
  private readonly frequencies = new Map<number, Map<string, number>>();
  private readonly termLists = new Map<number, readonly string[]>();

  get size(): number {
    return this.termLists.size;
  }

  has(doc: number): boolean {
    return this.termLists.has(doc);
  }

  /** Adds sentence `doc` with its index terms (repeats = frequency). */
  add(doc: number, terms: readonly string[]): void {
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    this.frequencies.set(doc, tf);
    this.termLists.set(doc, terms);
    this.search.add({ id: doc, terms: terms.join(' ') });
  }

  remove(doc: number): void {
    if (!this.termLists.has(doc)) return;
    this.search.discard(doc);
    this.frequencies.delete(doc);
    this.termLists.delete(doc);
  }

  /** Live sentences containing `term`, ascending, with frequencies; null when none. */
  posting(term: string): Posting | null {
    if (this.size === 0) return null;
    const docs = Uint32Array.from(this.search.search(term, { prefix: false, fuzzy: false }), (result) => result.id as number).sort();
    if (docs.length === 0) return null;
    return { docs, freqs: Uint8Array.from(docs, (doc) => Math.min(255, this.frequencies.get(doc)?.get(term) ?? 0)) };
  }

  df(term: string): number {
    return this.posting(term)?.docs.length ?? 0;
  }

  /** Every distinct term of the live sentences (for typo correction). */
  *vocabulary(): IterableIterator<string> {
    const seen = new Set<string>();
    for (const tf of this.frequencies.values()) {
      for (const term of tf.keys()) {
        if (!seen.has(term)) {
          seen.add(term);
          yield term;
        }
      }
    }
  }

  /** The live sentences in ascending order, with their terms (for compaction). */
  documents(): Array<{ doc: number; terms: readonly string[] }> {
    return [...this.termLists].map(([doc, terms]) => ({ doc, terms })).sort((a, b) => a.doc - b.doc);
  }
}
