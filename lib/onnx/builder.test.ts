import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { toFloat16 } from './builder';

/** IEEE half bits to a number, straight from the definition. */
function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

describe('toFloat16', () => {
  it('encodes known values', () => {
    const x = Float32Array.of(0, -0, 1, -2, 0.5, 65504, 65520, 1e6, -Infinity, 2 ** -24, 2 ** -25, 2 ** -25 * 1.5, 6.103515625e-5, 1 + 2 ** -11, 1 + 3 * 2 ** -11);
    expect(Array.from(toFloat16(x))).toEqual([
      0x0000, 0x8000, 0x3c00, 0xc000, 0x3800, 0x7bff,
      0x7c00, // 65520 is the midpoint to the next binade: ties to even rounds to inf
      0x7c00, 0xfc00,
      0x0001, // smallest subnormal
      0x0000, // half of it: ties to even gives 0
      0x0001, // above half rounds up
      0x0400, // smallest normal
      0x3c00, // 1 + half an ulp: ties to even stays at 1
      0x3c02, // 1 + 1.5 ulp: ties to even goes up to 1 + 2 ulp
    ]);
    expect(toFloat16(Float32Array.of(NaN))[0] & 0x7fff).toBeGreaterThan(0x7c00);
  });

  it('gives the nearest half for random values across the range (normals and subnormals)', () => {
    const rand = seededRandom(5);
    const x = Float32Array.from({ length: 20000 }, () => (rand() - 0.5) * 2 ** Math.floor(rand() * 44 - 28));
    const h = toFloat16(x);
    for (let i = 0; i < x.length; i++) {
      const err = Math.abs(halfValue(h[i]) - x[i]);
      // neither neighbour of the chosen half is closer
      for (const n of [h[i] - 1, h[i] + 1]) if ((n & 0x7c00) !== 0x7c00 && (n & 0x7fff) !== 0x7fff) expect(err).toBeLessThanOrEqual(Math.abs(halfValue(n & 0xffff) - x[i]));
      expect(Math.sign(halfValue(h[i])) * Math.sign(x[i])).not.toBe(-1);
    }
  });
});
