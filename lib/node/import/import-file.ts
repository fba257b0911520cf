/**
 * Imports a GloVe / word2vec / fastText vectors file into models/NAME/ (the wve-vectors format,
 * models/README.md): the shared import rules (lib/import/import-rows.ts) stream rows into a
 * VectorSetWriter, which either finishes (atomic rename into place) or aborts (nothing written,
 * an existing set of that name untouched). The input may be a regular file, a named pipe or
 * standard input (`-`): it is read once, front to back; only a regular file is read a second
 * time, to point at the first of two duplicate words.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { importRows, type ImportProgress, type SkippedRows } from '../../import/import-rows';
import { SET_NAME_PATTERN, type Manifest } from '../../vectors/format';
import { modelsDir as defaultModelsDir } from '../vector-set-reader';
import { removeStaleTemporaries, VectorSetWriter } from '../vector-set-writer';
import { fileChunks, ImportError, READ_CHUNK_BYTES, type VectorFormat } from './readers';

export type { ImportProgress, SkippedRows };

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

/** The manifest written, and what was skipped on the way (not part of manifest.json). */
export interface ImportedSet extends Manifest {
  skipped: SkippedRows;
}

export const DEFAULT_LICENCE = 'unknown (set with --licence)';
/** The file name that means standard input. */
export const STDIN = '-';

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
  const opened: { writer?: VectorSetWriter } = {};
  try {
    const result = await importRows(
      {
        label: input.label,
        fileName: file === STDIN ? '' : file,
        totalBytes: input.totalBytes,
        chunks: input.chunks,
        reread: input.seekable ? () => fileChunks(file) : undefined,
      },
      async (dims) => {
        // Folders left by interrupted imports of any set, when their process is gone.
        await removeStaleTemporaries(root);
        opened.writer = await VectorSetWriter.create(root, {
          name,
          title: options.title ?? input.baseName ?? name,
          dims,
          source: options.source ?? input.baseName ?? 'standard input',
          licence: options.licence ?? DEFAULT_LICENCE,
        });
        return opened.writer;
      },
      { format: options.format, limit: options.limit, onProgress },
    );
    const manifest = await opened.writer!.finish();
    opened.writer = undefined;
    onProgress?.({ rows: result.rows, bytesRead: result.bytesRead, totalBytes: input.totalBytes, format: result.format, done: true });
    return { ...manifest, skipped: result.skipped };
  } catch (e) {
    await opened.writer?.abort();
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

