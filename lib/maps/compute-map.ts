/**
 * One map, start to finish: resolve the words, gather their rows, project them (UMAP, PCA or
 * word-pair axes), and score how well the map keeps each word's 10 nearest neighbours.
 * Shared by the map worker and `npm run -s project`; runs in Node and in a Web Worker.
 */
import { cosineKnn, type KnnGraph } from '../projection/knn';
import { pca } from '../projection/pca';
import { neighbourPreservationFromKnn } from '../projection/preservation';
import { runUmap } from '../projection/umap';
import { orthogonalise, pairAxis, projectOnAxes } from '../projection/word-axes';
import { seededRandom } from '../random';
import type { AnalogyEngine } from '../vectors/analogy';
import { dequantiseRow } from '../vectors/kernels';
import type { VectorStore } from '../vectors/store';
import { resolveWords, WordSourceError, type ResolvedWords, type WordSource } from './word-source';

export type MapMethod = 'umap' | 'pca' | 'axes';
export const MAP_METHODS: MapMethod[] = ['umap', 'pca', 'axes'];

export interface MapParams {
  method: MapMethod;
  dims: 2 | 3;
  seed: number;
  /** UMAP only. */
  nNeighbors: number;
  minDist: number;
  nEpochs?: number;
  /** Word-pair axes: x runs from x[0] to x[1]; y from y[0] to y[1], or the top principal component of what x leaves. */
  axisX?: [string, string];
  axisY?: [string, string];
}

export const DEFAULT_MAP_PARAMS: MapParams = { method: 'umap', dims: 2, seed: 42, nNeighbors: 15, minDist: 0.1 };

export interface MapProgress {
  phase: 'knn' | 'graph' | 'layout' | 'quality';
  done: number;
  total: number;
  /** The layout so far (n × dims), during 'layout'. */
  coords?: Float32Array;
}

/** What an axis of a map is (the page words it in the reader's language; `axisLabel` in English). */
export type MapAxis =
  | { kind: 'umap'; n: number }
  | { kind: 'pc'; n: number; explained: number }
  /** The direction from one word to another; `orthogonal`: made perpendicular to the x axis. */
  | { kind: 'pair'; from: string; to: string; orthogonal: boolean }
  /** A principal component of what the word-pair axes leave. */
  | { kind: 'restPc'; n: number; explained: number };

/** An axis in English: "UMAP 1", "PC 1 (12.3%)", "he → she", "man → woman (⟂ x)", "PC 1 of the rest (8.0%)". */
export function axisLabel(axis: MapAxis): string {
  switch (axis.kind) {
    case 'umap':
      return `UMAP ${axis.n}`;
    case 'pc':
      return `PC ${axis.n} (${(axis.explained * 100).toFixed(1)}%)`;
    case 'pair':
      return `${axis.from} → ${axis.to}${axis.orthogonal ? ' (⟂ x)' : ''}`;
    case 'restPc':
      return `PC ${axis.n} of the rest (${(axis.explained * 100).toFixed(1)}%)`;
  }
}

export interface MapResult extends ResolvedWords {
  method: MapMethod;
  dims: 2 | 3;
  /** n × dims, row-major. */
  coords: Float32Array;
  /**
   * The words' unit vectors in the original space (n × vectorDims, row-major), so the page can
   * find neighbours among the map's words and describe clusters without asking the worker.
   */
  unit: Float32Array;
  /** Dimensions of the original space (the set's). */
  vectorDims: number;
  /** Each axis, and the same in English words (`axisLabel`) for the command line and the downloads. */
  axes: MapAxis[];
  axisLabels: string[];
  /** PCA: share of the variance on each axis (0..1). */
  explained?: number[];
  /** UMAP: neighbours used after clamping for small sets, and epochs run. */
  nNeighbors?: number;
  nEpochs?: number;
  /** Mean fraction of each word's 10 nearest neighbours (100-d, cosine) that stay among its 10 nearest on the map. */
  preservation10: number;
  /** Words the preservation score averaged over (all of them up to QUALITY_SAMPLE, else a fixed sample). */
  qualitySample: number;
  /** Projection time (kNN + layout), and the quality score's time, in seconds. */
  seconds: number;
  qualitySeconds: number;
}

