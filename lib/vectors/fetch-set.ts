/**
 * Loads a prepared set progressively, over HTTP or from a byte store (a set kept in this
 * browser): the manifest, words and scales first (≈ 4 MB for GloVe), then the int8 rows arrive
 * most-frequent-first and become searchable as they do. Runs in the browser worker (and in
 * Node 20, which has fetch).
 */
import { readJson, type ByteStore } from '../hub/byte-store';
import { FILE_NAMES, parseVocab, validateManifest, type Manifest } from './format';
import { createScorer } from './kernel/scorer';
import { VectorStore } from './store';

export type LoadProgress =
  | { status: 'initiate'; set: string }
  /** Bytes of all files fetched so far, of their total; rows usable so far. */
  | { status: 'progress'; loaded: number; total: number; rows: number; count: number }
  /** `bytes`: what the store holds: its int8 rows and scales, and the kernel's own memory. */
  | { status: 'ready'; rows: number; ms: number; bytes: { rows: number; kernel: number } };

export interface RemoteSet {
  manifest: Manifest;
  /** Usable at once over the rows loaded so far (`store.loadedRows`). */
  store: VectorStore;
  /** Resolves when every row has arrived. */
  complete: Promise<void>;
}

export interface RemoteOptions {
  fetch?: typeof fetch;
  /** Hand rows to the kernel every this many bytes, so early queries see them (default 1 MB). */
  batchBytes?: number;
  /** Give up when no byte arrives for this long (ms, default 30 s): a server that never answers must not leave the page loading forever. */
  stallMs?: number;
}

export const DEFAULT_STALL_MS = 30_000;

/** Aborts the set's requests when no data arrives for `ms`; `kick()` on every response and chunk. */
function stallGuard(ms: number, host: string) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const kick = () => {
    clearTimeout(timer);
    const wait = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
    timer = setTimeout(() => controller.abort(new Error(`no data from ${host} for ${wait}: the connection or the server may be down; try again`)), ms);
  };
  kick();
  return { signal: controller.signal, kick, stop: () => clearTimeout(timer) };
}

