/**
 * Loads a prepared set over HTTP, progressively: the manifest, words and scales first (≈ 4 MB
 * for GloVe), then the int8 rows stream in most-frequent-first and become searchable as they
 * arrive. Runs in the browser worker (and in Node 20, which has fetch).
 */
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

export async function openRemoteSet(baseUrl: string, onProgress: (p: LoadProgress) => void, options: RemoteOptions = {}): Promise<RemoteSet> {
  const fetchImpl = options.fetch ?? fetch;
  const batchBytes = options.batchBytes ?? 1 << 20;
  const t0 = performance.now();
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
  /** Every chunk keeps the guard quiet; a stalled read fails with the guard's message. */
  const chunks = (res: Response, onChunk: (chunk: Uint8Array) => void | Promise<void>) => streamChunks(res, (chunk) => (guard.kick(), onChunk(chunk)), guard.signal);
  const manifest = validateManifest(await (await get('manifest.json')).json());
  // The data files' URLs name the set's checksum: a cache (the static build's service worker)
  // may keep them for good, and a re-prepared set gets new URLs.
  const version = `?v=${manifest.checksum.slice(0, 16)}`;
  onProgress({ status: 'initiate', set: manifest.name });
  const { count, dims, files } = manifest;
  const total = files.vocab.bytes + files.scales.bytes + files.vectors.bytes;
  let loaded = 0;
  const report = (rows: number) => onProgress({ status: 'progress', loaded, total, rows, count });

  // All three requests start together; the rows' body is read once words and scales are in.
  const vectorsResponse = get(FILE_NAMES.vectors, version);
  vectorsResponse.catch(() => undefined); // its error surfaces where it is awaited below
  const [vocabBytes, scaleBytes] = await Promise.all([
    get(FILE_NAMES.vocab, version).then((res) => readAll(res, files.vocab.bytes, chunks, (n) => ((loaded += n), report(0)))),
    get(FILE_NAMES.scales, version).then((res) => readAll(res, files.scales.bytes, chunks, (n) => ((loaded += n), report(0)))),
  ]);
  const words = parseVocab(new TextDecoder().decode(vocabBytes));
  if (words.length !== count) throw new Error(`${FILE_NAMES.vocab} has ${words.length} words, the manifest says ${count}`);
  const scales = new Float32Array(scaleBytes.buffer, scaleBytes.byteOffset, count);
  const q = new Int8Array(count * dims);
  const store = new VectorStore(manifest, words, q, scales, await createScorer(count, dims));

  const vectors = await vectorsResponse;
  const complete = (async () => {
    let filled = 0; // bytes of q written
    let pending = 0;
    await chunks(vectors, async (chunk) => {
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
    if (filled !== q.length) throw new Error(`${FILE_NAMES.vectors} ended after ${filled} bytes, expected ${q.length} (truncated download?)`);
    store.addRows(store.loadedRows, count);
    store.buildIndex();
    report(count);
    onProgress({ status: 'ready', rows: count, ms: performance.now() - t0, bytes: { rows: q.byteLength + scales.byteLength, kernel: store.scorer.memoryBytes } });
  })().finally(guard.stop);
  return { manifest, store, complete };
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

/** Reads a whole response of known size through `read` (streamChunks or a guarded one), reporting bytes as they arrive. */
async function readAll(res: Response, expected: number, read: typeof streamChunks, onBytes: (n: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let at = 0;
  await read(res, (chunk) => {
    if (at + chunk.length > expected) throw new Error(`${res.url} is larger than the manifest's ${expected} bytes`);
    out.set(chunk, at);
    at += chunk.length;
    onBytes(chunk.length);
  });
  if (at !== expected) throw new Error(`${res.url} has ${at} bytes, the manifest says ${expected} (truncated?)`);
  return out;
}
