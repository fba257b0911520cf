/**
 * GPT-2 as one ONNX graph (opset 17) that runs on onnxruntime-web (WebGPU and WASM) and
 * onnxruntime-node. Follows the Hugging Face layout: Conv1D weights are [in, out] so every
 * projection is a plain MatMul; pre-LayerNorm blocks; gelu_new in its tanh form written with
 * Mul/Add/Tanh; causal mask built with Range/Less (no Trilu, which WebGPU lacks); the unembedding
 * is the tied wte, never a second copy in the file. Inputs and outputs are documented in
 * models/README.md ("GPT-2 model folders").
 *
 * dtypes: fp32 (weights as they are), fp16 (weights stored as float16 and Cast to float32 when the
 * session loads), int8 (dynamic quantisation: see `int8Weights` below; smoothed by default,
 * lib/gpt2/smooth.ts). Compute outside the quantised matmuls is float32 in every dtype. int8 is
 * for WebAssembly and native CPUs: WebGPU has no kernels for its integer ops.
 */
import { CAST_TO_FLOAT, GraphBuilder } from '../onnx/builder';
import type { Gpt2Dtype } from './graph-contract';
import { quantizeColumns, quantizeRows } from './quantize';
import { smoothGpt2Weights, type SmoothOptions } from './smooth';
import type { Gpt2Weights, Tensor } from './weights';

export interface Gpt2GraphOptions {
  /**
   * fp32 (default); fp16 stores every weight as float16 (half the file) and casts it to float32 on
   * load; int8 quantises every block matmul and the unembedding (about a quarter of the file).
   */
  dtype?: Gpt2Dtype;
  /**
   * SmoothQuant-style smoothing of LayerNorm → matmul pairs (lib/gpt2/smooth.ts): on by default for
   * int8, off otherwise; an object sets α and the range constant. Exact in float, so a smoothed
   * fp32 graph computes the same function.
   */
  smooth?: boolean | SmoothOptions;
  /**
   * fp32 only: the name of the safetensors file the weights were read from. Every weight that is
   * F32 and 4-byte aligned there (`weights.location(name)`) is written as an ONNX external-data
   * reference into that file instead of being copied; the session is then created with
   * `externalData: [{ path: <this name>, data: <the file's bytes> }]`.
   */
  externalData?: string;
}

/** Added to attention scores of future positions; exp(-1e9 - max) is exactly 0 in float32, as with HF's finfo.min. */
const MASKED_SCORE = -1e9;
const GELU_C = 0.7978845608028654; // sqrt(2 / pi)

/** How one dtype puts weights into the graph: float tensors, the block projections and the tied wte. */
interface WeightOps {
  /** A weight as a float32 graph value (LayerNorm parameters, biases, wpe). */
  float(name: string, shape: number[]): string;
  /** x·W + b for the Conv1D `prefix` (W [nIn, nOut]): [N, nIn] -> [N, nOut]. */
  linear(x: string, prefix: string, nIn: number, nOut: number): string;
  /** wte rows of the ids: [T] -> [T, D]. */
  embed(ids: string): string;
  /** The tied unembedding: [N, D] -> [N, V], into `out`. */
  unembed(normed: string, out: string): string;
}