/** A data file being read: its bytes are handed over in order. */
interface FileBody {
  /** Names the file in messages. */
  name: string;
  read(onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void>;
}

/** Where a set's files come from: a server (HTTP) or a byte store (a set kept in this browser). */
interface SetFiles {
  manifest(): Promise<unknown>;
  /** Starts reading a data file of the set whose manifest was read (an HTTP request starts here). */
  open(file: string, manifest: Manifest): Promise<FileBody>;
  /** What a data file that ends early suggests ("truncated download?"). */
  truncatedHint: string;
  /** Called once loading has ended, well or not. */
  close(): void;
}

/** Opens the set served at `baseUrl` (its manifest.json and files), giving up when the server stalls. */
export async function openRemoteSet(baseUrl: string, onProgress: (p: LoadProgress) => void, options: RemoteOptions = {}): Promise<RemoteSet> {
  const fetchImpl = options.fetch ?? fetch;
  const base = baseUrl.replace(/\/$/, '');
  const guard = stallGuard(options.stallMs ?? DEFAULT_STALL_MS, new URL(base).host);
  const get = async (file: string, version = ''): Promise<Response> => {
    let res: Response;
    try {
      res = await fetchImpl(`${base}/${file}${version}`, { signal: guard.signal });
    } catch (e) {
      throw guard.signal.aborted ? guard.signal.reason : e;
    }
    guard.kick();
    if (!res.ok) throw new Error(`could not fetch ${base}/${file}: HTTP ${res.status}`);
    return res;
  };
  return loadSet(
    {
      manifest: async () => (await get('manifest.json')).json(),
      // The data files' URLs name the set's checksum: a cache (the static build's service worker)
      // may keep them for good, and a re-prepared set gets new URLs.
      open: async (file, manifest) => {
        const res = await get(file, `?v=${manifest.checksum.slice(0, 16)}`);
        // Every chunk keeps the guard quiet; a stalled read fails with the guard's message.
        return { name: res.url, read: (onChunk) => streamChunks(res, (chunk) => (guard.kick(), onChunk(chunk)), guard.signal) };
      },
      truncatedHint: 'truncated download?',
      close: guard.stop,
    },
    onProgress,
    options.batchBytes,
  );
}

/**
 * Opens a set kept in a byte store (`store` is the set's folder: manifest.json, vocab.txt, …),
 * with the same progressive loading as over HTTP: rows are handed to the kernel a batch at a
 * time, and queries can run between batches.
 */
export function openStoredSet(store: ByteStore, onProgress: (p: LoadProgress) => void): Promise<RemoteSet> {
  return loadSet(
    {
      manifest: async () => readJson(store, 'manifest.json'),
      open: async (file) => ({
        name: `${store.location}/${file}`,
        read: async (onChunk) => {
          const bytes = await store.read(file);
          for (let at = 0; at < bytes.length; at += STORED_SLICE_BYTES) await onChunk(bytes.subarray(at, at + STORED_SLICE_BYTES));
        },
      }),
      truncatedHint: 'file damaged?',
      close: () => undefined,
    },
    onProgress,
  );
}

/** Byte-only progress reports are at least this far apart (ms). */
const PROGRESS_EVERY_MS = 50;

/** Stored files are read whole, then handed over in slices of this size, like chunks of a download. */
const STORED_SLICE_BYTES = 1 << 20;

/** The manifest, words and scales first; then the rows, searchable batch by batch as they arrive. */
async function loadSet(files: SetFiles, onProgress: (p: LoadProgress) => void, batchBytes = 1 << 20): Promise<RemoteSet> {
  const t0 = performance.now();
  try {
    const manifest = validateManifest(await files.manifest());
    onProgress({ status: 'initiate', set: manifest.name });
    const { count, dims } = manifest;
    const sizes = manifest.files;
    const total = sizes.vocab.bytes + sizes.scales.bytes + sizes.vectors.bytes;
    let loaded = 0;
    let reportedAt = -Infinity;
    let reportedRows = -1;
    // Every chunk adds bytes; the page hears of them at most every PROGRESS_EVERY_MS (each report
    // re-renders its progress bar, on a main thread the first answer is waiting for), and at once
    // of new rows or of the last byte.
    const report = (rows: number) => {
      const now = performance.now();
      if (rows === reportedRows && loaded < total && now - reportedAt < PROGRESS_EVERY_MS) return;
      reportedAt = now;
      reportedRows = rows;
      onProgress({ status: 'progress', loaded, total, rows, count });
    };

    // All three files are opened together; the rows are read once words and scales are in.
    const vectorsBody = files.open(FILE_NAMES.vectors, manifest);
    vectorsBody.catch(() => undefined); // its error surfaces where it is awaited below
    // The kernel (compiling WebAssembly, reserving memory for every row) is made while the words
    // and scales download, not after.
    const scorer = createScorer(count, dims);
    scorer.catch(() => undefined); // as vectorsBody
    const [vocabBytes, scaleBytes] = await Promise.all([
      files.open(FILE_NAMES.vocab, manifest).then((body) => readAll(body, sizes.vocab.bytes, files.truncatedHint, (n) => ((loaded += n), report(0)))),
      files.open(FILE_NAMES.scales, manifest).then((body) => readAll(body, sizes.scales.bytes, files.truncatedHint, (n) => ((loaded += n), report(0)))),
    ]);
    const words = parseVocab(new TextDecoder().decode(vocabBytes));
    if (words.length !== count) throw new Error(`${FILE_NAMES.vocab} has ${words.length} words, the manifest says ${count}`);
    const scales = new Float32Array(scaleBytes.buffer, scaleBytes.byteOffset, count);
    const q = new Int8Array(count * dims);
    const store = new VectorStore(manifest, words, q, scales, await scorer);

    const vectors = await vectorsBody;
    const complete = (async () => {
      let filled = 0; // bytes of q written
      let pending = 0;
      await vectors.read(async (chunk) => {
        if (filled + chunk.length > q.length) throw new Error(`${FILE_NAMES.vectors} is longer than ${count} × ${dims} bytes`);
        q.set(new Int8Array(chunk.buffer, chunk.byteOffset, chunk.length), filled);
        filled += chunk.length;
        loaded += chunk.length;
        pending += chunk.length;
        if (pending >= batchBytes) {
          pending = 0;
          store.addRows(store.loadedRows, Math.floor(filled / dims));
          report(store.loadedRows);
          // A fast stream resolves every read at once, which would starve the worker's message
          // queue until the end; yielding a macrotask lets waiting queries run over these rows.
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      });
      if (filled !== q.length) throw new Error(`${FILE_NAMES.vectors} ended after ${filled} bytes, expected ${q.length} (${files.truncatedHint})`);
      store.addRows(store.loadedRows, count);
      store.buildIndex();
      report(count);
      onProgress({ status: 'ready', rows: count, ms: performance.now() - t0, bytes: { rows: q.byteLength + scales.byteLength, kernel: store.scorer.memoryBytes } });
    })().finally(files.close);
    return { manifest, store, complete };
  } catch (e) {
    files.close();
    throw e;
  }
}

/** Hands the body to `onChunk` chunk by chunk; when `signal` aborts, the read stops (and the body is cancelled) with its reason. */
async function streamChunks(res: Response, onChunk: (chunk: Uint8Array) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!res.body) {
    await onChunk(new Uint8Array(await res.arrayBuffer()));
    return;
  }
  const reader = res.body.getReader();
  const aborted = new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
  aborted.catch(() => undefined); // observed through the race below
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) return;
      await onChunk(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}

/** Reads a whole data file of known size, reporting bytes as they arrive. */
async function readAll(body: FileBody, expected: number, truncatedHint: string, onBytes: (n: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let at = 0;
  await body.read((chunk) => {
    if (at + chunk.length > expected) throw new Error(`${body.name} is larger than the manifest's ${expected} bytes`);
    out.set(chunk, at);
    at += chunk.length;
    onBytes(chunk.length);
  });
  if (at !== expected) throw new Error(`${body.name} has ${at} bytes, the manifest says ${expected} (${truncatedHint})`);
  return out;
}
