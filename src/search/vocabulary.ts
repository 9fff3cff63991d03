// Typo tolerance over the index's terms, using MiniSearch's radix tree (SearchableMap.fuzzyGet, a
// Levenshtein search that prunes whole subtrees). Built on the first typo retry, not at start-up: most
// queries never need it and building it for a million-sentence vocabulary takes about a second.
import SearchableMap from 'minisearch/SearchableMap';

export class FuzzyVocabulary {
  private tree: SearchableMap<true> | null = null;

  /** `terms()` lists every current index term; it is called once, when the tree is first needed. */
  constructor(private readonly terms: () => Iterable<string>) {}

  /** Index terms within `maxDistance` edits of `term` (including itself when indexed). */
  similar(term: string, maxDistance: number): Array<{ term: string; distance: number }> {
    this.tree ??= this.build();
    return [...this.tree.fuzzyGet(term, maxDistance)].map(([found, [, distance]]) => ({ term: found, distance }));
  }

  /** Adds terms of newly indexed sentences (only if the tree exists; otherwise the build includes them). */
  add(terms: Iterable<string>): void {
    if (!this.tree) return;
    for (const term of terms) this.tree.set(term, true);
  }

  private build(): SearchableMap<true> {
    const tree = new SearchableMap<true>();
    for (const term of this.terms()) tree.set(term, true);
    return tree;
  }
}
