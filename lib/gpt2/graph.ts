/**
 * GPT-2 as one ONNX graph (opset 17) that runs on onnxruntime-web (WebGPU and WASM) and
 * onnxruntime-node. Follows the Hugging Face layout (../shared/gpt2-facts.md): Conv1D weights are
 * [in, out] so every projection is a plain MatMul; pre-LayerNorm blocks; gelu_new in its tanh
 * form written with Mul/Add/Tanh; causal mask built with Range/Less (no Trilu, which WebGPU lacks);
 * the unembedding is the tied wte used through Gemm(transB), never a second transposed copy.
 * Inputs and outputs are documented in models/README.md ("GPT-2 model folders").
 */
import { CAST_TO_FLOAT, GraphBuilder } from '../onnx/builder';
import type { Gpt2Dtype } from './graph-contract';
import type { Gpt2Weights } from './weights';

export interface Gpt2GraphOptions {
  /** fp16 stores every weight as float16 (half the file) and casts it to float32 on load; compute stays fp32. */
  dtype?: Gpt2Dtype;
}

/** Added to attention scores of future positions; exp(-1e9 - max) is exactly 0 in float32, as with HF's finfo.min. */
const MASKED_SCORE = -1e9;
const GELU_C = 0.7978845608028654; // sqrt(2 / pi)

