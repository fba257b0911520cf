/**
 * The layers page's computation, independent of the worker: tokenise the prompt (with a leading
 * `<|endoftext|>`), run it once with the ablation masks and the logit-lens position, and keep only
 * what the page draws — the final position's logits [V], the lens logits [L+1, V], every head
 * shrunk for the grid and one head in full. The full attention [L, H, T, T] stays here so the page
 * can ask for any other head later (`head`) without a rerun. With ablations, the unablated final
 * logits come along for the before/after view (cached per prompt, so toggling heads reruns once).
 */
import { ablationMasks, formatAblation, normaliseAblation, type Ablation } from './ablation';
import { attentionHead, attentionThumbnails } from './attention-view';
import { gpt2DefaultFeeds, NO_LENS } from './graph-contract';
import { Gpt2Error } from './errors';
import { checkContextLength, type Gpt2Session } from './runtime';
import { tokenizeSentence, type TokenPiece } from './tokenizer';
import type { Gpt2Config } from './weights';

/** Grid thumbnails are at most this many cells across (GPT-2 small: 144 heads × 32² floats = 590 kB). */
export const THUMBNAIL_SIZE = 32;

export interface LayersRequest {
  prompt: string;
  ablation: Ablation;
  /** Token index (0 = the leading `<|endoftext|>`) the logit lens reads; -1 = the last token. */
  position: number;
  /** The head sent in full. */
  layer: number;
  head: number;
}

export interface HeadAttention {
  runId: number;
  layer: number;
  head: number;
  /** [T, T]: query rows, key columns. */
  data: Float32Array;
}

export interface LayersResult {
  runId: number;
  ids: number[];
  pieces: TokenPiece[];
  /** The lens position, resolved to 0..T-1. */
  position: number;
  /** Canonical ablation string of this run ('' = none). */
  ablation: string;
  /** Next-token logits at the last position [V], with the ablation. */
  finalLogits: Float32Array;
  /** The same without any ablation; null when nothing was ablated (then it is `finalLogits`). */
  baselineLogits: Float32Array | null;
  /** [L+1, V] at `position` (row L is the model's prediction there, equal to `finalLogits` at the last token up to rounding). */
  lensLogits: Float32Array;
  /** Every head as size × size: [L, H, size, size]. */
  thumbnails: { size: number; data: Float32Array };
  head: HeadAttention;
  /** Model time for this run and for the unablated baseline run (0 when cached or not needed), ms. */
  runMs: number;
  baselineMs: number;
}

type Session = Pick<Gpt2Session, 'run' | 'config'>;

/** Tokenises the prompt as the model reads it: `<|endoftext|>` first, then the prompt's tokens. */
export function tokenizePrompt(prompt: string, nPositions: number): { ids: number[]; pieces: TokenPiece[] } {
  if (!prompt.trim()) throw new Gpt2Error('emptyPrompt', {}, 'Enter a prompt.');
  const { ids, pieces } = tokenizeSentence(prompt, '');
  checkContextLength(ids.length, nPositions, 'prompt');
  return { ids, pieces };
}

/** Attention the layers view may hold for one run: every head's T × T float32 probabilities. */
export const MAX_ATTENTION_BYTES = 160e6;

/**
 * The longest prompt the layers view takes on this model: its attention (L·H·T² floats) must fit
 * MAX_ATTENTION_BYTES (GPT-2 small: 527 tokens; the model itself reads up to n_positions).
 */
export function layersTokenLimit(config: Pick<Gpt2Config, 'nLayer' | 'nHead' | 'nPositions'>): number {
  return Math.min(config.nPositions, Math.floor(Math.sqrt(MAX_ATTENTION_BYTES / (4 * config.nLayer * config.nHead))));
}