/** Serialises GPT-2 with the weights embedded as initializers named by their HF names. */
export function buildGpt2Graph(weights: Gpt2Weights, options: Gpt2GraphOptions = {}): Uint8Array {
  const { nLayer: L, nHead: H, nEmbd: D, vocabSize: V, nPositions: P, layerNormEpsilon: eps } = weights.config;
  const hd = D / H;
  if (!Number.isInteger(hd)) throw new Error(`n_embd ${D} is not divisible by n_head ${H}`);
  const dtype = options.dtype ?? 'fp32';
  if (options.externalData !== undefined && dtype !== 'fp32') throw new Error(`externalData needs dtype fp32 (got ${dtype}): fp16 and int8 weights differ from the file's bytes`);
  const g = new GraphBuilder('gpt2');

  // Smoothing rescales ln_f's output channels by 1/s: the embedding (tied wte) and the final_norm
  // output multiply by the inverse to stay exact.
  let unsmooth: { embedding: Float32Array; finalNorm: Float32Array } | undefined;
  const smooth = options.smooth ?? dtype === 'int8';
  if (smooth) {
    const smoothed = smoothGpt2Weights(weights, smooth === true ? {} : smooth);
    weights = smoothed.weights;
    unsmooth = { embedding: smoothed.embeddingFactor, finalNorm: smoothed.factors.get('ln_f')! };
  }
  const checked = (name: string, shape: number[]) => checkShape(weights.get(name), name, shape);
  const w: WeightOps = dtype === 'int8' ? int8Weights(g, checked, weights.config) : floatWeights(g, checked, weights, dtype, options.externalData);

  const scalar = (name: string, v: number) => g.floats(name, [], [v]);
  const ints = (name: string, v: number[]) => g.ints(name, [v.length], v);
  const layerNorm = (x: string, prefix: string) =>
    g.op('LayerNormalization', [x, w.float(`${prefix}.weight`, [D]), w.float(`${prefix}.bias`, [D])], { axis: -1, epsilon: eps })[0]; // [N, D] -> [N, D]

  // Inputs, all required (see gpt2DefaultFeeds).
  const ids = g.input('input_ids', [1, 'T'], 'int64');
  const headMask = g.input('head_mask', [L, H]);
  const mlpMask = g.input('mlp_mask', [L]);
  const lensPosition = g.input('lens_position', [1], 'int64');

  // Embeddings: x = wte[ids] + wpe[0..T-1]   [T, D]
  const [flatIds] = g.op('Reshape', [ids, ints('shape_flat', [-1])]); // [1, T] -> [T]
  let tok = w.embed(flatIds); // [T] -> [T, D]
  if (unsmooth) [tok] = g.op('Mul', [tok, g.rawFloats('embedding_unsmooth', [D], unsmooth.embedding)]); // [T, D] ⊙ [D]: undoes ln_f smoothing of the tied wte
  const [tLen] = g.op('Shape', [ids], { start: 1, end: 2 }); // [1] = T
  const axes0 = ints('axes0', [0]);
  const [pos] = g.op('Slice', [w.float('wpe.weight', [P, D]), axes0, tLen, axes0]); // [P, D] -> [T, D]
  let [x] = g.op('Add', [tok, pos]); // [T, D]

  // Causal mask as an additive bias [T, T]: 0 where key s <= query t, MASKED_SCORE where s > t.
  const [tFloat] = g.op('Cast', [tLen], { to: CAST_TO_FLOAT }); // [1]
  const [tScalar] = g.op('Squeeze', [tFloat]); // [1] -> []
  const [range] = g.op('Range', [scalar('f_zero', 0), tScalar, scalar('f_one', 1)]); // [T]
  const [queries] = g.op('Unsqueeze', [range, ints('axis1', [1])]); // [T] -> [T, 1]
  const [keys] = g.op('Unsqueeze', [range, axes0]); // [T] -> [1, T]
  const [future] = g.op('Less', [queries, keys]); // [T, T] bool
  const [maskBias] = g.op('Where', [future, scalar('masked_score', MASKED_SCORE), scalar('f_zero_mask', 0)]); // [T, T]

  const headMask4 = g.op('Reshape', [headMask, ints('shape_head_mask', [L, H, 1, 1])])[0]; // [L, H] -> [L, H, 1, 1]
  const shapeQkv = ints('shape_qkv', [-1, 3 * H, hd]);
  const shapeMerge = ints('shape_merge', [-1, D]);
  const splitQkv = ints('split_qkv', [H, H, H]);
  const scale = scalar('attn_scale', 1 / Math.sqrt(hd)); // 1/sqrt(head size), not 1/sqrt(D)
  const geluC = scalar('gelu_c', GELU_C);
  const geluK = scalar('gelu_k', 0.044715);
  const half = scalar('half', 0.5);
  const one = scalar('one', 1);

  const resid = [x];
  const attn: string[] = [];
  for (let l = 0; l < L; l++) {
    const p = `h.${l}`;
    const layer = g.ints(`layer_${l}`, [], [l]);

    // Attention: x + c_proj(concat_h(mask[l,h] · softmax(q_h·k_hᵀ/sqrt(hd) + causal) · v_h))
    const h1 = layerNorm(x, `${p}.ln_1`); // [T, D]
    const qkv = w.linear(h1, `${p}.attn.c_attn`, D, 3 * D); // [T, D] -> [T, 3D]: q | k | v, head h at columns h·hd..
    const [heads] = g.op('Reshape', [qkv, shapeQkv]); // [T, 3D] -> [T, 3H, hd]
    const [headsT] = g.op('Transpose', [heads], { perm: [1, 0, 2] }); // [3H, T, hd]
    const [q, k, v] = g.op('Split', [headsT, splitQkv], { axis: 0 }, 3); // each [H, T, hd]
    const [kT] = g.op('Transpose', [k], { perm: [0, 2, 1] }); // [H, hd, T]
    const [scores] = g.op('MatMul', [q, kT]); // [H, T, hd]·[H, hd, T] -> [H, T, T]
    const [scaled] = g.op('Mul', [scores, scale]); // [H, T, T]
    const [masked] = g.op('Add', [scaled, maskBias]); // [H, T, T] + [T, T]
    const [probs] = g.op('Softmax', [masked], { axis: -1 }); // [H, T, T]
    attn.push(g.op('Unsqueeze', [probs, axes0])[0]); // [1, H, T, T]
    const [ctx] = g.op('MatMul', [probs, v]); // [H, T, T]·[H, T, hd] -> [H, T, hd]
    const [hm] = g.op('Gather', [headMask4, layer], { axis: 0 }); // [H, 1, 1]
    const [ctxMasked] = g.op('Mul', [ctx, hm]); // [H, T, hd]
    const [ctxT] = g.op('Transpose', [ctxMasked], { perm: [1, 0, 2] }); // [T, H, hd]
    const [merged] = g.op('Reshape', [ctxT, shapeMerge]); // [T, D]
    [x] = g.op('Add', [x, w.linear(merged, `${p}.attn.c_proj`, D, D)]); // [T, D]

    // MLP: x + mlp_mask[l] · c_proj(gelu_new(c_fc(ln_2(x))))
    const h2 = layerNorm(x, `${p}.ln_2`); // [T, D]
    const fc = w.linear(h2, `${p}.mlp.c_fc`, D, 4 * D); // [T, D] -> [T, 4D]
    const [cube] = g.op('Mul', [g.op('Mul', [fc, fc])[0], fc]); // [T, 4D]
    const [inner] = g.op('Add', [fc, g.op('Mul', [cube, geluK])[0]]); // x + 0.044715·x³
    const [th] = g.op('Tanh', [g.op('Mul', [inner, geluC])[0]]); // [T, 4D]
    const [gelu] = g.op('Mul', [g.op('Mul', [fc, half])[0], g.op('Add', [th, one])[0]]); // 0.5·x·(1 + tanh(...))
    const mlpOut = w.linear(gelu, `${p}.mlp.c_proj`, 4 * D, D); // [T, 4D] -> [T, D]
    const [mm] = g.op('Gather', [mlpMask, layer], { axis: 0 }); // []
    [x] = g.op('Add', [x, g.op('Mul', [mlpOut, mm])[0]]); // [T, D]
    resid.push(x);
  }

  const lnfWeight = w.float('ln_f.weight', [D]);
  const lnfBias = w.float('ln_f.bias', [D]);
  /** ln_f then the tied unembedding: [N, D] -> normed [N, D], logits [N, V]. The one code path for every logits output. */
  const unembed = (h: string, names: { normed?: string; logits: string }) => {
    const [normed] = g.op('LayerNormalization', [h, lnfWeight, lnfBias], { axis: -1, epsilon: eps }, names.normed && !unsmooth ? [names.normed] : 1); // [N, D]
    if (names.normed && unsmooth) g.op('Mul', [normed, g.rawFloats('final_norm_unsmooth', [D], unsmooth.finalNorm)], {}, [names.normed]); // [N, D] ⊙ [D]: ln_f's own scale
    return w.unembed(normed, names.logits); // [N, D] -> [N, V]
  };

  // Outputs.
  const final = unembed(x, { normed: 'final_norm', logits: 'logits_2d' }); // [T, V]
  g.op('Unsqueeze', [final, axes0], {}, ['logits']); // [T, V] -> [1, T, V]
  g.op('Concat', resid.map((r) => g.op('Unsqueeze', [r, axes0])[0]), { axis: 0 }, ['resid']); // [L+1, T, D]
  g.op('Concat', attn, { axis: 0 }, ['attn']); // [L, H, T, T]
  const [lensRows] = g.op('Gather', ['resid', lensPosition], { axis: 1 }); // [L+1, 1, D]; -1 = last token
  const [lensIn] = g.op('Squeeze', [lensRows, ints('axis1_lens', [1])]); // [L+1, 1, D] -> [L+1, D]
  unembed(lensIn, { logits: 'lens_logits' }); // [L+1, V]
  const [last] = g.op('Gather', [x, ints('last_position', [-1])], { axis: 0 }); // [T, D] -> [1, D]
  unembed(last, { logits: 'next_logits' }); // [1, V]

  g.output('logits', [1, 'T', V]);
  g.output('resid', [L + 1, 'T', D]);
  g.output('final_norm', ['T', D]);
  g.output('attn', [L, H, 'T', 'T']);
  g.output('lens_logits', [L + 1, V]);
  g.output('next_logits', [1, V]);
  return g.encode();
}