/** Serialises GPT-2 with the weights embedded as initializers named by their HF names. */
export function buildGpt2Graph(weights: Gpt2Weights, options: Gpt2GraphOptions = {}): Uint8Array {
  const { nLayer: L, nHead: H, nEmbd: D, vocabSize: V, nPositions: P, layerNormEpsilon: eps } = weights.config;
  const hd = D / H;
  if (!Number.isInteger(hd)) throw new Error(`n_embd ${D} is not divisible by n_head ${H}`);
  const fp16 = (options.dtype ?? 'fp32') === 'fp16';
  const g = new GraphBuilder('gpt2');

  /** A weight as a float32 graph value, after checking its shape. */
  const weight = (name: string, shape: number[]): string => {
    const t = weights.get(name);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`weight ${name}: expected shape [${shape}], got [${t.shape}]`);
    }
    if (!fp16) return g.rawFloats(name, shape, t.data);
    g.rawFloat16(name, shape, t.data);
    return g.op('Cast', [name], { to: CAST_TO_FLOAT }, [`${name}.f32`])[0];
  };
  const scalar = (name: string, v: number) => g.floats(name, [], [v]);
  const ints = (name: string, v: number[]) => g.ints(name, [v.length], v);
  const matmulAdd = (x: string, prefix: string, nIn: number, nOut: number) => {
    const [y] = g.op('MatMul', [x, weight(`${prefix}.weight`, [nIn, nOut])]); // Conv1D: x·W, W is [in, out]
    return g.op('Add', [y, weight(`${prefix}.bias`, [nOut])])[0];
  };
  const layerNorm = (x: string, prefix: string, out?: string) =>
    g.op('LayerNormalization', [x, weight(`${prefix}.weight`, [D]), weight(`${prefix}.bias`, [D])], { axis: -1, epsilon: eps }, out ? [out] : 1)[0];

  // Inputs, all required (see gpt2DefaultFeeds).
  const ids = g.input('input_ids', [1, 'T'], 'int64');
  const headMask = g.input('head_mask', [L, H]);
  const mlpMask = g.input('mlp_mask', [L]);
  const lensPosition = g.input('lens_position', [1], 'int64');

  const wte = weight('wte.weight', [V, D]);
  const wpe = weight('wpe.weight', [P, D]);

  // Embeddings: x = wte[ids] + wpe[0..T-1]   [T, D]
  const [flatIds] = g.op('Reshape', [ids, ints('shape_flat', [-1])]); // [T]
  const [tok] = g.op('Gather', [wte, flatIds], { axis: 0 }); // [T, D]
  const [tLen] = g.op('Shape', [ids], { start: 1, end: 2 }); // [1] = T
  const axes0 = ints('axes0', [0]);
  const [pos] = g.op('Slice', [wpe, axes0, tLen, axes0]); // starts [0], ends [T], axes [0] -> [T, D]
  let [x] = g.op('Add', [tok, pos]);

  // Causal mask as an additive bias [T, T]: 0 where key s <= query t, MASKED_SCORE where s > t.
  const [tFloat] = g.op('Cast', [tLen], { to: CAST_TO_FLOAT });
  const [tScalar] = g.op('Squeeze', [tFloat]); // []
  const [range] = g.op('Range', [scalar('f_zero', 0), tScalar, scalar('f_one', 1)]); // [T]
  const [queries] = g.op('Unsqueeze', [range, ints('axis1', [1])]); // [T, 1]
  const [keys] = g.op('Unsqueeze', [range, axes0]); // [1, T]
  const [future] = g.op('Less', [queries, keys]); // [T, T] bool
  const [maskBias] = g.op('Where', [future, scalar('masked_score', MASKED_SCORE), scalar('f_zero_mask', 0)]); // [T, T]

  const headMask4 = g.op('Reshape', [headMask, ints('shape_head_mask', [L, H, 1, 1])])[0]; // [L, H, 1, 1]
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
    const qkv = matmulAdd(h1, `${p}.attn.c_attn`, D, 3 * D); // [T, 3D]: q | k | v, head h at columns h·hd..
    const [heads] = g.op('Reshape', [qkv, shapeQkv]); // [T, 3H, hd]
    const [headsT] = g.op('Transpose', [heads], { perm: [1, 0, 2] }); // [3H, T, hd]
    const [q, k, v] = g.op('Split', [headsT, splitQkv], { axis: 0 }, 3); // each [H, T, hd]
    const [kT] = g.op('Transpose', [k], { perm: [0, 2, 1] }); // [H, hd, T]
    const [scores] = g.op('MatMul', [q, kT]); // [H, T, T]
    const [scaled] = g.op('Mul', [scores, scale]);
    const [masked] = g.op('Add', [scaled, maskBias]);
    const [probs] = g.op('Softmax', [masked], { axis: -1 }); // [H, T, T]
    attn.push(g.op('Unsqueeze', [probs, axes0])[0]); // [1, H, T, T]
    const [ctx] = g.op('MatMul', [probs, v]); // [H, T, hd]
    const [hm] = g.op('Gather', [headMask4, layer], { axis: 0 }); // [H, 1, 1]
    const [ctxMasked] = g.op('Mul', [ctx, hm]);
    const [ctxT] = g.op('Transpose', [ctxMasked], { perm: [1, 0, 2] }); // [T, H, hd]
    const [merged] = g.op('Reshape', [ctxT, shapeMerge]); // [T, D]
    [x] = g.op('Add', [x, matmulAdd(merged, `${p}.attn.c_proj`, D, D)]);

    // MLP: x + mlp_mask[l] · c_proj(gelu_new(c_fc(ln_2(x))))
    const h2 = layerNorm(x, `${p}.ln_2`);
    const fc = matmulAdd(h2, `${p}.mlp.c_fc`, D, 4 * D); // [T, 4D]
    const [cube] = g.op('Mul', [g.op('Mul', [fc, fc])[0], fc]);
    const [inner] = g.op('Add', [fc, g.op('Mul', [cube, geluK])[0]]);
    const [th] = g.op('Tanh', [g.op('Mul', [inner, geluC])[0]]);
    const [gelu] = g.op('Mul', [g.op('Mul', [fc, half])[0], g.op('Add', [th, one])[0]]); // 0.5·x·(1 + tanh(...))
    const mlpOut = matmulAdd(gelu, `${p}.mlp.c_proj`, 4 * D, D); // [T, D]
    const [mm] = g.op('Gather', [mlpMask, layer], { axis: 0 }); // []
    [x] = g.op('Add', [x, g.op('Mul', [mlpOut, mm])[0]]);
    resid.push(x);
  }

  const lnfWeight = weight('ln_f.weight', [D]);
  const lnfBias = weight('ln_f.bias', [D]);
  /** ln_f then the tied unembedding: [N, D] -> normed [N, D], logits [N, V]. The one code path for logits and the lens. */
  const unembed = (h: string, names: { normed?: string; logits: string }) => {
    const [normed] = g.op('LayerNormalization', [h, lnfWeight, lnfBias], { axis: -1, epsilon: eps }, names.normed ? [names.normed] : 1);
    g.op('Gemm', [normed, wte], { transB: 1 }, [names.logits]); // [N, D]·[V, D]ᵀ
    return names.logits;
  };

  // Outputs.
  const final = unembed(x, { normed: 'final_norm', logits: 'logits_2d' }); // [T, V]
  g.op('Unsqueeze', [final, axes0], {}, ['logits']); // [1, T, V]
  g.op('Concat', resid.map((r) => g.op('Unsqueeze', [r, axes0])[0]), { axis: 0 }, ['resid']); // [L+1, T, D]
  g.op('Concat', attn, { axis: 0 }, ['attn']); // [L, H, T, T]
  const [lensRows] = g.op('Gather', ['resid', lensPosition], { axis: 1 }); // [L+1, 1, D]; -1 = last token
  const [lensIn] = g.op('Squeeze', [lensRows, ints('axis1_lens', [1])]); // [L+1, D]
  unembed(lensIn, { logits: 'lens_logits' }); // [L+1, V]

  g.output('logits', [1, 'T', V]);
  g.output('resid', [L + 1, 'T', D]);
  g.output('final_norm', ['T', D]);
  g.output('attn', [L, H, 'T', 'T']);
  g.output('lens_logits', [L + 1, V]);
  return g.encode();
}
