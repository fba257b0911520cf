/**
 * Skip-gram with negative sampling (Mikolov et al. 2013), as gensim 4.2 trains it: the loss and
 * gradient of one (word, context) pair, and the JavaScript training engine — the reference that
 * the WebAssembly engine (kernel/sgns-kernel.ts) must match draw for draw.
 *
 * For a pair, u = input[context] (gensim's syn0 row of the context word) and, for the word itself
 * (label 1) and each negative sample n (label 0), v_t = output[t] (gensim's syn1neg):
 *
 *     loss = −log σ(u·v_word) − Σ_n log σ(−u·v_n)
 *     ∂loss/∂v_t = (σ(u·v_t) − label_t) u        ∂loss/∂u = Σ_t (σ(u·v_t) − label_t) v_t
 *
 * A training step moves each parameter by −alpha × its gradient: the targets one after another
 * (a target drawn twice sees its first update), u at the end with the sum of its parts. As in
 * gensim (its MAX_EXP = 6), a target whose score |u·v| is 6 or more is not updated: its gradient
 * is either negligible (σ within 0.25 % of the label) or, for a word far on the wrong side, a
 * large step gensim chooses not to take. The loss still counts it.
 */

/** Scores |u·v| at or beyond this leave the target untouched (gensim's MAX_EXP). */
export const MAX_SCORE = 6;
import { Mulberry32 } from './rng';
import { CUM_DOMAIN, guideTable, negativeFor, type TokenStream, type Vocabulary } from './vocab';

/** The two weight matrices of a skip-gram model, row-major, `stride` floats per row (≥ dims). */
export interface SgnsWeights {
  dims: number;
  stride: number;
  /** Word vectors (the ones kept): [size × stride]. */
  input: Float32Array;
  /** Output ("context") vectors: [size × stride]. */
  output: Float32Array;
}

export interface BatchResult {
  /** Tokens kept after sub-sampling. */
  kept: number;
  /** (word, context) pairs trained. */
  pairs: number;
  /** Σ over all targets of the pair loss terms. */
  loss: number;
}

/** What both engines offer: train on some sentences, read the vectors. */
export interface SgnsEngine {
  readonly kind: 'wasm-simd' | 'js';
  readonly size: number;
  readonly dims: number;
  /** Trains on sentences [from, to) of the stream at learning rate alpha. */
  train(from: number, to: number, alpha: number): BatchResult;
  /** A copy of the word vectors: [size × dims]. */
  vectors(): Float32Array;
  /** The random state (for checkpoints and tests). */
  readonly rngState: number;
}

export interface EngineSetup {
  vocab: Vocabulary;
  stream: TokenStream;
  dims: number;
  window: number;
  negative: number;
  seed: number;
}

/**
 * Initial weights as gensim 4.2 sets them (KeyedVectors' prep_vectors): input rows uniform in
 * [−1, 1) / dims (seeded; word2vec.c used half that range), output rows zero. Padding columns
 * (stride > dims) stay zero.
 */
export function initialWeights(size: number, dims: number, seed: number, stride = dims): SgnsWeights {
  const random = new Mulberry32(seed ^ 0x9e3779b9);
  const input = new Float32Array(size * stride);
  for (let w = 0; w < size; w++) for (let i = 0; i < dims; i++) input[w * stride + i] = ((random.next() / 2 ** 32) * 2 - 1) / dims;
  return { dims, stride, input, output: new Float32Array(size * stride) };
}

/** log σ(x) computed without overflow. */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** The loss of one pair (in float64), for gradient checks. `negatives` may repeat. */
export function pairLoss(weights: SgnsWeights, word: number, context: number, negatives: readonly number[]): number {
  const { dims, stride, input, output } = weights;
  const u = context * stride;
  const score = (t: number) => {
    let f = 0;
    for (let i = 0; i < dims; i++) f += input[u + i] * output[t * stride + i];
    return f;
  };
  let loss = -logSigmoid(score(word));
  for (const n of negatives) loss -= logSigmoid(-score(n));
  return loss;
}

/**
 * The analytic gradient of pairLoss in float64: dU for input[context] and one dV row per target
 * (the word first, then each negative; repeated targets get repeated rows, to be summed).
 */
