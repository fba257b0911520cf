/**
 * The layers page's state from its URL (?p, ?tok, ?temp, ?pos, ?layer, ?head, ?ablate and the
 * Continue settings ?gen, ?sample, ?gtemp, ?topk, ?topp, ?seed). Pure (no React), so the page and
 * the unit tests share it; a URL can hold anything, so every value is checked.
 */
import { MAX_NEW_TOKENS } from '../gpt2/generate';
import type { SamplingOptions } from '../gpt2/sampling';

/** How "Continue" adds tokens. */
export interface ContinueSettings extends SamplingOptions {
  count: number;
  seed: number;
}

export interface LayersState {
  prompt: string;
  /** Candidate next tokens as typed (leading spaces matter). */
  tokens: string[];
  temperature: number;
  /** Token index the lens reads and the attention views start from; -1 = the last token. */
  position: number;
  /** The head shown large. */
  layer: number;
  head: number;
  /** Applied ablations, canonical ("9.6,9.9,mlp3"). */
  ablation: string;
  /** How "Continue" adds tokens. */
  continuation: ContinueSettings;
}

export const DEFAULT_CONTINUATION: ContinueSettings = { count: 20, mode: 'greedy', temperature: 0.8, topK: 50, topP: 0.95, seed: 1 };

/** A whole number from the URL, else the fallback: 400 digits are Infinity, 17 are no longer exact. */
const int = (v: string | null, fallback: number) => {
  const n = v !== null && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n || 0 : fallback;
};
/** A number from the URL inside [min, max], else the fallback. */
const within = (v: string | null, min: number, max: number, fallback: number) => {
  const n = v === null ? NaN : Number(v);
  return n >= min && n <= max ? n : fallback;
};

/** The page's state from its URL, with `preset`'s prompt and tokens when the URL has no prompt. */
export function layersStateFrom(params: URLSearchParams, preset: { prompt: string; tokens: string[] }): LayersState {
  const prompt = params.get('p');
  const temperature = Number(params.get('temp'));
  return {
    prompt: prompt ?? preset.prompt,
    tokens: prompt !== null ? params.getAll('tok') : preset.tokens,
    temperature: temperature >= 0.1 && temperature <= 2 ? temperature : 1, // the slider's range
    position: int(params.get('pos'), -1),
    layer: int(params.get('layer'), 0),
    head: int(params.get('head'), 0),
    ablation: params.get('ablate') ?? '',
    continuation: {
      count: Math.round(within(params.get('gen'), 1, MAX_NEW_TOKENS, DEFAULT_CONTINUATION.count)),
      mode: params.get('sample') === '1' ? 'sample' : 'greedy',
      temperature: within(params.get('gtemp'), 0.05, 5, DEFAULT_CONTINUATION.temperature),
      topK: Math.round(within(params.get('topk'), 0, 50257, DEFAULT_CONTINUATION.topK)),
      topP: within(params.get('topp'), 0.01, 1, DEFAULT_CONTINUATION.topP),
      seed: Math.round(within(params.get('seed'), 0, 2 ** 31, DEFAULT_CONTINUATION.seed)),
    },
  };
}
