/**
 * safetensors files (https://github.com/huggingface/safetensors): reading from bytes in memory
 * (Node and browser), writing (tests and the random-model maker) and half-precision conversion.
 * The format only: which tensors a GPT-2 checkpoint holds is lib/gpt2/weights.ts's business.
 *
 * Layout: u64 little-endian N, N bytes of JSON header
 * `{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}`, then the
 * data; offsets are relative to the data start, end exclusive. As in the reference (Rust)
 * implementation, the tensors must tile the data exactly: no overlap, no gap, no trailing bytes.
 */
import { float32ToHalfBits, halfBitsToFloat32 } from '../float16';

/** The reference implementation refuses larger headers (a corrupt length would ask for gigabytes). */
export const MAX_HEADER_BYTES = 100_000_000;

/** Bytes per element of every dtype the format defines with whole-byte elements. */
const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8,
};

export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
  /** Offsets relative to the data start, end exclusive. */
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  /** Byte where the data starts: 8 + header length. */
  dataStart: number;
  /** Tensors in file order. */
  tensors: TensorInfo[];
  metadata: Record<string, string>;
}

/** Reads N from the first 8 bytes and checks it against the limit and the file size. */
export function headerLength(first8: Uint8Array, fileSize: number, source: string): number {
  if (fileSize < 8 || first8.byteLength < 8) throw new Error(`${source}: ${fileSize} bytes is too short for a safetensors file (truncated?)`);
  const n = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) throw new Error(`${source}: header length ${n} exceeds the ${MAX_HEADER_BYTES}-byte limit (not a safetensors file, or corrupt)`);
  if (8 + Number(n) > fileSize) throw new Error(`${source}: header length ${n} runs past the end of the ${fileSize}-byte file (truncated or not a safetensors file)`);
  return Number(n);
}

/**
 * Parses and validates the header. `bytes` holds at least the first 8 + N bytes of a file of
 * `fileSize` bytes (so a caller can check a file on disk without reading its data).
 */
export function parseHeader(bytes: Uint8Array, fileSize: number, source: string): SafetensorsHeader {
  const n = headerLength(bytes, fileSize, source);
  if (bytes.byteLength < 8 + n) throw new Error(`${source}: need the first ${8 + n} bytes to read the header, got ${bytes.byteLength}`);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let json: unknown;
  try {
    const header = text.decode(bytes.subarray(8, 8 + n));
    if (!header.startsWith('{')) throw new Error('does not start with "{"');
    json = JSON.parse(header);
  } catch (e) {
    throw new Error(`${source}: the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${source}: the header is not a JSON object`);

  let metadata: Record<string, string> = {};
  const tensors: TensorInfo[] = [];
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') {
      metadata = checkMetadata(value, source);
      continue;
    }
    tensors.push(checkEntry(name, value, source));
  }

  // The tensors must tile [0, data length) exactly.
  const dataLength = fileSize - 8 - n;
  const byOffset = [...tensors].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let previous = '';
  for (const t of byOffset) {
    if (t.begin < at) throw new Error(`${source}: tensor "${t.name}" (bytes ${t.begin}..${t.end}) overlaps "${previous}" (ends at ${at})`);
    if (t.begin > at) throw new Error(`${source}: gap of ${t.begin - at} bytes before tensor "${t.name}" (starts at ${t.begin}, previous data ends at ${at})`);
    if (t.end > dataLength) throw new Error(`${source}: tensor "${t.name}" ends at data byte ${t.end}, but the file holds only ${dataLength} data bytes (truncated?)`);
    at = t.end;
    previous = t.name;
  }
  if (at !== dataLength) throw new Error(`${source}: the tensors cover ${at} data bytes but the file holds ${dataLength} (trailing bytes or a wrong header)`);
  return { dataStart: 8 + n, tensors, metadata };
}