export interface MapHooks {
  signal?: AbortSignal;
  onProgress?: (p: MapProgress) => void;
}

const PRESERVATION_K = 10;
/** Words the preservation score averages over, at most (see preservation()). */
export const QUALITY_SAMPLE = 2000;

export async function computeMap(engine: AnalogyEngine, source: WordSource, params: MapParams, hooks: MapHooks = {}): Promise<MapResult> {
  const store = engine.store;
  const words = resolveWords(engine, source);
  const n = words.ids.length;
  const dims = store.info.dims;
  const { q, scales, unit } = gatherRows(store, words.ids);
  hooks.onProgress?.({ phase: 'knn', done: 0, total: n });

  const start = performance.now();
  let coords: Float32Array;
  let axes: MapAxis[];
  let explained: number[] | undefined;
  let knn: KnnGraph | undefined;
  let umapInfo: { nNeighbors: number; nEpochs: number } | undefined;
  switch (params.method) {
    case 'umap': {
      const r = await runUmap(q, scales, n, dims, { nComponents: params.dims, nNeighbors: params.nNeighbors, minDist: params.minDist, seed: params.seed, nEpochs: params.nEpochs }, hooks);
      coords = r.coords;
      knn = r.knn;
      umapInfo = { nNeighbors: r.nNeighbors, nEpochs: r.nEpochs };
      axes = [1, 2, 3].slice(0, params.dims).map((n) => ({ kind: 'umap', n }));
      break;
    }
    case 'pca': {
      const r = pca(unit, n, dims, params.dims);
      coords = r.coords;
      explained = r.explained;
      axes = r.explained.map((e, i) => ({ kind: 'pc', n: i + 1, explained: e }));
      break;
    }
    case 'axes': {
      const r = wordPairAxes(store, unit, n, params);
      coords = r.coords;
      axes = r.axes;
      explained = r.explained;
      break;
    }
  }
  const seconds = (performance.now() - start) / 1000;

  const qualityStart = performance.now();
  hooks.onProgress?.({ phase: 'quality', done: 0, total: 1 });
  const quality = await preservation(q, scales, coords, n, dims, params.dims, knn, hooks.signal);
  const qualitySeconds = (performance.now() - qualityStart) / 1000;

  return { ...words, method: params.method, dims: params.dims, coords, unit, vectorDims: dims, axes, axisLabels: axes.map(axisLabel), explained, ...umapInfo, preservation10: quality.score, qualitySample: quality.sample, seconds, qualitySeconds };
}

/** The rows of `ids`: int8 + scales for the kernel, and dequantised unit float rows (n × dims). */
export function gatherRows(store: VectorStore, ids: readonly number[]): { q: Int8Array; scales: Float32Array; unit: Float32Array } {
  const dims = store.info.dims;
  const n = ids.length;
  const q = new Int8Array(n * dims);
  const scales = new Float32Array(n);
  const unit = new Float32Array(n * dims);
  ids.forEach((id, i) => {
    const row = store.q.subarray(id * dims, id * dims + dims);
    q.set(row, i * dims);
    scales[i] = store.scales[id];
    dequantiseRow(row, store.scales[id], unit.subarray(i * dims, i * dims + dims));
  });
  return { q, scales, unit };
}

/**
 * x = the direction from axisX[0] to axisX[1]; y = the same for axisY (made orthogonal to x), or
 * else the top principal component of the words once x is taken out; a 3-D map adds the next one.
 * The axis words need not be on the map: their directions come from the whole set.
 */
