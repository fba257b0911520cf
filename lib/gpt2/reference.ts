/**
 * A plain GPT-2 forward pass written straight from the maths (Radford et al. 2019, HF
 * modeling_gpt2.py), in float64, with loops only. It shares no code with graph.ts on purpose:
 * tests check the ONNX graph against it. Slow (no blocking, no SIMD): for tiny models and spot checks.
 */
import type { Gpt2Weights } from './weights';

export interface ReferenceOptions {
  /** [L·H], row-major [L, H]: multiplies each head's output before c_proj. Default ones. */
  headMask?: ArrayLike<number>;
  /** [L]: multiplies each block's MLP output (including its c_proj bias). Default ones. */
  mlpMask?: ArrayLike<number>;
  /** The positions the logit lens reads (one or a list, possibly empty); negative counts from the end. Default -1. */
  lensPosition?: number | readonly number[];
  /**
   * Applied to the whole input of every projection (c_attn, attn.c_proj, c_fc, mlp.c_proj) and of
   * each unembedding before it is multiplied, with the projection's name (`h.0.attn.c_attn`, …, or
   * `wte` for the unembedding) and the input's row width: tests pass a quantise-then-dequantise
   * step to model the int8 graph's activations. Default none.
   */
  matmulInput?: (x: Float64Array, projection: string, width: number) => Float64Array;
}

export interface ReferenceOutputs {
  logits: Float32Array; // [T, V]: every position's logits (the graph has no such output; its rows check lens_logits and next_logits)
  resid: Float32Array; // [L+1, T, D]: after the embedding, then after each block (no ln_f)
  finalNorm: Float32Array; // [T, D]: ln_f(resid[L])
  attn: Float32Array; // [L, H, T, T]: softmax probabilities, query t, key s
  lensLogits: Float32Array; // [L+1, N, V]: ln_f(resid[l, lensPosition[n]])·wteᵀ
  nextLogits: Float32Array; // [V]: the last position's logits (= the last row of logits): the next token's. Unembedded with the lens rows, as in the graph
}

