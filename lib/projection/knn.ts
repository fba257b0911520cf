/**
 * Exact cosine k-nearest neighbours of every row of an int8-rowscale set (the input UMAP and the
 * preservation score need), scored by our WASM kernel four queries per pass over the rows.
 */
import { createScorer } from '../vectors/kernel/scorer';
import { dequantiseRow } from '../vectors/kernels';
import { highestScoringRows } from '../vectors/topk';
import { SLICE_MS, throwIfAborted, yieldToEventLoop } from './umap-schedule';

export interface KnnGraph {
  /** Points in the set. */
  n: number;
  k: number;
  /** rows × k neighbour ids, row i starts with its point itself, then by decreasing cosine (ties: lower id first). */
  indices: Int32Array;
  /** rows × k cosine distances 1 − cos (clamped at 0), umap-js's `cosine`; the self entry is 0. */
  distances: Float32Array;
  /** The point of each row when only some points were queried; absent: row i is point i (n rows). */
  points?: Int32Array;
}

export interface KnnHooks {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Only these points' neighbours (among all n), e.g. a sample for the preservation score. */
  queries?: Int32Array;
}

/**
 * `q`: n × dims int8 rows, row i being q[i] * scales[i] (unit length; a zero row has scale 0).
 * k counts the point itself, as umap-js's kNN does: k = 15 gives self + 14 neighbours; k is
 * clamped to n. Cosines carry the kernel's query quantisation (a few 1e-6, see scorer.ts).
 * Yields to the event loop every SLICE_MS; rejects with an AbortError when `signal` aborts.
 */
export async function cosineKnn(
  q: Int8Array,
  scales: Float32Array,
  n: number,
  dims: number,
  k: number,
  hooks: KnnHooks = {},
): Promise<KnnGraph> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`cosineKnn: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`cosineKnn: k must be an integer ≥ 1, got ${k}`);
  if (q.length < n * dims) throw new RangeError(`cosineKnn: q has ${q.length} values, need n × dims = ${n * dims}`);
  if (scales.length < n) throw new RangeError(`cosineKnn: scales has ${scales.length} values, need ${n}`);
  const { signal, onProgress, queries: points } = hooks;
  throwIfAborted(signal);
  if (points?.some((p) => !(p >= 0 && p < n))) throw new RangeError(`cosineKnn: query points must be in [0, ${n})`);
  const kk = Math.min(k, n);
  const rows = points ? points.length : n;
  const pointOf = (r: number) => (points ? points[r] : r);
  const indices = new Int32Array(rows * kk);
  const distances = new Float32Array(rows * kk);
  if (n === 0 || rows === 0) return { n, k: kk, indices, distances, ...(points && { points }) };

  const scorer = await createScorer(n, dims);
  scorer.setRows(0, q.subarray(0, n * dims), scales.subarray(0, n));
  const queries = [0, 1, 2, 3].map(() => new Float32Array(dims));
  let sliceStart = performance.now();
  for (let i0 = 0; i0 < rows; i0 += queries.length) {
    const nq = Math.min(queries.length, rows - i0);
    for (let j = 0; j < nq; j++) {
      const row = pointOf(i0 + j);
      dequantiseRow(q.subarray(row * dims, (row + 1) * dims), scales[row], queries[j]);
    }
    const scores = scorer.scores(queries.slice(0, nq), n); // views valid until the next call
    for (let j = 0; j < nq; j++) {
      const self = pointOf(i0 + j);
      const others = highestScoringRows(scores[j], n, kk - 1, new Set([self]));
      const base = (i0 + j) * kk;
      indices[base] = self; // distances[base] stays 0
      others.forEach((hit, a) => {
        indices[base + 1 + a] = hit.id;
        distances[base + 1 + a] = Math.max(0, 1 - hit.score);
      });
    }
    if (performance.now() - sliceStart >= SLICE_MS && i0 + nq < rows) {
      onProgress?.(i0 + nq, rows);
      await yieldToEventLoop();
      throwIfAborted(signal);
      sliceStart = performance.now();
    }
  }
  onProgress?.(rows, rows);
  return { n, k: kk, indices, distances, ...(points && { points }) };
}
