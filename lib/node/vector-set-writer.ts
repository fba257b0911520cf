/**
 * Streams a vector set to disk in the wve-vectors format (models/README.md): rows are appended
 * as they arrive, so memory stays flat however large the source is. Everything goes into a
 * temporary folder that is renamed into place only by finish(); abort() (or a crash) leaves
 * the previous set, if any, untouched.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, readdir, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  FILE_KEYS,
  FILE_NAMES,
  FORMAT_NAME,
  FORMAT_VERSION,
  MAX_DIMS,
  SET_NAME_PATTERN,
  quantiseRow,
  type FileKey,
  type Manifest,
} from '../vectors/format';

export interface SetInfo {
  name: string;
  title: string;
  dims: number;
  source: string;
  licence: string;
}

/** Rows buffered before a write: ~4k rows keeps writes large without much memory. */
const ROWS_PER_FLUSH = 4096;

interface Output {
  handle: FileHandle;
  hash: Hash;
  bytes: number;
}

export class VectorSetWriter {
  readonly tempDir: string;
  private readonly outputs = {} as Record<FileKey, Output>;
  private readonly seen = new Set<string>();
  // Rows waiting for the next flush, in preallocated buffers (no per-row allocation).
  private readonly pendingQ: Int8Array;
  private readonly pendingScales = new Float32Array(ROWS_PER_FLUSH);
  private readonly pendingNorms = new Float32Array(ROWS_PER_FLUSH);
  private readonly pendingReference: Float32Array;
  private pendingWords: string[] = [];
  private count = 0;
  private allLower = true;
  private pendingRows = 0;
  private closed = false;

  private constructor(
    private readonly modelsDir: string,
    private readonly info: SetInfo,
  ) {
    this.tempDir = path.join(modelsDir, `.tmp-${info.name}-${process.pid}`);
    this.pendingQ = new Int8Array(ROWS_PER_FLUSH * info.dims);
    this.pendingReference = new Float32Array(ROWS_PER_FLUSH * info.dims);
  }

  static async create(modelsDir: string, info: SetInfo): Promise<VectorSetWriter> {
    if (!SET_NAME_PATTERN.test(info.name)) {
      throw new Error(`set name "${info.name}" must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit`);
    }
    if (!Number.isInteger(info.dims) || info.dims < 1 || info.dims > MAX_DIMS) {
      throw new Error(`dims must be an integer in 1..${MAX_DIMS}, got ${info.dims}`);
    }
    const writer = new VectorSetWriter(modelsDir, info);
    await rm(writer.tempDir, { recursive: true, force: true });
    await mkdir(writer.tempDir, { recursive: true });
    for (const key of FILE_KEYS) {
      writer.outputs[key] = {
        handle: await open(path.join(writer.tempDir, FILE_NAMES[key]), 'w'),
        hash: createHash('sha256'),
        bytes: 0,
      };
    }
    return writer;
  }

  get rows(): number {
    return this.count;
  }

  /** True when `word` was already added (importers use it to report the line of a duplicate). */
  has(word: string): boolean {
    return this.seen.has(word);
  }

  /**
   * Appends one word and its vector. Throws (without writing) on an empty word, a word with
   * whitespace, a duplicate, a wrong length or a non-finite number; callers add the position.
   * Await each call before the next: a call may flush to disk.
   */
  async add(word: string, row: ArrayLike<number>): Promise<void> {
    if (this.closed) throw new Error('writer already finished');
    if (word.length === 0) throw new Error('empty word');
    if (/[\s]/u.test(word)) throw new Error(`word ${JSON.stringify(word)} contains whitespace`);
    if (this.seen.has(word)) throw new Error(`duplicate word "${word}"`);
    const { dims } = this.info;
    if (row.length !== dims) throw new Error(`"${word}" has ${row.length} numbers, expected ${dims}`);
    const slot = this.pendingRows;
    const f32 = this.pendingReference.subarray(slot * dims, (slot + 1) * dims);
    f32.set(row);
    for (let i = 0; i < dims; i++) {
      if (!Number.isFinite(f32[i])) throw new Error(`"${word}" has a non-finite value at position ${i + 1} (float32 range is ±3.4e38)`);
    }
    const { scale, norm } = quantiseRow(f32, this.pendingQ.subarray(slot * dims, (slot + 1) * dims));
    if (!Number.isFinite(Math.fround(norm))) throw new Error(`"${word}" has a norm beyond the float32 range`);

    this.seen.add(word);
    if (this.allLower && word !== word.toLowerCase()) this.allLower = false;
    this.pendingWords.push(word);
    this.pendingScales[slot] = scale;
    this.pendingNorms[slot] = norm;
    this.count++;
    if (++this.pendingRows >= ROWS_PER_FLUSH) await this.flush();
  }

