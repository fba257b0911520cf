import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { jacobiEigen, pca } from './pca';

/** Row-major Float32Array from an array of points. */
function matrix(points: number[][]): Float32Array {
  return Float32Array.from(points.flat());
}

/** Column c of an n × m row-major result. */
function column(coords: Float32Array, m: number, c: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < coords.length / m; r++) out.push(coords[r * m + c]);
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

describe('pca on hand-checked data', () => {
  it('points on y = 2x: first component is (1, 2)/√5, explained ≈ [1, 0]', () => {
    const xs = [-2, -1, 0, 1, 2];
    const { coords, explained } = pca(matrix(xs.map((x) => [x, 2 * x])), 5, 2, 2);
    // Projection of (x, 2x) on (1, 2)/√5 is x·√5 (the mean is 0).
    expectClose(column(coords, 2, 0), xs.map((x) => x * Math.sqrt(5)));
    expectClose(column(coords, 2, 1), [0, 0, 0, 0, 0]);
    expect(explained[0]).toBeCloseTo(1, 10);
    expect(explained[1]).toBeCloseTo(0, 10);
  });

  it('centres the data: an offset line gives the same coordinates', () => {
    const xs = [-2, -1, 0, 1, 2];
    const { coords } = pca(matrix(xs.map((x) => [x + 10, 2 * x - 7])), 5, 2, 2);
    expectClose(column(coords, 2, 0), xs.map((x) => x * Math.sqrt(5)), 4);
  });

  it('3-D data with spreads 3, 2, 1 along the axes: explained = 18/28, 8/28, 2/28', () => {
    // Sum of squares per axis: 2·9 = 18, 2·4 = 8, 2·1 = 2; total 28 (the mean is 0).
    const pts = [[3, 0, 0], [-3, 0, 0], [0, 2, 0], [0, -2, 0], [0, 0, 1], [0, 0, -1]];
    const { coords, explained } = pca(matrix(pts), 6, 3, 3);
    expectClose(explained, [18 / 28, 8 / 28, 2 / 28], 10);
    // Components are the coordinate axes (each sign-fixed positive), so coords equal the points.
    expectClose(coords, pts.flat());
  });

  it('rotated axes u1 = (3,4,0)/5, u2 = (4,−3,0)/5, u3 = z: coordinates recover the spreads', () => {
    const u1 = [0.6, 0.8, 0];
    const u2 = [0.8, -0.6, 0];
    const u3 = [0, 0, 1];
    const scaled = (u: number[], s: number) => u.map((v) => v * s);
    const pts = [scaled(u1, 3), scaled(u1, -3), scaled(u2, 2), scaled(u2, -2), scaled(u3, 1), scaled(u3, -1)];
    const { coords, explained } = pca(matrix(pts), 6, 3, 3);
    expectClose(explained, [18 / 28, 8 / 28, 2 / 28], 6);
    // u2's largest loading (0.8) is already positive, so +2·u2 lands at +2 on component 2.
    expectClose(coords, [3, 0, 0, -3, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1], 5);
  });

  it('sign convention: on y = −3x the axis is (−1, 3)/√10 (largest loading positive)', () => {
    const xs = [-1, 0, 1];
    const { coords } = pca(matrix(xs.map((x) => [x, -3 * x])), 3, 2, 2);
    // (x, −3x) · (−1, 3)/√10 = −10x/√10 = −x·√10: the point with x = 1 is on the negative side.
    expectClose(column(coords, 2, 0), xs.map((x) => -x * Math.sqrt(10)));
  });

  it('agrees with an independent power-iteration reference on random data', () => {
    const rnd = seededRandom(7);
    const n = 200;
    const d = 6;
    const rows = new Float32Array(n * d);
    // Anisotropic: column j is scaled by (d − j), so the variances are well separated.
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) rows[r * d + j] = (rnd() - 0.5) * (d - j) + 0.3 * (rnd() - 0.5) * (j === 1 ? rows[r * d] : 0);
    // Reference: float64 covariance, 2000 steps of power iteration, then Rayleigh quotient.
    const mean = new Array(d).fill(0);
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += rows[r * d + j] / n;
    const cov = Array.from({ length: d }, () => new Array(d).fill(0));
    for (let r = 0; r < n; r++)
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] += (rows[r * d + i] - mean[i]) * (rows[r * d + j] - mean[j]);
    let v = new Array(d).fill(1);
    for (let step = 0; step < 2000; step++) {
      const w = cov.map((row) => row.reduce((s, c, j) => s + c * v[j], 0));
      const norm = Math.hypot(...w);
      v = w.map((x) => x / norm);
    }
    const lambda = cov.reduce((s, row, i) => s + v[i] * row.reduce((t, c, j) => t + c * v[j], 0), 0);
    const trace = cov.reduce((s, row, i) => s + row[i], 0);
    const big = v.reduce((b, x, i) => (Math.abs(x) > Math.abs(v[b]) ? i : b), 0);
    if (v[big] < 0) v = v.map((x) => -x);

    const { coords, explained } = pca(rows, n, d, 2);
    expect(explained[0]).toBeCloseTo(lambda / trace, 6);
    for (let r = 0; r < n; r++) {
      const ref = v.reduce((s, x, j) => s + x * (rows[r * d + j] - mean[j]), 0);
      expect(coords[r * 2]).toBeCloseTo(ref, 4);
    }
    // Component 2 is uncorrelated with component 1.
    let cross = 0;
    for (let r = 0; r < n; r++) cross += coords[r * 2] * coords[r * 2 + 1];
    expect(Math.abs(cross) / n).toBeLessThan(1e-4);
  });
});

