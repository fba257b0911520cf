/**
 * Random GPT-2 weights in memory (HF names and shapes) for graph tests and the benchmarks, two ways:
 *
 * - randomGpt2Weights, the sharp fixture of the tests and the e2e models: scaled so every part of
 *   the model does visible work. Each projection's output has a chosen standard deviation whatever
 *   the width (uniform weights of amplitude k·sqrt(3 / fan_in)), and q·k scores spread over
 *   several units, so attention is far from uniform and a wrong scale or mask shows up in the
 *   probabilities. The same sharpness makes the model chaotic: a small perturbation early on
 *   (rounding a weight, quantising an activation) is amplified tens of times by the logits.
 * - hfRandomGpt2Weights: what Hugging Face's own initialisation gives (below), a tame model.
 */
import { seededRandom } from '../random';
import type { Gpt2Config, Gpt2Weights, Tensor } from './weights';

export const TINY_CONFIG: Gpt2Config = { nLayer: 2, nHead: 4, nEmbd: 64, nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 };
export const SMALL_CONFIG: Gpt2Config = { nLayer: 12, nHead: 12, nEmbd: 768, nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 };

/** The sharp fixture (see above): uniform weights, attention scores spread over ±6. Tests and e2e fixtures depend on its exact values. */
export function randomGpt2Weights(config: Gpt2Config, seed: number): Gpt2Weights {
  const { nLayer: L, nEmbd: D, nPositions: P, vocabSize: V } = config;
  const rand = seededRandom(seed);
  const tensors = new Map<string, Tensor>();
  /** Uniform in centre ± amplitude. */
  const add = (name: string, shape: number[], amplitude: number, centre = 0) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = centre + (2 * rand() - 1) * amplitude;
    tensors.set(name, { shape, data });
  };
  const linear = (prefix: string, nIn: number, nOut: number, outStd: number) => {
    add(`${prefix}.weight`, [nIn, nOut], outStd * Math.sqrt(3 / nIn));
    add(`${prefix}.bias`, [nOut], 0.1);
  };
  const norm = (prefix: string) => {
    add(`${prefix}.weight`, [D], 0.2, 1);
    add(`${prefix}.bias`, [D], 0.1);
  };
  add('wte.weight', [V, D], 1);
  add('wpe.weight', [P, D], 0.5);
  for (let l = 0; l < L; l++) {
    norm(`h.${l}.ln_1`);
    linear(`h.${l}.attn.c_attn`, D, 3 * D, 2.5);
    linear(`h.${l}.attn.c_proj`, D, D, 0.5);
    norm(`h.${l}.ln_2`);
    linear(`h.${l}.mlp.c_fc`, D, 4 * D, 1.5);
    linear(`h.${l}.mlp.c_proj`, 4 * D, D, 0.5);
  }
  norm('ln_f');
  return {
    config,
    get(name) {
      const t = tensors.get(name);
      if (!t) throw new Error(`no tensor ${name} in the random weights`);
      return t;
    },
  };
}

/** Hugging Face's initializer_range: the standard deviation of every freshly initialised GPT-2 weight. */
export const HF_INITIALIZER_RANGE = 0.02;

/**
 * Random GPT-2 weights as Hugging Face initialises them (`GPT2LMHeadModel(GPT2Config(...))`,
 * GPT2PreTrainedModel._init_weights in modeling_gpt2.py): every Conv1D weight and both embeddings
 * N(0, 0.02²), the attn.c_proj and mlp.c_proj weights N(0, (0.02 / sqrt(2·n_layer))²) (GPT-2's
 * scaled init for the residual projections), every bias 0, LayerNorm weights 1 and biases 0.
 * Seeded normals by Box–Muller from seededRandom. Unlike randomGpt2Weights, attention here is
 * nearly uniform (q·k scores of a few hundredths) and each block adds little to the residual
 * stream, so the model is tame: a perturbation is not amplified much on its way to the logits.
 */
