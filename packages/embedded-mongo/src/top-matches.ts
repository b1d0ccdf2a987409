/**
 * The first k matching documents in sort order, without matching and sorting every candidate.
 *
 * A job claim (`findOneAndUpdate` with a sort) needs one document out of thousands of due ones.
 * Sorting all matches costs a filter test per document plus an n·log n sort; instead the
 * candidates go into a binary heap ordered by their sort keys (building it is linear), and only
 * the documents popped off it, in order, are tested against the filter, until k have matched.
 *
 * Same result as `sortDocuments(all matches).slice(0, k)`: the heap orders by the same keys and
 * breaks ties by natural order (`rank`), which is what that stable sort does.
 */
import type { Document } from 'bson';
import { compareSortKeys, sortKeysOf, type CompiledFilter, type SortSpec } from './query';

interface Entry {
  doc: Document;
  keys: unknown[];
  rank?: number;
}

export function topMatches(
  candidates: Iterable<Document>,
  filter: CompiledFilter,
  sort: SortSpec,
  k: number,
  rank: (doc: Document) => number,
): Document[] {
  const heap: Entry[] = [];
  for (const doc of candidates) heap.push({ doc, keys: sortKeysOf(doc, sort) });
  // Natural rank costs a lookup, and is only needed to break ties: computed on demand.
  const rankOf = (e: Entry): number => (e.rank ??= rank(e.doc));
  const before = (a: Entry, b: Entry): boolean => {
    const c = compareSortKeys(a.keys, b.keys, sort);
    return c !== 0 ? c < 0 : rankOf(a) < rankOf(b);
  };
  const siftDown = (i: number): void => {
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && before(heap[l], heap[m])) m = l;
      if (r < n && before(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);

  const out: Document[] = [];
  while (heap.length > 0 && out.length < k) {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      siftDown(0);
    }
    if (filter.test(top.doc)) out.push(top.doc);
  }
  return out;
}
