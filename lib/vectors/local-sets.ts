/**
 * Vector sets kept in this browser: the same wve-vectors files as a server's set (models/README.md,
 * same bytes and checksum for the same input), in the folder `vector-sets/NAME/` of a byte store
 * (the Origin Private File System in the app, memory in tests).
 *
 * Writing is atomic as far as a store of files allows: the data files are written as
 * `FILE.part` next to the set's files, and a set exists only once its manifest.json does. To
 * finish, the old manifest (when replacing) goes first, then the parts are renamed into place,
 * then the new manifest is written (itself through a temporary name). An interrupted import thus
 * leaves a folder without a manifest, which is never listed and is removed by the next import;
 * a set being replaced stays whole until the last few renames.
 */
import { readJson, writeJson, type ByteStore, type ByteWriter } from '../hub/byte-store';
import { importRows, type ImportInput, type ImportProgress, type SkippedRows } from '../import/import-rows';
import { Sha256 } from '../import/sha256';
import type { VectorFormat } from '../import/readers';
import { openStoredSet, type LoadProgress, type RemoteSet } from './fetch-set';
import {
  FILE_KEYS,
  FILE_NAMES,
  FORMAT_NAME,
  FORMAT_VERSION,
  MAX_DIMS,
  quantiseRow,
  SET_NAME_PATTERN,
  validateManifest,
  type FileKey,
  type Manifest,
} from './format';

/** The folder of the store that holds the sets, one folder each. */
export const LOCAL_SETS_FOLDER = 'vector-sets';

const MANIFEST = 'manifest.json';
const PART = '.part';
/** Rows buffered before a write: ~4k rows keeps writes large without much memory. */
const ROWS_PER_FLUSH = 4096;

/** What a set says about itself, besides its vectors. */
export interface LocalSetInfo {
  name: string;
  title: string;
  source: string;
  licence: string;
  dims: number;
}

/** A set kept in the store, and the bytes its files take. */
export interface LocalSet {
  manifest: Manifest;
  bytes: number;
}

export interface LocalSetList {
  sets: LocalSet[];
  /** Folders with a manifest that cannot be opened, and why. */
  broken: { name: string; error: string }[];
  /** Folders without a manifest: imports that did not finish (or are running now). */
  unfinished: string[];
}

/** Why `name` cannot name a set, or null when it can. */
export function localSetNameProblem(name: string): string | null {
  if (SET_NAME_PATTERN.test(name)) return null;
  return `"${name.length > 80 ? `${name.slice(0, 80)}…` : name}" is not a valid set name: use 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit`;
}

/** A valid set name made from a file's name ("GloVe.6B.50d.txt" → "glove.6b.50d"). */
export function setNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(txt|vec|bin)$/i, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[._-]+$/, '');
  return name || 'my-vectors';
}

const setsOf = (root: ByteStore) => root.folder(LOCAL_SETS_FOLDER);

/**
 * Streams a set into `vector-sets/NAME/` of `root`: rows are quantised to int8 with a per-row
 * scale as they arrive and written in batches, so memory stays flat however large the input.
 * The same rules as the Node writer (lib/node/vector-set-writer.ts) give the same files.
 */
export class LocalSetWriter {
  private readonly outputs = {} as Record<FileKey, { writer: ByteWriter; hash: Sha256; bytes: number }>;
  private readonly seen = new Set<string>();
  // Rows waiting for the next flush, in preallocated buffers (no per-row allocation).
  private readonly pendingQ: Int8Array;
  private readonly pendingScales = new Float32Array(ROWS_PER_FLUSH);
  private readonly pendingNorms = new Float32Array(ROWS_PER_FLUSH);
  private readonly pendingReference: Float32Array;
  private pendingWords: string[] = [];
  private pendingRows = 0;
  private count = 0;
  private allLower = true;
  private closed = false;

  private constructor(
    private readonly root: ByteStore,
    private readonly folder: ByteStore,
    private readonly info: LocalSetInfo,
  ) {
    this.pendingQ = new Int8Array(ROWS_PER_FLUSH * info.dims);
    this.pendingReference = new Float32Array(ROWS_PER_FLUSH * info.dims);
  }

