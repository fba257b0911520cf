import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import type { KnnGraph } from './knn';
import { fuzzyEdges, smoothKnnDistances, umapJsEpochs } from './umap-graph';
import { umapJsOnKnn } from './umap-test-fixtures';

/**
 * A synthetic kNN graph: row i is i itself at distance 0, then k − 1 distinct random others at
 * increasing random distances. `zeroRows` rows get all-zero distances (duplicates: rho = 0), and
 * `tiedRows` rows start with a few zero-distance neighbours.
 */
function syntheticKnn(n: number, k: number, seed: number, zeroRows = 0, tiedRows = 0): KnnGraph {
  const rnd = seededRandom(seed);
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const picked = new Set([i]);
    indices[i * k] = i;
    let d = 0;
    for (let j = 1; j < k; j++) {
      let c = Math.floor(rnd() * n);
      while (picked.has(c)) c = (c + 1) % n;
      picked.add(c);
      indices[i * k + j] = c;
      d += rnd() * 0.1;
      distances[i * k + j] = i < zeroRows || (i < zeroRows + tiedRows && j < 3) ? 0 : d;
    }
  }
  return { n, k, indices, distances };
}

function umapJsSmooth(knn: KnnGraph): { sigmas: number[]; rhos: number[] } {
  const run = umapJsOnKnn(knn, 2, 0.1, 1, 50);
  const rows = Array.from({ length: knn.n }, (_, i) => Array.from(knn.distances.subarray(i * knn.k, (i + 1) * knn.k)));
  const u = run.umap as unknown as { smoothKNNDistance(d: number[][], k: number, lc: number): { sigmas: number[]; rhos: number[] } };
  return u.smoothKNNDistance(rows, knn.k, 1);
}

describe('fuzzyEdges equals umap-js 1.4.0 on the same kNN', () => {
  const cases: [string, KnnGraph, number][] = [
    ['random graph, n 120, k 15', syntheticKnn(120, 15, 1), 200],
    ['with rho = 0 rows and zero-distance ties', syntheticKnn(90, 10, 2, 3, 5), 500],
    ['small k (3) and n (7)', syntheticKnn(7, 3, 3), 500],
  ];
  for (const [name, knn, nEpochs] of cases) {
    it(`${name}: sigmas and rhos bit for bit`, () => {
      const ours = smoothKnnDistances(knn);
      const ref = umapJsSmooth(knn);
      expect(Array.from(ours.sigmas)).toEqual(ref.sigmas);
      expect(Array.from(ours.rhos)).toEqual(ref.rhos);
    });

    it(`${name}: head, tail and epochsPerSample bit for bit, in umap-js's order`, () => {
      const ours = fuzzyEdges(knn, nEpochs);
      const ref = umapJsOnKnn(knn, 2, 0.1, 1, nEpochs).state;
      expect(ours.m).toBeGreaterThan(knn.n); // a real graph, not an empty one
      expect(Array.from(ours.head)).toEqual(ref.head);
      expect(Array.from(ours.tail)).toEqual(ref.tail);
      expect(Array.from(ours.epochsPerSample)).toEqual(ref.epochsPerSample);
    });
  }

  it('pruning drops edges below max / nEpochs (fewer edges with fewer epochs)', () => {
    const knn = syntheticKnn(120, 15, 4);
    const few = fuzzyEdges(knn, 2);
    const many = fuzzyEdges(knn, 500);
    expect(few.m).toBeLessThan(many.m);
    const max = Math.max(...many.weights);
    for (const w of few.weights) expect(w).toBeGreaterThanOrEqual(max / 2);
    expect(Array.from(few.head)).toEqual(umapJsOnKnn(knn, 2, 0.1, 1, 2).state.head);
  });

  it('the symmetrised weights are a + b − ab of the two directions, in [0, 1]', () => {
    const knn = syntheticKnn(50, 6, 5);
    const e = fuzzyEdges(knn, 500);
    const w = new Map<string, number>();
    for (let i = 0; i < e.m; i++) w.set(`${e.tail[i]}:${e.head[i]}`, e.weights[i]);
    for (let i = 0; i < e.m; i++) {
      expect(w.get(`${e.head[i]}:${e.tail[i]}`)).toBe(e.weights[i]);
      expect(e.weights[i]).toBeGreaterThan(0);
      expect(e.weights[i]).toBeLessThanOrEqual(1);
    }
  });
});

describe('umapJsEpochs', () => {
  it("follows umap-js's rule", () => {
    expect([10, 2500, 2501, 5000, 5001, 7500, 7501, 20000].map(umapJsEpochs)).toEqual([500, 500, 400, 400, 300, 300, 200, 200]);
  });
});
