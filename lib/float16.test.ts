import { describe, expect, it } from 'vitest';
import { float32ToHalfBits, floatToHalf, halfBitsToFloat32, halfToFloat } from './float16';
import { seededRandom } from './random';

/** IEEE half bits to a number, straight from the definition. */
function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

describe('float32ToHalfBits', () => {
  it('encodes known values', () => {
    const x = Float32Array.of(0, -0, 1, -2, 0.5, 65504, 65520, 1e6, -Infinity, 2 ** -24, 2 ** -25, 2 ** -25 * 1.5, 6.103515625e-5, 1 + 2 ** -11, 1 + 3 * 2 ** -11);
    expect(Array.from(float32ToHalfBits(x))).toEqual([
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
    expect(float32ToHalfBits(Float32Array.of(NaN))[0] & 0x7fff).toBeGreaterThan(0x7c00);
  });

  it('gives the nearest half for random values across the range (normals and subnormals)', () => {
    const rand = seededRandom(5);
    const x = Float32Array.from({ length: 20000 }, () => (rand() - 0.5) * 2 ** Math.floor(rand() * 44 - 28));
    const h = float32ToHalfBits(x);
    for (let i = 0; i < x.length; i++) {
      const err = Math.abs(halfValue(h[i]) - x[i]);
      // neither neighbour of the chosen half is closer
      for (const n of [h[i] - 1, h[i] + 1]) if ((n & 0x7c00) !== 0x7c00 && (n & 0x7fff) !== 0x7fff) expect(err).toBeLessThanOrEqual(Math.abs(halfValue(n & 0xffff) - x[i]));
      expect(Math.sign(halfValue(h[i])) * Math.sign(x[i])).not.toBe(-1);
    }
  });
});

describe('half precision', () => {
  it('halfToFloat decodes known bit patterns', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24); // smallest subnormal
    expect(halfToFloat(0x03ff)).toBe(1023 * 2 ** -24); // largest subnormal
    expect(halfToFloat(0x0400)).toBe(2 ** -14); // smallest normal
    expect(halfToFloat(0x3555)).toBe(0.333251953125);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(halfToFloat(0x7c01)).toBeNaN();
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
  });

  it('floatToHalf inverts halfToFloat for every non-NaN pattern', () => {
    for (let h = 0; h < 65536; h++) {
      if (Number.isNaN(halfToFloat(h))) {
        expect(Number.isNaN(halfToFloat(floatToHalf(halfToFloat(h))))).toBe(true);
        continue;
      }
      if (floatToHalf(halfToFloat(h)) !== h) throw new Error(`pattern ${h.toString(16)} round-trips to ${floatToHalf(halfToFloat(h)).toString(16)}`);
    }
  });

  it('floatToHalf rounds to nearest, ties to even, and overflows to infinity', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie -> even mantissa 0
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie -> even mantissa 2
    expect(floatToHalf(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // above the tie
    expect(floatToHalf(65519)).toBe(0x7bff);
    expect(floatToHalf(65520)).toBe(0x7c00); // tie between 65504 and 2^16 -> inf
    expect(floatToHalf(-1e6)).toBe(0xfc00);
    expect(floatToHalf(2 ** -25)).toBe(0); // tie between 0 and the smallest subnormal -> 0
    expect(floatToHalf(3 * 2 ** -25)).toBe(0x0002); // tie between 1 and 2 units -> 2
    expect(floatToHalf(2 ** -26)).toBe(0);
    expect(floatToHalf(1023.5 * 2 ** -24)).toBe(0x0400); // rounds up out of the subnormals
  });

  it('halfBitsToFloat32 agrees with halfToFloat on every pattern', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const out = halfBitsToFloat32(all);
    for (let h = 0; h < 65536; h++) {
      const want = halfToFloat(h);
      if (!(Object.is(out[h], want) || (Number.isNaN(out[h]) && Number.isNaN(want)))) throw new Error(`pattern ${h}: ${out[h]} vs ${want}`);
    }
  });
});
