// The frozen (immutable) part of the inverted index: for each term, the sorted sentence numbers that
// contain it and how often. Four flat typed arrays instead of MiniSearch's Map-per-term:
//
//   vocabulary[t]                          the term
//   docs[offsets[t] .. offsets[t+1])       ascending sentence numbers containing term t
//   freqs[same range]                      term frequency in each (capped at 255)
//
// Why not MiniSearch's own maps (measured on 1M synthetic sentences with 11M postings, 2 cores):
// MiniSearch.loadJSON of its snapshot took 9.5 s (target: start-up ≤ 5 s), rebuilding its Maps
// directly from typed arrays 3.1 s, and intersecting two common terms by Map lookups 82 ms (target:
// p99 ≤ 25 ms). The same postings as typed arrays are read straight from the snapshot file in a
// fraction of a second, and sorted arrays intersect by galloping in a few ms. MiniSearch keeps the
// part that changes (live-segment.ts) and provides the radix tree for typo tolerance (vocabulary.ts).

/** A term's postings: `docs` ascending, `freqs[i]` the term frequency in `docs[i]`. */
export interface Posting {
  readonly docs: Uint32Array;
  readonly freqs: Uint8Array;
}

export class FrozenPostings {
  private readonly termIndex: Map<string, number>;

  /** Use FrozenPostings.build / fromArrays; `offsets` has vocabulary.length + 1 entries. */
  private constructor(
    readonly vocabulary: readonly string[],
    readonly offsets: Uint32Array,
    readonly docs: Uint32Array,
    readonly freqs: Uint8Array,
  ) {
    this.termIndex = new Map();
    for (let t = 0; t < vocabulary.length; t++) this.termIndex.set(vocabulary[t]!, t);
  }

  static empty(): FrozenPostings {
    return new FrozenPostings([], new Uint32Array(1), new Uint32Array(0), new Uint8Array(0));
  }

  /** Wraps arrays read from a snapshot (no copy). */
  static fromArrays(vocabulary: readonly string[], offsets: Uint32Array, docs: Uint32Array, freqs: Uint8Array): FrozenPostings {
    if (offsets.length !== vocabulary.length + 1 || docs.length !== freqs.length || offsets[vocabulary.length] !== docs.length) {
      throw new Error('inconsistent postings arrays');
    }
    return new FrozenPostings(vocabulary, offsets, docs, freqs);
  }

  /**
   * Builds postings from each sentence's terms. `terms(doc)` gives the terms (repeats = frequency) of
   * sentence `doc` for doc = 0 … count-1, or null for a sentence to leave out.
   */
  static build(count: number, terms: (doc: number) => readonly string[] | null): FrozenPostings {
    const ids = new Map<string, number>();
    const lists: number[][] = [];
    const tf = new Map<number, number>();
    for (let doc = 0; doc < count; doc++) {
      const docTerms = terms(doc);
      if (!docTerms) continue;
      tf.clear();
      for (const term of docTerms) {
        let id = ids.get(term);
        if (id === undefined) {
          id = lists.length;
          ids.set(term, id);
          lists.push([]);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, n] of tf) lists[id]!.push(doc, n);
    }
    return FrozenPostings.fromLists([...ids.keys()], lists);
  }

  /** `lists[t]` holds (doc, tf) pairs, docs ascending. */
  private static fromLists(vocabulary: string[], lists: number[][]): FrozenPostings {
    const offsets = new Uint32Array(vocabulary.length + 1);
    for (let t = 0; t < lists.length; t++) offsets[t + 1] = offsets[t]! + lists[t]!.length / 2;
    const total = offsets[vocabulary.length]!;
    const docs = new Uint32Array(total);
    const freqs = new Uint8Array(total);
    for (let t = 0; t < lists.length; t++) {
      const list = lists[t]!;
      let at = offsets[t]!;
      for (let i = 0; i < list.length; i += 2, at++) {
        docs[at] = list[i]!;
        freqs[at] = Math.min(list[i + 1]!, 255);
      }
    }
    return new FrozenPostings(vocabulary, offsets, docs, freqs);
  }

  get termCount(): number {
    return this.vocabulary.length;
  }

  /** Number of sentences containing `term` (including removed ones until the next compaction). */
  df(term: string): number {
    const t = this.termIndex.get(term);
    return t === undefined ? 0 : this.offsets[t + 1]! - this.offsets[t]!;
  }

  posting(term: string): Posting | null {
    const t = this.termIndex.get(term);
    if (t === undefined) return null;
    const from = this.offsets[t]!;
    const to = this.offsets[t + 1]!;
    return { docs: this.docs.subarray(from, to), freqs: this.freqs.subarray(from, to) };
  }

  /**
   * New postings where old sentence `d` becomes `renumber[d]` (or is dropped when it is -1; the mapping
   * must keep order) and `extra` sentences are appended; their numbers must be above every kept one.
   * This is the vacuum step: removed sentences disappear and the live segment folds in.
   */
  compact(renumber: Int32Array, extra: ReadonlyArray<{ doc: number; terms: readonly string[] }>): FrozenPostings {
    const extraLists = new Map<string, number[]>();
    const tf = new Map<string, number>();
    for (const { doc, terms } of extra) {
      tf.clear();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, n] of tf) {
        let list = extraLists.get(term);
        if (!list) extraLists.set(term, (list = []));
        list.push(doc, n);
      }
    }
    const vocabulary: string[] = [];
    const lists: number[][] = [];
    for (let t = 0; t < this.vocabulary.length; t++) {
      const term = this.vocabulary[t]!;
      const list: number[] = [];
      for (let i = this.offsets[t]!; i < this.offsets[t + 1]!; i++) {
        const doc = renumber[this.docs[i]!]!;
        if (doc >= 0) list.push(doc, this.freqs[i]!);
      }
      const more = extraLists.get(term);
      if (more) {
        for (const x of more) list.push(x);
        extraLists.delete(term);
      }
      if (list.length > 0) {
        vocabulary.push(term);
        lists.push(list);
      }
    }
    for (const [term, list] of extraLists) {
      vocabulary.push(term);
      lists.push(list);
    }
    return FrozenPostings.fromLists(vocabulary, lists);
  }
}