function wordPairAxes(store: VectorStore, unit: Float32Array, n: number, params: MapParams): { coords: Float32Array; axes: MapAxis[]; explained?: number[] } {
  if (!params.axisX) throw new WordSourceError('word-pair axes need an x pair, e.g. he → she', 'axesNeedX');
  const dims = store.info.dims;
  const axisOf = ([a, b]: [string, string]) => {
    const ids = [a, b].map((w) => {
      const id = store.id(store.normalise(w));
      if (id < 0) throw new WordSourceError(`axis word "${w}" is not in the vectors`, 'axisWordUnknown', { word: w });
      return id;
    });
    const two = new Float32Array(2 * dims);
    two.set(store.unitVector(ids[0]), 0);
    two.set(store.unitVector(ids[1]), dims);
    return pairAxis(two, dims, 0, 1);
  };
  const axes = [axisOf(params.axisX)];
  const labels: MapAxis[] = [{ kind: 'pair', from: params.axisX[0], to: params.axisX[1], orthogonal: false }];
  if (params.axisY) {
    axes.push(orthogonalise(axisOf(params.axisY), axes[0]));
    labels.push({ kind: 'pair', from: params.axisY[0], to: params.axisY[1], orthogonal: true });
  }
  const onAxes = projectOnAxes(unit, n, dims, axes);
  const missing = params.dims - axes.length;
  if (missing <= 0) return { coords: onAxes, axes: labels };

  // Principal components of what the pair axes leave: residual = row − Σ (row·a) a.
  const residual = new Float32Array(unit);
  for (let i = 0; i < n; i++) {
    axes.forEach((axis, a) => {
      const t = onAxes[i * axes.length + a];
      for (let d = 0; d < dims; d++) residual[i * dims + d] -= t * axis[d];
    });
  }
  const r = pca(residual, n, dims, 3);
  const coords = new Float32Array(n * params.dims);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < axes.length; a++) coords[i * params.dims + a] = onAxes[i * axes.length + a];
    for (let m = 0; m < missing; m++) coords[i * params.dims + axes.length + m] = r.coords[i * 3 + m];
  }
  for (let m = 0; m < missing; m++) labels.push({ kind: 'restPc', n: m + 1, explained: r.explained[m] });
  return { coords, axes: labels };
}

/**
 * Preservation from an exact cosine kNN: UMAP's own when it has enough neighbours, else our
 * kernel's. Beyond QUALITY_SAMPLE words the mean is taken over a fixed random sample of words
 * (each still ranked against all n), which keeps the score to a fraction of a second; the
 * sampling error of such a mean is below 0.01 here (a fraction's standard deviation ≤ 0.5, / √2000).
 */
async function preservation(q: Int8Array, scales: Float32Array, coords: Float32Array, n: number, dims: number, outDims: number, knn: KnnGraph | undefined, signal?: AbortSignal): Promise<{ score: number; sample: number }> {
  const need = Math.min(PRESERVATION_K + 1, n);
  const points = n > QUALITY_SAMPLE ? samplePoints(n, QUALITY_SAMPLE) : undefined;
  let graph: KnnGraph;
  if (knn && knn.k >= need && !knn.points) graph = points ? { ...knn, indices: selectRows(knn.indices, knn.k, points), distances: selectRows(knn.distances, knn.k, points), points } : knn;
  else graph = await cosineKnn(q, scales, n, dims, need, { signal, queries: points });
  return { score: neighbourPreservationFromKnn(graph, coords, outDims, PRESERVATION_K), sample: points ? points.length : n };
}

/** `count` distinct points of [0, n), in increasing order: the same for the same n (seeded partial shuffle). */
export function samplePoints(n: number, count: number): Int32Array {
  const random = seededRandom(n);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count).sort();
}

function selectRows<T extends Int32Array | Float32Array>(values: T, width: number, rows: Int32Array): T {
  const out = new (values.constructor as new (length: number) => T)(rows.length * width);
  rows.forEach((row, r) => out.set(values.subarray(row * width, row * width + width), r * width));
  return out;
}