/** Every output of the graph (lib/gpt2/graph.ts) for `ids`, computed in float64 and returned as float32. */
export function referenceForward(weights: Gpt2Weights, ids: readonly number[], options: ReferenceOptions = {}): ReferenceOutputs {
  const { nLayer: L, nHead: H, nEmbd: D, vocabSize: V, layerNormEpsilon: eps } = weights.config;
  const T = ids.length;
  const hd = D / H;
  const w = (name: string) => weights.get(name).data;
  const headMask = options.headMask ?? new Float64Array(L * H).fill(1);
  const mlpMask = options.mlpMask ?? new Float64Array(L).fill(1);
  const input = options.matmulInput ?? ((v: Float64Array) => v);

  const wte = w('wte.weight');
  const wpe = w('wpe.weight');
  let x = new Float64Array(T * D);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < D; i++) x[t * D + i] = wte[ids[t] * D + i] + wpe[t * D + i];
  }
  const resid = new Float32Array((L + 1) * T * D);
  resid.set(x, 0);
  const attn = new Float32Array(L * H * T * T);

  for (let l = 0; l < L; l++) {
    const p = `h.${l}`;
    const qkv = affine(input(norm(x, T, D, w(`${p}.ln_1.weight`), w(`${p}.ln_1.bias`), eps), `${p}.attn.c_attn`, D), T, D, 3 * D, w(`${p}.attn.c_attn.weight`), w(`${p}.attn.c_attn.bias`));
    const heads = new Float64Array(T * D); // concatenated head outputs, head h in columns h·hd..
    for (let h = 0; h < H; h++) {
      for (let t = 0; t < T; t++) {
        // scores against keys 0..t only (causal), scaled by 1/sqrt(head size)
        const scores = new Float64Array(t + 1);
        for (let s = 0; s <= t; s++) {
          let dot = 0;
          for (let j = 0; j < hd; j++) dot += qkv[t * 3 * D + h * hd + j] * qkv[s * 3 * D + D + h * hd + j];
          scores[s] = dot / Math.sqrt(hd);
        }
        const max = Math.max(...scores);
        let sum = 0;
        for (let s = 0; s <= t; s++) sum += (scores[s] = Math.exp(scores[s] - max));
        for (let s = 0; s <= t; s++) {
          const prob = scores[s] / sum;
          attn[((l * H + h) * T + t) * T + s] = prob;
          for (let j = 0; j < hd; j++) heads[t * D + h * hd + j] += headMask[l * H + h] * prob * qkv[s * 3 * D + 2 * D + h * hd + j];
        }
      }
    }
    const attnOut = affine(input(heads, `${p}.attn.c_proj`, D), T, D, D, w(`${p}.attn.c_proj.weight`), w(`${p}.attn.c_proj.bias`));
    x = x.map((v, i) => v + attnOut[i]);

    const fc = affine(input(norm(x, T, D, w(`${p}.ln_2.weight`), w(`${p}.ln_2.bias`), eps), `${p}.mlp.c_fc`, D), T, D, 4 * D, w(`${p}.mlp.c_fc.weight`), w(`${p}.mlp.c_fc.bias`));
    const act = fc.map((v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))));
    const mlpOut = affine(input(act, `${p}.mlp.c_proj`, 4 * D), T, 4 * D, D, w(`${p}.mlp.c_proj.weight`), w(`${p}.mlp.c_proj.bias`));
    x = x.map((v, i) => v + mlpMask[l] * mlpOut[i]);
    resid.set(x, (l + 1) * T * D);
  }

  const lnfW = w('ln_f.weight');
  const lnfB = w('ln_f.bias');
  const finalNorm = norm(x, T, D, lnfW, lnfB, eps);
  const positions = [options.lensPosition ?? -1].flat().map((p) => {
    if (!Number.isInteger(p) || p < -T || p >= T) throw new Error(`lensPosition ${p} is outside ${-T}..${T - 1}`);
    return p < 0 ? T + p : p;
  });
  const N = positions.length;
  const lensRows = new Float64Array((L + 1) * N * D); // [L+1, N, D]
  for (let l = 0; l <= L; l++) {
    positions.forEach((pos, n) => lensRows.set(resid.subarray((l * T + pos) * D, (l * T + pos + 1) * D), (l * N + n) * D));
  }
  // As in the graph: the lens rows and the last position are unembedded together, rows [lens; last].
  const rows = new Float64Array(((L + 1) * N + 1) * D);
  rows.set(norm(lensRows, (L + 1) * N, D, lnfW, lnfB, eps));
  rows.set(finalNorm.subarray((T - 1) * D), (L + 1) * N * D);
  const unembedded = unembedRows(input(rows, 'wte', D), (L + 1) * N + 1, D, V, wte);
  return {
    logits: unembedRows(input(finalNorm, 'wte', D), T, D, V, wte),
    resid,
    finalNorm: Float32Array.from(finalNorm),
    attn,
    lensLogits: unembedded.slice(0, (L + 1) * N * V),
    nextLogits: unembedded.slice((L + 1) * N * V), // the last row of logits
  };
}

/** LayerNorm over each row of a [n, d] matrix (biased variance, as torch). */
function norm(x: Float64Array, n: number, d: number, gamma: Float32Array, beta: Float32Array, eps: number): Float64Array {
  const y = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    let mean = 0;
    for (let i = 0; i < d; i++) mean += x[r * d + i] / d;
    let variance = 0;
    for (let i = 0; i < d; i++) variance += (x[r * d + i] - mean) ** 2 / d;
    for (let i = 0; i < d; i++) y[r * d + i] = ((x[r * d + i] - mean) / Math.sqrt(variance + eps)) * gamma[i] + beta[i];
  }
  return y;
}

/** y = x·W + b with x [n, din] and W [din, dout] (HF Conv1D layout). */
function affine(x: Float64Array, n: number, din: number, dout: number, W: Float32Array, b: Float32Array): Float64Array {
  const y = new Float64Array(n * dout);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < dout; o++) y[r * dout + o] = b[o];
    for (let i = 0; i < din; i++) {
      const xi = x[r * din + i];
      for (let o = 0; o < dout; o++) y[r * dout + o] += xi * W[i * dout + o];
    }
  }
  return y;
}

/** logits[r, v] = Σ_i h[r, i]·wte[v, i]: the tied unembedding. */
function unembedRows(h: Float64Array, n: number, d: number, vocab: number, wte: Float32Array): Float32Array {
  const out = new Float32Array(n * vocab);
  for (let r = 0; r < n; r++) {
    for (let v = 0; v < vocab; v++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += h[r * d + i] * wte[v * d + i];
      out[r * vocab + v] = dot;
    }
  }
  return out;
}
