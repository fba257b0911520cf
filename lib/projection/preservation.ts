/**
 * Neighbour preservation of a 2-D / 3-D map: how many of each word's nearest neighbours in the
 * original vector space are still its nearest neighbours on the map.
 */

/**
 * Mean over points of |kNN_original(i) ∩ kNN_map(i)| / k.
 *
 * `rows`: n × dims row-major, unit rows (original neighbours by cosine = dot product, larger first).
 * `coords`: n × outDims row-major (map neighbours by Euclidean distance, smaller first).
 * A point is never its own neighbour; ties go to the lower index. When n ≤ k, k becomes n − 1;
 * n ≤ 1 (or k ≤ 0) gives 1. Exact brute force, O(n² · (dims + outDims + k)); when a cosine kNN of
 * the rows is at hand, neighbourPreservationFromKnn skips the original-space half.
 */
export function neighbourPreservation(
  rows: Float32Array,
  coords: Float32Array,
  n: number,
  dims: number,
  outDims: number,
  k = 10,
): number {
  if (rows.length < n * dims) throw new Error(`neighbourPreservation: rows has ${rows.length} values, need ${n * dims}`);
  if (coords.length < n * outDims) throw new Error(`neighbourPreservation: coords has ${coords.length} values, need ${n * outDims}`);
  const kk = Math.min(Math.floor(k), n - 1);
  if (n <= 1 || kk <= 0) return 1;

  // Original-space neighbours of every point, found in one pass over the pairs i < j (each dot
  // product computed once, offered to both ends). origIds / origScores: n × kk, per point its kept
  // neighbours ordered best first; origCount: how many are kept so far.
  const origIds = new Int32Array(n * kk);
  const origScores = new Float64Array(n * kk);
  const origCount = new Int32Array(n);
  const offer = (p: number, q: number, score: number): void => {
    const base = p * kk;
    let pos = origCount[p];
    if (pos === kk) {
      const ws = origScores[base + kk - 1];
      if (!(score > ws || (score === ws && q < origIds[base + kk - 1]))) return;
      pos = kk - 1;
    } else {
      origCount[p] = pos + 1;
    }
    while (pos > 0) {
      const ps = origScores[base + pos - 1];
      if (!(score > ps || (score === ps && q < origIds[base + pos - 1]))) break;
      origScores[base + pos] = ps;
      origIds[base + pos] = origIds[base + pos - 1];
      pos--;
    }
    origScores[base + pos] = score;
    origIds[base + pos] = q;
  };

  // Blocks of 4 points against every later point: each candidate row is read once per block.
  const BLOCK = 4;
  const rows64 = Float64Array.from(rows.subarray(0, n * dims)); // n × dims; float64 reads are faster here
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const here = Math.min(BLOCK, n - i0);
    // Rows past n in a short final block reuse the last row; their results are ignored.
    const b0 = i0 * dims;
    const b1 = Math.min(i0 + 1, n - 1) * dims;
    const b2 = Math.min(i0 + 2, n - 1) * dims;
    const b3 = Math.min(i0 + 3, n - 1) * dims;
    for (let j = i0 + 1; j < n; j++) {
      const bj = j * dims;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let d = 0; d < dims; d++) {
        const x = rows64[bj + d];
        a0 += rows64[b0 + d] * x;
        a1 += rows64[b1 + d] * x;
        a2 += rows64[b2 + d] * x;
        a3 += rows64[b3 + d] * x;
      }
      // Pair (i0 + b, j) is new exactly when j > i0 + b (smaller j were done by an earlier i).
      offer(i0, j, a0);
      offer(j, i0, a0);
      if (here > 1 && j > i0 + 1) {
        offer(i0 + 1, j, a1);
        offer(j, i0 + 1, a1);
      }
      if (here > 2 && j > i0 + 2) {
        offer(i0 + 2, j, a2);
        offer(j, i0 + 2, a2);
      }
      if (here > 3 && j > i0 + 3) {
        offer(i0 + 3, j, a3);
        offer(j, i0 + 3, a3);
      }
    }
  }

  return mapOverlap(origIds, kk, coords, n, outDims);
}