function checkShape(t: Tensor, name: string, shape: number[]): Tensor {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) throw new Error(`weight ${name}: expected shape [${shape}], got [${t.shape}]`);
  return t;
}

type WeightGetter = (name: string, shape: number[]) => Tensor;

/** fp32 and fp16: every weight a float initializer (fp16 ones Cast on load); projections are MatMul + Add. */
function floatWeights(g: GraphBuilder, get: WeightGetter, weights: Gpt2Weights, dtype: 'fp32' | 'fp16', externalFile?: string): WeightOps {
  const float = (name: string, shape: number[]): string => {
    const t = get(name, shape);
    if (dtype === 'fp16') {
      g.rawFloat16(name, shape, t.data);
      return g.op('Cast', [name], { to: CAST_TO_FLOAT }, [`${name}.f32`])[0]; // float16 -> float32, folded at session creation
    }
    const where = externalFile === undefined ? undefined : weights.location?.(name);
    return where ? g.externalFloats(name, shape, { location: externalFile!, ...where }) : g.rawFloats(name, shape, t.data);
  };
  const { nEmbd: D, vocabSize: V } = weights.config;
  let wte: string | undefined;
  const tiedWte = () => (wte ??= float('wte.weight', [V, D]));
  return {
    float,
    linear(x, prefix, nIn, nOut) {
      const [y] = g.op('MatMul', [x, float(`${prefix}.weight`, [nIn, nOut])]); // Conv1D: [N, nIn]·[nIn, nOut] -> [N, nOut]
      return g.op('Add', [y, float(`${prefix}.bias`, [nOut])])[0]; // + [nOut]
    },
    embed: (ids) => g.op('Gather', [tiedWte(), ids], { axis: 0 })[0], // [V, D] rows -> [T, D]
    unembed: (normed, out) => g.op('Gemm', [normed, tiedWte()], { transB: 1 }, [out])[0], // [N, D]·[V, D]ᵀ -> [N, V]
  };
}

