/**
 * Choosing the next token from one row of logits [V]: greedy (the argmax), or sampled from
 * softmax(logits / temperature) restricted to the top k tokens and then to the smallest set whose
 * probabilities add up to top p — the order Hugging Face's `generate` applies them in. The random
 * source is passed in, so the same seed gives the same text.
 */
import { Gpt2Error } from './errors';
import { normaliser } from './next-token';

export interface SamplingOptions {
  /** 'greedy' always takes the most likely token (ties: the lower id); 'sample' draws one. */
  mode: 'greedy' | 'sample';
  /** > 0; divides the logits before the softmax. */
  temperature: number;
  /** Keep only the k most likely tokens; 0 = no limit. */
  topK: number;
  /** Keep the smallest set of most likely tokens whose probabilities reach p; 1 = no limit. */
  topP: number;
}

export const DEFAULT_SAMPLING: SamplingOptions = { mode: 'greedy', temperature: 1, topK: 50, topP: 0.95 };

/** Refuses options that would make sampling undefined; the message names the value and the range. */
export function checkSampling(o: SamplingOptions): void {
  if (o.mode !== 'greedy' && o.mode !== 'sample') throw new Error(`sampling mode must be "greedy" or "sample" (got ${JSON.stringify(o.mode)})`);
  if (!(o.temperature > 0) || !Number.isFinite(o.temperature)) {
    throw new Gpt2Error('badTemperature', { value: String(o.temperature) }, `temperature must be a positive number (got ${o.temperature})`);
  }
  if (!Number.isInteger(o.topK) || o.topK < 0) throw new Error(`top-k must be a whole number ≥ 0, 0 meaning no limit (got ${o.topK})`);
  if (!(o.topP > 0 && o.topP <= 1)) throw new Error(`top-p must be in (0, 1] (got ${o.topP})`);
}

/** The index of the largest logit; ties go to the lower id (as the next-token list ranks them). */
export function argmax(logits: ArrayLike<number>): number {
  if (logits.length === 0) throw new Error('argmax of an empty row');
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}

export interface Candidates {
  /** Token ids the draw chooses from, most likely first. */
  ids: number[];
  /** Their probabilities renormalised over the kept set (sum 1). */
  probs: number[];
}

/**
 * The tokens a sampled step chooses from and their probabilities: softmax(logits / temperature),
 * cut to the top k, then to the shortest prefix (most likely first) whose mass reaches top p.
 */
export function samplingCandidates(logits: ArrayLike<number>, o: Pick<SamplingOptions, 'temperature' | 'topK' | 'topP'>): Candidates {
  const V = logits.length;
  const { max, sum } = normaliser(logits, o.temperature);
  const k = o.topK > 0 ? Math.min(o.topK, V) : V;
  // Sort ids by logit, best first (ties: lower id); with a top-k limit only the k best are needed.
  let order: number[];
  if (k < V) {
    order = [];
    for (let i = 0; i < V; i++) {
      if (order.length === k && logits[i] <= logits[order[k - 1]]) continue;
      let j = Math.min(order.length, k - 1);
      while (j > 0 && logits[i] > logits[order[j - 1]]) j--;
      order.splice(j, 0, i);
      if (order.length > k) order.pop();
    }
  } else {
    order = Array.from({ length: V }, (_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  }
  const p = order.map((id) => Math.exp((logits[id] - max) / o.temperature) / sum);
  const keptMass = p.reduce((a, b) => a + b, 0);
  // Top p applies to the distribution renormalised over the top k (as Hugging Face's warpers do).
  let n = 0;
  let mass = 0;
  while (n < order.length && (n === 0 || mass < o.topP * keptMass)) mass += p[n++];
  return { ids: order.slice(0, n), probs: p.slice(0, n).map((x) => x / mass) };
}

/** The next token: the argmax when greedy, else one draw from `samplingCandidates` with `random()` in [0, 1). */
export function sampleToken(logits: ArrayLike<number>, o: SamplingOptions, random: () => number): number {
  checkSampling(o);
  if (o.mode === 'greedy') return argmax(logits);
  const { ids, probs } = samplingCandidates(logits, o);
  const u = random();
  let acc = 0;
  for (let i = 0; i < ids.length; i++) {
    acc += probs[i];
    if (u < acc) return ids[i];
  }
  return ids[ids.length - 1]; // u within rounding of 1
}
