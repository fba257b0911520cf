/**
 * The small vector kernels every part of the app shares: dot product, norm, cosine and int8
 * dequantisation. Each is a plain loop over typed arrays that sums in float64 (a JS number),
 * asserts its lengths, and allocates nothing unless asked to. The `…At` forms read rows of a
 * row-major matrix in place (no subarray per call), for the hot loops of k-means and PCA.
 *
 * The bulk scoring of a query against every row lives in kernel/scorer.ts (WASM SIMD); these
 * are for one pair of vectors at a time.
 */

/** A vector of float32 or float64 values. */
export type Vec = Float32Array | Float64Array;

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: vectors have different lengths (${a.length} and ${b.length})`);
}

function inBounds(a: ArrayLike<number>, at: number, length: number, what: string): void {
  if (!(at >= 0 && length >= 0 && at + length <= a.length)) {
    throw new RangeError(`${what}: values [${at}, ${at + length}) are outside an array of ${a.length}`);
  }
}

/** Σ a[i]·b[i], summed in float64. */
export function dot(a: Vec, b: Vec): number {
  sameLength(a, b, 'dot');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Σ a[ai + i]·b[bi + i] for i < length: the dot product of two rows of row-major matrices. */
export function dotAt(a: Vec, ai: number, b: Vec, bi: number, length: number): number {
  inBounds(a, ai, length, 'dotAt');
  inBounds(b, bi, length, 'dotAt');
  let s = 0;
  for (let i = 0; i < length; i++) s += a[ai + i] * b[bi + i];
  return s;
}

/** Euclidean length √(Σ a[i]²). */
export function norm(a: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** Cosine of a and b: a·b / (‖a‖‖b‖); 0 when either is the zero vector. */
export function cosine(a: Vec, b: Vec): number {
  sameLength(a, b, 'cosine');
  return cosineAt(a, 0, b, 0, a.length);
}

/** Cosine of a[ai, ai + length) and b[bi, bi + length); 0 when either is the zero vector. */
export function cosineAt(a: Vec, ai: number, b: Vec, bi: number, length: number): number {
  inBounds(a, ai, length, 'cosineAt');
  inBounds(b, bi, length, 'cosineAt');
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < length; i++) {
    const x = a[ai + i];
    const y = b[bi + i];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** One int8-rowscale row as floats: out[i] = q[i]·scale (a unit vector for a stored row). Writes into `out` when given. */
export function dequantiseRow(q: Int8Array, scale: number, out: Float32Array = new Float32Array(q.length)): Float32Array {
  sameLength(q, out, 'dequantiseRow');
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scale;
  return out;
}

/** Rows [0, count) of an int8-rowscale matrix (count × dims) as one new Float32Array: row r is q[r]·scales[r]. */
export function dequantiseRows(q: Int8Array, scales: Float32Array, dims: number, count = scales.length): Float32Array {
  if (!(Number.isInteger(dims) && dims >= 1)) throw new RangeError(`dequantiseRows: dims must be a positive integer, got ${dims}`);
  if (!(Number.isInteger(count) && count >= 0 && count <= scales.length && count * dims <= q.length)) {
    throw new RangeError(`dequantiseRows: ${count} rows of ${dims} need ${count * dims} values and ${count} scales; have ${q.length} and ${scales.length}`);
  }
  const out = new Float32Array(count * dims);
  for (let r = 0; r < count; r++) dequantiseRow(q.subarray(r * dims, (r + 1) * dims), scales[r], out.subarray(r * dims, (r + 1) * dims));
  return out;
}
