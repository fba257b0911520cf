/**
 * Cosine scoring of float32 unit queries against an int8-rowscale store (row r is q[r] * s[r],
 * a unit vector), for Node 20 and browser Web Workers:
 *
 *     cos[j][r] = s[r] * sum_i q[r][i] * query_j[i]
 *
 * Two implementations behind one interface:
 *  - 'wasm-simd': dot-i8.wat (embedded as base64 in dot-i8-wasm.ts, see scripts/build-wasm.mjs).
 *    Queries are quantised to int16 (the largest |component| maps to 32767), rows are
 *    sign-extended to int16 and multiplied with i32x4.dot_i16x8_s; up to 4 queries share one pass
 *    over the rows. Query quantisation is the only approximation: each query component is off by
 *    at most max|v| / 65534, so a cosine is off by at most ||rounding error||_2 (Cauchy-Schwarz,
 *    rows are unit), in practice a few 1e-6; plus f32 rounding of the result (~1e-7).
 *  - 'js': plain typed-array loops in float64, rounded to float32 at the end; the reference and
 *    the fallback where WebAssembly SIMD is unavailable.
 *
 * No work happens at import time: the module is decoded, compiled and instantiated lazily by the
 * create functions.
 */
import { countRankJs, type RankCounter } from '../topk';
import { DOT_I8_WASM_BASE64 } from './dot-i8-wasm';

export interface Scorer {
  readonly kind: 'wasm-simd' | 'js';
  readonly dims: number;
  readonly capacity: number; // max rows
  /** Bytes the kernel holds (its copy of the rows, scales and score buffers), for memory reports. */
  readonly memoryBytes: number;
  /** Copies rows [start, start + scales.length) from unpadded int8 rows (dims per row) and their scales. Used progressively while a file streams in; rows may arrive in several calls. */
  setRows(start: number, q: Int8Array, scales: Float32Array): void;
  /** Cosines of up to 4 unit float32 queries (each length dims) against rows [0, rows). Returns one Float32Array(rows) per query; the arrays may be views into kernel memory that stay valid only until the next scores() call. */
  scores(queries: readonly Float32Array[], rows: number): Float32Array[];
  /** The RankCounter of topk.ts: with SIMD when `scores` is one of this kernel's own outputs. */
  countRank: RankCounter;
}

/** Most queries one scores() call takes (3CosMul needs 3). */
export const MAX_QUERIES = 4;
/** Largest dims accepted. Beyond 512 dims the int16 query scale shrinks (see queryLevels). */
export const MAX_DIMS = 16384;

const WASM_PAGE = 65536;
const WASM_MAX_PAGES = 65536; // the module's declared maximum: 4 GiB, the wasm32 ceiling
const I32_MAX = 2147483647;

/**
 * Largest |int16| a quantised query component may take for this many dims. Every partial sum in
 * the kernel is bounded by sum_i |q_i| * |Q_i| <= 128 * levels * dims, which must stay within
 * int32: full 15-bit queries (32767) up to 512 dims, a proportionally coarser scale beyond.
 */
export function queryLevels(dims: number): number {
  return Math.min(32767, Math.floor(I32_MAX / (128 * dims)));
}

// ------------------------------------------------------------------------------------------------
// argument checks shared by both scorers

