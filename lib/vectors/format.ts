/**
 * The `wve-vectors` v1 format shared by the data scripts, the Node loaders and the browser
 * worker. The full specification is in models/README.md. Plain TypeScript, no I/O.
 */
import { dequantiseRows } from './kernels';

export const FORMAT_NAME = 'wve-vectors';
export const FORMAT_VERSION = 1;

/** The files of a set, in the order their hashes enter the manifest's overall checksum. */
export const FILE_KEYS = ['vocab', 'vectors', 'scales', 'norms', 'reference'] as const;
export type FileKey = (typeof FILE_KEYS)[number];

export const FILE_NAMES: Record<FileKey, string> = {
  vocab: 'vocab.txt',
  vectors: 'vectors.i8',
  scales: 'scales.f32',
  norms: 'norms.f32',
  reference: 'vectors.f32',
};

export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT_NAME;
  version: typeof FORMAT_VERSION;
  /** Folder name under models/, also the `--set` name. */
  name: string;
  /** Human-readable title shown in the UI. */
  title: string;
  count: number;
  dims: number;
  dtype: 'int8-rowscale';
  /** True when every word is lower-case: queries are lower-cased before lookup. */
  lowercase: boolean;
  files: Record<FileKey, FileEntry>;
  /** sha256 of the concatenated per-file sha256 hex strings, in FILE_KEYS order. */
  checksum: string;
  source: string;
  licence: string;
  createdAt: string;
}

/** Largest vector length the format accepts. */
export const MAX_DIMS = 4096;

/** A set name is a folder name and part of URLs: keep it to a safe alphabet. */
export const SET_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Why `name` is not a valid set name (it would be a path such as `../../etc`), or null when it is one. */
export function setNameProblem(name: string): string | null {
  if (SET_NAME_PATTERN.test(name)) return null;
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return `set name ${JSON.stringify(shown)} is not valid: use 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit (the folder's name under models/)`;
}

export function expectedBytes(key: FileKey, count: number, dims: number): number | null {
  switch (key) {
    case 'vectors':
      return count * dims;
    case 'scales':
    case 'norms':
      return 4 * count;
    case 'reference':
      return 4 * count * dims;
    case 'vocab':
      return null; // variable length
  }
}

/**
 * Checks a parsed manifest.json and returns it typed, or throws an Error that names the
 * offending field. Sizes are checked against count × dims so a truncated set is caught early.
 */
export function validateManifest(value: unknown): Manifest {
  const fail = (what: string): never => {
    throw new Error(`invalid manifest.json: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.format !== FORMAT_NAME) fail(`format is ${JSON.stringify(m.format)}, expected "${FORMAT_NAME}"`);
  if (m.version !== FORMAT_VERSION) fail(`version is ${JSON.stringify(m.version)}, expected ${FORMAT_VERSION}`);
  if (typeof m.name !== 'string' || !SET_NAME_PATTERN.test(m.name)) fail(`name ${JSON.stringify(m.name)} is not a valid set name`);
  if (!Number.isInteger(m.count) || (m.count as number) < 1) fail('count must be a positive integer');
  if (!Number.isInteger(m.dims) || (m.dims as number) < 1 || (m.dims as number) > MAX_DIMS) fail(`dims must be an integer in 1..${MAX_DIMS}`);
  if (m.dtype !== 'int8-rowscale') fail(`dtype ${JSON.stringify(m.dtype)} is not supported`);
  if (typeof m.lowercase !== 'boolean') fail('lowercase must be true or false');
  if (typeof m.checksum !== 'string') fail('checksum missing');
  const files = m.files as Record<string, unknown> | undefined;
  if (typeof files !== 'object' || files === null) fail('files missing');
  for (const key of FILE_KEYS) {
    const f = (files as Record<string, unknown>)[key] as Partial<FileEntry> | undefined;
    if (!f || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !Number.isInteger(f.bytes)) {
      fail(`files.${key} must have path, bytes and sha256`);
    }
    if ((f as FileEntry).path !== FILE_NAMES[key]) fail(`files.${key}.path must be ${FILE_NAMES[key]}`);
    const want = expectedBytes(key, m.count as number, m.dims as number);
    if (want !== null && (f as FileEntry).bytes !== want) {
      fail(`files.${key} has ${(f as FileEntry).bytes} bytes, expected ${want} for ${m.count} × ${m.dims}`);
    }
  }
  return {
    ...(m as unknown as Manifest),
    title: typeof m.title === 'string' ? m.title : (m.name as string),
    source: typeof m.source === 'string' ? m.source : 'unknown',
    licence: typeof m.licence === 'string' ? m.licence : 'unknown',
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : '',
  };
}

export interface QuantisedRow {
  /** int8 values of the unit-normalised row. */
  q: Int8Array;
  /** Multiply q by scale to get a unit vector (0 for an all-zero row). */
  scale: number;
  /** L2 norm of the original row. */
  norm: number;
}

/**
 * Quantises one row: unit-normalise, map max |u| to 127, round, then pick scale = 1/‖q‖ so the
 * dequantised row is exactly unit length. Writes into `out` when given (length = row length).
 */
export function quantiseRow(row: ArrayLike<number>, out?: Int8Array): QuantisedRow {
  const dims = row.length;
  const q = out ?? new Int8Array(dims);
  let sumSq = 0;
  let maxAbs = 0;
  for (let i = 0; i < dims; i++) {
    const v = row[i];
    sumSq += v * v;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
  }
  const norm = Math.sqrt(sumSq);
  if (norm === 0 || maxAbs === 0) {
    q.fill(0);
    return { q, scale: 0, norm: 0 };
  }
  // max|u| = maxAbs / norm, so u · 127 / max|u| = x · 127 / maxAbs.
  const k = 127 / maxAbs;
  let qSumSq = 0;
  for (let i = 0; i < dims; i++) {
    const v = Math.round(row[i] * k);
    q[i] = v;
    qSumSq += v * v;
  }
  return { q, scale: 1 / Math.sqrt(qSumSq), norm };
}

/** Dequantises rows [0, count) into a new Float32Array of unit vectors (count × dims). */
export function dequantise(q: Int8Array, scales: Float32Array, dims: number, count = scales.length): Float32Array {
  return dequantiseRows(q, scales, dims, count);
}

/** Splits vocab.txt's text into words (the file ends with a newline). */
export function parseVocab(text: string): string[] {
  if (text.length === 0) return [];
  const words = text.split('\n');
  if (words[words.length - 1] === '') words.pop();
  return words;
}
