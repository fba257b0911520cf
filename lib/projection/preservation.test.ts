import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { pca } from './pca';
import { cosineKnn } from './knn';
import { neighbourPreservation, neighbourPreservationFromKnn } from './preservation';
import { randomSet } from './umap-test-fixtures';

/** Unit 2-D rows at the given angles (degrees), row-major. */
function circle(degrees: number[]): Float32Array {
  return Float32Array.from(degrees.flatMap((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]));
}

/** Points on the x axis as 2-D coords. */
function line(xs: number[]): Float32Array {
  return Float32Array.from(xs.flatMap((x) => [x, 0]));
}

/** Independent reference: full sorts instead of top-k insertion. */
function reference(rows: Float32Array, coords: Float32Array, n: number, dims: number, outDims: number, k: number): number {
  const kk = Math.min(k, n - 1);
  if (n <= 1) return 1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const others = [...Array(n).keys()].filter((j) => j !== i);
    const cos = (j: number) => rows.subarray(i * dims, i * dims + dims).reduce((s, v, d) => s + v * rows[j * dims + d], 0);
    const dist = (j: number) => coords.subarray(i * outDims, i * outDims + outDims).reduce((s, v, d) => s + (v - coords[j * outDims + d]) ** 2, 0);
    const a = new Set([...others].sort((x, y) => cos(y) - cos(x) || x - y).slice(0, kk));
    const b = [...others].sort((x, y) => dist(x) - dist(y) || x - y).slice(0, kk);
    total += b.filter((j) => a.has(j)).length / kk;
  }
  return total / n;
}

describe('neighbourPreservation, hand-computed', () => {
  it('identity projection (coords = the 2-D unit rows) scores 1', () => {
    const rnd = seededRandom(3);
    const rows = circle(Array.from({ length: 60 }, () => rnd() * 360));
    expect(neighbourPreservation(rows, rows, 60, 2, 2, 5)).toBe(1);
    expect(neighbourPreservation(rows, rows, 60, 2, 2)).toBe(1);
  });

  // Original angles 0°, 10°, 30°, 100°; map positions 0, 1, 3, 2.5 on a line.
  const ROWS = circle([0, 10, 30, 100]);
  const MAP = line([0, 1, 3, 2.5]);

  it('k = 1: only point 2 loses its neighbour (1 → 3), so 3/4', () => {
    // Original nn: 0→1, 1→0, 2→1, 3→2. Map nn: 0→1, 1→0, 2→3, 3→2.
    expect(neighbourPreservation(ROWS, MAP, 4, 2, 2, 1)).toBe(0.75);
  });

  it('k = 2: overlaps ½, ½, ½, 1 → 0.625', () => {
    // Original 2-nn: 0:{1,2} 1:{0,2} 2:{1,0} 3:{2,1}. Map 2-nn: 0:{1,3} 1:{0,3} 2:{3,1} 3:{2,1}.
    expect(neighbourPreservation(ROWS, MAP, 4, 2, 2, 2)).toBe(0.625);
  });

  it('ties go to the lower index in both spaces', () => {
    // Rows at 0°, 20°, −20°, 180°: point 0 ties 1/2, point 3 ties 1/2 → both pick 1.
    // Map 0, 1, −1, 10: point 0 ties 1/2 → picks 1; point 3's nearest is 1.
    // Lower-index ties give 4/4; higher-index ties would give 3/4 (point 3: 2 vs 1).
    const rows = Float32Array.from([1, 0, Math.cos(Math.PI / 9), Math.sin(Math.PI / 9), Math.cos(Math.PI / 9), -Math.sin(Math.PI / 9), -1, 0]);
    expect(neighbourPreservation(rows, line([0, 1, -1, 10]), 4, 2, 2, 1)).toBe(1);
  });

  it('a map that breaks most neighbourhoods: k = 1 scores 1/4', () => {
    // Original nn (k = 1): 0→1, 1→0, 2→1, 3→2. Map 0, 10, 1, 4: 0→2, 1→3 (6 vs 9), 2→0, 3→2 (3 vs 4).
    // Only point 3 keeps its neighbour: 1/4.
    expect(neighbourPreservation(ROWS, line([0, 10, 1, 4]), 4, 2, 2, 1)).toBe(0.25);
  });

  it('n ≤ k uses k = n − 1; n ≤ 1 gives 1', () => {
    expect(neighbourPreservation(ROWS, MAP, 4, 2, 2, 10)).toBe(1); // k = 3: everyone else
    expect(neighbourPreservation(ROWS, MAP, 3, 2, 2, 10)).toBe(1);
    expect(neighbourPreservation(ROWS, MAP, 1, 2, 2, 10)).toBe(1);
    expect(neighbourPreservation(new Float32Array(0), new Float32Array(0), 0, 2, 2)).toBe(1);
  });

  it('accepts 1-D and 3-D maps (outDims)', () => {
    expect(neighbourPreservation(ROWS, Float32Array.from([0, 1, 3, 2.5]), 4, 2, 1, 1)).toBe(0.75);
    expect(neighbourPreservation(ROWS, Float32Array.from([0, 0, 7, 1, 0, 7, 3, 0, 7, 2.5, 0, 7]), 4, 2, 3, 1)).toBe(0.75);
  });
});