export function pairGradients(weights: SgnsWeights, word: number, context: number, negatives: readonly number[]): { dU: Float64Array; dV: Float64Array[] } {
  const { dims, stride, input, output } = weights;
  const u = context * stride;
  const dU = new Float64Array(dims);
  const dV = [word, ...negatives].map((t, k) => {
    let f = 0;
    for (let i = 0; i < dims; i++) f += input[u + i] * output[t * stride + i];
    const coefficient = 1 / (1 + Math.exp(-f)) - (k === 0 ? 1 : 0);
    const row = new Float64Array(dims);
    for (let i = 0; i < dims; i++) {
      row[i] = coefficient * input[u + i];
      dU[i] += coefficient * output[t * stride + i];
    }
    return row;
  });
  return { dU, dV };
}

/**
 * One training step on a pair: targets = [word, ...negatives] (labels 1, 0, 0…), updated in
 * order, then the context's input row. `work` is scratch of at least dims floats. Returns the
 * pair's loss before the step.
 */
export function pairStep(weights: SgnsWeights, context: number, targets: ArrayLike<number>, count: number, alpha: number, work: Float32Array): number {
  const { dims, stride, input, output } = weights;
  const u = context * stride;
  work.fill(0, 0, dims);
  let loss = 0;
  for (let k = 0; k < count; k++) {
    const v = targets[k] * stride;
    let f = 0;
    for (let i = 0; i < dims; i++) f += input[u + i] * output[v + i];
    const clamped = Math.min(30, Math.max(-30, f));
    const e = Math.exp(-clamped);
    const label = k === 0 ? 1 : 0;
    loss += Math.log1p(e) + (1 - label) * clamped;
    if (Math.abs(f) >= MAX_SCORE) continue;
    const g = (label - 1 / (1 + e)) * alpha;
    for (let i = 0; i < dims; i++) {
      const o = output[v + i];
      work[i] += g * o;
      output[v + i] = o + g * input[u + i];
    }
  }
  for (let i = 0; i < dims; i++) input[u + i] += work[i];
  return loss;
}

/** The JavaScript engine: plain loops over Float32Arrays; the reference for the kernel. */
export function createJsEngine(setup: EngineSetup): SgnsEngine & { weights: SgnsWeights } {
  const { vocab, stream, dims, window, negative } = setup;
  const weights = initialWeights(vocab.size, dims, setup.seed);
  const guide = guideTable(vocab.cumTable);
  const rng = new Mulberry32(setup.seed);
  const work = new Float32Array(dims);
  const targets = new Int32Array(negative + 1);
  let longest = 0;
  for (let s = 0, start = 0; s < stream.ends.length; start = stream.ends[s++]) longest = Math.max(longest, stream.ends[s] - start);
  const buf = new Int32Array(longest);

  return {
    kind: 'js',
    size: vocab.size,
    dims,
    weights,
    get rngState() {
      return rng.state;
    },
    train(from, to, alpha) {
      const result: BatchResult = { kept: 0, pairs: 0, loss: 0 };
      for (let s = from; s < to; s++) {
        const end = stream.ends[s];
        let n = 0;
        for (let t = s === 0 ? 0 : stream.ends[s - 1]; t < end; t++) {
          const w = stream.ids[t];
          if (vocab.keep[w] >= rng.next()) buf[n++] = w;
        }
        result.kept += n;
        for (let i = 0; i < n; i++) {
          const word = buf[i];
          const b = rng.next() % window;
          const j1 = Math.min(n, i + window + 1 - b);
          for (let j = Math.max(0, i - window + b); j < j1; j++) {
            if (j === i) continue;
            targets[0] = word;
            let count = 1;
            for (let d = 0; d < negative; d++) {
              const t = negativeFor((rng.next() >>> 1) % CUM_DOMAIN, vocab.cumTable, guide);
              if (t !== word) targets[count++] = t;
            }
            result.loss += pairStep(weights, buf[j], targets, count, alpha, work);
            result.pairs++;
          }
        }
      }
      return result;
    },
    vectors() {
      return weights.input.slice();
    },
  };
}
