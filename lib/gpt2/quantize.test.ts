import { describe, expect, it } from 'vitest';
import { dequantize, dynamicQuantizeLinear, quantizeColumns, quantizeRows, roundHalfEven } from './quantize';

describe('roundHalfEven', () => {
  it('rounds ties to the even neighbour and everything else to the nearest', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.6, 3].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2, 3, -3, 3]);
  });
});

describe('quantizeColumns', () => {
  // Hand-computed: column 0 has max |w| 2.54 -> scale 0.02, column 1 max 1.27 -> scale 0.01,
  // column 2 is all zero -> scale 0, q 0.
  const w = Float32Array.of(
    2.54, -0.005, 0, //
    -1.0, 1.27, 0, //
    0.03, 0.015, 0,
  );

  it('gives one scale per column (max |w| / 127) and rounds w / scale half to even', () => {
    const { q, scale } = quantizeColumns(w, 3, 3);
    expect(Array.from(scale)).toEqual([Math.fround(2.54 / 127), Math.fround(1.27 / 127), 0]);
    // -0.005 / 0.01 = -0.5 -> -0 (even); 0.015 / 0.01 = 1.5 -> 2; 0.03 / 0.02 = 1.5 -> 2; -1 / 0.02 = -50
    expect(Array.from(q)).toEqual([127, 0, 0, -50, 127, 0, 2, 2, 0]);
  });

  it('dequantises within half a step of every value', () => {
    const m = quantizeColumns(w, 3, 3);
    const back = dequantize(m, 3, 3, 'column');
    for (let i = 0; i < w.length; i++) expect(Math.abs(back[i] - w[i])).toBeLessThanOrEqual(m.scale[i % 3] / 2 + 1e-7);
    expect(back[0]).toBeCloseTo(2.54, 6);
    expect(back[3]).toBeCloseTo(-1.0, 6);
  });

  it('refuses a length that does not match the shape', () => {
    expect(() => quantizeColumns(w, 2, 3)).toThrow('quantize: 9 values for a [2, 3] matrix (needs 6)');
  });
});

describe('quantizeRows', () => {
  it('gives one scale per row and never uses -128', () => {
    // Row 0: max 7.9375 = 127 / 16, so scale 1/16 and every value below is exact in binary.
    const { q, scale } = quantizeRows(Float32Array.of(-7.9375, 3.96875, 0.0625, 1, 0, 0), 2, 3);
    expect(Array.from(scale)).toEqual([1 / 16, Math.fround(1 / 127)]);
    expect(Array.from(q)).toEqual([-127, 64, 1, 127, 0, 0]); // 3.96875 · 16 = 63.5 -> 64 (even)
    expect(Array.from(dequantize({ q, scale }, 2, 3, 'row'))).toEqual([-127, 64, 1, 127, 0, 0].map((v, i) => Math.fround(v * scale[i < 3 ? 0 : 1])));
  });
});

describe('dynamicQuantizeLinear (ONNX DynamicQuantizeLinear)', () => {
  it('matches the ONNX specification example', () => {
    // From the operator's documentation: x = [0, 2, -3, -2.5, 1.34, 0.5] -> scale 5/255,
    // zero point round(3 / (5/255)) = round(153) = 153, y = [153, 255, 0, 26, 221, 179].
    const { q, scale, zeroPoint } = dynamicQuantizeLinear([0, 2, -3, -2.5, 1.34, 0.5]);
    expect(scale).toBe(Math.fround(5 / 255));
    expect(zeroPoint).toBe(153);
    expect(Array.from(q)).toEqual([153, 255, 0, 26, 221, 179]);
  });

  it('always includes 0 in the range, so all-positive inputs get zero point 0', () => {
    const { q, scale, zeroPoint } = dynamicQuantizeLinear([1, 2.55, 0.5]);
    expect(zeroPoint).toBe(0);
    expect(scale).toBe(Math.fround(2.55 / 255));
    expect(Array.from(q)).toEqual([100, 255, 50]);
    expect(dynamicQuantizeLinear([0, 0])).toEqual({ q: new Uint8Array(2), scale: 0, zeroPoint: 0 });
  });
});
