/**
 * The random GPT-2 weights: the sharp fixture keeps its exact values (tests and e2e models are
 * built from them), and hfRandomGpt2Weights follows Hugging Face's initialisation.
 */
import { describe, expect, it } from 'vitest';
import { HF_INITIALIZER_RANGE, hfRandomGpt2Weights, randomGpt2Weights, TINY_CONFIG } from './test-weights';

const sum = (xs: Float32Array) => xs.reduce((a, b) => a + b, 0);

/** Mean and standard deviation, in float64. */
function moments(xs: Float32Array): { mean: number; std: number } {
  let s = 0;
  let s2 = 0;
  for (const x of xs) {
    s += x;
    s2 += x * x;
  }
  const mean = s / xs.length;
  return { mean, std: Math.sqrt(s2 / xs.length - mean * mean) };
}

describe('randomGpt2Weights (the sharp fixture)', () => {
  it('keeps its exact values', () => {
    const w = randomGpt2Weights(TINY_CONFIG, 1);
    expect(Array.from(w.get('wte.weight').data.slice(0, 3))).toEqual([0.25414788722991943, -0.9945285320281982, 0.05489407852292061]);
    expect(sum(w.get('wte.weight').data)).toBeCloseTo(-316.8423826508224, 6);
    expect(w.get('h.1.mlp.c_proj.bias').data[63]).toBe(0.03970042243599892);
    expect(sum(w.get('ln_f.weight').data)).toBeCloseTo(63.15704822540283, 8);
  });
});

describe('hfRandomGpt2Weights', () => {
  const w = hfRandomGpt2Weights(TINY_CONFIG, 1);
  const L = TINY_CONFIG.nLayer;

  it('draws weights and embeddings from N(0, 0.02²) and the residual projections from N(0, (0.02 / √(2·n_layer))²)', () => {
    // n values of a normal: the sample deviation is within a few σ/√(2n) of σ (≤ 1.5 % here).
    const names = ['wte.weight', 'wpe.weight', 'h.0.attn.c_attn.weight', 'h.1.mlp.c_fc.weight', 'h.0.attn.c_proj.weight', 'h.1.mlp.c_proj.weight'];
    for (const name of names) {
      const { mean, std } = moments(w.get(name).data);
      const expected = name.endsWith('c_proj.weight') ? HF_INITIALIZER_RANGE / Math.sqrt(2 * L) : HF_INITIALIZER_RANGE;
      expect(Math.abs(std / expected - 1), name).toBeLessThan(0.03);
      expect(Math.abs(mean), name).toBeLessThan(expected / 20);
    }
  });

  it('is normal (Box–Muller): 68.3 % of values within 1σ, 95.4 % within 2σ', () => {
    const data = w.get('wte.weight').data;
    const within = (k: number) => data.filter((v) => Math.abs(v) < k * HF_INITIALIZER_RANGE).length / data.length;
    expect(within(1)).toBeCloseTo(0.6827, 2);
    expect(within(2)).toBeCloseTo(0.9545, 2);
  });

  it('sets every bias to 0 and every LayerNorm to weight 1, bias 0', () => {
    for (const name of ['h.0.attn.c_attn.bias', 'h.0.attn.c_proj.bias', 'h.1.mlp.c_fc.bias', 'h.1.mlp.c_proj.bias', 'h.0.ln_1.bias', 'ln_f.bias']) {
      expect(w.get(name).data.every((v) => v === 0), name).toBe(true);
    }
    for (const name of ['h.0.ln_1.weight', 'h.1.ln_2.weight', 'ln_f.weight']) expect(w.get(name).data.every((v) => v === 1), name).toBe(true);
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const again = hfRandomGpt2Weights(TINY_CONFIG, 1).get('h.1.attn.c_attn.weight').data;
    expect(again).toEqual(w.get('h.1.attn.c_attn.weight').data);
    expect(hfRandomGpt2Weights(TINY_CONFIG, 2).get('h.1.attn.c_attn.weight').data[0]).not.toBe(again[0]);
  });
});
