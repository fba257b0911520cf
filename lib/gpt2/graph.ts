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
 * lib/gpt2/smooth.ts; the first block in float16, int8FloatProjections). Compute outside the
 * quantised matmuls is float32 in every dtype. int8 is for WebAssembly and native CPUs: WebGPU has
 * no kernels for its integer ops.
 *
 * onnxruntime runs every node whatever a run fetches, so the graph has only outputs a view reads:
 * the prediction (next_logits, one row of the unembedding) and the logit lens at the positions
 * the caller lists (none for text generation), but no logits at every position.
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
  /**
   * int8 only: Conv1D prefixes (`h.0.attn.c_attn`, …) whose projection keeps float16 weights and
   * float32 activations instead of int8 ones. Default: int8FloatProjections(n_layer).
   */
  floatProjections?: readonly string[];
  /**
   * int8 only: one activation scale per tensor (default; onnxruntime's fused DynamicQuantizeMatMul
   * kernel) or one per row, i.e. per token (rowQuantizedMatMul). Per row lowers the logits' error
   * on the GPT-2-small-shaped random models (15.9 % → 14.6 % on the sharp fixture, 2.9 % → 2.6 %
   * on Hugging Face's initialisation) but runs unfused and costs 5–12 % of the run time, leaving
   * 1.75–1.86× over fp32 with 2 threads (against ≥ 1.8× wanted): hence off by default.
   */
  activationScales?: 'tensor' | 'row';
}

/** Added to attention scores of future positions; exp(-1e9 - max) is exactly 0 in float32, as with HF's finfo.min. */
const MASKED_SCORE = -1e9;
const GELU_C = 0.7978845608028654; // sqrt(2 / pi)

/**
 * The projections an int8 build keeps in float16 by default: all four of the first block and the
 * second block's c_attn. Layer-wise sensitivity: an error made early passes through every later
 * block (int8 weights in c_attn alone give the sharp fixture's logits 12.7 % error in block 0,
 * 4.5 % in block 1, 0.2 % in block 11). Measured on the GPT-2-small-shaped random models
 * (scripts/bench-gpt2-int8.ts, 64-token prompts): the logits' relative error falls
 * from 26.8 % to 15.9 % on the sharp test fixture (randomGpt2Weights, whose attention amplifies
 * early errors 30–65×) and from 3.6 % to 2.9 % on Hugging Face's own initialisation, for 8.8 MB
 * more (136.6 MB instead of 127.8 MB for GPT-2 small) and about a tenth of the int8 speed-up
 * (1.95–2.1× instead of 2.2–2.4× faster than fp32, WASM, 1 and 2 threads). A second whole block
 * would cross 140 MB for little more (15.6 % on the fixture).
 */
export function int8FloatProjections(nLayer: number): string[] {
  const first = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'].map((p) => `h.0.${p}`);
  return nLayer > 1 ? [...first, 'h.1.attn.c_attn'] : first;
}

/** How one dtype puts weights into the graph: float tensors, the block projections and the tied wte. */
interface WeightOps {
  /** A weight as a float32 graph value (LayerNorm parameters, biases, wpe). */
  float(name: string, shape: number[]): string;
  /** x·W + b for the Conv1D `prefix` (W [nIn, nOut]): [N, nIn] -> [N, nOut]. */
  linear(x: string, prefix: string, nIn: number, nOut: number): string;
  /** wte rows of the ids: [T] -> [T, D]. */
  embed(ids: string): string;
  /** The tied unembedding: [N, D] -> [N, V], into `out` when given. */
  unembed(normed: string, out?: string): string;
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
  const int8 = { floatProjections: new Set(options.floatProjections ?? int8FloatProjections(L)), activationScales: options.activationScales ?? 'tensor' };
  const w: WeightOps = dtype === 'int8' ? int8Weights(g, checked, weights.config, int8) : floatWeights(g, checked, weights, dtype, options.externalData);

  const scalar = (name: string, v: number) => g.floats(name, [], [v]);
  const ints = (name: string, v: number[]) => g.ints(name, [v.length], v);
  const layerNorm = (x: string, prefix: string) =>
    g.op('LayerNormalization', [x, w.float(`${prefix}.weight`, [D]), w.float(`${prefix}.bias`, [D])], { axis: -1, epsilon: eps })[0]; // [N, D] -> [N, D]

  // Inputs, all required (see gpt2DefaultFeeds).
  const ids = g.input('input_ids', [1, 'T'], 'int64');
  const headMask = g.input('head_mask', [L, H]);
  const mlpMask = g.input('mlp_mask', [L]);
  const lensPosition = g.input('lens_position', ['N'], 'int64');

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

  // ln_f then the tied unembedding: one LayerNorm and one `w.unembed` code path for every logits output.
  const lnfWeight = w.float('ln_f.weight', [D]);
  const lnfBias = w.float('ln_f.bias', [D]);
  const lnF = (h: string, out?: string) => g.op('LayerNormalization', [h, lnfWeight, lnfBias], { axis: -1, epsilon: eps }, out ? [out] : 1)[0]; // [rows, D] -> [rows, D]