function checkShape(capacity: number, dims: number): void {
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMS) {
    throw new RangeError(`dims must be an integer in [1, ${MAX_DIMS}], got ${dims}`);
  }
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`);
  }
}

function checkSetRows(scorer: Scorer, start: number, q: Int8Array, scales: Float32Array): void {
  const n = scales.length;
  if (!Number.isInteger(start) || start < 0 || start + n > scorer.capacity) {
    throw new RangeError(`rows [${start}, ${start + n}) do not fit capacity ${scorer.capacity}`);
  }
  if (q.length !== n * scorer.dims) {
    throw new RangeError(`expected ${n} rows x ${scorer.dims} dims = ${n * scorer.dims} int8 values, got ${q.length}`);
  }
}

/** Validates the arguments of scores(); returns max |component| of each query. */
function checkScores(scorer: Scorer, queries: readonly Float32Array[], rows: number): number[] {
  if (queries.length < 1 || queries.length > MAX_QUERIES) {
    throw new RangeError(`scores() takes 1 to ${MAX_QUERIES} queries, got ${queries.length}`);
  }
  if (!Number.isInteger(rows) || rows < 0 || rows > scorer.capacity) {
    throw new RangeError(`rows must be an integer in [0, ${scorer.capacity}], got ${rows}`);
  }
  const maxAbs: number[] = [];
  for (const v of queries) {
    if (v.length !== scorer.dims) {
      throw new RangeError(`query length ${v.length} != dims ${scorer.dims}`);
    }
    let m = 0;
    for (let i = 0; i < v.length; i++) {
      const a = Math.abs(v[i]);
      if (a > m) m = a;
      else if (a !== a) {
        m = NaN; // NaN component
        break;
      }
    }
    if (!Number.isFinite(m)) throw new RangeError('query contains a non-finite value');
    maxAbs.push(m);
  }
  return maxAbs;
}

// ------------------------------------------------------------------------------------------------
// JS reference / fallback

export function createJsScorer(capacity: number, dims: number): Scorer {
  checkShape(capacity, dims);
  const data = new Int8Array(capacity * dims);
  const rowScales = new Float32Array(capacity);
  const outs: Float32Array[] = [];
  const zero = new Float32Array(dims);

  const scorer: Scorer = {
    kind: 'js',
    dims,
    capacity,
    countRank: countRankJs,
    get memoryBytes() {
      return data.byteLength + rowScales.byteLength + outs.reduce((sum, o) => sum + o.byteLength, 0);
    },
    setRows(start, q, scales) {
      checkSetRows(scorer, start, q, scales);
      data.set(q, start * dims);
      rowScales.set(scales, start);
    },
    scores(queries, rows) {
      checkScores(scorer, queries, rows);
      const nq = queries.length;
      while (outs.length < nq) outs.push(new Float32Array(capacity));
      if (nq === 1) {
        const v = queries[0];
        const o = outs[0];
        // four partial sums: one float64 add chain is latency-bound (measured ~1.5x faster)
        const dims4 = dims & ~3;
        for (let r = 0, base = 0; r < rows; r++, base += dims) {
          let d0 = 0;
          let d1 = 0;
          let d2 = 0;
          let d3 = 0;
          let i = 0;
          for (; i < dims4; i += 4) {
            d0 += data[base + i] * v[i];
            d1 += data[base + i + 1] * v[i + 1];
            d2 += data[base + i + 2] * v[i + 2];
            d3 += data[base + i + 3] * v[i + 3];
          }
          for (; i < dims; i++) d0 += data[base + i] * v[i];
          o[r] = (d0 + d1 + (d2 + d3)) * rowScales[r];
        }
      } else {
        // One pass over the rows for all queries; missing queries read a zero vector.
        const v0 = queries[0];
        const v1 = queries[1];
        const v2 = nq > 2 ? queries[2] : zero;
        const v3 = nq > 3 ? queries[3] : zero;
        for (let r = 0, base = 0; r < rows; r++, base += dims) {
          let d0 = 0;
          let d1 = 0;
          let d2 = 0;
          let d3 = 0;
          for (let i = 0; i < dims; i++) {
            const x = data[base + i];
            d0 += x * v0[i];
            d1 += x * v1[i];
            d2 += x * v2[i];
            d3 += x * v3[i];
          }
          const s = rowScales[r];
          outs[0][r] = d0 * s;
          outs[1][r] = d1 * s;
          if (nq > 2) outs[2][r] = d2 * s;
          if (nq > 3) outs[3][r] = d3 * s;
        }
      }
      return outs.slice(0, nq).map((o) => o.subarray(0, rows));
    },
  };
  return scorer;
}

// ------------------------------------------------------------------------------------------------
// WebAssembly SIMD

type KernelFn = (
  rows: number,
  steps: number,
  stride: number,
  qOff: number,
  scalesOff: number,
  rowsOff: number,
  outOff: number,
  outStride: number,
) => void;

interface KernelExports {
  memory: WebAssembly.Memory;
  score1: KernelFn;
  score2: KernelFn;
  score3: KernelFn;
  score4: KernelFn;
  count_rank: (ptr: number, n: number, t: number, before: number) => number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Base64 to bytes without Node's Buffer: atob where present (browsers, workers, Node >= 16), else
 * a small decoder (useBuiltin = false forces it; exported for the tests).
 */
export function decodeBase64(text: string, useBuiltin = true): Uint8Array<ArrayBuffer> {
  if (useBuiltin && typeof atob === 'function') {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array((clean.length * 3) >> 2);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

let wasmBytes: Uint8Array<ArrayBuffer> | undefined;
let wasmModule: Promise<WebAssembly.Module> | undefined;
let simdSupported: boolean | undefined;

function kernelBytes(): Uint8Array<ArrayBuffer> {
  return (wasmBytes ??= decodeBase64(DOT_I8_WASM_BASE64));
}

/** True when this runtime validates the kernel, i.e. has WebAssembly with standard SIMD128. */
function wasmSimdSupported(): boolean {
  if (simdSupported === undefined) {
    try {
      simdSupported = typeof WebAssembly === 'object' && WebAssembly.validate(kernelBytes());
    } catch {
      simdSupported = false;
    }
  }
  return simdSupported;
}

function compiledKernel(): Promise<WebAssembly.Module> {
  if (!wasmModule) {
    wasmModule = WebAssembly.compile(kernelBytes());
    wasmModule.catch(() => {
      wasmModule = undefined; // let a later call retry
    });
  }
  return wasmModule;
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

export async function createWasmScorer(capacity: number, dims: number): Promise<Scorer> {
  checkShape(capacity, dims);

  // Memory layout (byte offsets), see dot-i8.wat.
  const steps = Math.ceil(dims / 8); // 8 dims per kernel step
  const capPad = Math.ceil(capacity / 4) * 4; // kernels finish whole groups of 4 (or 2) rows
  const qOff = 0; // f32 inv[4], then steps x MAX_QUERIES x 8 int16, interleaved per step
  const scalesOff = align16(qOff + 16 + steps * MAX_QUERIES * 16);
  const outOff = align16(scalesOff + capPad * 4);
  const outStride = capPad * 4;
  const rowsOff = align16(outOff + MAX_QUERIES * outStride);
  const totalBytes = rowsOff + capPad * dims + 16; // >= 8 bytes of slack for the last 8-byte step
  const pages = Math.ceil(totalBytes / WASM_PAGE);
  if (pages > WASM_MAX_PAGES) {
    throw new RangeError(
      `capacity ${capacity} x ${dims} dims needs ${totalBytes} bytes of wasm memory; the limit is 4 GiB`,
    );
  }

  const instance = await WebAssembly.instantiate(await compiledKernel());
  const ex = instance.exports as unknown as KernelExports;
  const memory = ex.memory;
  const have = memory.buffer.byteLength / WASM_PAGE;
  if (pages > have) memory.grow(pages - have); // throws RangeError if the engine refuses
  const kernels = [ex.score1, ex.score2, ex.score3, ex.score4];

  // The memory never grows after this point, so these views stay attached.
  const buffer = memory.buffer;
  const i8 = new Int8Array(buffer);
  const i16 = new Int16Array(buffer);
  const f32 = new Float32Array(buffer);
  const levels = queryLevels(dims);

  const scorer: Scorer = {
    kind: 'wasm-simd',
    dims,
    capacity,
    memoryBytes: buffer.byteLength,
    countRank(scores, n, t, before) {
      if (scores.buffer !== buffer || n > scores.length) return countRankJs(scores, n, t, before);
      return ex.count_rank(scores.byteOffset, n, t, Math.min(before, n));
    },
    setRows(start, q, scales) {
      checkSetRows(scorer, start, q, scales);
      i8.set(q, rowsOff + start * dims); // rows are stored unpadded: one contiguous copy
      f32.set(scales, (scalesOff >> 2) + start);
    },
    scores(queries, rows) {
      const maxAbs = checkScores(scorer, queries, rows);
      const nq = queries.length;
      for (let j = 0; j < nq; j++) {
        const v = queries[j];
        const m = maxAbs[j];
        const scale = m > 0 ? levels / m : 0;
        f32[(qOff >> 2) + j] = m > 0 ? m / levels : 0;
        // step s, query j -> 8 int16 at qOff + 16 + (s * nq + j) * 16; dims past the end are 0
        for (let s = 0; s < steps; s++) {
          const at = ((qOff + 16) >> 1) + (s * nq + j) * 8;
          for (let k = 0; k < 8; k++) {
            const d = s * 8 + k;
            i16[at + k] = d < dims ? Math.round(v[d] * scale) : 0;
          }
        }
      }
      if (rows > 0) kernels[nq - 1](rows, steps, dims, qOff, scalesOff, rowsOff, outOff, outStride);
      const result: Float32Array[] = [];
      for (let j = 0; j < nq; j++) result.push(new Float32Array(buffer, outOff + j * outStride, rows));
      return result;
    },
  };
  return scorer;
}

/** WASM SIMD when the runtime supports it (WebAssembly.validate on the module), else JS. */
export async function createScorer(capacity: number, dims: number): Promise<Scorer> {
  return wasmSimdSupported() ? createWasmScorer(capacity, dims) : createJsScorer(capacity, dims);
}
