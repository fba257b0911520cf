/**
 * Next-token maths on one row of logits [V]: softmax with a temperature, the top k, and the rank
 * and probability of any token. The logit lens (logit-lens.ts) summarises each of its rows with
 * the same `predict`, so the next-token view and the lens read the graph's unembedding one way.
 */
import { Gpt2Error } from './errors';
import { encodeText, tokenPieces, type TokenPiece } from './tokenizer';

export interface Normaliser {
  max: number;
  sum: number;
}

/** softmax's denominator for a row: its max and Σ exp((z − max) / temperature), in float64. */
export function normaliser(logits: ArrayLike<number>, temperature = 1): Normaliser {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new Error(`temperature must be a positive number (got ${temperature})`);
  if (logits.length === 0) throw new Error('softmax of an empty row');
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] - max) / temperature);
  return { max, sum };
}

/**
 * softmax(logits / temperature) in float64 (a float32 sum over 50,257 terms loses digits).
 * Every probability in the app is exp((z − max) / T) / sum with the same normaliser, so the
 * next-token view and the logit lens's last row give the same numbers.
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const { max, sum } = normaliser(logits, temperature);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = Math.exp((logits[i] - max) / temperature) / sum;
  return out;
}

/** One token's probability, without the [V] array; pass the row's normaliser when it is already known. */
export function tokenProbability(logits: ArrayLike<number>, id: number, temperature = 1, norm = normaliser(logits, temperature)): number {
  return Math.exp((logits[id] - norm.max) / temperature) / norm.sum;
}

export interface TokenScore {
  id: number;
  logit: number;
  prob: number;
}

/** The k highest-scoring ids of `logits`, best first; equal logits keep the lower id first. `probs`: an array, or a function of the id. */
export function highestLogitTokens(logits: ArrayLike<number>, probs: ArrayLike<number> | ((id: number) => number), k: number): TokenScore[] {
  const best: number[] = []; // ids, sorted best first; k is small, so insertion beats sorting V entries
  const better = (a: number, b: number) => logits[a] > logits[b] || (logits[a] === logits[b] && a < b);
  for (let i = 0; i < logits.length; i++) {
    if (best.length === k && !better(i, best[k - 1])) continue;
    let j = Math.min(best.length, k - 1);
    while (j > 0 && better(i, best[j - 1])) j--;
    best.splice(j, 0, i);
    if (best.length > k) best.pop();
  }
  const probOf = typeof probs === 'function' ? probs : (id: number) => probs[id];
  return best.map((id) => ({ id, logit: logits[id], prob: probOf(id) }));
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
  return { top: highestLogitTokens(logits, probs, k), probs };
}

/** The top k at temperature 1 without the [V] probabilities: what each logit-lens row needs. */
export function predictTop(logits: ArrayLike<number>, k: number, norm = normaliser(logits, 1)): TokenScore[] {
  return highestLogitTokens(logits, (id) => tokenProbability(logits, id, 1, norm), k);
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
  if (!text) throw new Gpt2Error('emptyCandidate', {}, 'Enter a token to score, e.g. " Mary" (with its leading space).');
  const ids = encodeText(text);
  return { text, ids, pieces: tokenPieces(text, ids), id: ids[0], split: ids.length > 1 };
}
