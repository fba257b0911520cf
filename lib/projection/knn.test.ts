import { describe, expect, it } from 'vitest';
import { cosineKnn } from './knn';
import { randomSet } from './umap-test-fixtures';

/** Independent reference: float64 cosines of the dequantised rows and a full sort per row. */
function bruteKnn(rows: Float32Array, n: number, dims: number, k: number): { ids: number[][]; cos: number[][] } {
  const ids: number[][] = [];
  const cos: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let d = 0; d < dims; d++) s += rows[i * dims + d] * rows[j * dims + d];
      return s;
    });
    const order = [...Array(n).keys()].filter((j) => j !== i).sort((x, y) => c[y] - c[x] || x - y);
    ids.push([i, ...order.slice(0, k - 1)]);
    cos.push([1, ...order.slice(0, k - 1).map((j) => c[j])]);
  }
  return { ids, cos };
}

describe('cosineKnn', () => {
  it('equals a brute-force float64 kNN: self first at distance 0, then by cosine, distance 1 − cos', async () => {
    const n = 150;
    const dims = 24;
    const { rows, q, scales } = randomSet(n, dims, 5);
    const knn = await cosineKnn(q, scales, n, dims, 11);
    const ref = bruteKnn(rows, n, dims, 11);
    expect(knn.k).toBe(11);
    for (let i = 0; i < n; i++) {
      expect(Array.from(knn.indices.subarray(i * 11, i * 11 + 11))).toEqual(ref.ids[i]);
      expect(knn.distances[i * 11]).toBe(0);
      // The kernel quantises queries to int16: cosines are off by ~1e-5 at most (scorer.ts).
      for (let j = 1; j < 11; j++) expect(Math.abs(knn.distances[i * 11 + j] - (1 - ref.cos[i][j]))).toBeLessThan(2e-5);
    }
  });

  it('puts the point itself first even when a duplicate row ties with it', async () => {
    const dims = 4;
    const q = Int8Array.from([10, 20, 30, 40, 10, 20, 30, 40, -5, 7, 1, 2]);
    const scales = Float32Array.from([1, 1, 1].map((_, i) => 1 / Math.hypot(...q.subarray(i * dims, i * dims + dims))));
    const knn = await cosineKnn(q, scales, 3, dims, 3);
    expect(Array.from(knn.indices)).toEqual([0, 1, 2, 1, 0, 2, 2, 0, 1]);
    expect(knn.distances[1]).toBeLessThan(1e-5); // the duplicate: 1 − cos ≈ 0, never negative
    expect(knn.distances[1]).toBeGreaterThanOrEqual(0);
  });

  it('clamps k to n; n = 0 gives an empty graph', async () => {
    const { q, scales } = randomSet(5, 8, 1);
    const knn = await cosineKnn(q, scales, 5, 8, 15);
    expect(knn.k).toBe(5);
    expect(Array.from(knn.indices.subarray(0, 5)).sort()).toEqual([0, 1, 2, 3, 4]);
    const empty = await cosineKnn(new Int8Array(0), new Float32Array(0), 0, 8, 15);
    expect(empty.indices.length).toBe(0);
  });

  it('reports progress up to (n, n) and rejects with an AbortError when aborted', async () => {
    const { q, scales } = randomSet(40, 8, 2);
    const seen: number[] = [];
    await cosineKnn(q, scales, 40, 8, 5, { onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    const ctl = new AbortController();
    ctl.abort();
    await expect(cosineKnn(q, scales, 40, 8, 5, { signal: ctl.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects bad shapes with a message naming the sizes', async () => {
    await expect(cosineKnn(new Int8Array(10), new Float32Array(5), 5, 4, 3)).rejects.toThrow(/need n × dims = 20/);
    await expect(cosineKnn(new Int8Array(20), new Float32Array(5), 5, 4, 0)).rejects.toThrow(/k must be/);
  });
});
