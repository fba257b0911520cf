/**
 * Spherical k-means on unit word vectors (cosine similarity), to colour a map by cluster when the
 * words have no groups of their own. Clusters are found in the original space, not on the map,
 * so the colours show where the projection keeps or tears apart real neighbourhoods.
 * Deterministic for a seed: k-means++ seeding from lib/random.ts, then Lloyd iterations.
 */
import { seededRandom } from '../random';
import { dotAt } from '../vectors/kernels';

export interface KMeansResult {
  /** Cluster of each row, 0..k-1. */
  assignment: Int32Array;
  /** k × dims unit centroids. */
  centroids: Float32Array;
  iterations: number;
}

/**
 * `rows`: n × dims unit vectors (row-major). k is clamped to n. Stops when no assignment changes
 * or after `maxIterations`. Ties go to the lower cluster index; an empty cluster keeps its centroid.
 */
export function sphericalKMeans(rows: Float32Array, n: number, dims: number, k: number, seed = 42, maxIterations = 50): KMeansResult {
  if (rows.length < n * dims) throw new Error(`sphericalKMeans: rows has ${rows.length} values, need ${n * dims}`);
  const kk = Math.max(1, Math.min(Math.floor(k), n));
  const centroids = new Float32Array(kk * dims);
  const assignment = new Int32Array(n);
  if (n === 0) return { assignment, centroids, iterations: 0 };

  // k-means++: each next seed is drawn with probability ∝ (1 − best cosine to the seeds so far).
  const random = seededRandom(seed);
  const far = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < kk; c++) {
    centroids.set(rows.subarray(pick * dims, pick * dims + dims), c * dims);
    let total = 0;
    for (let i = 0; i < n; i++) {
      far[i] = Math.min(far[i], Math.max(0, 1 - dotAt(rows, i * dims, centroids, c * dims, dims)));
      total += far[i];
    }
    if (c === kk - 1) break;
    let r = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= far[i];
      if (r < 0) {
        pick = i;
        break;
      }
    }
  }

  let iterations = 0;
  assignment.fill(-1);
  const sums = new Float64Array(kk * dims);
  while (iterations < maxIterations) {
    iterations++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const best = nearestCentroid(rows, i * dims, centroids, kk, dims);
      if (best !== assignment[i]) {
        assignment[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const base = assignment[i] * dims;
      for (let d = 0; d < dims; d++) sums[base + d] += rows[i * dims + d];
    }
    for (let c = 0; c < kk; c++) {
      const norm = dotAt(sums, c * dims, sums, c * dims, dims);
      if (norm === 0) continue; // empty cluster: keep the old centroid
      const inv = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d] * inv;
    }
  }
  return { assignment, centroids, iterations };
}

/** Index of the centroid with the largest cosine to row `base` (ties: lower index). */
export function nearestCentroid(rows: Float32Array, base: number, centroids: Float32Array, k: number, dims: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < k; c++) {
    const s = dotAt(rows, base, centroids, c * dims, dims);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}
