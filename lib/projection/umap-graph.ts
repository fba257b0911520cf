/**
 * UMAP's fuzzy simplicial set from a kNN graph, in typed arrays: umap-js 1.4.0's
 * smoothKNNDistance → computeMembershipStrengths → fuzzy union A + Aᵀ − A∘Aᵀ (setOpMixRatio 1)
 * → initializeSimplicialSetEmbedding's pruning → makeEpochsPerSample, with the same floating-point
 * operations in the same order, so the edges, weights and epochsPerSample are bitwise those of
 * umap-js (tested in umap-graph.test.ts). umap-js keys a SparseMatrix by "row:col" strings, which
 * took ~5 s for 5,000 points here; this takes ~0.1–0.15 s (smooth kNN distances ~50 ms, union ~35–70 ms).
 *
 * Edge order is umap-js's getAll() order: by row, then column. Edge e joins tail[e] = row and
 * head[e] = column (umap-js's naming; the graph is symmetric, so both directions are present).
 */
import type { KnnGraph } from './knn';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
const N_ITER = 64;

export interface UmapEdges {
  /** Number of edges (nonzero symmetrised memberships kept after pruning). */
  m: number;
  head: Int32Array;
  tail: Int32Array;
  weights: Float64Array;
  /** nEpochs / (weight / maxWeight · nEpochs): how many epochs between two samples of edge e. */
  epochsPerSample: Float64Array;
}

/**
 * sigma (smooth kNN distance scale) and rho (distance to the nearest non-identical neighbour) of
 * every point, umap-js's smoothKNNDistance with localConnectivity 1 and bandwidth 1. Row i of
 * the kNN must start with i itself (the bisection sums neighbours 1 … k − 1, as umap-js does).
 */
export function smoothKnnDistances(knn: KnnGraph): { sigmas: Float64Array; rhos: Float64Array } {
  const { n, k, distances } = knn;
  const target = Math.log(k) / Math.log(2); // × bandwidth 1
  const sigmas = new Float64Array(n);
  const rhos = new Float64Array(n);
  let meanAll: number | undefined; // umap-js's mean of row means, needed only when some rho is 0
  for (let i = 0; i < n; i++) {
    const base = i * k;
    // localConnectivity 1: rho is the first positive distance (in kNN order), else 0.
    let rho = 0;
    for (let j = 0; j < k; j++) {
      if (distances[base + j] > 0) {
        rho = distances[base + j];
        break;
      }
    }
    rhos[i] = rho;

    let lo = 0.0;
    let hi = Infinity;
    let mid = 1.0;
    for (let it = 0; it < N_ITER; it++) {
      let psum = 0.0;
      for (let j = 1; j < k; j++) {
        const d = distances[base + j] - rho;
        if (d > 0) psum += Math.exp(-(d / mid));
        else psum += 1.0;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2.0;
      } else {
        lo = mid;
        if (hi === Infinity) mid *= 2;
        else mid = (lo + hi) / 2.0;
      }
    }

    let sigma = mid;
    if (rho > 0.0) {
      const floor = MIN_K_DIST_SCALE * rowMean(distances, base, k);
      if (sigma < floor) sigma = floor;
    } else {
      if (meanAll === undefined) {
        // utils.mean(distances.map(utils.mean)): a left-to-right sum of the row means.
        let s = rowMean(distances, 0, k);
        for (let r = 1; r < n; r++) s += rowMean(distances, r * k, k);
        meanAll = s / n;
      }
      const floor = MIN_K_DIST_SCALE * meanAll;
      if (sigma < floor) sigma = floor;
    }
    sigmas[i] = sigma;
  }
  return { sigmas, rhos };
}

/** utils.mean of one kNN row: reduce from the first element, then divide. */
function rowMean(values: Float32Array, base: number, k: number): number {
  let s: number = values[base];
  for (let j = 1; j < k; j++) s += values[base + j];
  return s / k;
}

