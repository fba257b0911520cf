/**
 * Runs a GPT-2 graph (lib/gpt2/graph.ts) with onnxruntime-web: fetches the model once and keeps
 * it in Cache Storage, picks WebGPU when the browser has an adapter and WASM otherwise, and
 * reports which one actually ran. ORT is passed in (the worker loads /ort/ort.min.mjs from our own
 * origin; tests pass the `onnxruntime-web` package), so nothing here configures ORT at import time.
 */
import type * as OrtModule from 'onnxruntime-web';
import type { Gpt2Config } from './weights';

export type Ort = typeof OrtModule;
export type Provider = 'webgpu' | 'wasm';

export interface RuntimeInfo {
  /** The execution provider the session was created with; never a silent fallback (see createGpt2Session). */
  provider: Provider;
  /** WASM threads ORT settled on (1 without cross-origin isolation); WebGPU sessions also run some ops on them. */
  threads: number;
  /** Why WebGPU was not used, when it was not. */
  webgpuSkipped?: string;
  /** Session creation time, ms. */
  createMs: number;
}

/** Sets where ORT finds its .wasm/.mjs files (copied to public/ort/ by scripts/copy-ort.mjs). */
export function configureOrt(ort: Ort, options: { wasmPaths?: string; numThreads?: number } = {}): void {
  ort.env.wasm.wasmPaths = options.wasmPaths ?? '/ort/';
  if (options.numThreads !== undefined) ort.env.wasm.numThreads = options.numThreads;
  ort.env.wasm.proxy = false; // we already run in a worker
  ort.env.logLevel = 'error';
}

/** Refuses a token sequence the model cannot read; never truncates. `what` names it in the message. */
export function checkContextLength(tokens: number, nPositions: number, what = 'The input'): void {
  if (tokens < 1) throw new Error(`${what} has no tokens.`);
  if (tokens > nPositions) {
    throw new Error(
      `${what} is ${tokens.toLocaleString('en')} tokens long; this model reads at most ${nPositions.toLocaleString('en')} tokens (n_positions). ` +
        'Shorten it: nothing was truncated.',
    );
  }
}

/** A feed besides input_ids: float32 (the masks) or int64 (lens_position). */
export interface ExtraFeed {
  dims: number[];
  data: Float32Array | BigInt64Array;
}

export interface OutputTensor {
  dims: number[];
  data: Float32Array;
}

/**
 * One GPT-2 session. Runs are queued (ORT-web cannot run two at once on one session), feeds are
 * checked against the graph's input names, and only the outputs named in `fetches` are computed.
 */