describe('neighbourPreservation on generated data', () => {
  /**
   * Three clusters of unit rows in `dims`-D: cluster c is 3·e(5c) plus uniform noise of width 2 in
   * every dimension, then normalised. Separated in the full space (checked below), but a random
   * 2-D projection squeezes the centres as much as the noise, so clusters overlap on it.
   */
  function clusters(perCluster: number, dims: number, seed: number): Float32Array {
    const rnd = seededRandom(seed);
    const n = perCluster * 3;
    const rows = new Float32Array(n * dims);
    for (let r = 0; r < n; r++) {
      const c = Math.floor(r / perCluster);
      let ss = 0;
      for (let d = 0; d < dims; d++) {
        const v = (d === 5 * c ? 3 : 0) + (rnd() - 0.5) * 2;
        rows[r * dims + d] = v;
        ss += v * v;
      }
      for (let d = 0; d < dims; d++) rows[r * dims + d] /= Math.sqrt(ss);
    }
    return rows;
  }

  it('matches an independent full-sort reference on random data', () => {
    const rnd = seededRandom(11);
    const n = 80;
    const rows = new Float32Array(n * 5).map(() => rnd() - 0.5);
    for (let r = 0; r < n; r++) {
      const norm = Math.hypot(...rows.subarray(r * 5, r * 5 + 5));
      for (let d = 0; d < 5; d++) rows[r * 5 + d] /= norm;
    }
    const coords = new Float32Array(n * 2).map(() => rnd());
    for (const k of [1, 3, 10]) {
      expect(neighbourPreservation(rows, coords, n, 5, 2, k)).toBeCloseTo(reference(rows, coords, n, 5, 2, k), 12);
    }
  });

  it('matches the reference with many exact ties (duplicate rows, integer grid map, n not a multiple of 4)', () => {
    const rnd = seededRandom(21);
    const n = 37;
    const dims = 3;
    const palette = [[1, 0, 0], [0, 1, 0], [0, 0.6, 0.8], [0.6, 0, 0.8], [0, 0, 1]];
    const rows = Float32Array.from(Array.from({ length: n }, () => palette[Math.floor(rnd() * palette.length)]).flat());
    const coords = Float32Array.from(Array.from({ length: n * 2 }, () => Math.floor(rnd() * 4)));
    for (const k of [1, 2, 5, 36, 50]) {
      expect(neighbourPreservation(rows, coords, n, dims, 2, k)).toBeCloseTo(reference(rows, coords, n, dims, 2, k), 12);
    }
  });

  it('PCA preserves more neighbours than random projections on clustered 20-D data', () => {
    const per = 40;
    const n = per * 3;
    const dims = 20;
    const rows = clusters(per, dims, 5);
    const pcaScore = neighbourPreservation(rows, pca(rows, n, dims, 2).coords, n, dims, 2);

    const rnd = seededRandom(9);
    const randomScores: number[] = [];
    for (let trial = 0; trial < 5; trial++) {
      const proj = new Float32Array(dims * 2).map(() => rnd() - 0.5); // dims × 2 random matrix
      const coords = new Float32Array(n * 2);
      for (let r = 0; r < n; r++)
        for (let o = 0; o < 2; o++) for (let d = 0; d < dims; d++) coords[r * 2 + o] += rows[r * dims + d] * proj[d * 2 + o];
      randomScores.push(neighbourPreservation(rows, coords, n, dims, 2));
    }
    // Well separated in 20-D: every point's 10 cosine neighbours lie in its own cluster.
    for (let i = 0; i < n; i++) {
      const sims = [...Array(n).keys()]
        .filter((j) => j !== i)
        .map((j) => ({ j, s: rows.subarray(i * dims, i * dims + dims).reduce((t, v, d) => t + v * rows[j * dims + d], 0) }))
        .sort((a, b) => b.s - a.s);
      for (const { j } of sims.slice(0, 10)) expect(Math.floor(j / per)).toBe(Math.floor(i / per));
    }
    // Measured: PCA ≈ 0.355, random 0.185–0.258.
    for (const s of randomScores) expect(pcaScore).toBeGreaterThan(s + 0.05);
    expect(pcaScore).toBeGreaterThan(0);
    expect(pcaScore).toBeLessThan(1);
  });
});

