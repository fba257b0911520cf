import { describe, expect, it } from 'vitest';
import { pca } from '../projection/pca';
import { seededRandom } from '../random';
import { fewPointPca } from './few-point-pca';

function randomRows(n: number, dims: number, seed: number): Float32Array {
  const rnd = seededRandom(seed);
  return Float32Array.from({ length: n * dims }, () => rnd() * 2 - 1);
}

describe('fewPointPca', () => {
  it('matches the full-width pca() up to the sign of each component', () => {
    const n = 6;
    const dims = 12; // small enough for the full dims × dims pca to be the reference
    const rows = randomRows(n, dims, 7);
    const full = pca(rows, n, dims, 2);
    const few = fewPointPca(rows, n, dims);
    for (let c = 0; c < 2; c++) {
      expect(few.explained[c]).toBeCloseTo(full.explained[c], 6);
      const sign = Math.sign(few.coords[c]) === Math.sign(full.coords[c]) ? 1 : -1;
      for (let r = 0; r < n; r++) expect(few.coords[r * 2 + c]).toBeCloseTo(sign * full.coords[r * 2 + c], 4);
    }
  });

  it('handles points that span fewer dimensions than there are points', () => {
    // Three points on a line in 5-D: one component carries everything.
    const rows = Float32Array.from([0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 2, 4, 0, 0, 0]);
    const { coords, explained } = fewPointPca(rows, 3, 5);
    expect(explained[0]).toBeCloseTo(1, 10);
    expect(explained[1]).toBe(0);
    expect(Math.abs(coords[4] - coords[0])).toBeCloseTo(2 * Math.sqrt(5), 5);
    expect([coords[1], coords[3], coords[5]]).toEqual([0, 0, 0]);
  });

  it('gives zeros, not NaN, for identical points and for no points', () => {
    const same = fewPointPca(Float32Array.from([1, 2, 1, 2]), 2, 2);
    expect([...same.coords]).toEqual([0, 0, 0, 0]);
    expect(fewPointPca(new Float32Array(0), 0, 4).coords).toHaveLength(0);
  });
});
