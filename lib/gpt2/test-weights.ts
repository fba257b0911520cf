/**
 * Random GPT-2 weights in memory (HF names and shapes) for graph tests and the benchmark.
 * Scaled so every part of the model does visible work: each projection's output has a chosen
 * standard deviation whatever the width (uniform weights of amplitude k·sqrt(3 / fan_in)), and
 * q·k scores spread over several units, so attention is far from uniform and a wrong scale or
 * mask shows up in the probabilities.
 */
import { seededRandom } from '../random';
import type { Gpt2Config, Gpt2Weights, Tensor } from './weights';

export const TINY_CONFIG: Gpt2Config = { nLayer: 2, nHead: 4, nEmbd: 64, nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 };
export const SMALL_CONFIG: Gpt2Config = { nLayer: 12, nHead: 12, nEmbd: 768, nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 };

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