export class Gpt2Session {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ort: Ort,
    private readonly session: OrtModule.InferenceSession,
    readonly config: Gpt2Config,
    readonly info: RuntimeInfo,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /**
   * Runs `ids` (refused when longer than n_positions) and returns the `fetches` outputs.
   * `extra` feeds the other inputs (`head_mask`, `mlp_mask` as float32, `lens_position` as int64);
   * omitted ones get their neutral values.
   */
  run(ids: readonly number[], fetches: readonly string[], extra: Record<string, ExtraFeed> = {}): Promise<Record<string, OutputTensor>> {
    const job = this.queue.then(() => this.runNow(ids, fetches, extra));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runNow(ids: readonly number[], fetches: readonly string[], extra: Record<string, ExtraFeed>) {
    checkContextLength(ids.length, this.config.nPositions);
    const unknownOut = fetches.filter((f) => !this.session.outputNames.includes(f));
    if (unknownOut.length) throw new Error(`unknown output(s) ${unknownOut.join(', ')}; the model has ${this.session.outputNames.join(', ')}`);
    if (!fetches.length) throw new Error('no outputs requested');
    const { vocabSize } = this.config;
    const bad = ids.find((id) => !Number.isInteger(id) || id < 0 || id >= vocabSize);
    if (bad !== undefined) throw new Error(`token id ${bad} is outside the vocabulary (0-${vocabSize - 1})`);
    const feeds: Record<string, OrtModule.Tensor> = {
      input_ids: new this.ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]),
    };
    for (const [name, t] of Object.entries(extra)) {
      if (!this.session.inputNames.includes(name)) throw new Error(`unknown input ${name}; the model takes ${this.session.inputNames.join(', ')}`);
      feeds[name] = t.data instanceof BigInt64Array ? new this.ort.Tensor('int64', t.data, t.dims) : new this.ort.Tensor('float32', t.data, t.dims);
    }
    // ORT-web wants every graph input fed, even those with a default initializer: feed the defaults.
    for (const name of this.session.inputNames) {
      if (feeds[name]) continue;
      const fill = this.defaultFeed(name);
      if (!fill) throw new Error(`the model needs input ${name}, which this runtime does not know how to fill`);
      feeds[name] = fill;
    }
    const results = await this.session.run(feeds, fetches as string[]);
    const out: Record<string, OutputTensor> = {};
    for (const name of fetches) {
      const t = results[name];
      out[name] = { dims: [...t.dims], data: t.data as Float32Array };
    }
    return out;
  }

  /** The graph's defaults (lib/gpt2/graph.ts): masks of ones, the logit lens at the last position. */
  private defaultFeed(name: string): OrtModule.Tensor | null {
    const { nLayer: L, nHead: H } = this.config;
    if (name === 'head_mask') return new this.ort.Tensor('float32', new Float32Array(L * H).fill(1), [L, H]);
    if (name === 'mlp_mask') return new this.ort.Tensor('float32', new Float32Array(L).fill(1), [L]);
    if (name === 'lens_position') return new this.ort.Tensor('int64', BigInt64Array.of(-1n), [1]);
    return null;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** The part of `navigator.gpu` we use (the project does not pull in the WebGPU type definitions). */
export interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/**
 * Creates the session. With `gpu` (navigator.gpu) and an adapter, tries WebGPU ALONE, so a failure
 * throws instead of silently falling back; then creates a WASM session and says why WebGPU was
 * skipped. (`executionProviders: ['webgpu', 'wasm']` would fall back without telling.)
 */
export async function createGpt2Session(ort: Ort, model: Uint8Array, config: Gpt2Config, options: { gpu?: GpuLike | null } = {}): Promise<Gpt2Session> {
  const base: OrtModule.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all', logSeverityLevel: 3 };
  let webgpuSkipped: string | undefined;
  if (!options.gpu) webgpuSkipped = 'this browser has no WebGPU (navigator.gpu)';
  else {
    const adapter = await options.gpu.requestAdapter().catch(() => null);
    if (!adapter) webgpuSkipped = 'WebGPU is present but gave no adapter (common in headless or GPU-less browsers)';
    else {
      const t0 = performance.now();
      try {
        const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ['webgpu'] });
        return new Gpt2Session(ort, session, config, { provider: 'webgpu', threads: ort.env.wasm.numThreads ?? 1, createMs: performance.now() - t0 });
      } catch (e) {
        webgpuSkipped = `WebGPU failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  }
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ['wasm'] });
  return new Gpt2Session(ort, session, config, { provider: 'wasm', threads: ort.env.wasm.numThreads ?? 1, webgpuSkipped, createMs: performance.now() - t0 });
}

export type ModelLoadProgress =
  | { status: 'download'; loaded: number; total: number }
  | { status: 'cache'; total: number }
  | { status: 'verify'; total: number }
  | { status: 'ready'; total: number; fromCache: boolean; ms: number; cacheError?: string };

/** The parts of Cache Storage's Cache we use (a fake stands in for it in Node tests). */
export interface CacheLike {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  keys(): Promise<readonly { url: string }[]>;
  delete(key: string): Promise<boolean>;
}

export interface ModelFile {
  /** Absolute URL of model.onnx. */
  url: string;
  bytes: number;
  sha256: string;
}

/** Download progress is reported every this many bytes (and at the end), not for every chunk. */
const PROGRESS_STEP = 1 << 20;

/** The cache key: the URL plus the file's sha256 from gpt2.json, so a rebuilt model is never served stale. */
export const cacheKey = (file: ModelFile) => `${file.url}?sha256=${file.sha256}`;

/**
 * The model's bytes: from the cache when it holds this exact file (key by sha256, size checked),
 * else downloaded with byte progress, checked against the size and sha256 in gpt2.json, and
 * stored in the cache, replacing older versions of the same URL.
 */
export async function loadModelBytes(
  file: ModelFile,
  onProgress: (p: ModelLoadProgress) => void,
  options: { cache?: CacheLike | null; fetch?: typeof fetch } = {},
): Promise<Uint8Array> {
  const t0 = performance.now();
  const cache = options.cache ?? null;
  const key = cacheKey(file);
  const hit = await cache?.match(key);
  if (hit) {
    onProgress({ status: 'cache', total: file.bytes });
    const bytes = new Uint8Array(await hit.arrayBuffer());
    if (bytes.length === file.bytes) {
      onProgress({ status: 'ready', total: file.bytes, fromCache: true, ms: performance.now() - t0 });
      return bytes;
    }
    await cache!.delete(key); // damaged entry: fetch again
  }

  const res = await (options.fetch ?? fetch)(file.url);
  if (!res.ok || !res.body) throw new Error(`could not fetch ${file.url}: HTTP ${res.status}`);
  // The cache is written from a second branch of the same stream: storing a Response built from
  // the finished 500 MB buffer copies it whole and fails in Chromium ("Unexpected internal error").
  const [body, toCache] = cache ? res.body.tee() : [res.body, null];
  const caching = cache && toCache ? storeInCache(cache, key, file, toCache) : Promise.resolve(undefined);
  try {
    const bytes = await readExactly(body, file, onProgress);
    onProgress({ status: 'verify', total: file.bytes });
    const digest = await sha256Hex(bytes);
    if (digest !== file.sha256) throw new Error(`${file.url}: sha256 ${digest.slice(0, 12)}… differs from gpt2.json's ${file.sha256.slice(0, 12)}… (file corrupt or replaced)`);
    const cacheError = await caching;
    onProgress({ status: 'ready', total: file.bytes, fromCache: false, ms: performance.now() - t0, cacheError });
    return bytes;
  } catch (e) {
    await caching;
    await cache?.delete(key); // never keep a copy that failed its checks
    throw e;
  }
}

/** Reads the body into a buffer of exactly `file.bytes`, reporting progress; rejects a longer or shorter body. */
async function readExactly(body: ReadableStream<Uint8Array>, file: ModelFile, onProgress: (p: ModelLoadProgress) => void): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.bytes);
  let loaded = 0;
  let reported = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > bytes.length) {
      await reader.cancel();
      throw new Error(`${file.url} is longer than the ${file.bytes.toLocaleString('en')} bytes gpt2.json lists (rebuilt without updating gpt2.json?)`);
    }
    bytes.set(value, loaded);
    loaded += value.length;
    if (loaded - reported >= PROGRESS_STEP || loaded === file.bytes) {
      reported = loaded;
      onProgress({ status: 'download', loaded, total: file.bytes });
    }
  }
  if (loaded !== file.bytes) throw new Error(`${file.url} ended after ${loaded.toLocaleString('en')} of ${file.bytes.toLocaleString('en')} bytes (interrupted download?)`);
  return bytes;
}

/**
 * Drops older versions of the file, then streams this one into the cache. Resolves to an error
 * message when caching failed (e.g. storage quota): the model still runs, it is just fetched again next time.
 */
async function storeInCache(cache: CacheLike, key: string, file: ModelFile, body: ReadableStream<Uint8Array>): Promise<string | undefined> {
  try {
    const path = new URL(file.url).pathname;
    for (const old of await cache.keys()) if (old.url !== key && new URL(old.url).pathname === path) await cache.delete(old.url);
    await cache.put(key, new Response(body, { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.bytes) } }));
    return undefined;
  } catch (e) {
    await body.cancel().catch(() => undefined);
    return e instanceof Error ? e.message : String(e);
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
