/**
 * int8 quantisation for the GPT-2 graph's dynamic-int8 build (lib/gpt2/graph.ts, dtype 'int8'):
 * weights symmetric int8 with one scale per output column (w ≈ q · scale, q in −127..127), and
 * the ONNX DynamicQuantizeLinear rule for activations (uint8 with a zero point, one scale per
 * tensor), written out here so tests can compute expected values by hand.
 */

/** The largest |q| of a symmetric int8 weight; −128 is never used, so −q is always representable. */
export const INT8_MAX = 127;

/** Round half to even, as ONNX QuantizeLinear and DynamicQuantizeLinear do. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export interface QuantizedMatrix {
  /** int8 values, same layout as the input. */
  q: Int8Array;
  /** One scale per column (quantizeColumns) or per row (quantizeRows); 0 for an all-zero line. */
  scale: Float32Array;
}

/**
 * A [rows, cols] row-major matrix quantised per column: scale[c] = max_r |w[r, c]| / 127 and
 * q[r, c] = round(w[r, c] / scale[c]). For a Conv1D weight [in, out] that is one scale per
 * output, so x·W ≈ (x·q) ⊙ scale: the scales multiply the integer product's columns.
 */
export function quantizeColumns(w: Float32Array, rows: number, cols: number): QuantizedMatrix {
  checkSize(w, rows, cols);
  const max = new Float32Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) max[c] = Math.max(max[c], Math.abs(w[r * cols + c]));
  }
  const scale = max.map((m) => m / INT8_MAX);
  const inverse = Float64Array.from(scale, (s) => (s > 0 ? 1 / s : 0));
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) q[r * cols + c] = clampInt8(roundHalfEven(w[r * cols + c] * inverse[c]));
  }
  return { q, scale };
}

/** A [rows, cols] matrix quantised per row: scale[r] = max_c |w[r, c]| / 127 (the tied wte, [V, D]). */
export function quantizeRows(w: Float32Array, rows: number, cols: number): QuantizedMatrix {
  checkSize(w, rows, cols);
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(w[r * cols + c]));
    scale[r] = max / INT8_MAX;
    const inverse = scale[r] > 0 ? 1 / scale[r] : 0;
    for (let c = 0; c < cols; c++) q[r * cols + c] = clampInt8(roundHalfEven(w[r * cols + c] * inverse));
  }
  return { q, scale };
}

/** q · scale back to float32, `by` saying whether the scales belong to columns or rows. */
export function dequantize({ q, scale }: QuantizedMatrix, rows: number, cols: number, by: 'column' | 'row'): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = q[r * cols + c] * scale[by === 'column' ? c : r];
  }
  return out;
}

export interface DynamicQuantized {
  q: Uint8Array;
  scale: number;
  zeroPoint: number;
}

/**
 * ONNX DynamicQuantizeLinear: the range [min(0, min x), max(0, max x)] is spread over 0..255,
 * scale = range / 255, zeroPoint = round(−min / scale) and q = clamp(round(x / scale) + zeroPoint).
 * 0 is exact; every other value moves by at most scale / 2. Used by tests to model the graph's
 * activations; the graph itself uses onnxruntime's operator.
 */
export function dynamicQuantizeLinear(x: ArrayLike<number>): DynamicQuantized {
  let min = 0;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    min = Math.min(min, x[i]);
    max = Math.max(max, x[i]);
  }
  const scale = Math.fround((max - min) / 255);
  const q = new Uint8Array(x.length);
  if (scale === 0) return { q, scale, zeroPoint: 0 };
  // Divisions in float32, as the operator's float tensors give them.
  const zeroPoint = clamp(roundHalfEven(Math.fround(-min / scale)), 0, 255);
  for (let i = 0; i < x.length; i++) q[i] = clamp(roundHalfEven(Math.fround(x[i] / scale)) + zeroPoint, 0, 255);
  return { q, scale, zeroPoint };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const clampInt8 = (v: number) => clamp(v, -INT8_MAX, INT8_MAX);

function checkSize(w: Float32Array, rows: number, cols: number): void {
  if (w.length !== rows * cols) throw new Error(`quantize: ${w.length} values for a [${rows}, ${cols}] matrix (needs ${rows * cols})`);
}
