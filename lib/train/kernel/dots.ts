/**
 * Dot products of up to 4 queries with every row of a float32 matrix: dots.wat (WebAssembly
 * SIMD) where the runtime has it, plain loops otherwise. The rows are copied in once; each
 * call scores new queries against all of them. With unit rows and unit queries these are cosines.
 *
 * Memory (byte offsets): 4 query rows, then 4 output rows of n floats, then the n rows; every row
 * `stride` bytes, the dims padded with zeros to a multiple of 4 floats.
 */
import { DOTS_WASM_BASE64 } from './dots-wasm';
import { wasmBytes, wasmValidates } from './wasm-bytes';

export interface RowDots {
  readonly kind: 'wasm-simd' | 'js';
  readonly n: number;
  readonly dims: number;
  /** Dots of each query (dims floats) with rows [0, n): one Float32Array(n) per query, valid until the next call. */
  dots(queries: readonly Float32Array[]): Float32Array[];
}

const WASM_PAGE = 65536;
let compiled: Promise<WebAssembly.Module> | undefined;

/** A RowDots over `rows` (n × dims, row-major). */
export async function createRowDots(rows: Float32Array, n: number, dims: number): Promise<RowDots> {
  if (rows.length !== n * dims) throw new RangeError(`rows: expected ${n} × ${dims} = ${n * dims} floats, got ${rows.length}`);
  if (n === 0) throw new RangeError('rows: no rows to score against');
  const bytes = wasmBytes(DOTS_WASM_BASE64);
  if (!wasmValidates(bytes)) return jsRowDots(rows, n, dims);

  const floats = Math.ceil(dims / 4) * 4;
  const stride = floats * 4;
  const queriesAt = 0;
  const outAt = 4 * stride;
  const rowsAt = outAt + 4 * n * 4;
  compiled ??= WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(await compiled);
  const ex = instance.exports as unknown as { memory: WebAssembly.Memory; dots4(q: number, rows: number, n: number, stride: number, out: number, outStride: number): void };
  const pages = Math.ceil((rowsAt + n * stride) / WASM_PAGE);
  const have = ex.memory.buffer.byteLength / WASM_PAGE;
  if (pages > have) ex.memory.grow(pages - have);
  const f32 = new Float32Array(ex.memory.buffer);
  for (let r = 0; r < n; r++) f32.set(rows.subarray(r * dims, (r + 1) * dims), rowsAt / 4 + r * floats);
  const outs = Array.from({ length: 4 }, (_, j) => f32.subarray(outAt / 4 + j * n, outAt / 4 + (j + 1) * n));

  return {
    kind: 'wasm-simd',
    n,
    dims,
    dots(queries) {
      checkQueries(queries, dims);
      f32.fill(0, queriesAt / 4, outAt / 4);
      queries.forEach((q, j) => f32.set(q, queriesAt / 4 + j * floats));
      ex.dots4(queriesAt, rowsAt, n, stride, outAt, n * 4);
      return outs.slice(0, queries.length);
    },
  };
}

function checkQueries(queries: readonly Float32Array[], dims: number): void {
  if (queries.length < 1 || queries.length > 4) throw new RangeError(`dots() takes 1 to 4 queries, got ${queries.length}`);
  for (const q of queries) if (q.length !== dims) throw new RangeError(`a query has ${q.length} values, the rows ${dims}`);
}

/** Plain loops: where WebAssembly SIMD is missing, and the reference in tests. */
export function jsRowDots(rows: Float32Array, n: number, dims: number): RowDots {
  const outs = Array.from({ length: 4 }, () => new Float32Array(n));
  return {
    kind: 'js',
    n,
    dims,
    dots(queries) {
      checkQueries(queries, dims);
      return queries.map((q, j) => {
        const out = outs[j];
        for (let r = 0; r < n; r++) {
          let s = 0;
          for (let i = 0; i < dims; i++) s += q[i] * rows[r * dims + i];
          out[r] = s;
        }
        return out;
      });
    },
  };
}
