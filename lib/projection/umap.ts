/**
 * UMAP of an int8-rowscale word set to 2-D or 3-D, for the map page's worker and the CLI.
 *
 * The algorithm is umap-js 1.4.0's (random initialisation, its SGD), fed the exact cosine kNN of
 * knn.ts, with its slow internals replaced by typed-array equivalents tested against umap-js
 * itself: the graph bit for bit (umap-graph.ts), the SGD bit for bit given the same x^y form
 * (umap-layout.ts). Fewer epochs than umap-js by default for large sets (defaultEpochs). Runs in
 * Node and Web Workers, in slices of SLICE_MS with a yield between, so it stays cancellable.
 */
import { cosineKnn, type KnnGraph } from './knn';
import { fuzzyGraph, pruneEdges, smoothKnnDistances, umapJsEpochs } from './umap-graph';
import { curveParams, UmapLayout } from './umap-layout';
import { SLICE_MS, throwIfAborted, yieldToEventLoop } from './umap-schedule';

export interface UmapOptions {
  nComponents: 2 | 3;
  /** kNN size including the point itself, as in umap-js (default 15; at least 2; clamped to n − 1). */
  nNeighbors?: number;
  /** Default 0.1. */
  minDist?: number;
  /** Seed of lib/random.ts's seededRandom (default 42). */
  seed?: number;
  /** Default: defaultEpochs(n). */
  nEpochs?: number;
}

/** Most point-epochs (n × nEpochs) the default allows: 200 epochs for 5,000 points. */
export const EPOCH_BUDGET = 1_000_000;

/**
 * Epochs when none are given: umap-js's rule (500 up to 2,500 points, 400 up to 5,000, 300 up to
 * 7,500, else 200), capped at EPOCH_BUDGET / n (at least 50) so that the layout's cost — about
 * n × nEpochs × (1 + 5 negative samples) pair updates — stays bounded: 400 epochs for 2,500
 * points, 200 for 5,000, 100 for 10,000. Measured on 5,000 GloVe words in 3-D
 * (scripts/bench-project.ts, seeds 1, 2, 3, 42): preservation10 0.339 ± 0.002 at 200 epochs
 * against 0.349 ± 0.001 at 400 (PCA: 0.048), in half the time.
 */
export function defaultEpochs(n: number): number {
  return Math.min(umapJsEpochs(n), Math.max(50, Math.floor(EPOCH_BUDGET / n)));
}

export interface UmapProgress {
  phase: 'knn' | 'graph' | 'layout';
  done: number;
  total: number;
  /** n × nComponents copy of the current layout, during 'layout'. */
  coords?: Float32Array;
}

export interface UmapHooks {
  signal?: AbortSignal;
  onProgress?: (p: UmapProgress) => void;
  /** Least time between two 'layout' progress reports (default 250 ms). */
  progressIntervalMs?: number;
}

export interface UmapResult {
  /** n × nComponents. */
  coords: Float32Array;
  /** After clamping to n − 1. */
  nNeighbors: number;
  nEpochs: number;
  knn: KnnGraph;
}

/**
 * Same input, options and seed → identical coordinates in a given JavaScript engine. Not across
 * engines: Math.exp / Math.log (used by the graph, umap-js's a, b fit and the SGD) differ in the
 * last bit for ~10% of arguments between Node 20 and Chromium 156, and the SGD amplifies that
 * into a different (equally good) layout. Tiny sets, where umap-js would throw:
 * n = 0 gives no points; n = 1 the origin; n = 2 the points (−1, 0[, 0]) and (1, 0[, 0]) (two
 * points have no shape to preserve); for these nNeighbors is n − 1 (at least 0), nEpochs 0 and
 * the kNN holds every point (k = n). From n = 3 on it is UMAP with nNeighbors ≤ n − 1.
 * Rejects with an Error named 'AbortError' when `signal` aborts.
 */
export async function runUmap(
  q: Int8Array,
  scales: Float32Array,
  n: number,
  dims: number,
  options: UmapOptions,
  hooks: UmapHooks = {},
): Promise<UmapResult> {
  const { nComponents, nNeighbors = 15, minDist = 0.1, seed = 42 } = options;
  if (nComponents !== 2 && nComponents !== 3) throw new RangeError(`runUmap: nComponents must be 2 or 3, got ${nComponents}`);
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) throw new RangeError(`runUmap: nNeighbors must be an integer ≥ 2 (it counts the point itself), got ${nNeighbors}`);
  if (!(minDist >= 0)) throw new RangeError(`runUmap: minDist must be ≥ 0, got ${minDist}`);
  if (options.nEpochs !== undefined && (!Number.isInteger(options.nEpochs) || options.nEpochs < 1)) {
    throw new RangeError(`runUmap: nEpochs must be a positive integer, got ${options.nEpochs}`);
  }
  const { signal, onProgress, progressIntervalMs = 250 } = hooks;

  const knnK = n <= 2 ? n : Math.min(nNeighbors, n - 1);
  const knn = await cosineKnn(q, scales, n, dims, Math.max(knnK, 1), {
    signal,
    onProgress: (done, total) => onProgress?.({ phase: 'knn', done, total }),
  });
  throwIfAborted(signal);
  if (n <= 2) {
    const coords = new Float32Array(n * nComponents);
    if (n === 2) {
      coords[0] = -1;
      coords[nComponents] = 1;
    }
    return { coords, nNeighbors: Math.max(n - 1, 0), nEpochs: 0, knn };
  }

  // The graph in four steps with a yield between (each well under progressIntervalMs).
  const nEpochs = options.nEpochs ?? defaultEpochs(n);
  const GRAPH_STEPS = 4;
  const graphStep = async (done: number) => {
    onProgress?.({ phase: 'graph', done, total: GRAPH_STEPS });
    await yieldToEventLoop();
    throwIfAborted(signal);
  };
  await graphStep(0);
  const smooth = smoothKnnDistances(knn);
  await graphStep(1);
  const graph = fuzzyGraph(knn, smooth);
  await graphStep(2);
  const edges = pruneEdges(graph, nEpochs);
  await graphStep(3);
  const ab = curveParams(minDist);
  onProgress?.({ phase: 'graph', done: GRAPH_STEPS, total: GRAPH_STEPS });

  const layout = new UmapLayout(n, nComponents, edges, nEpochs, ab, seed);
  let lastReport = performance.now();
  onProgress?.({ phase: 'layout', done: 0, total: nEpochs, coords: layout.coords() });
  while (!layout.done) {
    await yieldToEventLoop();
    throwIfAborted(signal);
    const sliceStart = performance.now();
    do layout.step();
    while (!layout.done && performance.now() - sliceStart < SLICE_MS);
    if (!layout.done && performance.now() - lastReport >= progressIntervalMs) {
      lastReport = performance.now();
      onProgress?.({ phase: 'layout', done: layout.epoch, total: nEpochs, coords: layout.coords() });
    }
  }
  const coords = layout.coords();
  onProgress?.({ phase: 'layout', done: nEpochs, total: nEpochs, coords: layout.coords() });
  return { coords, nNeighbors: knnK, nEpochs, knn };
}