  // Outputs. No [T, V] logits: every consumer reads one position, and onnxruntime runs every
  // node whatever is fetched, so an unread output would still cost 2·T·D·V FLOPs per run.
  g.op('Concat', resid.map((r) => g.op('Unsqueeze', [r, axes0])[0]), { axis: 0 }, ['resid']); // [L+1, T, D]
  g.op('Concat', attn, { axis: 0 }, ['attn']); // [L, H, T, T]
  const normed = lnF(x, unsmooth ? undefined : 'final_norm'); // [T, D]
  if (unsmooth) g.op('Mul', [normed, g.rawFloats('final_norm_unsmooth', [D], unsmooth.finalNorm)], {}, ['final_norm']); // [T, D] ⊙ [D]: ln_f's own scale

  // The prediction and the logit lens at the N positions of lens_position, unembedded together:
  // rows [lens rows; the last position]. A generation step (N = 0) unembeds that one row, and the
  // unembedding never sees zero rows, which WebGPU's Gemm refuses (onnxruntime-web 1.30: "invalid
  // shape specified"). Lens row L at the last token and next_logits are then the same numbers,
  // in int8 too (one activation scale for all rows; next_logits' alone when N = 0).
  const lastPosition = ints('last_position', [-1]);
  const [last] = g.op('Gather', [normed, lastPosition], { axis: 0 }); // [T, D] -> [1, D]
  const [lensRows] = g.op('Gather', ['resid', lensPosition], { axis: 1 }); // [L+1, N, D]; negative = from the end
  const [lensFlat] = g.op('Reshape', [lensRows, ints('shape_lens_rows', [-1, D])]); // [L+1, N, D] -> [(L+1)·N, D]
  const lensNormed = lnF(lensFlat); // [(L+1)·N, D]
  const [rows] = g.op('Concat', [lensNormed, last], { axis: 0 }); // [(L+1)·N + 1, D]
  const logits = w.unembed(rows); // [(L+1)·N + 1, V]
  g.op('Gather', [logits, lastPosition], { axis: 0 }, ['next_logits']); // [1, V]
  const [lensCount] = g.op('Shape', [lensNormed], { start: 0, end: 1 }); // [1] = (L+1)·N
  const [lensLogits] = g.op('Slice', [logits, axes0, lensCount, axes0]); // [(L+1)·N, V]
  const [nLens] = g.op('Shape', [lensPosition]); // [1] = N
  const [lensShape] = g.op('Concat', [ints('lens_layers', [L + 1]), nLens, ints('lens_vocab', [V])], { axis: 0 }); // [3] = [L+1, N, V]
  g.op('Reshape', [lensLogits, lensShape], { allowzero: 1 }, ['lens_logits']); // [(L+1)·N, V] -> [L+1, N, V]; allowzero: N = 0 is a size, not "copy this dim"

  g.output('resid', [L + 1, 'T', D]);
  g.output('final_norm', ['T', D]);
  g.output('attn', [L, H, 'T', 'T']);
  g.output('lens_logits', [L + 1, 'N', V]);
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
    unembed: (normed, out) => g.op('Gemm', [normed, tiedWte()], { transB: 1 }, out ? [out] : 1)[0], // [N, D]·[V, D]ᵀ -> [N, V]
  };
}

/**
 * int8: every block projection and the unembedding in onnxruntime's dynamic-quantisation form
 * (what its quantiser emits in IntegerOps mode): the activation is quantised per tensor at run
 * time (DynamicQuantizeLinear: uint8 + zero point), multiplied by the int8 weight in integers
 * (MatMulInteger: u8 × s8 -> int32), cast to float and scaled by x_scale · w_scale[column], then
 * the bias is added. onnxruntime fuses the chain into DynamicQuantizeMatMul (one kernel with the
 * weight prepacked). Weights are symmetric int8 with one scale per output column (`.scale`).
 * `floatProjections` keep float16 weights and float32 activations instead; `activationScales:
 * 'row'` quantises each activation row on its own (rowQuantizedMatMul).
 *
 * The tied wte is stored once, int8 [V, D] with one scale per row (= per output column of the
 * unembedding). The embedding gathers int8 rows and their scales; the unembedding multiplies by
 * Transpose(wte) [D, V], which onnxruntime folds into a constant when the session is created, so
 * the file holds one copy.
 */
