/**
 * IEEE 754 half precision (float16) in plain TypeScript: decoding for safetensors F16 weights,
 * encoding for fp16 model files and the safetensors writer. Round to nearest, ties to even.
 */

/** The value of a float16 bit pattern (sign, 5-bit exponent with bias 15, 10-bit mantissa). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24; // zero and subnormals
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

let halfTable: Float32Array | undefined;

/** Converts float16 bit patterns through a 65,536-entry table (256 KB, built once). */
export function halfBitsToFloat32(bits: Uint16Array): Float32Array {
  if (!halfTable) {
    halfTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
  }
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfTable[bits[i]];
  return out;
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** The float16 bit pattern nearest to `value` (round to nearest even; overflow gives ±inf). */
export function floatToHalf(value: number): number {
  f32Scratch[0] = value;
  const x = u32Scratch[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = ((x >>> 23) & 0xff) - 127 + 15;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff - 127 + 15) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // inf, NaN
  if (exponent >= 31) return sign | 0x7c00;
  let shift = 13;
  let half: number;
  if (exponent <= 0) {
    if (exponent < -10) return sign; // below half the smallest subnormal
    mantissa |= 0x800000; // subnormal: make the implicit bit explicit, shift further
    shift = 14 - exponent;
    half = mantissa >>> shift;
  } else {
    half = (exponent << 10) | (mantissa >>> 13);
  }
  const rest = mantissa & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  if (rest > halfway || (rest === halfway && half & 1)) half++; // a carry may reach the exponent, correctly
  return sign | half;
}

/** float32 values to float16 bit patterns (nearest, ties to even; overflow gives ±inf). */
export function float32ToHalfBits(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = floatToHalf(data[i]);
  return out;
}
