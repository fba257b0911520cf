/**
 * What the walk's GPT-2 steps read off a run: two candidate tokens against each other (IOI,
 * popcorn), the top next tokens (coffee), and each layer's rank of a token under the logit lens
 * with the block that raised it most (capital of Poland). It needs GPT-2's tokenizer (about 1 MB
 * of vocabulary), so the page imports it only once a GPT-2 result has arrived.
 */
import { lensRow, logitDifference } from '../gpt2/logit-lens';
import { candidateToken, normaliser, predictTop, tokenProbability, tokenRank } from '../gpt2/next-token';
import { tokenText } from '../gpt2/tokenizer';

export interface TokenReadout {
  /** As given, with its leading space (" Mary"). */
  text: string;
  id: number;
  /** True when the text is several tokens: only the first is scored. */
  split: boolean;
  prob: number;
  rank: number;
}

/** One candidate's probability and rank on a logits row [V]. */
export function readToken(logits: Float32Array, text: string): TokenReadout {
  const c = candidateToken(text);
  return { text, id: c.id, split: c.split, prob: tokenProbability(logits, c.id), rank: tokenRank(logits, c.id) };
}

export interface PairReadout {
  a: TokenReadout;
  b: TokenReadout;
  /** logit(a) − logit(b): positive when the model prefers a. */
  diff: number;
}

/** Two candidate next tokens against each other on a logits row [V]. */
export function readPair(logits: Float32Array, a: string, b: string): PairReadout {
  const ra = readToken(logits, a);
  const rb = readToken(logits, b);
  return { a: ra, b: rb, diff: logitDifference(logits, ra.id, rb.id) };
}

export interface TopToken {
  id: number;
  text: string;
  prob: number;
}

/** The k most likely next tokens on a logits row [V], best first. */
export function topTokens(logits: Float32Array, k: number): TopToken[] {
  return predictTop(logits, k).map((t) => ({ id: t.id, text: tokenText(t.id), prob: t.prob }));
}

export interface LensLayer {
  /** 0 = the embeddings, l = after block l − 1. */
  layer: number;
  /** The best guess at this layer. */
  best: TopToken;
  /** The rank of each tracked token at this layer, in the order asked. */
  ranks: number[];
}

/** Under the logit lens [(L+1)·V]: each layer's best guess and the ranks of the tracked token ids. */
export function lensRanks(lensLogits: Float32Array, vocabSize: number, ids: readonly number[]): LensLayer[] {
  const layers = lensLogits.length / vocabSize;
  return Array.from({ length: layers }, (_, layer) => {
    const row = lensRow(lensLogits, vocabSize, layer);
    const norm = normaliser(row);
    const [top] = predictTop(row, 1, norm);
    return { layer, best: { id: top.id, text: tokenText(top.id), prob: top.prob }, ranks: ids.map((id) => tokenRank(row, id)) };
  });
}

/**
 * The block whose output raised a token's rank the most: block b turns layer b into layer b + 1,
 * and its gain is log(rank before) − log(rank after). Ranks are per layer, embeddings first (at
 * least two). Ties go to the earlier block. The gain may be ≤ 0 when no block raised the token.
 */
export function biggestGain(ranks: readonly number[]): { block: number; before: number; after: number; gain: number } {
  if (ranks.length < 2) throw new Error(`need the ranks of at least two layers, got ${ranks.length}`);
  let best = { block: 0, before: ranks[0], after: ranks[1], gain: Math.log(ranks[0]) - Math.log(ranks[1]) };
  for (let b = 1; b + 1 < ranks.length; b++) {
    const gain = Math.log(ranks[b]) - Math.log(ranks[b + 1]);
    if (gain > best.gain) best = { block: b, before: ranks[b], after: ranks[b + 1], gain };
  }
  return best;
}
