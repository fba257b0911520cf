/**
 * SmoothQuant (Xiao et al. 2023, "SmoothQuant: Accurate and Efficient Post-Training Quantization
 * for Large Language Models") without calibration data, for the int8 GPT-2 graph.
 *
 * Per-tensor activation quantisation gives every channel of a matmul's input the same step, set
 * by the largest value in the tensor. When a few channels run 10–100× larger than the rest (GPT-2
 * has such residual dimensions), the step is 10–100× too coarse for everything else. Smoothing
 * moves that range into the weights: for a per-channel factor s_j, LayerNorm's output channel j is
 * divided by s_j (fold 1/s_j into its weight γ_j and bias β_j) and row j of the next weight is
 * multiplied by s_j, so x·W = (x ⊘ s)·(diag(s)·W) exactly, at no cost at run time. Weights are
 * quantised per output column, so a larger row is absorbed by its columns' scales.
 *
 * Choosing s_j. SmoothQuant balances channel j's activation range a_j against its weight row's
 * range w_j = max_k |W_jk|: s_j = a_j^α / w_j^(1−α), with α = 0.5 making both sides equal to
 * sqrt(a_j·w_j). Without calibration data, a_j comes from the LayerNorm itself: its normalised
 * input has zero mean and unit RMS across channels, so before γ and β every channel sees values of
 * a few units at most (a Gaussian-like channel over a prompt of tens of tokens reaches about 3),
 * and after them channel j spans about |γ_j|·c + |β_j| with c = SMOOTH_RANGE. Only the ratios
 * between the s_j matter (a common factor is absorbed by the per-tensor activation scale and the
 * per-column weight scales), so c weighs γ against β and nothing else; the s_j are normalised to
 * a median of 1 to keep values tame. A channel that is always zero (γ_j = β_j = 0) or feeds an
 * all-zero weight row keeps s_j = 1.
 *
 * Smoothed pairs: ln_1 → attn.c_attn and ln_2 → mlp.c_fc in every block, and ln_f → the
 * unembedding. The unembedding is the tied wte [V, D], whose input channel j is column j; the
 * embedding Gather reads the same (smoothed) wte, so the graph multiplies gathered rows by
 * `embeddingFactor` = 1/s to undo it. attn.c_proj and mlp.c_proj follow no LayerNorm and are not
 * smoothed.
 */
import type { Gpt2Weights, Tensor } from './weights';

/** α: 0.5 splits the range evenly between activations and weights (the paper's default). */
export const SMOOTH_ALPHA = 0.5;
/** c: the reach of a normalised channel, in units of its γ (see above). */
export const SMOOTH_RANGE = 3;

export interface SmoothOptions {
  /** Migration strength α in s_j = a_j^α / w_j^(1−α) (default SMOOTH_ALPHA). */
  alpha?: number;
  /** c in a_j = |γ_j|·c + |β_j| (default SMOOTH_RANGE). */
  range?: number;
}

export interface SmoothedGpt2 {
  /** The weights with every smoothed LayerNorm and weight rescaled; other tensors pass through. */
  weights: Gpt2Weights;
  /** [D]: multiplies embedding rows gathered from the smoothed wte (1/s of ln_f). */
  embeddingFactor: Float32Array;
  /** The factors s by LayerNorm prefix (`h.0.ln_1`, …, `ln_f`), each [D]. */
  factors: Map<string, Float32Array>;
}

/**
 * Smoothing factors for one LayerNorm → weight pair: γ, β [D] and the weight's row maxima
 * (`rowMax[j]` = max_k |W_jk| over the row that channel j multiplies).
 */
export function smoothingFactors(gamma: Float32Array, beta: Float32Array, rowMax: Float32Array, alpha = SMOOTH_ALPHA, range = SMOOTH_RANGE): Float32Array {
  if (gamma.length !== beta.length || gamma.length !== rowMax.length) throw new Error(`smoothingFactors: γ, β and the row maxima must have one value per channel (${gamma.length}, ${beta.length}, ${rowMax.length})`);
  const s = new Float64Array(gamma.length);
  for (let j = 0; j < s.length; j++) {
    const a = Math.abs(gamma[j]) * range + Math.abs(beta[j]);
    s[j] = a > 0 && rowMax[j] > 0 ? a ** alpha / rowMax[j] ** (1 - alpha) : NaN; // NaN: no information, set to 1 below
  }
  const known = Array.from(s.filter((v) => !Number.isNaN(v))).sort((x, y) => x - y);
  const median = known.length ? known[known.length >> 1] : 1;
  return Float32Array.from(s, (v) => (Number.isNaN(v) ? 1 : v / median));
}

/** Smooths every LayerNorm → int8 matmul pair of GPT-2 (see the module comment). */
export function smoothGpt2Weights(weights: Gpt2Weights, { alpha = SMOOTH_ALPHA, range = SMOOTH_RANGE }: SmoothOptions = {}): SmoothedGpt2 {
  const { nLayer: L, nEmbd: D, vocabSize: V } = weights.config;
  const factors = new Map<string, Float32Array>();
  /** LayerNorm prefix → (weight name, layout of that weight: channel j is row j of [D, N] or column j of [V, D]). */
  const pairs: [ln: string, weight: string, layout: 'rows' | 'columns'][] = [];
  for (let l = 0; l < L; l++) pairs.push([`h.${l}.ln_1`, `h.${l}.attn.c_attn.weight`, 'rows'], [`h.${l}.ln_2`, `h.${l}.mlp.c_fc.weight`, 'rows']);
  pairs.push(['ln_f', 'wte.weight', 'columns']);

  const scaledWeight = new Map<string, { s: Float32Array; layout: 'rows' | 'columns' }>();
  const scaledNorm = new Map<string, Float32Array>(); // LayerNorm parameter name -> s
  for (const [ln, name, layout] of pairs) {
    const w = weights.get(name);
    const rowMax = layout === 'rows' ? maxAbsPerRow(w.data, D, w.data.length / D) : maxAbsPerColumn(w.data, V, D);
    const s = smoothingFactors(weights.get(`${ln}.weight`).data, weights.get(`${ln}.bias`).data, rowMax, alpha, range);
    factors.set(ln, s);
    scaledWeight.set(name, { s, layout });
    scaledNorm.set(`${ln}.weight`, s);
    scaledNorm.set(`${ln}.bias`, s);
  }

  const smoothed: Gpt2Weights = {
    config: weights.config,
    get(name: string): Tensor {
      const t = weights.get(name);
      const norm = scaledNorm.get(name);
      if (norm) return { shape: t.shape, data: t.data.map((v, j) => v / norm[j]) };
      const scaled = scaledWeight.get(name);
      if (!scaled) return t;
      const { s, layout } = scaled;
      const cols = t.shape[1];
      const data = new Float32Array(t.data.length);
      for (let r = 0; r < t.shape[0]; r++) {
        for (let c = 0; c < cols; c++) data[r * cols + c] = t.data[r * cols + c] * s[layout === 'rows' ? r : c];
      }
      return { shape: t.shape, data };
    },
  };
  return { weights: smoothed, embeddingFactor: factors.get('ln_f')!.map((v) => 1 / v), factors };
}

function maxAbsPerRow(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let c = 0; c < cols; c++) m = Math.max(m, Math.abs(w[r * cols + c]));
    out[r] = m;
  }
  return out;
}

function maxAbsPerColumn(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c] = Math.max(out[c], Math.abs(w[r * cols + c]));
  return out;
}