/**
 * int8: every block projection and the unembedding in onnxruntime's dynamic-quantisation form
 * (what its quantiser emits in IntegerOps mode): the activation is quantised per tensor at run
 * time (DynamicQuantizeLinear: uint8 + zero point), multiplied by the int8 weight in integers
 * (MatMulInteger: u8 × s8 -> int32), cast to float and scaled by x_scale · w_scale[column], then
 * the bias is added. onnxruntime fuses the chain into DynamicQuantizeMatMul (one kernel with the
 * weight prepacked). Weights are symmetric int8 with one scale per output column (`.scale`).
 *
 * The tied wte is stored once, int8 [V, D] with one scale per row (= per output column of the
 * unembedding). The embedding gathers int8 rows and their scales; the unembedding multiplies by
 * Transpose(wte) [D, V], which onnxruntime folds into a constant when the session is created, so
 * the file holds one copy.
 */
function int8Weights(g: GraphBuilder, get: WeightGetter, config: Gpt2Weights['config']): WeightOps {
  const { nEmbd: D, vocabSize: V } = config;
  const float = (name: string, shape: number[]) => g.rawFloats(name, shape, get(name, shape).data);
  /** x·(q ⊙ scale): [N, K] float · int8 [K, M] -> [N, M] float. `wScale` [M] or a value broadcasting to it. */
  const quantizedMatMul = (x: string, wq: string, wScale: string, out?: string) => {
    const [xq, xScale, xZero] = g.op('DynamicQuantizeLinear', [x], {}, 3); // [N, K] -> uint8 [N, K], scale [], zero point []
    const [acc] = g.op('MatMulInteger', [xq, wq, xZero]); // (xq − zero)·q: uint8 [N, K] · int8 [K, M] -> int32 [N, M]
    const [accF] = g.op('Cast', [acc], { to: CAST_TO_FLOAT }); // [N, M] float
    const [scales] = g.op('Mul', [xScale, wScale]); // [] · [M] -> [M]
    return g.op('Mul', [accF, scales], {}, out ? [out] : 1)[0]; // [N, M] ⊙ [M]
  };

  let wte: { q: string; scale: string; scaleColumn: string } | undefined;
  const tiedWte = () => {
    if (wte) return wte;
    const { q, scale } = quantizeRows(get('wte.weight', [V, D]).data, V, D);
    wte = { q: g.rawInt8('wte.weight.q', [V, D], q), scale: g.rawFloats('wte.weight.scale', [V], scale), scaleColumn: 'wte.weight.scale_col' };
    g.op('Unsqueeze', [wte.scale, g.ints('axes1_wte', [1], [1])], {}, [wte.scaleColumn]); // [V] -> [V, 1], for gathered rows
    return wte;
  };
  let wteT: string | undefined;

  return {
    float,
    linear(x, prefix, nIn, nOut) {
      const { q, scale } = quantizeColumns(get(`${prefix}.weight`, [nIn, nOut]).data, nIn, nOut);
      const wq = g.rawInt8(`${prefix}.weight.q`, [nIn, nOut], q);
      const y = quantizedMatMul(x, wq, g.rawFloats(`${prefix}.weight.scale`, [nOut], scale)); // [N, nIn] -> [N, nOut]
      return g.op('Add', [y, float(`${prefix}.bias`, [nOut])])[0]; // + [nOut]
    },
    embed(ids) {
      const t = tiedWte();
      const [rows] = g.op('Gather', [t.q, ids], { axis: 0 }); // int8 [V, D] -> [T, D]
      const [rowScales] = g.op('Gather', [t.scaleColumn, ids], { axis: 0 }); // [V, 1] -> [T, 1]
      const [rowsF] = g.op('Cast', [rows], { to: CAST_TO_FLOAT }); // [T, D] float
      return g.op('Mul', [rowsF, rowScales])[0]; // [T, D] ⊙ [T, 1]
    },
    unembed(normed, out) {
      const t = tiedWte();
      wteT ??= g.op('Transpose', [t.q], { perm: [1, 0] }, ['wte.weight.q_t'])[0]; // int8 [V, D] -> [D, V], constant-folded
      return quantizedMatMul(normed, wteT, t.scale, out); // [N, D] -> [N, V]
    },
  };
}