function int8Weights(g: GraphBuilder, get: WeightGetter, config: Gpt2Weights['config'], options: Int8Options): WeightOps {
  const { nEmbd: D, vocabSize: V } = config;
  const float = (name: string, shape: number[]) => g.rawFloats(name, shape, get(name, shape).data);
  const rowQuantized = options.activationScales === 'row' ? rowQuantizedMatMul(g) : undefined;
  /**
   * x·(q ⊙ scale): [N, K] float · int8 [K, M] -> [N, M] float. `wScale` [M]. `qSums` gives
   * Σ_k q[k, m] [M] for per-row activation scales; without it the scale is per tensor.
   */
  const quantizedMatMul = (x: string, wq: string, wScale: string, out?: string, qSums?: () => string) => {
    if (rowQuantized && qSums) return rowQuantized(x, wq, wScale, qSums(), out);
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
      const w = get(`${prefix}.weight`, [nIn, nOut]).data;
      let y: string;
      if (options.floatProjections.has(prefix)) {
        const [weight] = g.op('Cast', [g.rawFloat16(`${prefix}.weight`, [nIn, nOut], w)], { to: CAST_TO_FLOAT }, [`${prefix}.weight.f32`]); // float16 -> float32, folded at session creation
        [y] = g.op('MatMul', [x, weight]); // [N, nIn]·[nIn, nOut] -> [N, nOut]
      } else {
        const { q, scale } = quantizeColumns(w, nIn, nOut);
        const sums = () => g.rawFloats(`${prefix}.weight.q_sum`, [nOut], columnSums(q, nIn, nOut));
        y = quantizedMatMul(x, g.rawInt8(`${prefix}.weight.q`, [nIn, nOut], q), g.rawFloats(`${prefix}.weight.scale`, [nOut], scale), undefined, sums); // [N, nIn] -> [N, nOut]
      }
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
      // One activation scale per tensor even with activationScales 'row': per row changed the
      // logits' error by under 0.1 point here (measured), for a [rows, V] correction of V = 50,257
      // columns. (TopK, which per-row scales use, also divides by zero on zero rows in onnxruntime
      // 1.30, SIGFPE in onnxruntime-node and a trap in WASM; the unembedding has ≥ 1 row anyway.)
      return quantizedMatMul(normed, wteT, t.scale, out); // [N, D] -> [N, V]
    },
  };
}

interface Int8Options {
  floatProjections: ReadonlySet<string>;
  activationScales: 'tensor' | 'row';
}

/** onnx TensorProto.DataType.UINT8, for Cast. */
const CAST_TO_UINT8 = 2;

/**
 * Per-row activation quantisation: each row of x [N, K] gets its own uint8 scale and zero point,
 * the DynamicQuantizeLinear rule applied row by row (range [min(0, row min), max(0, row max)] over
 * 0..255), so a row with a small range (a token whose activations are small) is not quantised with
 * the step of the largest row. onnxruntime's MatMulInteger takes a single activation zero point
 * (scalar or one element; a per-row one is refused), so rows multiply with zero point 0 and their
 * zero points come out afterwards: (xq − z_r)·q = xq·q − z_r·Σ_k q[k, :]. Not fused by onnxruntime:
 * the row extrema (TopK), rounding, the int32 product and the scaling are separate kernels.
 */
function rowQuantizedMatMul(g: GraphBuilder) {
  const one = g.ints('rowq_k1', [1], [1]);
  const zero = g.floats('rowq_zero', [], [0]);
  const levels = g.floats('rowq_255', [], [255]);
  const tiny = g.floats('rowq_tiny', [], [1e-30]); // an all-zero row: any positive scale gives q = 0
  return (x: string, wq: string, wScale: string, qSums: string, out?: string): string => {
    const [rowMax] = g.op('TopK', [x, one], {}, 2); // [N, K] -> [N, 1]
    const [negRowMin] = g.op('TopK', [g.op('Neg', [x])[0], one], {}, 2); // [N, 1] = −row min
    const [hi] = g.op('Max', [rowMax, zero]); // [N, 1] = max(0, row max)
    const [lo] = g.op('Max', [negRowMin, zero]); // [N, 1] = −min(0, row min)
    const [scale] = g.op('Max', [g.op('Div', [g.op('Add', [hi, lo])[0], levels])[0], tiny]); // [N, 1] = range / 255
    const [zeroPoint] = g.op('Round', [g.op('Div', [lo, scale])[0]]); // [N, 1] in 0..255
    const [shifted] = g.op('Add', [g.op('Round', [g.op('Div', [x, scale])[0]])[0], zeroPoint]); // [N, K] = round(x / scale) + z
    const [xq] = g.op('Cast', [g.op('Clip', [shifted, zero, levels])[0]], { to: CAST_TO_UINT8 }); // uint8 [N, K]
    const [acc] = g.op('MatMulInteger', [xq, wq]); // uint8 [N, K] · int8 [K, M] -> int32 [N, M]
    const [centred] = g.op('Sub', [g.op('Cast', [acc], { to: CAST_TO_FLOAT })[0], g.op('Mul', [zeroPoint, qSums])[0]]); // [N, M] − [N, 1]·[M]
    return g.op('Mul', [g.op('Mul', [centred, scale])[0], wScale], {}, out ? [out] : 1)[0]; // [N, M] ⊙ [N, 1] ⊙ [M]
  };
}

/** Σ_r q[r, c] for each column of a [rows, cols] int8 matrix, as float32 [cols]. */
function columnSums(q: Int8Array, rows: number, cols: number): Float32Array {
  const sums = new Float32Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) sums[c] += q[r * cols + c];
  return sums;
}
