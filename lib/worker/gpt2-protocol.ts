/** Messages between the UI and the GPT-2 worker (lib/worker/gpt2.worker.ts). */
import type { GenerateRequest, GenerateResult, GeneratedToken } from '../gpt2/generate';
import type { ErrorReport } from '../gpt2/errors';
import type { Gpt2Dtype } from '../gpt2/graph-contract';
import type { HeadAttention, LayersRequest, LayersResult } from '../gpt2/layers-run';
import type { SimilarityReport } from '../gpt2/layer-similarity';
import type { RuntimeInfo } from '../gpt2/runtime';
import type { Pooling, TokenizedSentence } from '../gpt2/tokenizer';
import type { Gpt2Config } from '../gpt2/weights';

/** What the page shows about a model: what it is, where its weights came from, its shape and dtype. */
export interface LoadedModel {
  kind: 'server' | 'hub';
  /** The server folder's name or the hub repository: what the page calls a random test model (its label is English prose). */
  name?: string;
  label: string;
  /** True for random test models: the page says so and never calls them GPT-2. */
  random: boolean;
  /** Where the weights came from, e.g. "openai-community/gpt2". */
  source: string;
  /** The hub repository of a known checkpoint the weights come from; null for others and random models (the IOI reference heads apply to openai-community/gpt2 only). */
  repo: string | null;
  dtype: Gpt2Dtype;
  config: Gpt2Config;
}

/** A model folder built on the server (`npm run models:gpt2`), listed by /models/index.json. */
export interface ServerModel extends LoadedModel {
  kind: 'server';
  name: string;
  /** model.onnx's URL (relative to /models/index.json; the page makes it absolute), size and sha256. */
  url: string;
  bytes: number;
  sha256: string;
  /** On static hosts that limit file sizes, the graph in consecutive parts (same URL rules). */
  parts?: { url: string; bytes: number }[];
}

/** A checkpoint on the Hugging Face hub (or a mirror), fetched and built in the browser. */
export interface HubModel {
  kind: 'hub';
  /** e.g. https://huggingface.co or https://hf-mirror.com */
  hub: string;
  repo: string;
  revision: string;
  /** 'auto': int8 on WebAssembly, fp16 when WebGPU runs it. */
  dtype: Gpt2Dtype | 'auto';
}

export type ModelSource = ServerModel | HubModel;

/** A hub model kept in this browser (Origin Private File System). */
export interface KeptModel {
  hub: string;
  repo: string;
  revision: string;
  etag: string | null;
  /** Bytes stored for it: downloads and built graphs. */
  bytes: number;
  /** Built graphs by dtype. */
  builds: Gpt2Dtype[];
  /** True while the download is incomplete (a retry resumes it). */
  partial: boolean;
  /** The config marks a random test model: never chosen unless the URL names it, never called GPT-2. */
  random: boolean;
  keptAt: string | null;
}

export interface Inventory {
  kept: KeptModel[];
  /** Folders that could not be read, with the reason. */
  broken: { folder: string; error: string }[];
  /** Bytes of kept copies of this server's models (by sha256). */
  serverCopies: number;
  /** navigator.storage.estimate(): bytes used and available to this site, when the browser says. */
  usage: number | null;
  quota: number | null;
  /** Whether the browser agreed to keep the storage (navigator.storage.persist()). */
  persisted: boolean | null;
  /** Why the browser storage is unusable, when it is (no OPFS): the browser's English words; the page says what it means. */
  unavailable?: string;
}

/** What a load is doing, for the progress bar: one stage at a time, bytes where there are bytes. */
export type LoadStage =
  | { stage: 'storage' }
  | { stage: 'download'; file: string; loaded: number; total: number | null; resumedFrom: number }
  | { stage: 'check'; file: string }
  | { stage: 'build'; dtype: Gpt2Dtype }
  | { stage: 'store'; bytes: number }
  | { stage: 'read'; bytes: number }
  | { stage: 'ort' }
  | { stage: 'session'; provider: 'webgpu' | 'wasm'; dtype: Gpt2Dtype };

/** How the model's files arrived, once loaded. */
export interface LoadReport {
  /** 'network': downloaded now (resumed from `resumedFrom` bytes); 'kept': from this browser, no network. */
  from: 'network' | 'kept';
  downloadedBytes: number;
  resumedFrom: number;
  /** Whether the graph was built in this load (from a safetensors file). */
  built: boolean;
  ms: number;
  /** Set when the model runs but its built graph could not be kept (e.g. storage full): why, in English; it is built again next time. */
  keepError?: string;
}

export interface ContextRequest {
  target: string;
  sentences: string[];
  /** One per sentence; null or '' = no label. */
  senses: (string | null)[];
  pooling: Pooling;
}

export interface ContextResult {
  /** Tokenised as fed to the model (`<|endoftext|>` first); the target is each sentence's first occurrence. */
  sentences: TokenizedSentence[];
  /** L + 1: the embeddings and the output of each block. */
  layers: number;
  dims: number;
  /** The target's vector per layer and sentence: [layers, sentences, dims]. */
  targets: Float32Array;
  report: SimilarityReport;
  /** UMAP of the targets per layer, [layers, sentences, 2]; null below MIN_UMAP_POINTS sentences (lib/gpt2/context-umap.ts). */
  umap: Float32Array | null;
  /** Time in the model (all sentences), in the similarity maths and in UMAP, ms. */
  runMs: number;
  mathMs: number;
  umapMs: number;
}

export type { GenerateRequest, GenerateResult, GeneratedToken, HeadAttention, LayersRequest, LayersResult };

export type Gpt2Request =
  /** The hub models kept in this browser and the space they use. */
  | { id: number; type: 'inventory' }
  /** The size of a hub model's weights before downloading (null when the hub cannot be reached). */
  | { id: number; type: 'probe'; hub: string; repo: string; revision: string }
  /** Load a model; with `download: false`, a hub model that is not kept fails with `needsDownload`. */
  | { id: number; type: 'load'; source: ModelSource; download: boolean }
  /** Forget a kept hub model (every file of it). */
  | { id: number; type: 'remove'; repo: string; revision: string }
  | { id: number; type: 'context'; request: ContextRequest }
  /** The layers page: one run with masks and a lens position (lib/gpt2/layers-run.ts). */
  | { id: number; type: 'layers'; request: LayersRequest }
  /** One head of the latest layers run, in full, without a rerun. */
  | { id: number; type: 'head'; runId: number; layer: number; head: number }
  /** Continue a prompt token by token; each token is posted as it comes. */
  | { id: number; type: 'generate'; request: GenerateRequest }
  /** Stop the running generation after its current step. */
  | { id: number; type: 'stop' };

export type Gpt2Response =
  | { id: number; type: 'progress'; progress: LoadStage }
  | { id: number; type: 'inventory'; inventory: Inventory }
  | { id: number; type: 'probe'; bytes: number | null; error?: string }
  | { id: number; type: 'loaded'; info: RuntimeInfo; model: LoadedModel; report: LoadReport }
  | { id: number; type: 'context'; result: ContextResult }
  | { id: number; type: 'layers'; result: LayersResult }
  | { id: number; type: 'head'; result: HeadAttention }
  | { id: number; type: 'token'; token: GeneratedToken; index: number }
  | { id: number; type: 'generated'; result: GenerateResult }
  | { id: number; type: 'stopped' }
  /**
   * The English message, and a code with params when the page can word it in the reader's
   * language (lib/gpt2/errors.ts). `needsDownload`: the hub model is not kept here and the load
   * was not allowed to download.
   */
  | ({ id: number; type: 'error'; needsDownload?: boolean } & ErrorReport);
