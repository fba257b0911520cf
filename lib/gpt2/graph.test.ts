/**
 * The ONNX graph against the independent reference forward pass, on a tiny random model
 * (2 layers, 4 heads, 64 dims, the real vocabulary and context), in onnxruntime-node and in
 * onnxruntime-web's WASM build running in Node.
 */
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import pkg from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../onnx/builder';
import { buildGpt2Graph } from './graph';
import { GPT2_OUTPUTS, gpt2DefaultFeeds } from './graph-contract';
import { referenceForward, type ReferenceOptions, type ReferenceOutputs } from './reference';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';

const weights = randomGpt2Weights(TINY_CONFIG, 1);
const { nLayer: L, nHead: H, nEmbd: D, vocabSize: V } = TINY_CONFIG;
// "The quick brown fox jumps over the lazy dog." plus <|endoftext|>, id 0 and a repeat (T = 13)
const IDS = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13, 50256, 0, 2068];
const T = IDS.length;
const TOL = 1e-4;

type Outputs = Record<(typeof GPT2_OUTPUTS)[number], Float32Array> & { dims: Record<string, number[]> };
interface Feeds {
  headMask?: Float32Array;
  mlpMask?: Float32Array;
  /** One position or a list (possibly empty); default gpt2DefaultFeeds' [-1]. */
  lensPosition?: number | number[];
}
type Runner = (ids: number[], feeds?: Feeds) => Promise<Outputs>;

/** One runner per runtime; each runtime has its own Tensor class. */
async function runner(ort: typeof ortNode | typeof ortWeb, model: Uint8Array, config = TINY_CONFIG, options: ortNode.InferenceSession.SessionOptions = {}): Promise<Runner> {
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3, ...(options as object) });
  return async (ids, feeds = {}) => {
    const defaults = gpt2DefaultFeeds(config);
    const lens = feeds.lensPosition === undefined ? defaults.lens_position : BigInt64Array.from([feeds.lensPosition].flat(), BigInt);
    const input = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
      head_mask: new ort.Tensor('float32', feeds.headMask ?? defaults.head_mask, [L, H]),
      mlp_mask: new ort.Tensor('float32', feeds.mlpMask ?? defaults.mlp_mask, [L]),
      lens_position: new ort.Tensor('int64', lens, [lens.length]),
    } as Record<string, ortNode.Tensor>;
    const out = await (session as ortNode.InferenceSession).run(input);
    const data = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]));
    return { ...data, dims: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v.dims]])) } as Outputs;
  };
}

