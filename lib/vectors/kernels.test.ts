import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { cosine, cosineAt, dequantiseRow, dequantiseRows, dot, dotAt, norm } from './kernels';

const random = seededRandom(7);
const vec = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);

describe('kernels', () => {
  it('dot(a, b) is Σ a[i]·b[i] in float64 and rejects different lengths', () => {
    expect(dot(Float32Array.from([1, 2, 3]), Float32Array.from([4, -5, 6]))).toBe(12);
    expect(dot(new Float32Array(0), new Float32Array(0))).toBe(0);
    expect(() => dot(new Float32Array(2), new Float32Array(3))).toThrow(/dot: vectors have different lengths \(2 and 3\)/);
  });

  it('dotAt reads rows in place and refuses ranges outside the arrays', () => {
    const m = Float64Array.from([1, 2, 3, 4, 5, 6]); // 3 × 2
    expect(dotAt(m, 2, m, 4, 2)).toBe(3 * 5 + 4 * 6);
    expect(() => dotAt(m, 5, m, 0, 2)).toThrow(/dotAt: values \[5, 7\) are outside an array of 6/);
    expect(() => dotAt(m, -1, m, 0, 1)).toThrow(RangeError);
  });

  it('norm(a) is the Euclidean length', () => {
    expect(norm(Float32Array.from([3, 4]))).toBe(5);
    expect(norm(new Float64Array(3))).toBe(0);
  });

  it('cosine(a, b) matches a·b / (‖a‖‖b‖), is 0 for a zero vector and ±1 for parallel vectors', () => {
    for (let t = 0; t < 20; t++) {
      const a = vec(17);
      const b = vec(17);
      expect(cosine(a, b)).toBeCloseTo(dot(a, b) / (norm(a) * norm(b)), 12);
    }
    const a = vec(5);
    expect(cosine(a, a.map((x) => -2 * x))).toBeCloseTo(-1, 12);
    expect(cosine(new Float32Array(5), a)).toBe(0);
    expect(() => cosine(new Float32Array(1), new Float32Array(2))).toThrow(/cosine: vectors have different lengths/);
  });

  it('cosineAt equals cosine on the same rows', () => {
    const m = vec(4 * 9);
    expect(cosineAt(m, 9, m, 27, 9)).toBe(cosine(m.subarray(9, 18), m.subarray(27, 36)));
    expect(() => cosineAt(m, 30, m, 0, 9)).toThrow(/cosineAt: values \[30, 39\) are outside an array of 36/);
  });

  it('dequantiseRow(q, scale) is q[i]·scale, into `out` when given', () => {
    const q = Int8Array.from([127, -64, 0]);
    expect(Array.from(dequantiseRow(q, 0.5))).toEqual([63.5, -32, 0]);
    const out = new Float32Array(3);
    expect(dequantiseRow(q, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([254, -128, 0]);
    expect(() => dequantiseRow(q, 1, new Float32Array(2))).toThrow(/dequantiseRow: vectors have different lengths \(3 and 2\)/);
  });

  it('dequantiseRows(q, scales, dims, count) stacks dequantiseRow and checks the sizes', () => {
    const q = Int8Array.from([1, 2, 3, 4, 5, 6]);
    const scales = Float32Array.from([1, 0.5, 2]);
    expect(Array.from(dequantiseRows(q, scales, 2))).toEqual([1, 2, 1.5, 2, 10, 12]);
    expect(Array.from(dequantiseRows(q, scales, 2, 1))).toEqual([1, 2]);
    expect(() => dequantiseRows(q, scales, 3)).toThrow(/3 rows of 3 need 9 values and 3 scales; have 6 and 3/);
    expect(() => dequantiseRows(q, scales, 0)).toThrow(/dims must be a positive integer/);
  });
});
