/**
 * What each k-means cluster of a map holds, in words: its most central members — those closest
 * (cosine, original space) to the cluster's centroid — so a legend can say
 * "cluster 3: paris, berlin, rome" instead of a bare number (the page words it, in
 * app/components/map/map-explorer.tsx).
 */
import { dotAt } from '../vectors/kernels';

/** Central words named per cluster by default. */
export const CENTRAL_WORDS = 3;

export interface ClusterSummary {
  /** 0-based cluster number (shown 1-based). */
  cluster: number;
  /** Words in the cluster. */
  size: number;
  /** Map indices of its most central words, most central first (ties: lower index first). */
  central: number[];
}

/**
 * Summaries of clusters 0..k−1. `unit`: n × dims unit rows; `assignment[i]`: cluster of word i.
 * The centroid is the members' mean direction (the spherical k-means centroid); an empty cluster
 * has size 0 and no central words. Assignments outside 0..k−1 are an error.
 */
export function describeClusters(unit: Float32Array, n: number, dims: number, assignment: ArrayLike<number>, k: number, top = CENTRAL_WORDS): ClusterSummary[] {
  if (unit.length < n * dims) throw new RangeError(`describeClusters: unit has ${unit.length} values, need ${n * dims} (${n} rows × ${dims})`);
  if (assignment.length !== n) throw new RangeError(`describeClusters: ${assignment.length} assignments for ${n} words`);
  const sums = new Float64Array(k * dims);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    if (!(Number.isInteger(c) && c >= 0 && c < k)) throw new RangeError(`describeClusters: word ${i} is in cluster ${c}, outside 0..${k - 1}`);
    members[c].push(i);
    for (let d = 0; d < dims; d++) sums[c * dims + d] += unit[i * dims + d];
  }
  return members.map((list, c) => {
    // The centroid's length does not change the ranking, so the sum serves as it is.
    const scored = list.map((i) => ({ i, s: dotAt(sums, c * dims, unit, i * dims, dims) }));
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    return { cluster: c, size: list.length, central: scored.slice(0, top).map((x) => x.i) };
  });
}
