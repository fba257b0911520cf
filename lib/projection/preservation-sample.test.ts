import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { quantiseRow } from '../vectors/format';
import { cosineKnn } from './knn';
import { neighbourPreservationFromKnn } from './preservation';

/** n random unit rows (int8 + scales) and random 2-D map coordinates. */
function fixture(n: number, dims: number) {
  const random = seededRandom(9);
  const q = new Int8Array(n * dims);
  const scales = new Float32Array(n);
  const unit = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: dims }, () => random() - 0.5);
    scales[i] = quantiseRow(row, q.subarray(i * dims, (i + 1) * dims)).scale;
    for (let d = 0; d < dims; d++) unit[i * dims + d] = q[i * dims + d] * scales[i];
  }
  const coords = Float32Array.from({ length: n * 2 }, () => random());
  return { q, scales, unit, coords };
}

/** Brute force, one point: share of its k nearest by cosine that are among its k nearest on the map. */
function pointScore(i: number, n: number, dims: number, unit: Float64Array, coords: Float32Array, k: number): number {
  const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
  const cos = (j: number) => Array.from({ length: dims }, (_, d) => unit[i * dims + d] * unit[j * dims + d]).reduce((a, b) => a + b, 0);
  const dist = (j: number) => (coords[i * 2] - coords[j * 2]) ** 2 + (coords[i * 2 + 1] - coords[j * 2 + 1]) ** 2;
  const orig = new Set([...others].sort((a, b) => cos(b) - cos(a) || a - b).slice(0, k));
  const map = [...others].sort((a, b) => dist(a) - dist(b) || a - b).slice(0, k);
  return map.filter((j) => orig.has(j)).length / k;
}

describe('preservation over a sample of points', () => {
  it('cosineKnn for chosen points gives the same rows as the full graph', async () => {
    const { q, scales } = fixture(60, 6);
    const full = await cosineKnn(q, scales, 60, 6, 11);
    const points = Int32Array.from([3, 17, 42, 59]);
    const part = await cosineKnn(q, scales, 60, 6, 11, { queries: points });
    expect(part.points).toEqual(points);
    points.forEach((p, r) => expect(part.indices.subarray(r * 11, r * 11 + 11)).toEqual(full.indices.subarray(p * 11, p * 11 + 11)));
    await expect(cosineKnn(q, scales, 60, 6, 11, { queries: Int32Array.from([60]) })).rejects.toThrow(/query points/);
  });

  it('is the mean of the sampled points’ brute-force scores', async () => {
    const n = 80;
    const { q, scales, unit, coords } = fixture(n, 6);
    const points = Int32Array.from([0, 5, 11, 33, 34, 70, 79]);
    const knn = await cosineKnn(q, scales, n, 6, 11, { queries: points });
    const expected = [...points].reduce((s, p) => s + pointScore(p, n, 6, unit, coords, 10), 0) / points.length;
    expect(neighbourPreservationFromKnn(knn, coords, 2, 10)).toBeCloseTo(expected, 12);
  });
});
