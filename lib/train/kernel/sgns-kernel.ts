/**
 * The WebAssembly SIMD training engine: sgns.wat (embedded as base64 in sgns-wasm.ts, see
 * scripts/train-build-wasm.ts) over one linear memory that holds everything a batch touches.
 * Memory layout (byte offsets, each block 16-byte aligned):
 *
 *   job      96 bytes of parameters and results (see sgns.wat)
 *   syn0     size × stride   input vectors, dims padded with zeros to a multiple of 8 floats
 *   syn1     size × stride   output vectors
 *   keep     u32 × size      cum  u32 × size      guide  u32 × 2^GUIDE_BITS
 *   work     stride          buf  i32 × longest sentence
 *   ids      i32 × tokens    ends u32 × sentences
 *
 * Same seed, same draws as the JavaScript engine (sgns.ts); no work at import time. It pays: on
 * one epoch of the Brown corpus, 424,293 words/s here against 112,624 for the JavaScript engine
 * (Node 20 on the 2-core VM, load average 1.7).
 */
import { initialWeights, type BatchResult, type EngineSetup, type SgnsEngine } from '../sgns';
import { guideTable } from '../vocab';
import { SGNS_WASM_BASE64 } from './sgns-wasm';
import { wasmBytes, wasmValidates } from './wasm-bytes';

const WASM_PAGE = 65536;
const JOB_BYTES = 96;

interface KernelExports {
  memory: WebAssembly.Memory;
  train(job: number): number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** True when this runtime has WebAssembly with SIMD128 (it validates the kernel). */
export function sgnsKernelSupported(): boolean {
  return wasmValidates(wasmBytes(SGNS_WASM_BASE64));
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** The WebAssembly engine for `setup`; throws when the runtime has no SIMD128 (use createJsEngine then). */
export async function createWasmEngine(setup: EngineSetup): Promise<SgnsEngine> {
  const { vocab, stream, dims, window, negative, seed } = setup;
  const size = vocab.size;
  const stride = Math.ceil(dims / 8) * 32; // bytes per row: the kernel reads 8 floats a step
  const floatsPerRow = stride / 4;
  let longest = 1;
  for (let s = 0, start = 0; s < stream.ends.length; start = stream.ends[s++]) longest = Math.max(longest, stream.ends[s] - start);
  const guide = guideTable(vocab.cumTable);

  let at = 0;
  const take = (bytes: number) => {
    const offset = at;
    at = align16(at + bytes);
    return offset;
  };
  const job = take(JOB_BYTES);
  const syn0 = take(size * stride);
  const syn1 = take(size * stride);
  const keep = take(size * 4);
  const cum = take(size * 4);
  const guideAt = take(guide.length * 4);
  const work = take(stride);
  const buf = take(longest * 4);
  const ids = take(stream.ids.length * 4);
  const ends = take(stream.ends.length * 4);

  compiled ??= WebAssembly.compile(wasmBytes(SGNS_WASM_BASE64));
  const instance = await WebAssembly.instantiate(await compiled);
  const ex = instance.exports as unknown as KernelExports;
  const pages = Math.ceil(at / WASM_PAGE);
  const have = ex.memory.buffer.byteLength / WASM_PAGE;
  if (pages > have) ex.memory.grow(pages - have);
  // The memory never grows after this, so these views stay attached.
  const buffer = ex.memory.buffer;
  const f32 = new Float32Array(buffer);
  const u32 = new Uint32Array(buffer);
  const i32 = new Int32Array(buffer);
  const f64 = new Float64Array(buffer);

  const initial = initialWeights(size, dims, seed, floatsPerRow);
  f32.set(initial.input, syn0 / 4);
  u32.set(vocab.keep, keep / 4);
  u32.set(vocab.cumTable, cum / 4);
  u32.set(guide, guideAt / 4);
  i32.set(stream.ids, ids / 4);
  u32.set(stream.ends, ends / 4);
  i32.set([ids, ends, 0, 0, syn0, syn1, stride, keep, cum, guideAt, window, negative, 0, work, buf, seed >>> 0], job / 4);

  return {
    kind: 'wasm-simd',
    size,
    dims,
    get rngState() {
      return u32[job / 4 + 15];
    },
    train(from: number, to: number, alpha: number): BatchResult {
      if (!(from >= 0 && from <= to && to <= stream.ends.length)) throw new RangeError(`sentences [${from}, ${to}) are outside the stream's ${stream.ends.length}`);
      i32[job / 4 + 2] = from;
      i32[job / 4 + 3] = to;
      f32[job / 4 + 12] = alpha;
      f64[job / 8 + 8] = 0;
      f64[job / 8 + 9] = 0;
      const kept = ex.train(job);
      return { kept, pairs: f64[job / 8 + 9], loss: f64[job / 8 + 8] };
    },
    vectors(): Float32Array {
      const out = new Float32Array(size * dims);
      for (let w = 0; w < size; w++) out.set(f32.subarray(syn0 / 4 + w * floatsPerRow, syn0 / 4 + w * floatsPerRow + dims), w * dims);
      return out;
    },
  };
}
