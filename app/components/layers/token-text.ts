import { tokenText } from '@/lib/gpt2/tokenizer';

/** Spaces shown as "·" and newlines as "↵", so that GPT-2's leading-space tokens (" Mary") are visible. */
export const showToken = (text: string) => text.replace(/ /g, '·').replace(/\n/g, '↵');

const cache = new Map<number, string>();
/** A vocabulary id as shown (cached: the lens table asks for the same ids again and again). */
export function shownId(id: number): string {
  let t = cache.get(id);
  if (t === undefined) cache.set(id, (t = showToken(tokenText(id))));
  return t;
}

/** A probability as people read it: "12.3%", "0.05%", "< 0.01%" (never "4.5e-32%"), "0%" only for zero. */
export function formatProbability(p: number): string {
  if (p >= 0.001) return `${(100 * p).toFixed(1)}%`;
  if (p >= 0.0001) return `${(100 * p).toFixed(2)}%`;
  return p > 0 ? '< 0.01%' : '0%';
}