/** Refuses a prompt whose attention the layers view could not hold (never truncates). */
export function checkLayersLength(tokens: number, config: Pick<Gpt2Config, 'nLayer' | 'nHead' | 'nPositions'>): void {
  const limit = layersTokenLimit(config);
  if (tokens > limit && limit < config.nPositions) {
    throw new Gpt2Error(
      'layersTooLong',
      { tokens, limit, contextLimit: config.nPositions },
      `The prompt is ${tokens.toLocaleString('en')} tokens long; the layers view keeps every head's attention, so it takes at most ${limit.toLocaleString('en')} tokens on this model (the context page takes up to ${config.nPositions.toLocaleString('en')}). Shorten it: nothing was truncated.`,
    );
  }
}

export class LayersRunner {
  private runs = 0;
  private last: { runId: number; attn: Float32Array; tokens: number } | null = null;
  private baseline: { key: string; logits: Float32Array } | null = null;

  constructor(private readonly session: Session) {}

  async run(request: LayersRequest): Promise<LayersResult> {
    const { config } = this.session;
    const { nLayer: L, nHead: H } = config;
    const { ids, pieces } = tokenizePrompt(request.prompt, config.nPositions);
    checkLayersLength(ids.length, config);
    const T = ids.length;
    const position = request.position < 0 ? T + request.position : request.position;
    if (!Number.isInteger(position) || position < 0 || position >= T) throw new Error(`position ${request.position} is outside the prompt's ${T} tokens`);
    const { headMask, mlpMask } = ablationMasks(request.ablation, config);
    const ablation = formatAblation(normaliseAblation(request.ablation, config));

    const t0 = performance.now();
    const out = await this.session.run(ids, ['next_logits', 'lens_logits', 'attn'], {
      head_mask: { dims: [L, H], data: headMask },
      mlp_mask: { dims: [L], data: mlpMask },
      lens_position: { dims: [1], data: BigInt64Array.of(BigInt(position)) },
    });
    const runMs = performance.now() - t0;
    const lensLogits = out.lens_logits.data; // [L+1, 1, V] = [L+1, V]
    const finalLogits = out.next_logits.data.slice(); // [1, V]; its own buffer, as the result's buffers are transferred

    const key = ids.join(',');
    let baselineLogits: Float32Array | null = null;
    let baselineMs = 0;
    if (!ablation) this.baseline = { key, logits: finalLogits.slice() };
    else {
      if (this.baseline?.key !== key) {
        const t1 = performance.now();
        const neutral = gpt2DefaultFeeds(config);
        const base = await this.session.run(ids, ['next_logits'], {
          head_mask: { dims: [L, H], data: neutral.head_mask },
          mlp_mask: { dims: [L], data: neutral.mlp_mask },
          lens_position: NO_LENS, // only the prediction: no lens rows to compute
        });
        baselineMs = performance.now() - t1;
        this.baseline = { key, logits: base.next_logits.data };
      }
      baselineLogits = this.baseline.logits.slice(); // a copy: the result's buffers are transferred
    }

    const runId = ++this.runs;
    const attn = out.attn.data;
    this.last = { runId, attn, tokens: T };
    return {
      runId,
      ids,
      pieces,
      position,
      ablation,
      finalLogits,
      baselineLogits,
      lensLogits: lensLogits.slice(),
      thumbnails: attentionThumbnails(attn, L, H, T, THUMBNAIL_SIZE),
      head: this.head(runId, request.layer, request.head),
      runMs,
      baselineMs,
    };
  }

  /** One head of run `runId` in full; only the latest run is kept. */
  head(runId: number, layer: number, head: number): HeadAttention {
    if (!this.last || this.last.runId !== runId) throw new Error(`run ${runId} is no longer held (the latest is ${this.last?.runId ?? 'none'}); rerun the prompt`);
    return { runId, layer, head, data: attentionHead(this.last.attn, this.session.config.nHead, this.last.tokens, layer, head) };
  }
}

/** The buffers a result moves to the page (posted as transferables, not copied). */
export function resultBuffers(r: LayersResult): ArrayBuffer[] {
  const arrays = [r.finalLogits, r.lensLogits, r.thumbnails.data, r.head.data, ...(r.baselineLogits ? [r.baselineLogits] : [])];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
