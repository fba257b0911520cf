/** Messages between the UI and the GPT-2 worker (lib/worker/gpt2.worker.ts). */
import type { HeadAttention, LayersRequest, LayersResult } from '../gpt2/layers-run';
import type { SimilarityReport } from '../gpt2/layer-similarity';
import type { ModelLoadProgress, RuntimeInfo } from '../gpt2/runtime';
import type { Pooling, TokenizedSentence } from '../gpt2/tokenizer';
import type { Gpt2Config } from '../gpt2/weights';

/** What the worker needs to fetch and check a model (from its gpt2.json). */
export interface ModelRef {
  name: string;
  /** model.onnx's URL; made absolute by the worker. */
  url: string;
  bytes: number;
  sha256: string;
  config: Gpt2Config;
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

export type { HeadAttention, LayersRequest, LayersResult };

export type Gpt2Request =
  | { id: number; type: 'load'; model: ModelRef }
  | { id: number; type: 'context'; request: ContextRequest }
  /** The layers page: one run with masks and a lens position (lib/gpt2/layers-run.ts). */
  | { id: number; type: 'layers'; request: LayersRequest }
  /** One head of the latest layers run, in full, without a rerun. */
  | { id: number; type: 'head'; runId: number; layer: number; head: number };

export type Gpt2Response =
  | { type: 'progress'; progress: ModelLoadProgress }
  | { id: number; type: 'loaded'; info: RuntimeInfo }
  | { id: number; type: 'context'; result: ContextResult }
  | { id: number; type: 'layers'; result: LayersResult }
  | { id: number; type: 'head'; result: HeadAttention }
  | { id: number; type: 'error'; message: string };
