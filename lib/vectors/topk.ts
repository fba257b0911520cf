/** Top-k selection over a score array: the hot loop after every kernel call. */

export interface Scored {
  id: number;
  score: number;
}

/**
 * The k highest scores in scores[0, n), best first, skipping ids in `exclude`.
 * Ties keep the lower id first (more frequent word), so results are deterministic.
 * O(n + k·log k) in practice: a sorted buffer of k entries, most rows rejected by one compare.
 */
export function topK(scores: Float32Array, n: number, k: number, exclude: ReadonlySet<number> = new Set()): Scored[] {
  if (k <= 0 || n <= 0) return [];
  const ids = new Int32Array(k);
  const vals = new Float64Array(k);
  let size = 0;
  let floor = -Infinity; // the k-th best so far once the buffer is full
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (size === k && !(s > floor)) continue; // also drops NaN
    if (s !== s || exclude.has(i)) continue;
    // Insert into the descending buffer; equal scores go after (lower id stays first).
    let j = size < k ? size++ : k - 1;
    while (j > 0 && vals[j - 1] < s) {
      vals[j] = vals[j - 1];
      ids[j] = ids[j - 1];
      j--;
    }
    vals[j] = s;
    ids[j] = i;
    if (size === k) floor = vals[k - 1];
  }
  const out: Scored[] = new Array(size);
  for (let i = 0; i < size; i++) out[i] = { id: ids[i], score: vals[i] };
  return out;
}

/**
 * 1-based rank of each row in `ids` among rows [0, n) not in `exclude`: 1 + the number of rows
 * that score strictly higher, or the same with a lower id (matching topK's order). One pass over
 * the scores for all ids together.
 */
export function ranksOf(scores: Float32Array, n: number, ids: readonly number[], exclude: ReadonlySet<number> = new Set()): number[] {
  const m = ids.length;
  const targets = Float32Array.from(ids, (id) => scores[id]);
  const above = new Int32Array(m);
  // Most rows score below every target (input words usually rank high): one compare rejects them.
  let lowest = Infinity;
  for (let j = 0; j < m; j++) lowest = Math.min(lowest, targets[j]);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (v < lowest) continue;
    for (let j = 0; j < m; j++) if (v > targets[j] || (v === targets[j] && i < ids[j])) above[j]++;
  }
  // Cheaper to take the few excluded rows back out than to test every row against the set.
  return ids.map((id, j) => {
    const s = targets[j];
    let count = above[j];
    for (const x of exclude) if (x < n && (scores[x] > s || (scores[x] === s && x < id))) count--;
    return count + 1;
  });
}

/** 1-based rank of one row (see ranksOf). */
export function rankOf(scores: Float32Array, n: number, id: number, exclude: ReadonlySet<number> = new Set()): number {
  return ranksOf(scores, n, [id], exclude)[0];
}
