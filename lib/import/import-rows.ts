/**
 * The import's rules, shared by `npm run -s import` (lib/node/import/import-file.ts) and the
 * browser's import worker (lib/vectors/local-sets.ts): detect the format from the first bytes,
 * read rows with the shared readers, refuse duplicate words (naming both positions when the input
 * can be read again), skip all-zero rows with their count and first positions, stop at a limit,
 * and report progress. Where the rows go is the caller's: a RowSink, opened when the first row
 * gives the dimensions, that the caller finishes (or aborts) afterwards.
 */
import { bytesOf, concatBytes, type ByteChunks } from './bytes';
import { checkMagic, detectFormat, SNIFF_BYTES } from './detect';
import { ImportError } from './errors';
import { readVectors, VECTOR_FORMATS, type VectorFormat } from './readers';

/** Where the rows of an import go: a set writer. */
export interface RowSink {
  /** True when `word` was already added. */
  has(word: string): boolean;
  /** Appends a row; throws a plain Error for a row it refuses (the import adds the position). */
  add(word: string, vector: Float32Array): Promise<void>;
}

/** The bytes to import. */
export interface ImportInput {
  /** How messages name it: a path as given, a file's name, "standard input". */
  label: string;
  /** The file's name or path, for detection by extension ("" when there is none). */
  fileName: string;
  /** Size in bytes, 0 when unknown (a pipe). */
  totalBytes: number;
  chunks: ByteChunks;
  /** The input again from its start, to point at the first of two duplicate words; absent for a pipe. */
  reread?: () => ByteChunks;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  /** 0 when unknown (standard input, a named pipe). */
  totalBytes: number;
  format: VectorFormat;
  done: boolean;
}

/** Rows left out of the set: all-zero vectors have no direction, so no cosine and no neighbours. */
export interface SkippedRows {
  /** How many rows were all zero (or underflowed to zero in float32). */
  zero: number;
  /** Where the first few of them are ("line 12", "byte offset 345"). */
  first: string[];
}

export interface ImportRowsOptions {
  /** 'auto' (default) or one of VECTOR_FORMATS. */
  format?: 'auto' | VectorFormat;
  /** Import only the first N rows (rows skipped as all-zero do not count). */
  limit?: number;
  /** Stops the import between chunks with the signal's reason. */
  signal?: AbortSignal;
  /** Called every 1,024 rows at most every 200 ms, with `done: false`; the caller reports the end. */
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportedRows {
  format: VectorFormat;
  rows: number;
  bytesRead: number;
  skipped: SkippedRows;
}

const PROGRESS_INTERVAL_MS = 200;
/** Positions of skipped rows kept for the report. */
const SKIPPED_SHOWN = 5;

/**
 * Reads every row of `input` into the sink that `openSink(dims, format)` opens at the first row.
 * Throws an ImportError for malformed input (and whatever the sink or the signal throws); the
 * caller then aborts its sink.
 */
export async function importRows(
  input: ImportInput,
  openSink: (dims: number, format: VectorFormat) => Promise<RowSink>,
  options: ImportRowsOptions = {},
): Promise<ImportedRows> {
  const { head, chunks } = await sniff(input.chunks, SNIFF_BYTES);
  if (head.length === 0) throw new ImportError(`${input.label} is empty`);
  const requested = options.format ?? 'auto';
  let format: VectorFormat;
  if (requested === 'auto') {
    format = detectFormat(input.fileName, head, input.label).format;
  } else {
    if (!(VECTOR_FORMATS as readonly string[]).includes(requested)) throw new ImportError(`unknown format "${requested}"`);
    checkMagic(head, input.label);
    format = requested;
  }

  let bytesRead = 0;
  const { signal } = options;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      if (signal?.aborted) throw signal.reason;
      bytesRead += chunk.length;
      yield chunk;
    }
  }

  let sink: RowSink | null = null;
  let rows = 0;
  const skipped: SkippedRows = { zero: 0, first: [] };
  let lastReport = Date.now();
  for await (const row of readVectors(format, counted(), { label: input.label })) {
    sink ??= await openSink(row.vector.length, format);
    if (sink.has(row.word)) {
      const first = input.reread ? await findFirst(input.reread(), format, row.word) : null;
      const seen = first ? ` (first seen ${first.startsWith('line') ? 'on' : 'at'} ${first})` : '';
      throw new ImportError(`${row.where}: duplicate word ${JSON.stringify(row.word)}${seen}`, row.where);
    }
    if (isZero(row.vector)) {
      if (skipped.zero++ < SKIPPED_SHOWN) skipped.first.push(row.where);
      continue;
    }
    try {
      await sink.add(row.word, row.vector);
    } catch (e) {
      // A refused row gets its position; storage errors (a full disk, a DOMException) pass as they are.
      if ((e as Error)?.name !== 'Error' || (e as { code?: unknown }).code !== undefined) throw e;
      throw new ImportError(`${row.where}: ${(e as Error).message}`, row.where);
    }
    rows++;
    if (options.limit !== undefined && rows >= options.limit) break;
    if (options.onProgress && (rows & 1023) === 0) {
      const now = Date.now();
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        options.onProgress({ rows, bytesRead, totalBytes: input.totalBytes, format, done: false });
      }
    }
  }
  if (rows === 0 && skipped.zero > 0) {
    const more = skipped.zero > skipped.first.length ? ', …' : '';
    throw new ImportError(`${input.label} contains no usable vectors: all ${skipped.zero} rows are zero (${skipped.first.join(', ')}${more})`);
  }
  if (rows === 0) throw new ImportError(`${input.label} contains no vectors`);
  return { format, rows, bytesRead, skipped };
}

/**
 * Reads at least `bytes` from the start of `source` (less only when it ends), for format
 * detection, and gives back the whole input as chunks, those bytes included: nothing is read twice.
 */
async function sniff(source: ByteChunks, bytes: number): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = bytesOf(source);
  const buffered: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    buffered.push(next.value);
    size += next.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    try {
      yield* buffered;
      if (!ended) yield* iterator;
    } finally {
      await iterator.return(undefined); // an import that stops early (a limit, an error) closes the input
    }
  }
  const head = buffered.length === 0 ? new Uint8Array(0) : concatBytes(buffered).subarray(0, bytes);
  return { head, chunks: all() };
}

/** True when every component is ±0. */
function isZero(vector: Float32Array): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return false;
  return true;
}

/**
 * Where `word` first occurs. Duplicates are rare, so rather than keeping a word → position map
 * for every row (the sink already holds a set of the words) the input is read again up to it.
 */
async function findFirst(source: ByteChunks, format: VectorFormat, word: string): Promise<string | null> {
  try {
    for await (const row of readVectors(format, source)) {
      if (row.word === word) return row.where;
    }
  } catch {
    // The first occurrence comes before the error that stopped the import, so this is unreachable.
  }
  return null;
}
