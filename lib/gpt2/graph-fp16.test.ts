/**
 * The fp16 option: weights stored as float16 and cast to float32 in the graph, compute in fp32.
 * Against the reference on the same weights rounded to float16 it must agree as tightly as fp32
 * does (1e-4); against the fp32 reference on the original weights the difference is the effect of
 * rounding every weight by up to 2^-11 relative (below).
 */
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { float32ToHalfBits } from '../float16';
import { buildGpt2Graph } from './graph';
import { gpt2DefaultFeeds } from './graph-contract';
import { referenceForward, type ReferenceOutputs } from './reference';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';
import type { Gpt2Weights } from './weights';

const weights = randomGpt2Weights(TINY_CONFIG, 2);
const IDS = [15496, 995, 11, 314, 716, 257, 3303, 2746, 13, 50256];

/** The weights with every value rounded to float16 (decoded from the definition, not via the graph). */
function roundedToHalf(w: Gpt2Weights): Gpt2Weights {
  const decode = (h: number) => {
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    const v = e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15);
    return h & 0x8000 ? -v : v;
  };
  return { config: w.config, get: (name) => ({ shape: w.get(name).shape, data: Float32Array.from(float32ToHalfBits(w.get(name).data), decode) }) };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

let fp32Bytes: number;
let fp16Bytes: number;
let out: Record<string, Float32Array>;
beforeAll(async () => {
  fp32Bytes = buildGpt2Graph(weights).length;
  const model = buildGpt2Graph(weights, { dtype: 'fp16' });
  fp16Bytes = model.length;
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3 });
  const d = gpt2DefaultFeeds(TINY_CONFIG);
  const res = await session.run({
    input_ids: new ort.Tensor('int64', BigInt64Array.from(IDS.map(BigInt)), [1, IDS.length]),
    head_mask: new ort.Tensor('float32', d.head_mask, [TINY_CONFIG.nLayer, TINY_CONFIG.nHead]),
    mlp_mask: new ort.Tensor('float32', d.mlp_mask, [TINY_CONFIG.nLayer]),
    lens_position: new ort.Tensor('int64', d.lens_position, [1]),
  });
  out = Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.data as Float32Array]));
});

const pairs = (ref: ReferenceOutputs) => ({ resid: ref.resid, final_norm: ref.finalNorm, attn: ref.attn, lens_logits: ref.lensLogits, next_logits: ref.nextLogits });

describe('buildGpt2Graph fp16', () => {
  it('the file is about half the fp32 file', () => {
    expect(fp16Bytes / fp32Bytes).toBeGreaterThan(0.49);
    expect(fp16Bytes / fp32Bytes).toBeLessThan(0.51);
  });

  it('matches the reference on the float16-rounded weights within 1e-4', () => {
    for (const [k, v] of Object.entries(pairs(referenceForward(roundedToHalf(weights), IDS)))) expect(maxAbsDiff(out[k], v), k).toBeLessThan(1e-4);
  });

  it('stays close to the fp32 reference on the original weights (relative to the largest value of each output)', () => {
    // Each weight moves by at most 2^-11 ≈ 4.9e-4 of its value; the errors of ~10 rounded tensors
    // (embeddings, LayerNorm gains, four projections per block, the unembedding) add up along the
    // path to an output. Measured: about 1.5e-3 of each output's largest magnitude, so 5e-3.
    // Attention probabilities move by p(1-p)·Δscore: scaled scores here reach ±20, so a relative
    // score error of a few 2^-11 shifts them by up to ~0.04 and p by up to ~0.01 (measured 5e-3): 2e-2.
    // Both still catch a wrong dtype or a mis-decoded tensor (errors of the order of the values).
    const tolerance: Record<string, number> = { resid: 5e-3, final_norm: 5e-3, lens_logits: 5e-3, next_logits: 5e-3, attn: 2e-2 };
    for (const [k, v] of Object.entries(pairs(referenceForward(weights, IDS)))) {
      const scale = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(maxAbsDiff(out[k], v) / scale, k).toBeLessThan(tolerance[k]);
    }
  });
});
