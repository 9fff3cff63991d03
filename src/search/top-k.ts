// The k best of n items without sorting all n: a heap of size k whose root is the worst kept item.
// A 2-word query can match 30% of a million sentences; only offset + limit of them are shown.

/**
 * Indices 0 … n-1 of the k best items, best first. `better(a, b)` must be a strict total order
 * (break ties, e.g. by index) so results are deterministic.
 */
export function topK(n: number, k: number, better: (a: number, b: number) => boolean): number[] {
  if (k <= 0 || n === 0) return [];
  if (n <= k * 4) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  }
  const heap: number[] = [];
  // Heap order: the parent is worse than its children, so heap[0] is the worst kept item.
  const worse = (a: number, b: number) => better(b, a);
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && worse(heap[l]!, heap[worst]!)) worst = l;
      if (r < heap.length && worse(heap[r]!, heap[worst]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (better(i, heap[0]!)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

/** Equal within this relative difference: float sums in another order must not decide a tie. */
const TIE = 1e-9;

/**
 * topK for items ranked by `scores[i]` (higher first), ties broken by `tieBreak(a, b)` (true when a goes
 * first). A heap of k whose root is the worst kept: most items lose to the root at once, and in a run
 * of equal scores (a common word alone in many short sentences) the tie-break still rejects in one step.
 */
export function topScored(scores: Float64Array, n: number, k: number, tieBreak: (a: number, b: number) => boolean): number[] {
  const better = (a: number, b: number) => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    return Math.abs(sa - sb) > TIE * Math.max(sa, sb) ? sa > sb : tieBreak(a, b);
  };
  return topK(n, k, better);
}
