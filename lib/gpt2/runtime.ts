/**
 * Runs a GPT-2 graph (lib/gpt2/graph.ts) with onnxruntime-web: picks WebGPU when the browser has
 * an adapter and the graph suits it, WASM otherwise, and reports which one actually ran. ORT is
 * passed in (the worker loads ort.min.mjs from our own origin; tests pass the `onnxruntime-web`
 * package), so nothing here configures ORT at import time. Getting the graph's bytes is
 * model-loader.ts's job.
 */
import type * as OrtModule from 'onnxruntime-web';
import { gpt2DefaultFeeds, NO_LENS, type Gpt2Dtype } from './graph-contract';
import { Gpt2Error } from './errors';
import type { Gpt2Config } from './weights';

export type Ort = typeof OrtModule;
export type Provider = 'webgpu' | 'wasm';

export type WebgpuSkipped = { code: 'int8' | 'noWebgpu' | 'noAdapter' } | { code: 'failed'; detail: string };

export interface RuntimeInfo {
  /** The execution provider the session was created with; never a silent fallback (see createGpt2Session). */
  provider: Provider;
  /** WASM threads ORT settled on (1 without cross-origin isolation); WebGPU sessions also run some ops on them. */
  threads: number;
  /** Why WebGPU was not used, when it was not (the page words it; `detail` is WebGPU's own error). */
  webgpuSkipped?: WebgpuSkipped;
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

/** What a length check is about: the input, a prompt, a text being continued, or one of the context page's sentences (1-based). */
export type ContextSubject = 'input' | 'prompt' | 'text' | { sentence: number };

const SUBJECT_NAMES = { input: 'The input', prompt: 'The prompt', text: 'The text' } as const;

/**
 * Refuses a token sequence the model cannot read; never truncates. `what` names it in the message
 * (a subject, or any English name for the command line's own inputs).
 */
export function checkContextLength(tokens: number, nPositions: number, what: ContextSubject | string = 'input'): void {
  const name = typeof what === 'object' ? `Sentence ${what.sentence}` : what in SUBJECT_NAMES ? SUBJECT_NAMES[what as keyof typeof SUBJECT_NAMES] : what;
  if (tokens < 1) throw new Error(`${name} has no tokens.`);
  if (tokens > nPositions) {
    const subject = typeof what === 'object' ? 'sentence' : what in SUBJECT_NAMES ? what : 'input';
    throw new Gpt2Error(
      'tooLong',
      { what: subject, sentence: typeof what === 'object' ? what.sentence : 0, tokens, limit: nPositions },
      `${name} is ${tokens.toLocaleString('en')} tokens long; this model reads at most ${nPositions.toLocaleString('en')} tokens (n_positions). ` +
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
   * `extra` feeds the other inputs (`head_mask`, `mlp_mask` as float32, `lens_position` as int64
   * [N]); omitted ones get their neutral values, and an omitted lens_position is the last token
   * when `lens_logits` is fetched and no position at all otherwise (the lens then costs nothing).
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
      const fill = this.defaultFeed(name, fetches);
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

  /**
   * The neutral feeds (gpt2DefaultFeeds): masks of ones; the logit lens at the last position when
   * it is fetched, else at no position (NO_LENS), since the graph computes its rows whatever is fetched.
   */
  private defaultFeed(name: string, fetches: readonly string[]): OrtModule.Tensor | null {
    const { nLayer: L, nHead: H } = this.config;
    const neutral = gpt2DefaultFeeds(this.config);
    if (name === 'head_mask') return new this.ort.Tensor('float32', neutral.head_mask, [L, H]);
    if (name === 'mlp_mask') return new this.ort.Tensor('float32', neutral.mlp_mask, [L]);
    if (name === 'lens_position') {
      const lens = fetches.includes('lens_logits') ? { dims: [1], data: neutral.lens_position } : NO_LENS;
      return new this.ort.Tensor('int64', lens.data, lens.dims);
    }
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

export interface SessionOptions {
  /** navigator.gpu, when the browser has it. */
  gpu?: GpuLike | null;
  /** The graph's dtype: int8 graphs always run on WASM (WebGPU has no int8 matmul kernels). */
  dtype?: Gpt2Dtype;
  /** Files the graph's weights point into (ONNX external data), by the path the graph names. */
  externalData?: { path: string; data: Uint8Array }[];
}

/**
 * Creates the session. With `gpu` (navigator.gpu) and an adapter, tries WebGPU ALONE, so a failure
 * throws instead of silently falling back; then creates a WASM session and says why WebGPU was
 * skipped. (`executionProviders: ['webgpu', 'wasm']` would fall back without telling.)
 */
export async function createGpt2Session(ort: Ort, model: Uint8Array, config: Gpt2Config, options: SessionOptions = {}): Promise<Gpt2Session> {
  const base: OrtModule.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    ...(options.externalData ? { externalData: options.externalData } : {}),
  };
  let webgpuSkipped: WebgpuSkipped | undefined;
  if (options.dtype === 'int8') webgpuSkipped = { code: 'int8' }; // WebGPU has no int8 matrix kernels
  else if (!options.gpu) webgpuSkipped = { code: 'noWebgpu' };
  else {
    const adapter = await options.gpu.requestAdapter().catch(() => null);
    if (!adapter) webgpuSkipped = { code: 'noAdapter' };
    else {
      const t0 = performance.now();
      try {
        const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ['webgpu'] });
        return new Gpt2Session(ort, session, config, { provider: 'webgpu', threads: ort.env.wasm.numThreads ?? 1, createMs: performance.now() - t0 });
      } catch (e) {
        webgpuSkipped = { code: 'failed', detail: e instanceof Error ? e.message : String(e) };
      }
    }
  }
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(model, { ...base, executionProviders: ['wasm'] });
  return new Gpt2Session(ort, session, config, { provider: 'wasm', threads: ort.env.wasm.numThreads ?? 1, webgpuSkipped, createMs: performance.now() - t0 });
}