describe('neighbourPreservationFromKnn', () => {
  it('agrees with the brute force when given the cosine kNN of the same rows', async () => {
    const n = 130; // not a multiple of 4
    const dims = 20;
    const { rows, q, scales } = randomSet(n, dims, 8);
    const knn = await cosineKnn(q, scales, n, dims, 15);
    const rnd = seededRandom(4);
    for (const outDims of [2, 3]) {
      const coords = new Float32Array(n * outDims).map(() => rnd());
      for (const k of [1, 5, 10, 14]) {
        expect(neighbourPreservationFromKnn(knn, coords, outDims, k)).toBe(neighbourPreservation(rows, coords, n, dims, outDims, k));
      }
      // A map that keeps the original neighbourhoods scores higher: the rows' own first 3 dims.
      const proj = new Float32Array(n * 3).map((_, i) => rows[Math.floor(i / 3) * dims + (i % 3)]);
      expect(neighbourPreservationFromKnn(knn, proj, 3)).toBe(neighbourPreservation(rows, proj, n, dims, 3));
    }
  });

  it('skips the point itself wherever it sits in the row and uses the first k others', () => {
    // 4 points on a line; kNN rows given by hand (self not always first).
    const knn = { n: 4, k: 3, indices: Int32Array.from([0, 1, 2, 0, 1, 2, 1, 2, 3, 2, 3, 1]) };
    // Map neighbours (k = 1): 0→1, 1→0, 2→3, 3→2. Original first others: 0→1, 1→0, 2→1, 3→2.
    expect(neighbourPreservationFromKnn(knn, line([0, 1, 3, 2.5]), 2, 1)).toBe(0.75);
  });

  it('needs k + 1 entries per row; n ≤ 1 gives 1', () => {
    const knn = { n: 4, k: 3, indices: Int32Array.from([0, 1, 2, 1, 0, 2, 2, 1, 0, 3, 2, 1]) };
    expect(() => neighbourPreservationFromKnn(knn, line([0, 1, 2, 3]), 2, 10)).toThrow(/compute it with k ≥ 4/);
    expect(neighbourPreservationFromKnn({ n: 1, k: 1, indices: Int32Array.from([0]) }, new Float32Array(2), 2)).toBe(1);
  });
});
