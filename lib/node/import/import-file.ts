/**
 * Imports a GloVe / word2vec / fastText vectors file into models/NAME/ (the wve-vectors format,
 * models/README.md): detect the format, stream rows from a reader into a VectorSetWriter, and
 * either finish (atomic rename into place) or abort (nothing written, an existing set of that
 * name untouched). The input may be a regular file, a named pipe or standard input (`-`): it
 * is read once, front to back; only a regular file is read a second time, to point at the
 * first of two duplicate words.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SET_NAME_PATTERN, type Manifest } from '../../vectors/format';
import { modelsDir as defaultModelsDir } from '../vector-set-reader';
import { removeStaleTemporaries, VectorSetWriter } from '../vector-set-writer';
import { checkMagic, detectFormat, SNIFF_BYTES } from './detect';
import { ImportError, READ_CHUNK_BYTES, readVectors, VECTOR_FORMATS, type VectorFormat } from './readers';

export interface ImportOptions {
  /** Set name (folder under the models dir). */
  name: string;
  /** 'auto' (default) or one of VECTOR_FORMATS. */
  format?: 'auto' | VectorFormat;
  /** Default: the file's base name (the set name for standard input). */
  title?: string;
  /** Default: the file's base name (never the local path: the manifest is served to browsers). */
  source?: string;
  /** Default: "unknown (set with --licence)". */
  licence?: string;
  /** Replace an existing set of that name (only once the new one is complete). */
  force?: boolean;
  /** Import only the first N rows (rows skipped as all-zero do not count). */
  limit?: number;
  /** Default: modelsDir() (WVE_MODELS_DIR or ./models). */
  modelsDir?: string;
  /** What the file name `-` reads; default process.stdin (tests pass a stream). */
  stdin?: AsyncIterable<Buffer | string>;
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

/** The manifest written, and what was skipped on the way (not part of manifest.json). */
export interface ImportedSet extends Manifest {
  skipped: SkippedRows;
}

export const DEFAULT_LICENCE = 'unknown (set with --licence)';
/** The file name that means standard input. */
export const STDIN = '-';

const PROGRESS_INTERVAL_MS = 200;
/** Positions of skipped rows kept for the report. */
const SKIPPED_SHOWN = 5;

/** Where the bytes come from. */
interface Input {
  /** How messages name it: the path as given, or "standard input". */
  label: string;
  /** The default title and source: the file's base name. */
  baseName: string | null;
  /** Size in bytes, 0 when unknown. */
  totalBytes: number;
  /** A regular file, which can be read again. */
  seekable: boolean;
  chunks: AsyncIterable<Buffer | string>;
  close(): void;
}

