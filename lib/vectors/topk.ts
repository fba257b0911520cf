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
export function highestScoringRows(scores: Float32Array, n: number, k: number, exclude: ReadonlySet<number> = new Set()): Scored[] {
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
 * Counts the rows that outrank a row scoring `t` at index `before`: #{i < n : v[i] > t} +
 * #{i < before : v[i] = t} (ties go to the lower index, as in highestScoringRows). Kernels with the scores in
 * their own memory count with SIMD; this is the plain version.
 */
export type RankCounter = (scores: Float32Array, n: number, t: number, before: number) => number;

export const countRankJs: RankCounter = (scores, n, t, before) => {
  let count = 0;
  for (let i = 0; i < n; i++) if (scores[i] > t) count++;
  for (let i = 0; i < before; i++) if (scores[i] === t) count++;
  return count;
};

/**
 * 1-based rank of row `id` among rows [0, n) not in `exclude`, in highestScoringRows's order.
 * The few excluded rows are taken back out after counting, cheaper than testing every row.
 */
export function rankOf(scores: Float32Array, n: number, id: number, exclude: ReadonlySet<number> = new Set(), count: RankCounter = countRankJs): number {
  const s = scores[id];
  let above = count(scores, n, s, Math.min(id, n));
  for (const x of exclude) if (x !== id && x < n && (scores[x] > s || (scores[x] === s && x < id))) above--;
  return above + 1;
}