  /** Starts a set; throws when the name is taken in `root` and `replace` is not set. */
  static async create(root: ByteStore, info: LocalSetInfo, options: { replace?: boolean } = {}): Promise<LocalSetWriter> {
    const problem = localSetNameProblem(info.name);
    if (problem) throw new Error(problem);
    if (!Number.isInteger(info.dims) || info.dims < 1 || info.dims > MAX_DIMS) {
      throw new Error(`dims must be an integer in 1..${MAX_DIMS}, got ${info.dims}`);
    }
    const folder = setsOf(root).folder(info.name);
    if ((await folder.size(MANIFEST)) !== null) {
      if (!options.replace) throw new Error(`a set named "${info.name}" is already kept in this browser: choose another name, or replace it`);
      await removeParts(folder);
    } else {
      await setsOf(root).remove(info.name); // what an unfinished import left
    }
    const writer = new LocalSetWriter(root, folder, info);
    for (const key of FILE_KEYS) {
      writer.outputs[key] = { writer: await folder.writer(FILE_NAMES[key] + PART), hash: new Sha256(), bytes: 0 };
    }
    return writer;
  }

  /** True when `word` was already added. */
  has(word: string): boolean {
    return this.seen.has(word);
  }

  /**
   * Appends one word and its vector. Throws (without writing) on an empty word, a word with
   * whitespace, a duplicate, a wrong length or a non-finite number; callers add the position.
   * Await each call before the next: a call may write to the store.
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

  /** Closes the files, puts them in place and writes the manifest: from then on the set is listed. */
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
      await out.writer.close();
      files[key] = { path: FILE_NAMES[key], bytes: out.bytes, sha256: out.hash.hex() };
    }
    const checksum = new Sha256();
    for (const key of FILE_KEYS) checksum.update(new TextEncoder().encode(files[key].sha256));
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
      checksum: checksum.hex(),
      source: this.info.source,
      licence: this.info.licence,
      createdAt: new Date().toISOString(),
    };
    // A set being replaced is unlisted from here; an interruption leaves no set rather than a mixed one.
    await this.folder.remove(MANIFEST);
    for (const key of FILE_KEYS) await this.folder.rename(FILE_NAMES[key] + PART, FILE_NAMES[key]);
    await writeJson(this.folder, MANIFEST, manifest);
    return manifest;
  }

  /** Closes and deletes what was written; a set being replaced stays as it was. */
  async abort(): Promise<void> {
    this.closed = true;
    for (const key of FILE_KEYS) await this.outputs[key]?.writer.close().catch(() => undefined);
    if ((await this.folder.size(MANIFEST)) === null) await setsOf(this.root).remove(this.info.name);
    else await removeParts(this.folder);
  }

  private async flush(): Promise<void> {
    const rows = this.pendingRows;
    if (rows === 0) return;
    const dims = this.info.dims;
    const bytes = (a: ArrayBufferView, length: number) => new Uint8Array(a.buffer, a.byteOffset, length);
    const chunks: Record<FileKey, Uint8Array> = {
      vocab: new TextEncoder().encode(this.pendingWords.join('\n') + '\n'),
      vectors: bytes(this.pendingQ, rows * dims),
      scales: bytes(this.pendingScales, rows * 4),
      norms: bytes(this.pendingNorms, rows * 4),
      reference: bytes(this.pendingReference, rows * dims * 4),
    };
    for (const key of FILE_KEYS) {
      const out = this.outputs[key];
      out.hash.update(chunks[key]);
      out.bytes += chunks[key].length;
      await out.writer.write(chunks[key]);
    }
    this.pendingWords = [];
    this.pendingRows = 0;
  }
}

/** Removes the `.part` files an import left in a set's folder. */
async function removeParts(folder: ByteStore): Promise<void> {
  for (const entry of await folder.list()) if (entry.name.endsWith(PART)) await folder.remove(entry.name);
}

/** A trained or computed set to keep: `vectors` holds `words.length` rows of `dims` numbers, row-major. */
export interface LocalSetInput extends LocalSetInfo {
  words: string[];
  vectors: Float32Array;
  /** Replace a set of that name kept in this browser (default: refuse). */
  replace?: boolean;
}