export function hfRandomGpt2Weights(config: Gpt2Config, seed: number): Gpt2Weights {
  const { nLayer: L, nEmbd: D, nPositions: P, vocabSize: V } = config;
  const normal = gaussian(seededRandom(seed));
  const tensors = new Map<string, Tensor>();
  const add = (name: string, shape: number[], std: number, constant?: number) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (constant !== undefined) data.fill(constant);
    else for (let i = 0; i < data.length; i++) data[i] = std * normal();
    tensors.set(name, { shape, data });
  };
  const residualStd = HF_INITIALIZER_RANGE / Math.sqrt(2 * L);
  const linear = (prefix: string, nIn: number, nOut: number, std: number) => {
    add(`${prefix}.weight`, [nIn, nOut], std);
    add(`${prefix}.bias`, [nOut], 0, 0);
  };
  const norm = (prefix: string) => {
    add(`${prefix}.weight`, [D], 0, 1);
    add(`${prefix}.bias`, [D], 0, 0);
  };
  add('wte.weight', [V, D], HF_INITIALIZER_RANGE);
  add('wpe.weight', [P, D], HF_INITIALIZER_RANGE);
  for (let l = 0; l < L; l++) {
    norm(`h.${l}.ln_1`);
    linear(`h.${l}.attn.c_attn`, D, 3 * D, HF_INITIALIZER_RANGE);
    linear(`h.${l}.attn.c_proj`, D, D, residualStd);
    norm(`h.${l}.ln_2`);
    linear(`h.${l}.mlp.c_fc`, D, 4 * D, HF_INITIALIZER_RANGE);
    linear(`h.${l}.mlp.c_proj`, 4 * D, D, residualStd);
  }
  norm('ln_f');
  return {
    config,
    get(name) {
      const t = tensors.get(name);
      if (!t) throw new Error(`no tensor ${name} in the random weights`);
      return t;
    },
  };
}

/** Standard normal numbers from uniform ones (Box–Muller: two normals per pair of uniforms). */
function gaussian(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − u is in (0, 1]: no log(0)
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** GPT-2 small's best-known outlier residual dimensions (138, 378, 447 of 768), scaled to `nEmbd`. */
export function outlierChannels(nEmbd: number): number[] {
  return [138, 378, 447].map((j) => Math.floor((j * nEmbd) / 768));
}

export interface OutlierOptions {
  /** The channels to blow up (default outlierChannels(D)). */
  channels?: number[];
  /** How much larger their LayerNorm outputs get (default 30). */
  factor?: number;
  /** Also ln_f → the unembedding (default true); see below. */
  unembedding?: boolean;
}

/**
 * The weights with outlier channels injected, as real GPT-2 has them: for each channel j, every
 * ln_1 and ln_2 multiplies its weight and bias at j by `factor` and the next weight (c_attn, c_fc)
 * divides its row j by it. Each block computes exactly the same function in float, but the
 * activations entering the int8 matmuls carry ×factor outliers.
 *
 * With `unembedding`, ln_f and column j of wte get the same treatment. wte is tied, so the
 * embedding's channel j shrinks by `factor` too: that model differs from the original (compare it
 * with its own fp32 graph, not with the original's).
 */
export function withOutlierChannels(weights: Gpt2Weights, options: OutlierOptions = {}): Gpt2Weights {
  const { nLayer: L, nEmbd: D } = weights.config;
  const channels = options.channels ?? outlierChannels(D);
  const factor = options.factor ?? 30;
  const bad = channels.find((j) => !Number.isInteger(j) || j < 0 || j >= D);
  if (bad !== undefined) throw new Error(`outlier channel ${bad} is outside 0..${D - 1}`);
  const changed = new Map<string, Tensor>();
  const norm = (prefix: string) => {
    for (const part of ['weight', 'bias']) {
      const t = weights.get(`${prefix}.${part}`);
      const data = t.data.slice();
      for (const j of channels) data[j] *= factor;
      changed.set(`${prefix}.${part}`, { shape: t.shape, data });
    }
  };
  /** Divides the inputs of channel j: row j of a [D, N] weight, or column j of wte [V, D]. */
  const divide = (name: string, layout: 'rows' | 'columns') => {
    const t = weights.get(name);
    const data = t.data.slice();
    const [rows, cols] = t.shape;
    for (const j of channels) {
      if (layout === 'rows') for (let c = 0; c < cols; c++) data[j * cols + c] /= factor;
      else for (let r = 0; r < rows; r++) data[r * cols + j] /= factor;
    }
    changed.set(name, { shape: t.shape, data });
  };
  for (let l = 0; l < L; l++) {
    norm(`h.${l}.ln_1`);
    divide(`h.${l}.attn.c_attn.weight`, 'rows');
    norm(`h.${l}.ln_2`);
    divide(`h.${l}.mlp.c_fc.weight`, 'rows');
  }
  if (options.unembedding ?? true) {
    norm('ln_f');
    divide('wte.weight', 'columns');
  }
  return { config: weights.config, get: (name) => changed.get(name) ?? weights.get(name) };
}
