/**
 * The logit lens (nostalgebraist 2020): the graph's `lens_logits` [L+1, V] is ln_f and the tied
 * unembedding applied to the residual stream after the embedding and after each block, at one
 * position. Row L is the model's own next-token logits at that position, so each row is summarised
 * with the next-token view's own maths (next-token.ts: one softmax normaliser, highestLogitTokens). Rows need only
 * their top k and a few tokens' probabilities, so no [V] probability array is made per layer.
 */
import { normaliser, predictTop, tokenProbability, type Normaliser, type TokenScore } from './next-token';

export interface LensRow {
  /** 0 = the embeddings, l = after block l (1-based blocks, as in `resid`). */
  layer: number;
  top: TokenScore[];
}

/** Row `layer` of lens logits [(L+1)·V] (a view, not a copy). */
export function lensRow(lensLogits: Float32Array, vocabSize: number, layer: number): Float32Array {
  const layers = lensLogits.length / vocabSize;
  if (!Number.isInteger(layers)) throw new Error(`lens logits of length ${lensLogits.length} are not rows of ${vocabSize}`);
  if (!Number.isInteger(layer) || layer < 0 || layer >= layers) throw new Error(`layer ${layer} is outside 0-${layers - 1}`);
  return lensLogits.subarray(layer * vocabSize, (layer + 1) * vocabSize);
}

/** Each layer's softmax normaliser (temperature 1): one pass over [L+1, V], shared by the table and the traces. */
export function lensNormalisers(lensLogits: Float32Array, vocabSize: number): Normaliser[] {
  const layers = lensLogits.length / vocabSize;
  return Array.from({ length: layers }, (_, layer) => normaliser(lensRow(lensLogits, vocabSize, layer)));
}

/** The top `k` tokens and their probabilities (temperature 1) for every layer, embeddings first. */
export function lensTable(lensLogits: Float32Array, vocabSize: number, k = 5, norms = lensNormalisers(lensLogits, vocabSize)): LensRow[] {
  return norms.map((norm, layer) => ({ layer, top: predictTop(lensRow(lensLogits, vocabSize, layer), k, norm) }));
}

/** Probability (temperature 1) of token `id` at every layer: [L+1]. */
export function tokenAcrossLayers(lensLogits: Float32Array, vocabSize: number, id: number, norms = lensNormalisers(lensLogits, vocabSize)): number[] {
  return norms.map((norm, layer) => tokenProbability(lensRow(lensLogits, vocabSize, layer), id, 1, norm));
}

/**
 * Direct logit difference logit[a] − logit[b] on one logits row (IOI: " Mary" − " John" at the
 * final position). Unlike probabilities it does not depend on the other 50,255 tokens.
 */
export function logitDifference(logits: ArrayLike<number>, a: number, b: number): number {
  for (const id of [a, b]) if (!Number.isInteger(id) || id < 0 || id >= logits.length) throw new Error(`token id ${id} is outside the vocabulary (0-${logits.length - 1})`);
  return logits[a] - logits[b];
}
