import { describe, expect, it } from 'vitest';
import { orthogonalise, pairAxis, projectOnAxes } from './word-axes';

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}

// Three unit rows in 3-D: x, y, and (0.6, 0.8, 0).
const ROWS = Float32Array.from([1, 0, 0, 0, 1, 0, 0.6, 0.8, 0]);

describe('pairAxis', () => {
  it('is the unit vector from row[from] to row[to]', () => {
    // (0,1,0) − (1,0,0) = (−1, 1, 0), length √2.
    expectClose(pairAxis(ROWS, 3, 0, 1), [-Math.SQRT1_2, Math.SQRT1_2, 0]);
    // (0.6,0.8,0) − (1,0,0) = (−0.4, 0.8, 0), length √0.8 → (−1, 2, 0)/√5.
    expectClose(pairAxis(ROWS, 3, 0, 2), [-1 / Math.sqrt(5), 2 / Math.sqrt(5), 0]);
    // Reversing the pair flips the axis.
    expectClose(pairAxis(ROWS, 3, 1, 0), [Math.SQRT1_2, -Math.SQRT1_2, 0]);
  });

  it('throws for identical rows or ids out of range', () => {
    expect(() => pairAxis(ROWS, 3, 1, 1)).toThrow(/identical/);
    expect(() => pairAxis(Float32Array.from([1, 0, 1, 0]), 2, 0, 1)).toThrow(/identical/);
    expect(() => pairAxis(ROWS, 3, 0, 3)).toThrow(/out of range/);
    expect(() => pairAxis(ROWS, 3, -1, 0)).toThrow(/out of range/);
  });
});

describe('projectOnAxes', () => {
  it('gives n × axes.length dot products', () => {
    const axes = [Float32Array.from([1, 0, 0]), Float32Array.from([0, 0.6, 0.8])];
    // Row 0 (1,0,0): (1, 0). Row 1 (0,1,0): (0, 0.6). Row 2 (0.6,0.8,0): (0.6, 0.48).
    expectClose(projectOnAxes(ROWS, 3, 3, axes), [1, 0, 0, 0.6, 0.6, 0.48]);
  });

  it('works with one axis and with a pairAxis', () => {
    const axis = pairAxis(ROWS, 3, 0, 1); // (−1, 1, 0)/√2
    expectClose(projectOnAxes(ROWS, 3, 3, [axis]), [-Math.SQRT1_2, Math.SQRT1_2, 0.2 * Math.SQRT1_2]);
  });

  it('rejects an axis of the wrong length', () => {
    expect(() => projectOnAxes(ROWS, 3, 3, [Float32Array.from([1, 0])])).toThrow(/axis 0/);
  });
});

describe('orthogonalise', () => {
  it('removes the component along axis1 and normalises', () => {
    expectClose(orthogonalise(Float32Array.from([1, 1, 0]), Float32Array.from([1, 0, 0])), [0, 1, 0]);
    // axis1 need not be unit: (3,4,0) minus its part along (2,0,0) is (0,4,0).
    expectClose(orthogonalise(Float32Array.from([3, 4, 0]), Float32Array.from([2, 0, 0])), [0, 1, 0]);
    // (1,2,2)/3 minus its z part is (1,2,0)/3 → (1,2,0)/√5.
    const out = orthogonalise(Float32Array.from([1 / 3, 2 / 3, 2 / 3]), Float32Array.from([0, 0, 1]));
    expectClose(out, [1 / Math.sqrt(5), 2 / Math.sqrt(5), 0]);
  });

  it('result is orthogonal to axis1 for a skew pair', () => {
    // axis1 = (1,1,0)/√2, axis2 = (1,0,1): residual = (1,0,1) − ½(1,1,0) = (½, −½, 1), length √1.5.
    const a1 = Float32Array.from([Math.SQRT1_2, Math.SQRT1_2, 0]);
    const out = orthogonalise(Float32Array.from([1, 0, 1]), a1);
    const r = Math.sqrt(1.5);
    expectClose(out, [0.5 / r, -0.5 / r, 1 / r]);
    expect(out[0] * a1[0] + out[1] * a1[1] + out[2] * a1[2]).toBeCloseTo(0, 7);
  });

  it('throws a clear error for parallel (or anti-parallel) axes and zero axes', () => {
    expect(() => orthogonalise(Float32Array.from([-2, -4, -6]), Float32Array.from([1, 2, 3]))).toThrow(/parallel/);
    expect(() => orthogonalise(Float32Array.from([0.5, 0, 0]), Float32Array.from([3, 0, 0]))).toThrow(/parallel/);
    expect(() => orthogonalise(Float32Array.from([0, 0, 0]), Float32Array.from([1, 0, 0]))).toThrow(/zero/);
    expect(() => orthogonalise(Float32Array.from([1, 0]), Float32Array.from([1, 0, 0]))).toThrow(/lengths/);
  });
});