describe('pca determinism and degenerate inputs', () => {
  it('two calls on the same data are bit-identical and leave the input unchanged', () => {
    const rnd = seededRandom(42);
    const rows = new Float32Array(300 * 20).map(() => rnd() - 0.5);
    const before = rows.slice();
    const a = pca(rows, 300, 20, 3);
    const b = pca(rows, 300, 20, 3);
    expect(Array.from(a.coords)).toEqual(Array.from(b.coords));
    expect(a.explained).toEqual(b.explained);
    expect(Array.from(rows)).toEqual(Array.from(before));
  });

  it('n = 0 and n = 1 give zeros, explained 0, no NaN', () => {
    const empty = pca(new Float32Array(0), 0, 4, 2);
    expect(empty.coords.length).toBe(0);
    expect(empty.explained).toEqual([0, 0]);
    const one = pca(matrix([[0.5, 0.5, 0.7]]), 1, 3, 3);
    expect(Array.from(one.coords)).toEqual([0, 0, 0]);
    expect(one.explained).toEqual([0, 0, 0]);
  });

  it('identical rows (zero variance) give zeros and explained 0', () => {
    const { coords, explained } = pca(matrix([[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]), 4, 3, 2);
    expect(Array.from(coords)).toEqual(new Array(8).fill(0));
    expect(explained).toEqual([0, 0]);
  });

  it('n = 2 < components = 3: one real component (2,2,1)/3 at ±1.5, the rest zero', () => {
    const { coords, explained } = pca(matrix([[0, 0, 0], [2, 2, 1]]), 2, 3, 3);
    expect(explained).toEqual([expect.closeTo(1, 10), 0, 0]);
    expectClose(coords, [-1.5, 0, 0, 1.5, 0, 0], 6);
    expect(Array.from(coords).every(Number.isFinite)).toBe(true);
  });

  it('dims = 2 with 3 components: the missing third component is zero', () => {
    const { coords, explained } = pca(matrix([[1, 0], [-1, 0], [0, 0.5], [0, -0.5]]), 4, 2, 3);
    // Sums of squares 2 and 0.5 → explained 0.8, 0.2, 0.
    expectClose(explained, [0.8, 0.2, 0], 10);
    expectClose(coords, [1, 0, 0, -1, 0, 0, 0, 0.5, 0, 0, -0.5, 0]);
  });

  it('rejects a rows array shorter than n × dims', () => {
    expect(() => pca(new Float32Array(5), 3, 2, 2)).toThrow(/n × dims/);
  });
});

describe('jacobiEigen', () => {
  it('diagonalises [[2,1],[1,2]]: eigenvalues 3 and 1, eigenvectors (1,±1)/√2', () => {
    const { values, vectors } = jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2);
    const order = values[0] > values[1] ? [0, 1] : [1, 0];
    expect(values[order[0]]).toBeCloseTo(3, 12);
    expect(values[order[1]]).toBeCloseTo(1, 12);
    const top = [vectors[order[0]], vectors[2 + order[0]]];
    expect(Math.abs(top[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(top[0] * top[1]).toBeCloseTo(0.5, 12);
  });
});
