import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { nearestCentroid, sphericalKMeans } from './kmeans';

/** n unit vectors in `dims` dimensions around `k` well-separated directions (the first k axes). */
function clustered(n: number, dims: number, k: number, seed: number): { rows: Float32Array; truth: number[] } {
  const random = seededRandom(seed);
  const rows = new Float32Array(n * dims);
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth.push(c);
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const v = (d === c ? 1 : 0) + (random() - 0.5) * 0.2;
      rows[i * dims + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < dims; d++) rows[i * dims + d] /= Math.sqrt(norm);
  }
  return { rows, truth };
}

describe('sphericalKMeans', () => {
  it('recovers well-separated clusters (up to relabelling)', () => {
    const { rows, truth } = clustered(120, 6, 4, 1);
    const { assignment } = sphericalKMeans(rows, 120, 6, 4, 7);
    const label = new Map<number, number>();
    for (let i = 0; i < 120; i++) {
      if (!label.has(truth[i])) label.set(truth[i], assignment[i]);
      expect(assignment[i]).toBe(label.get(truth[i]));
    }
    expect(new Set(label.values()).size).toBe(4);
  });

  it('ends at a fixed point: every row is assigned to its nearest centroid (brute force)', () => {
    const random = seededRandom(3);
    const n = 200;
    const dims = 5;
    const rows = new Float32Array(n * dims);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (rows[i * dims + d] = random() - 0.5) ** 2;
      for (let d = 0; d < dims; d++) rows[i * dims + d] /= Math.sqrt(norm);
    }
    const { assignment, centroids, iterations } = sphericalKMeans(rows, n, dims, 5, 11, 500);
    expect(iterations).toBeLessThan(500);
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestScore = -Infinity;
      for (let c = 0; c < 5; c++) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += rows[i * dims + d] * centroids[c * dims + d];
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      expect(assignment[i]).toBe(best);
      expect(nearestCentroid(rows, i * dims, centroids, 5, dims)).toBe(best);
    }
  });

  it('is deterministic for a seed and clamps k to n', () => {
    const { rows } = clustered(50, 4, 3, 2);
    expect(sphericalKMeans(rows, 50, 4, 3, 5).assignment).toEqual(sphericalKMeans(rows, 50, 4, 3, 5).assignment);
    const few = sphericalKMeans(rows, 2, 4, 8, 1);
    expect(few.centroids.length).toBe(2 * 4);
    expect(new Set(few.assignment)).toEqual(new Set([0, 1]));
  });
});