/** The symmetrised fuzzy graph before pruning, entries in umap-js's getAll() order (row, then column). */
export interface FuzzyGraph {
  m: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/**
 * Membership strengths of each kNN row and their fuzzy union A + Aᵀ − A∘Aᵀ (umap-js's
 * fuzzySimplicialSet with setOpMixRatio 1). Requires kNN rows with distinct ids, the point
 * itself first. Entries whose value is 0 (the self entries) are kept, as in umap-js.
 */
export function fuzzyGraph(knn: KnnGraph, smooth = smoothKnnDistances(knn)): FuzzyGraph {
  const { n, k, indices, distances } = knn;
  const { sigmas, rhos } = smooth;
  const nk = n * k;

  // Membership strengths A (n × k, row i → column indices[i·k + j]); the self entry is 0.
  const memb = new Float64Array(nk);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const e = i * k + j;
      if (indices[e] === i) memb[e] = 0.0;
      else if (distances[e] - rhos[i] <= 0.0) memb[e] = 1.0;
      else memb[e] = Math.exp(-((distances[e] - rhos[i]) / sigmas[i]));
    }
  }

  // Candidate entries of A + Aᵀ by row, CSR: (i, indices[e]) from A and (indices[e], i) from Aᵀ.
  // slotSrc is e for an A entry and −1 − e for an Aᵀ entry.
  const rowStart = new Int32Array(n + 1);
  for (let e = 0; e < nk; e++) {
    rowStart[((e / k) | 0) + 1]++;
    rowStart[indices[e] + 1]++;
  }
  for (let r = 0; r < n; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, n);
  const slotCol = new Int32Array(2 * nk);
  const slotSrc = new Int32Array(2 * nk);
  for (let e = 0; e < nk; e++) {
    const i = (e / k) | 0;
    const c = indices[e];
    let s = fill[i]++;
    slotCol[s] = c;
    slotSrc[s] = e;
    s = fill[c]++;
    slotCol[s] = i;
    slotSrc[s] = -1 - e;
  }

  // Per row: insertion-sort the slots by column (rows hold ~2k slots), then merge the A and Aᵀ
  // values of each (row, col) as umap-js does: (a + b) − a·b, a missing side being 0.
  const rows = new Int32Array(2 * nk);
  const cols = new Int32Array(2 * nk);
  const values = new Float64Array(2 * nk);
  let m = 0;
  for (let r = 0; r < n; r++) {
    const lo = rowStart[r];
    const hi = rowStart[r + 1];
    for (let s = lo + 1; s < hi; s++) {
      const c = slotCol[s];
      const src = slotSrc[s];
      let t = s;
      while (t > lo && slotCol[t - 1] > c) {
        slotCol[t] = slotCol[t - 1];
        slotSrc[t] = slotSrc[t - 1];
        t--;
      }
      slotCol[t] = c;
      slotSrc[t] = src;
    }
    for (let s = lo; s < hi; ) {
      const c = slotCol[s];
      let a = 0;
      let b = 0;
      for (; s < hi && slotCol[s] === c; s++) {
        const src = slotSrc[s];
        if (src >= 0) a = memb[src];
        else b = memb[-1 - src];
      }
      rows[m] = r;
      cols[m] = c;
      values[m] = a + b - a * b;
      m++;
    }
  }
  return { m, rows, cols, values };
}

/**
 * The edges umap-js optimises for `nEpochs` epochs (initializeSimplicialSetEmbedding): values
 * below max / nEpochs become 0, zero entries are dropped, and epochsPerSample follows.
 */
export function pruneEdges(graph: FuzzyGraph, nEpochs: number): UmapEdges {
  const { m, rows, cols, values } = graph;
  let graphMax = 0;
  for (let e = 0; e < m; e++) if (graphMax < values[e]) graphMax = values[e];
  const threshold = graphMax / nEpochs;
  let kept = 0;
  for (let e = 0; e < m; e++) if (!(values[e] < threshold) && values[e]) kept++;
  const head = new Int32Array(kept);
  const tail = new Int32Array(kept);
  const weights = new Float64Array(kept);
  let w = 0;
  for (let e = 0; e < m; e++) {
    const v = values[e];
    if (v < threshold || !v) continue;
    head[w] = cols[e];
    tail[w] = rows[e];
    weights[w] = v;
    w++;
  }

  // makeEpochsPerSample: utils.max starts from 0; nonpositive sample counts give −1.
  let maxW = 0;
  for (let e = 0; e < kept; e++) maxW = weights[e] > maxW ? weights[e] : maxW;
  const epochsPerSample = new Float64Array(kept);
  for (let e = 0; e < kept; e++) {
    const samples = (weights[e] / maxW) * nEpochs;
    epochsPerSample[e] = samples > 0 ? nEpochs / samples : -1.0;
  }
  return { m: kept, head, tail, weights, epochsPerSample };
}

/** fuzzyGraph then pruneEdges. */
export function fuzzyEdges(knn: KnnGraph, nEpochs: number): UmapEdges {
  return pruneEdges(fuzzyGraph(knn), nEpochs);
}

/** umap-js's default number of epochs for n points (its getNEpochs; differs from Python UMAP). */
export function umapJsEpochs(n: number): number {
  if (n <= 2500) return 500;
  if (n <= 5000) return 400;
  if (n <= 7500) return 300;
  return 200;
}
