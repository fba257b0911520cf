/**
 * The context page's state from its URL (?target, ?s and ?sense per sentence, ?pool). Pure (no
 * React), so the page and the unit tests share it.
 */
import type { Pooling } from '../gpt2/tokenizer';

export interface ContextSentence {
  text: string;
  /** Sense label; '' = none. */
  sense: string;
}

export interface ContextState {
  target: string;
  sentences: ContextSentence[];
  pooling: Pooling;
}

/** The page's state from its URL, or `preset`'s target and sentences when the URL has no sentence. */
export function contextStateFrom(params: URLSearchParams, preset: { target: string; sentences: ContextSentence[] }): ContextState {
  const sentences = params.getAll('s');
  const senses = params.getAll('sense');
  const pooling = params.get('pool') === 'mean' ? 'mean' : 'last';
  return sentences.length
    ? { target: params.get('target') ?? '', sentences: sentences.map((text, i) => ({ text, sense: senses[i] ?? '' })), pooling }
    : { target: preset.target, sentences: preset.sentences, pooling };
}