/** Keeps a set given in memory (e.g. vectors trained in the browser) in `vector-sets/NAME/` of `root`. */
export async function saveLocalSet(store: ByteStore, input: LocalSetInput): Promise<Manifest> {
  const { words, vectors, dims } = input;
  if (words.length === 0) throw new Error('no words to keep: the set would be empty');
  if (vectors.length !== words.length * dims) {
    throw new Error(`vectors has ${vectors.length} numbers, expected ${words.length} words × ${dims} dims = ${words.length * dims}`);
  }
  const writer = await LocalSetWriter.create(store, input, { replace: input.replace });
  try {
    for (let i = 0; i < words.length; i++) {
      try {
        await writer.add(words[i], vectors.subarray(i * dims, (i + 1) * dims));
      } catch (e) {
        throw new Error(`row ${i} (${JSON.stringify(words[i])}): ${(e as Error).message}`);
      }
    }
    return await writer.finish();
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

/** How a file's rows become a kept set: the set's name and description, and the import's options. */
export interface LocalImportOptions {
  name: string;
  title: string;
  licence: string;
  format?: 'auto' | VectorFormat;
  replace?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Imports a vector file into `vector-sets/NAME/` of `root` with the rules of `npm run -s import`
 * (lib/import/import-rows.ts); the set's source is the file's name. On any error nothing new is
 * kept, and a set being replaced is untouched.
 */
export async function importLocalSet(root: ByteStore, input: ImportInput, options: LocalImportOptions): Promise<Manifest & { skipped: SkippedRows }> {
  const opened: { writer?: LocalSetWriter } = {};
  try {
    const result = await importRows(
      input,
      async (dims) => {
        opened.writer = await LocalSetWriter.create(root, { name: options.name, title: options.title, source: input.label, licence: options.licence, dims }, { replace: options.replace });
        return opened.writer;
      },
      { format: options.format, signal: options.signal, onProgress: options.onProgress },
    );
    const manifest = await opened.writer!.finish();
    options.onProgress?.({ rows: result.rows, bytesRead: result.bytesRead, totalBytes: input.totalBytes, format: result.format, done: true });
    return { ...manifest, skipped: result.skipped };
  } catch (e) {
    await opened.writer?.abort();
    throw e;
  }
}

/** The sets kept in `root`, sorted by name; folders that cannot be opened are reported, not thrown. */
export async function listLocalSets(root: ByteStore): Promise<LocalSetList> {
  const list: LocalSetList = { sets: [], broken: [], unfinished: [] };
  const sets = setsOf(root);
  for (const entry of await sets.list()) {
    if (entry.kind !== 'folder') continue;
    const folder = sets.folder(entry.name);
    try {
      // Only the set's own files are looked at: an import may be writing `.part` files beside them.
      if ((await folder.size(MANIFEST)) === null) {
        list.unfinished.push(entry.name);
        continue;
      }
      const manifest = validateManifest(await readJson(folder, MANIFEST));
      if (manifest.name !== entry.name) throw new Error(`its manifest.json names the set "${manifest.name}"`);
      let bytes = (await folder.size(MANIFEST)) ?? 0;
      for (const key of FILE_KEYS) {
        const { path, bytes: expected } = manifest.files[key];
        const size = await folder.size(path);
        if (size === null) throw new Error(`${path} is missing`);
        if (size !== expected) throw new Error(`${path} has ${size} bytes, its manifest says ${expected}`);
        bytes += size;
      }
      list.sets.push({ manifest, bytes });
    } catch (e) {
      list.broken.push({ name: entry.name, error: (e as Error).message });
    }
  }
  list.sets.sort((a, b) => (a.manifest.name < b.manifest.name ? -1 : 1));
  return list;
}

/** Removes a kept set (its manifest first, so an interruption leaves it unlisted); false when there was none. */
export async function removeLocalSet(store: ByteStore, name: string): Promise<boolean> {
  const problem = localSetNameProblem(name);
  if (problem) throw new Error(problem);
  const sets = setsOf(store);
  if (!(await sets.list()).some((e) => e.kind === 'folder' && e.name === name)) return false;
  await sets.folder(name).remove(MANIFEST);
  await sets.remove(name);
  return true;
}

/**
 * Removes what interrupted imports left: folders without a manifest and `.part` files beside a
 * kept set, except for the names in `busy` (imports running now, in this or another tab).
 */
export async function removeUnfinished(root: ByteStore, busy: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  const sets = setsOf(root);
  for (const entry of await sets.list()) {
    if (entry.kind !== 'folder' || busy.has(entry.name)) continue;
    const folder = sets.folder(entry.name);
    if ((await folder.size(MANIFEST)) === null) {
      await sets.remove(entry.name);
      removed.push(entry.name);
    } else if ((await folder.list()).some((f) => f.name.endsWith(PART))) {
      await removeParts(folder);
      removed.push(`${entry.name}/*${PART}`);
    }
  }
  return removed;
}

/** Opens a kept set for queries, with the same progressive loading as a server's set. */
export async function openLocalSet(root: ByteStore, name: string, onProgress: (p: LoadProgress) => void): Promise<RemoteSet> {
  const problem = localSetNameProblem(name);
  if (problem) throw new Error(problem);
  const folder = setsOf(root).folder(name);
  if ((await folder.size(MANIFEST)) === null) {
    throw new Error(`the vector set "${name}" is no longer kept in this browser (removed, or the browser's storage was cleared): choose another set, or import its file again`);
  }
  return openStoredSet(folder, onProgress);
}