export async function importVectorFile(
  file: string,
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportedSet> {
  const { name } = options;
  if (!SET_NAME_PATTERN.test(name)) {
    throw new ImportError(`set name "${name}" must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit`);
  }
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    throw new ImportError(`limit must be a positive integer, got ${options.limit}`);
  }
  const root = options.modelsDir ?? defaultModelsDir();
  const target = path.join(root, name);
  if (!options.force && (await exists(target))) {
    throw new ImportError(`${displayPath(target)} already exists: use --force to replace it`);
  }

  const input = await openInput(file, options.stdin);
  let writer: VectorSetWriter | null = null;
  try {
    const { head, chunks } = await sniff(input.chunks, SNIFF_BYTES);
    if (head.length === 0) throw new ImportError(`${input.label} is empty`);
    const requested = options.format ?? 'auto';
    let format: VectorFormat;
    if (requested === 'auto') {
      format = detectFormat(file === STDIN ? '' : file, head, input.label).format;
    } else {
      if (!(VECTOR_FORMATS as readonly string[]).includes(requested)) throw new ImportError(`unknown format "${requested}"`);
      checkMagic(head, input.label);
      format = requested;
    }

    // Folders left by interrupted imports of any set, when their process is gone.
    await removeStaleTemporaries(root);

    let bytesRead = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of chunks) {
        bytesRead += chunk.length;
        yield chunk;
      }
    }
    const progress = (done: boolean) => onProgress?.({ rows, bytesRead, totalBytes: input.totalBytes, format, done });

    let rows = 0;
    const skipped: SkippedRows = { zero: 0, first: [] };
    let lastReport = Date.now();
    for await (const row of readVectors(format, counted(), { label: input.label })) {
      if (writer === null) {
        writer = await VectorSetWriter.create(root, {
          name,
          title: options.title ?? input.baseName ?? name,
          dims: row.vector.length,
          source: options.source ?? input.baseName ?? 'standard input',
          licence: options.licence ?? DEFAULT_LICENCE,
        });
      }
      if (writer.has(row.word)) {
        const first = input.seekable ? await findFirst(file, format, row.word) : null;
        const seen = first ? ` (first seen ${first.startsWith('line') ? 'on' : 'at'} ${first})` : '';
        throw new ImportError(`${row.where}: duplicate word ${JSON.stringify(row.word)}${seen}`, row.where);
      }
      if (isZero(row.vector)) {
        if (skipped.zero++ < SKIPPED_SHOWN) skipped.first.push(row.where);
        continue;
      }
      try {
        await writer.add(row.word, row.vector);
      } catch (e) {
        throw new ImportError(`${row.where}: ${(e as Error).message}`, row.where);
      }
      rows++;
      if (options.limit !== undefined && rows >= options.limit) break;
      if (onProgress && (rows & 1023) === 0) {
        const now = Date.now();
        if (now - lastReport >= PROGRESS_INTERVAL_MS) {
          lastReport = now;
          progress(false);
        }
      }
    }
    if (writer === null) throw new ImportError(`${input.label} contains no vectors`);
    if (rows === 0) {
      throw new ImportError(`${input.label} contains no usable vectors: all ${skipped.zero} rows are zero (${skipped.first.join(', ')}${skipped.zero > skipped.first.length ? ', …' : ''})`);
    }
    const manifest = await writer.finish();
    writer = null;
    progress(true);
    return { ...manifest, skipped };
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    input.close();
  }
}

/** A regular file (size known, readable again), a named pipe or other stream, or `-` for standard input. */
async function openInput(file: string, stdin: AsyncIterable<Buffer | string> | undefined): Promise<Input> {
  if (file === STDIN) {
    const chunks = stdin ?? process.stdin;
    return { label: 'standard input', baseName: null, totalBytes: 0, seekable: false, chunks, close: () => (chunks as { destroy?: () => void }).destroy?.() };
  }
  let st;
  try {
    st = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${(e as Error).message}`);
  }
  if (st.isDirectory()) throw new ImportError(`${file} is a directory, not a vectors file`);
  // A FIFO or a character device reports size 0: it is read as a stream, its size unknown.
  const seekable = st.isFile();
  if (seekable && st.size === 0) throw new ImportError(`${file} is empty`);
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  return { label: file, baseName: path.basename(file), totalBytes: seekable ? st.size : 0, seekable, chunks: stream, close: () => stream.destroy() };
}

/**
 * Reads at least `bytes` from the start of `source` (less only when it ends), for format
 * detection, and gives back the whole input as chunks, those bytes included: nothing is read twice.
 */
async function sniff(source: AsyncIterable<Buffer | string>, bytes: number): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const toBuffer = (c: Buffer | string) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  const buffered: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    buffered.push(chunk);
    size += chunk.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* buffered;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  }
  return { head: Buffer.concat(buffered).subarray(0, bytes), chunks: all() };
}

/** True when every component is ±0. */
function isZero(vector: Float32Array): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return false;
  return true;
}

/**
 * Where `word` first occurs. Duplicates are rare, so rather than keeping a word → line map for
 * every row (the writer already holds a set of the words) the file is read again up to it.
 */
async function findFirst(file: string, format: VectorFormat, word: string): Promise<string | null> {
  try {
    for await (const row of readVectors(format, file, { label: file })) {
      if (row.word === word) return row.where;
    }
  } catch {
    // The first occurrence comes before the error that stopped the import, so this is unreachable.
  }
  return null;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** "models/NAME" for the default folder, else the path as it is. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

