/**
 * Imports a GloVe / word2vec / fastText vectors file into models/NAME/ (the wve-vectors format,
 * models/README.md): detect the format, stream rows from a reader into a VectorSetWriter, and
 * either finish (atomic rename into place) or abort (nothing written, an existing set of that
 * name untouched).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SET_NAME_PATTERN, type Manifest } from '../../vectors/format';
import { modelsDir as defaultModelsDir } from '../vector-set-reader';
import { removeStaleTemporaries, VectorSetWriter } from '../vector-set-writer';
import { checkMagic, detectFormat, readHead } from './detect';
import { ImportError, READ_CHUNK_BYTES, readVectors, VECTOR_FORMATS, type VectorFormat } from './readers';

export interface ImportOptions {
  /** Set name (folder under the models dir). */
  name: string;
  /** 'auto' (default) or one of VECTOR_FORMATS. */
  format?: 'auto' | VectorFormat;
  /** Default: the file's base name. */
  title?: string;
  /** Default: the file path as given. */
  source?: string;
  /** Default: "unknown (set with --licence)". */
  licence?: string;
  /** Replace an existing set of that name (only once the new one is complete). */
  force?: boolean;
  /** Import only the first N rows. */
  limit?: number;
  /** Default: modelsDir() (WVE_MODELS_DIR or ./models). */
  modelsDir?: string;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  format: VectorFormat;
  done: boolean;
}

export const DEFAULT_LICENCE = 'unknown (set with --licence)';

const PROGRESS_INTERVAL_MS = 200;

export async function importVectorFile(
  file: string,
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
): Promise<Manifest> {
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

  let totalBytes: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new ImportError(`${file} is a directory, not a vectors file`);
    totalBytes = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${(e as Error).message}`);
  }
  if (totalBytes === 0) throw new ImportError(`${file} is empty`);

  const head = await readHead(file);
  const requested = options.format ?? 'auto';
  let format: VectorFormat;
  if (requested === 'auto') {
    format = detectFormat(file, head).format;
  } else {
    if (!(VECTOR_FORMATS as readonly string[]).includes(requested)) throw new ImportError(`unknown format "${requested}"`);
    checkMagic(head, file);
    format = requested;
  }

  await removeStaleTemporaries(root, name);

  let bytesRead = 0;
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  const progress = (done: boolean) => onProgress?.({ rows, bytesRead, totalBytes, format, done });

  let writer: VectorSetWriter | null = null;
  let rows = 0;
  let lastReport = Date.now();
  try {
    for await (const row of readVectors(format, counted(), { label: file })) {
      if (writer === null) {
        writer = await VectorSetWriter.create(root, {
          name,
          title: options.title ?? path.basename(file),
          dims: row.vector.length,
          source: options.source ?? file,
          licence: options.licence ?? DEFAULT_LICENCE,
        });
      }
      if (writer.has(row.word)) {
        const first = await findFirst(file, format, row.word);
        const seen = first ? ` (first seen ${first.startsWith('line') ? 'on' : 'at'} ${first})` : '';
        throw new ImportError(`${row.where}: duplicate word ${JSON.stringify(row.word)}${seen}`, row.where);
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
    if (writer === null) throw new ImportError(`${file} contains no vectors`);
    const manifest = await writer.finish();
    progress(true);
    return manifest;
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    stream.destroy();
  }
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