/**
 * neighbourPreservation with the original-space neighbours taken from a precomputed kNN graph
 * (knn.ts: row i lists i itself first, then neighbours best first, ties to the lower id): the
 * first k entries of each row other than i. Needs knn.k ≥ k + 1 (e.g. UMAP's 15 for k = 10).
 * Same k clamping and result as the brute force. O(n² · (outDims + k)) for the map side.
 */
export function neighbourPreservationFromKnn(
  knn: { n: number; k: number; indices: Int32Array; points?: Int32Array },
  coords: Float32Array,
  outDims: number,
  k = 10,
): number {
  const { n } = knn;
  if (coords.length < n * outDims) throw new Error(`neighbourPreservationFromKnn: coords has ${coords.length} values, need ${n * outDims}`);
  const kk = Math.min(Math.floor(k), n - 1);
  if (n <= 1 || kk <= 0) return 1;
  if (knn.k < kk + 1) throw new Error(`neighbourPreservationFromKnn: a kNN of ${knn.k} per point (self included) cannot give ${kk} neighbours; compute it with k ≥ ${kk + 1}`);
  const points = knn.points ?? Int32Array.from({ length: n }, (_, i) => i);
  const origIds = new Int32Array(points.length * kk); // rows × kk original neighbours, best first
  points.forEach((p, r) => {
    let got = 0;
    for (let j = 0; j < knn.k && got < kk; j++) {
      const id = knn.indices[r * knn.k + j];
      if (id !== p) origIds[r * kk + got++] = id;
    }
    if (got < kk) throw new Error(`neighbourPreservationFromKnn: row ${r} of the kNN has only ${got} neighbours other than its point, need ${kk}`);
  });
  return mapOverlap(origIds, kk, coords, n, outDims, points);
}

/**
 * Mean over `points` (all n when absent) of the fraction of their kk original neighbours
 * (origIds: one row of kk per point) that are among their kk nearest on the map (Euclidean, ties
 * to the lower index).
 */
function mapOverlap(origIds: Int32Array, kk: number, coords: Float32Array, n: number, outDims: number, points?: Int32Array): number {
  const dists = new Float64Array(n); // map-space score of each candidate for the current point (larger = nearer)
  const topMap = new Int32Array(kk); // kk neighbour ids
  const best = new Float64Array(kk); // scratch for writeHighestIds
  const mark = new Int32Array(n).fill(-1); // mark[j] = r when j is an original neighbour of row r
  const rows = points ? points.length : n;
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    const i = points ? points[r] : r;
    const ci = i * outDims;
    for (let j = 0; j < n; j++) {
      const cj = j * outDims;
      let s = 0;
      for (let d = 0; d < outDims; d++) {
        const diff = coords[ci + d] - coords[cj + d];
        s += diff * diff;
      }
      dists[j] = -s; // nearer = larger
    }
    writeHighestIds(dists, i, kk, topMap, best);

    for (let a = 0; a < kk; a++) mark[origIds[r * kk + a]] = r;
    let shared = 0;
    for (let a = 0; a < kk; a++) if (mark[topMap[a]] === r) shared++;
    sum += shared / kk;
  }
  return sum / rows;
}

/**
 * Writes into `out` (length k) the ids of the k largest `scores`, skipping `self`; ties go to the
 * lower index. Insertion into a sorted buffer, O(n · k). `best` (length k) is scratch space for
 * the kept scores, best[0] the largest.
 */
function writeHighestIds(scores: Float64Array, self: number, k: number, out: Int32Array, best: Float64Array): void {
  let filled = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === self) continue;
    const s = scores[j];
    // j is visited in increasing order, so an equal score already kept has a lower index and wins.
    if (filled === k && !(s > best[k - 1])) continue;
    let pos = filled < k ? filled : k - 1;
    while (pos > 0 && s > best[pos - 1]) {
      best[pos] = best[pos - 1];
      out[pos] = out[pos - 1];
      pos--;
    }
    best[pos] = s;
    out[pos] = j;
    if (filled < k) filled++;
  }
}
