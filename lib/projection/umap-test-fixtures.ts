/** umap-js itself, set up on a given kNN graph: the reference the typed-array UMAP is tested against. */
import { UMAP } from 'umap-js';
import { quantiseRow } from '../vectors/format';
import { dequantiseRow } from '../vectors/kernels';
import { seededRandom } from '../random';
import type { KnnGraph } from './knn';

/** umap-js's private optimisation state after initializeFit (field names as in umap-js 1.4.0). */
export interface UmapJsState {
  head: number[];
  tail: number[];
  epochsPerSample: number[];
  a: number;
  b: number;
  nEpochs: number;
}

export interface UmapJsRun {
  umap: UMAP;
  state: UmapJsState;
  /** n × nComponents, flattened. */
  embedding(): Float64Array;
}

/** A umap-js instance fed `knn` through setPrecomputedKNN and initialised (random start drawn from seededRandom(seed)). */
export function umapJsOnKnn(knn: KnnGraph, nComponents: number, minDist: number, seed: number, nEpochs?: number): UmapJsRun {
  const { n, k } = knn;
  const rows = (a: ArrayLike<number>) => Array.from({ length: n }, (_, i) => Array.from(a).slice(i * k, i * k + k));
  const umap = new UMAP({ nComponents, nNeighbors: k, minDist, nEpochs, random: seededRandom(seed) });
  umap.setPrecomputedKNN(rows(knn.indices), rows(knn.distances));
  umap.initializeFit(Array.from({ length: n }, () => [0])); // X only gives n: the kNN is precomputed
  const state = (umap as unknown as { optimizationState: UmapJsState }).optimizationState;
  return { umap, state, embedding: () => Float64Array.from(umap.getEmbedding().flat()) };
}

/** n random unit-ish rows quantised to the int8-rowscale format (rows, q, scales). */
export function randomSet(n: number, dims: number, seed: number): { rows: Float32Array; q: Int8Array; scales: Float32Array } {
  const rnd = seededRandom(seed);
  const q = new Int8Array(n * dims);
  const scales = new Float32Array(n);
  const rows = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    // A few clusters so the kNN graph has structure: centre (i mod 4) plus noise.
    const row = Array.from({ length: dims }, (_, d) => (d === i % 4 ? 2 : 0) + rnd() * 2 - 1);
    scales[i] = quantiseRow(row, q.subarray(i * dims, (i + 1) * dims)).scale;
    dequantiseRow(q.subarray(i * dims, (i + 1) * dims), scales[i], rows.subarray(i * dims, (i + 1) * dims));
  }
  return { rows, q, scales };
}
