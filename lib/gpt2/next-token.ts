/**
 * Next-token maths on one row of logits [V]: softmax with a temperature, the top k, and the rank
 * and probability of any token. The logit lens (logit-lens.ts) summarises each of its rows with
 * the same `predict`, so the next-token view and the lens read the graph's unembedding one way.
 */
import { encodeText, tokenPieces, type TokenPiece } from './tokenizer';

/** softmax(logits / temperature) in float64 (a float32 sum over 50,257 terms loses digits). */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new Error(`temperature must be a positive number (got ${temperature})`);
  const n = logits.length;
  if (n === 0) throw new Error('softmax of an empty row');
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += out[i] = Math.exp((logits[i] - max) / temperature);
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

export interface TokenScore {
  id: number;
  logit: number;
  prob: number;
}

/** The k highest-scoring ids of `logits`, best first; equal logits keep the lower id first. */
export function topK(logits: ArrayLike<number>, probs: ArrayLike<number>, k: number): TokenScore[] {
  const best: number[] = []; // ids, sorted best first; k is small, so insertion beats sorting V entries
  const better = (a: number, b: number) => logits[a] > logits[b] || (logits[a] === logits[b] && a < b);
  for (let i = 0; i < logits.length; i++) {
    if (best.length === k && !better(i, best[k - 1])) continue;
    let j = Math.min(best.length, k - 1);
    while (j > 0 && better(i, best[j - 1])) j--;
    best.splice(j, 0, i);
    if (best.length > k) best.pop();
  }
  return best.map((id) => ({ id, logit: logits[id], prob: probs[id] }));
}

/** 1 + the number of tokens with a strictly higher logit (ties share the better rank); temperature does not change it. */
export function tokenRank(logits: ArrayLike<number>, id: number): number {
  if (!Number.isInteger(id) || id < 0 || id >= logits.length) throw new Error(`token id ${id} is outside the vocabulary (0-${logits.length - 1})`);
  const z = logits[id];
  let above = 0;
  for (let i = 0; i < logits.length; i++) if (logits[i] > z) above++;
  return above + 1;
}

export interface Prediction {
  /** Best first. */
  top: TokenScore[];
  /** Probabilities of every token [V] at this temperature. */
  probs: Float64Array;
}

/** The one summary of a logits row [V]: probabilities at `temperature` and the top k. */
export function predict(logits: ArrayLike<number>, k: number, temperature = 1): Prediction {
  const probs = softmax(logits, temperature);
  return { top: topK(logits, probs, k), probs };
}

export interface Candidate {
  /** As typed, e.g. " Mary" (GPT-2 tokens carry their leading space). */
  text: string;
  ids: number[];
  pieces: TokenPiece[];
  /** The token scored: the first of `ids`. */
  id: number;
  /** True when the text is several tokens: only the first one is scored. */
  split: boolean;
}

/** Tokenises a typed candidate; throws on empty text. */
export function candidateToken(text: string): Candidate {
  if (!text) throw new Error('Enter a token to score, e.g. " Mary" (with its leading space).');
  const ids = encodeText(text);
  return { text, ids, pieces: tokenPieces(text, ids), id: ids[0], split: ids.length > 1 };
}