  /** Writes the manifest, closes the files and renames the set into place. */
  async finish(): Promise<Manifest> {
    if (this.count === 0) {
      await this.abort();
      throw new Error('no vectors to write (empty input)');
    }
    await this.flush();
    this.closed = true;
    const files = {} as Manifest['files'];
    for (const key of FILE_KEYS) {
      const out = this.outputs[key];
      await out.handle.sync();
      await out.handle.close();
      files[key] = { path: FILE_NAMES[key], bytes: out.bytes, sha256: out.hash.digest('hex') };
    }
    const manifest: Manifest = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      name: this.info.name,
      title: this.info.title,
      count: this.count,
      dims: this.info.dims,
      dtype: 'int8-rowscale',
      lowercase: this.allLower,
      files,
      checksum: overallChecksum(files),
      source: this.info.source,
      licence: this.info.licence,
      createdAt: new Date().toISOString(),
    };
    await writeFile(path.join(this.tempDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    await swapIntoPlace(this.tempDir, path.join(this.modelsDir, this.info.name));
    return manifest;
  }

  /** Closes and deletes the temporary folder; the models folder is as it was. */
  async abort(): Promise<void> {
    this.closed = true;
    for (const key of FILE_KEYS) await this.outputs[key]?.handle.close().catch(() => undefined);
    await rm(this.tempDir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    const rows = this.pendingRows;
    if (rows === 0) return;
    const dims = this.info.dims;
    const bytes = (a: ArrayBufferView, length: number) => Buffer.from(a.buffer, a.byteOffset, length);
    const chunks: Record<FileKey, Buffer> = {
      vocab: Buffer.from(this.pendingWords.join('\n') + '\n', 'utf8'),
      vectors: bytes(this.pendingQ, rows * dims),
      scales: bytes(this.pendingScales, rows * 4),
      norms: bytes(this.pendingNorms, rows * 4),
      reference: bytes(this.pendingReference, rows * dims * 4),
    };
    for (const key of FILE_KEYS) {
      const out = this.outputs[key];
      out.hash.update(chunks[key]);
      out.bytes += chunks[key].length;
      await out.handle.write(chunks[key]);
    }
    this.pendingWords = [];
    this.pendingRows = 0;
  }
}

export function overallChecksum(files: Manifest['files']): string {
  const h = createHash('sha256');
  for (const key of FILE_KEYS) h.update(files[key].sha256);
  return h.digest('hex');
}

/** Renames `from` to `to`, replacing an existing folder only after the new one is in place. */
export async function swapIntoPlace(from: string, to: string): Promise<void> {
  const old = path.join(path.dirname(to), `.old-${path.basename(to)}-${process.pid}`);
  let hadOld = false;
  try {
    await rename(to, old);
    hadOld = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    await rename(from, to);
  } catch (e) {
    if (hadOld) await rename(old, to); // put the previous set back
    throw e;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * Removes `.tmp-NAME-PID` / `.old-NAME-PID` folders left by interrupted writes of set `name`
 * (of any set when `name` is omitted), only when that process is gone: a concurrent run's
 * folders are left alone.
 */
export async function removeStaleTemporaries(modelsDir: string, name?: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(modelsDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const m = /^\.(?:tmp|old)-(.+)-(\d+)$/.exec(entry);
    if (!m || (name !== undefined && m[1] !== name)) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(path.join(modelsDir, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