/** Row `t` of the reference's [T, V] logits. */
const logitsAt = (ref: ReferenceOutputs, t: number) => ref.logits.subarray(t * V, (t + 1) * V);
/** lens_logits [L+1, N, V] at layer l and lens index n. */
const lensAt = (lens: Float32Array, l: number, n: number, N: number) => lens.subarray((l * N + n) * V, (l * N + n + 1) * V);

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Bit-for-bit equality (vitest's toEqual is slow on arrays of a million floats). */
function expectIdentical(a: Float32Array, b: Float32Array) {
  expect(a.length).toBe(b.length);
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ++;
  expect(differ).toBe(0);
}

function expectMatchesReference(out: Outputs, ref: ReferenceOutputs, tol = TOL) {
  expect(Object.keys(out.dims).sort()).toEqual([...GPT2_OUTPUTS].sort());
  expect(maxAbsDiff(out.resid, ref.resid)).toBeLessThan(tol);
  expect(maxAbsDiff(out.final_norm, ref.finalNorm)).toBeLessThan(tol);
  expect(maxAbsDiff(out.attn, ref.attn)).toBeLessThan(tol);
  expect(maxAbsDiff(out.lens_logits, ref.lensLogits)).toBeLessThan(tol);
  expect(maxAbsDiff(out.next_logits, ref.nextLogits)).toBeLessThan(tol);
}

function randomMasks(seed: number): Required<Pick<ReferenceOptions, 'headMask' | 'mlpMask'>> & Feeds {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1.5 - 0.25; // in [-0.25, 1.25)
  return { headMask: Float32Array.from({ length: L * H }, next), mlpMask: Float32Array.from({ length: L }, next) };
}

let node: Runner;
let web: Runner;
let plain: ReferenceOutputs;
let plainOut: Outputs;
beforeAll(async () => {
  ortWeb.env.wasm.numThreads = 1;
  const model = buildGpt2Graph(weights);
  [node, web] = await Promise.all([runner(ortNode, model), runner(ortWeb, model)]);
  plain = referenceForward(weights, IDS);
  plainOut = await node(IDS);
});

describe('buildGpt2Graph vs referenceForward', () => {
  it('onnxruntime-node: every output within 1e-4, with output shapes as documented', async () => {
    expectMatchesReference(plainOut, plain);
    expect(plainOut.dims).toEqual({ resid: [L + 1, T, D], final_norm: [T, D], attn: [L, H, T, T], lens_logits: [L + 1, 1, V], next_logits: [1, V] });
  });

  it('onnxruntime-web (WASM in Node): every output within 1e-4', async () => {
    expectMatchesReference(await web(IDS), plain);
  });

  it('random head and MLP masks and a lens position, on both runtimes: within 1e-4', async () => {
    const masks = randomMasks(7);
    const ref = referenceForward(weights, IDS, { ...masks, lensPosition: 4 });
    expectMatchesReference(await node(IDS, { ...masks, lensPosition: 4 }), ref);
    expectMatchesReference(await web(IDS, { ...masks, lensPosition: 4 }), ref);
  });

  it('a single token (T = 1) works', async () => {
    expectMatchesReference(await node([50256]), referenceForward(weights, [50256]));
  });

  it('layer_norm_epsilon 1 (a whole number) builds a model both runtimes accept, matching the reference', async () => {
    // ONNX checks an attribute's declared type: an epsilon written as INT would be refused.
    const config = { ...TINY_CONFIG, layerNormEpsilon: 1 };
    const wide = { config, get: weights.get };
    const model = buildGpt2Graph(wide);
    const ref = referenceForward(wide, IDS);
    expectMatchesReference(await (await runner(ortNode, model, config))(IDS), ref);
    expectMatchesReference(await (await runner(ortWeb, model, config))(IDS), ref);
    expect(maxAbsDiff(ref.logits, plain.logits)).toBeGreaterThan(1e-2); // the epsilon really is used
  });
});

describe('graph properties', () => {
  it('resid[0] is wte[id] + wpe[t] (position 0 included), in float32', () => {
    const wte = weights.get('wte.weight').data;
    const wpe = weights.get('wpe.weight').data;
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < D; i++) expect(plainOut.resid[t * D + i]).toBe(Math.fround(wte[IDS[t] * D + i] + wpe[t * D + i]));
    }
  });

  it('causality: changing a later token leaves every earlier position unchanged', async () => {
    const k = 6;
    const changed = IDS.map((id, t) => (t >= k ? (id + 1000 * t) % V : id));
    const out = await node(changed);
    const same = (a: Float32Array, b: Float32Array, rows: number, rowLen: number, keep: (r: number) => boolean) => {
      let differ = 0;
      for (let r = 0; r < rows; r++) {
        const x = a.subarray(r * rowLen, (r + 1) * rowLen);
        const y = b.subarray(r * rowLen, (r + 1) * rowLen);
        if (keep(r)) expectIdentical(x, y);
        else if (maxAbsDiff(x, y) > 1e-3) differ++;
      }
      return differ;
    };
    const early = (r: number) => r % T < k; // rows are [..., t, :]
    expect(same(out.final_norm, plainOut.final_norm, T, D, early)).toBe(T - k);
    expect(same(out.resid, plainOut.resid, (L + 1) * T, D, early)).toBe((L + 1) * (T - k));
    expect(same(out.attn, plainOut.attn, L * H * T, T, early)).toBeGreaterThan(0);
    // the lens at the early positions too, and a prefix alone gives the same early outputs (up to
    // float rounding of differently sized products)
    const firstK = Array.from({ length: k }, (_, t) => t);
    expectIdentical((await node(changed, { lensPosition: firstK })).lens_logits, (await node(IDS, { lensPosition: firstK })).lens_logits);
    const prefix = await node(IDS.slice(0, k), { lensPosition: firstK });
    expect(maxAbsDiff(prefix.final_norm, plainOut.final_norm.subarray(0, k * D))).toBeLessThan(1e-5);
    expect(maxAbsDiff(prefix.lens_logits.subarray(L * k * V), plain.logits.subarray(0, k * V))).toBeLessThan(TOL); // layer L at positions 0..k-1
  });

  it('attention is causal and each row sums to 1', () => {
    for (let row = 0; row < L * H * T; row++) {
      const t = row % T;
      const p = plainOut.attn.subarray(row * T, (row + 1) * T);
      expect(p.slice(t + 1).every((v) => v === 0)).toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('next_logits is the last position’s logits, the same row as the lens at the last token, whatever the lens position', async () => {
    expect(maxAbsDiff(plainOut.next_logits, logitsAt(plain, T - 1))).toBeLessThan(TOL);
    expectIdentical(plainOut.next_logits, lensAt(plainOut.lens_logits, L, 0, 1)); // the same row of one unembedding
    const out = await node(IDS.slice(0, 5), { lensPosition: 2 });
    expect(maxAbsDiff(out.next_logits, referenceForward(weights, IDS.slice(0, 5)).nextLogits)).toBeLessThan(TOL);
  });

  it('lens_logits at several positions: row L at position p is the logits at p, every row matches the reference, in both runtimes', async () => {
    const positions = [0, 3, -1, 7, 3, -T]; // any order, repeats and negative positions
    const ref = referenceForward(weights, IDS, { lensPosition: positions });
    for (const run of [node, web]) {
      const out = await run(IDS, { lensPosition: positions });
      expect(out.dims.lens_logits).toEqual([L + 1, positions.length, V]);
      expect(maxAbsDiff(out.lens_logits, ref.lensLogits)).toBeLessThan(TOL);
      positions.forEach((p, n) => expect(maxAbsDiff(lensAt(out.lens_logits, L, n, positions.length), logitsAt(plain, p < 0 ? T + p : p))).toBeLessThan(TOL));
      expectIdentical(lensAt(out.lens_logits, L, 1, positions.length), lensAt(out.lens_logits, L, 4, positions.length)); // position 3 twice
    }
    // lens position -1 and T-1 are the same row
    expectIdentical((await node(IDS, { lensPosition: T - 1 })).lens_logits, plainOut.lens_logits);
  });

  it('an empty lens_position computes no lens ([L+1, 0, V]) and leaves every other output unchanged, in both runtimes and unoptimised', async () => {
    // Unoptimised sessions run the graph's own Reshape of [(L+1)·0, V] to [L+1, 0, V]: without
    // allowzero, ONNX would read that 0 as "copy the input's dimension" and fail.
    const model = buildGpt2Graph(weights);
    const runners = [node, web, await runner(ortNode, model, TINY_CONFIG, { graphOptimizationLevel: 'disabled' }), await runner(ortWeb, model, TINY_CONFIG, { graphOptimizationLevel: 'disabled' })];
    for (const run of runners) {
      const out = await run(IDS, { lensPosition: [] });
      expect(out.dims.lens_logits).toEqual([L + 1, 0, V]);
      expect(out.lens_logits.length).toBe(0);
      const withLens = await run(IDS);
      for (const k of ['resid', 'final_norm', 'attn'] as const) expectIdentical(out[k], withLens[k]);
      // next_logits is unembedded with the lens rows (one Gemm): alone it may round differently
      expect(maxAbsDiff(out.next_logits, withLens.next_logits)).toBeLessThan(1e-5);
      expect(maxAbsDiff(out.next_logits, plain.nextLogits)).toBeLessThan(TOL);
    }
  });
});

describe('head and MLP masks', () => {
  it('all-ones masks (the default feeds) reproduce the unmasked reference within 1e-4', () => {
    expectMatchesReference(plainOut, plain); // plainOut ran with gpt2DefaultFeeds, the reference with no masks at all
  });

  it('a head mask scales the head linearly: with the last MLP off, resid[L] at mask 0.5 is the mean of masks 0 and 1', async () => {
    const mlpMask = Float32Array.of(1, 0);
    const headMask = new Float32Array(L * H).fill(1);
    const at = async (m: number) => {
      headMask[(L - 1) * H + 1] = m;
      return (await node(IDS, { headMask, mlpMask })).resid.subarray(L * T * D);
    };
    const [r0, r5, r1] = [await at(0), await at(0.5), await at(1)];
    expect(maxAbsDiff(r0, r1)).toBeGreaterThan(1e-2);
    expect(maxAbsDiff(r5, r0.map((v, i) => (v + r1[i]) / 2))).toBeLessThan(1e-5);
  });

  it('masking a head of layer l leaves resid[0..l] and attn[0..l] unchanged and changes resid[l+1] at every position', async () => {
    for (let l = 0; l < L; l++) {
      const headMask = new Float32Array(L * H).fill(1);
      headMask[l * H + 2] = 0;
      const out = await node(IDS, { headMask });
      const upTo = (a: Float32Array, n: number) => a.subarray(0, n);
      expectIdentical(upTo(out.resid, (l + 1) * T * D), upTo(plainOut.resid, (l + 1) * T * D));
      expectIdentical(upTo(out.attn, (l + 1) * H * T * T), upTo(plainOut.attn, (l + 1) * H * T * T));
      for (let t = 0; t < T; t++) {
        const row = ((l + 1) * T + t) * D;
        expect(maxAbsDiff(out.resid.subarray(row, row + D), plainOut.resid.subarray(row, row + D))).toBeGreaterThan(1e-3);
      }
    }
  });

  it('masking the MLP of layer 0 leaves resid[0], attn[0] unchanged; the MLP of the last layer leaves every attention pattern unchanged', async () => {
    const out0 = await node(IDS, { mlpMask: Float32Array.of(0, 1) });
    expectIdentical(out0.resid.subarray(0, T * D), plainOut.resid.subarray(0, T * D));
    expectIdentical(out0.attn.subarray(0, H * T * T), plainOut.attn.subarray(0, H * T * T));
    expect(maxAbsDiff(out0.attn, plainOut.attn)).toBeGreaterThan(1e-3); // layer 1 sees the change
    const outLast = await node(IDS, { mlpMask: Float32Array.of(1, 0) });
    expectIdentical(outLast.attn, plainOut.attn);
    expectIdentical(outLast.resid.subarray(0, L * T * D), plainOut.resid.subarray(0, L * T * D));
  });

  it('causality holds under random masks', async () => {
    const masks = randomMasks(3);
    const a = await node(IDS, masks);
    const b = await node([...IDS.slice(0, 8), 1, 2, 3, 4, 5], masks);
    expectIdentical(b.resid.subarray(0, 8 * D), a.resid.subarray(0, 8 * D));
    expectIdentical(b.final_norm.subarray(0, 8 * D), a.final_norm.subarray(0, 8 * D));
  });

  it('every head and MLP masked: resid = wte + wpe + Σ attn.c_proj.bias, the lens at every position = ln_f(that)·wteᵀ', async () => {
    const all = IDS.map((_, t) => t);
    const out = await node(IDS, { headMask: new Float32Array(L * H), mlpMask: new Float32Array(L), lensPosition: all });
    const wte = weights.get('wte.weight').data;
    const wpe = weights.get('wpe.weight').data;
    const expected = new Float64Array(T * D); // running wte + wpe + Σ_{j<l} c_proj.bias_j
    for (let t = 0; t < T; t++) for (let i = 0; i < D; i++) expected[t * D + i] = wte[IDS[t] * D + i] + wpe[t * D + i];
    for (let l = 0; l <= L; l++) {
      if (l > 0) {
        const bias = weights.get(`h.${l - 1}.attn.c_proj.bias`).data;
        for (let j = 0; j < T * D; j++) expected[j] += bias[j % D];
      }
      expect(maxAbsDiff(out.resid.subarray(l * T * D, (l + 1) * T * D), Float32Array.from(expected))).toBeLessThan(1e-5);
    }
    // ln_f, then the tied unembedding, written out here
    const gamma = weights.get('ln_f.weight').data;
    const beta = weights.get('ln_f.bias').data;
    const logits = new Float32Array(T * V);
    for (let t = 0; t < T; t++) {
      const row = expected.subarray(t * D, (t + 1) * D);
      const mean = row.reduce((a, b) => a + b, 0) / D;
      const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / D + TINY_CONFIG.layerNormEpsilon);
      const normed = row.map((v, i) => ((v - mean) / sd) * gamma[i] + beta[i]);
      for (let v = 0; v < V; v++) {
        let dot = 0;
        for (let i = 0; i < D; i++) dot += normed[i] * wte[v * D + i];
        logits[t * V + v] = dot;
      }
    }
    expect(maxAbsDiff(out.lens_logits.subarray(L * T * V), logits)).toBeLessThan(TOL); // layer L, every position
    expect(maxAbsDiff(out.next_logits, logits.subarray((T - 1) * V))).toBeLessThan(TOL);
  });
});

describe('GraphBuilder attributes', () => {
  const { onnx } = pkg;
  const Type = onnx.AttributeProto.AttributeType;

  it('are typed by the op schema, not by whether the number is whole', () => {
    const g = new GraphBuilder('x');
    g.op('LayerNormalization', ['x', 'w', 'b'], { axis: -1, epsilon: 1 }, ['y']);
    g.op('Gemm', ['y', 'w2'], { alpha: 2, transB: 1 }, ['z']);
    const nodes = onnx.ModelProto.decode(g.encode()).graph!.node!;
    const attrs = nodes.flatMap((n) => n.attribute!.map((a) => [a.name, a.type]));
    expect(attrs).toEqual([
      ['axis', Type.INT],
      ['epsilon', Type.FLOAT],
      ['alpha', Type.FLOAT],
      ['transB', Type.INT],
    ]);
  });

  it('refuse a value of the wrong type and an attribute the table does not know', () => {
    const g = new GraphBuilder('x');
    expect(() => g.op('Gemm', ['a', 'b'], { transB: 1.5 })).toThrow('attribute "transB" of Gemm is int by the ONNX schema, got 1.5');
    expect(() => g.op('Transpose', ['a'], { perm: 1 })).toThrow('attribute "perm" of Transpose is ints by the ONNX schema, got 1');
    expect(() => g.op('Softmax', ['a'], { axes: 1 })).toThrow('attribute "axes" of Softmax has no known type: add it to ATTRIBUTE_TYPES in lib/onnx/builder.ts');
  });
});