function checkEntry(name: string, value: unknown, source: string): TensorInfo {
  const where = `${source}: tensor "${name}"`;
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') throw new Error(`${where}: missing dtype`);
  const size = DTYPE_BYTES[dtype];
  if (size === undefined) throw new Error(`${where}: unknown dtype "${dtype}"`);
  const isIndex = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!Array.isArray(shape) || !shape.every(isIndex)) throw new Error(`${where}: shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex) || offsets[1] < offsets[0]) {
    throw new Error(`${where}: data_offsets ${JSON.stringify(offsets)} is not [begin, end] with begin ≤ end`);
  }
  const expected = shape.reduce((a: number, b: number) => a * b, 1) * size;
  const [begin, end] = offsets as [number, number];
  if (end - begin !== expected) {
    throw new Error(`${where}: ${end - begin} bytes, but ${dtype} [${shape.join(', ')}] needs ${expected}`);
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

function checkMetadata(value: unknown, source: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new Error(`${source}: __metadata__ must map strings to strings`);
  }
  return value as Record<string, string>;
}

export interface SafetensorsFile {
  source: string;
  header: SafetensorsHeader;
  /** The tensor's header entry, or undefined. */
  info(name: string): TensorInfo | undefined;
  /**
   * The tensor as float32: a view into the file's bytes when it is F32 and 4-byte aligned, else
   * a converted or copied array. Throws for non-float dtypes.
   */
  float32(name: string): Float32Array;
}

/** Reads a whole safetensors file held in memory; tensors are decoded on request. */
export function readSafetensors(data: Uint8Array | ArrayBuffer, source = 'safetensors file'): SafetensorsFile {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const header = parseHeader(bytes, bytes.byteLength, source);
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  return {
    source,
    header,
    info: (name) => byName.get(name),
    float32(name) {
      const t = byName.get(name);
      if (!t) throw new Error(`${source}: no tensor "${name}"`);
      const raw = bytes.subarray(header.dataStart + t.begin, header.dataStart + t.end);
      return toFloat32(raw, t.dtype, `${source}: tensor "${name}"`);
    },
  };
}

// Data is little-endian; typed arrays use the platform's order, which is little-endian on every
// platform Node and browsers ship for.
function toFloat32(raw: Uint8Array, dtype: string, where: string): Float32Array {
  switch (dtype) {
    case 'F32':
      if (raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
      return new Float32Array(raw.slice().buffer); // misaligned in the file: copy
    case 'F16':
      return halfBitsToFloat32(u16(raw));
    case 'BF16': {
      // bfloat16 is the top half of a float32.
      const src = u16(raw);
      const out = new Uint32Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = src[i] << 16;
      return new Float32Array(out.buffer);
    }
    case 'F64':
      return Float32Array.from(raw.byteOffset % 8 === 0 ? new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8) : new Float64Array(raw.slice().buffer));
    default:
      throw new Error(`${where}: dtype ${dtype} cannot be read as floats (F32, F16, BF16 and F64 can)`);
  }
}

const u16 = (raw: Uint8Array) => (raw.byteOffset % 2 === 0 ? new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2) : new Uint16Array(raw.slice().buffer));

// ---- Writing -------------------------------------------------------------------------------

export type WriteDtype = 'F32' | 'F16' | 'BF16';

export interface TensorSpec {
  name: string;
  shape: number[];
  dtype: WriteDtype;
}

/** The header bytes (8-byte length + JSON padded with spaces to a multiple of 8) and the data length. */
export function encodeHeader(specs: TensorSpec[], metadata?: Record<string, string>): { header: Uint8Array; dataBytes: number } {
  const json: Record<string, unknown> = {};
  if (metadata) json.__metadata__ = metadata;
  let at = 0;
  for (const s of specs) {
    if (s.name in json) throw new Error(`duplicate tensor name "${s.name}"`);
    const bytes = s.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[s.dtype];
    json[s.name] = { dtype: s.dtype, shape: s.shape, data_offsets: [at, at + bytes] };
    at += bytes;
  }
  const text = new TextEncoder().encode(JSON.stringify(json));
  const padded = Math.ceil(text.length / 8) * 8; // keeps 8 + N a multiple of 8, so data starts aligned
  const header = new Uint8Array(8 + padded).fill(0x20);
  new DataView(header.buffer).setBigUint64(0, BigInt(padded), true);
  header.set(text, 8);
  return { header, dataBytes: at };
}

/** A tensor's bytes in the given dtype, from float32 values. */
export function encodeTensorData(data: Float32Array, dtype: WriteDtype): Uint8Array {
  if (dtype === 'F32') return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (dtype === 'F16') return new Uint8Array(float32ToHalfBits(data).buffer);
  // BF16 by truncation is enough for test data.
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  return new Uint8Array(Uint16Array.from(bits, (b) => b >>> 16).buffer);
}

/** A whole safetensors file in memory (tests, small files); see lib/node/safetensors-file.ts for large ones. */
export function encodeSafetensors(tensors: (TensorSpec & { data: Float32Array })[], metadata?: Record<string, string>): Uint8Array {
  const { header, dataBytes } = encodeHeader(tensors, metadata);
  const out = new Uint8Array(header.length + dataBytes);
  out.set(header);
  let at = header.length;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (t.data.length !== count) throw new Error(`tensor "${t.name}": ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    const bytes = encodeTensorData(t.data, t.dtype);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
