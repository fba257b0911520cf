/**
 * The article's examples the walk's vector steps run, taken from the analogy page's presets
 * (lib/presets.ts) so both show the same expressions with the same expected answers.
 */
import { findPreset, type Preset } from '../presets';

/** The six analogies the explanation lists (word2vec, 2013), the headline one first. */
export const ARTICLE_ANALOGIES = [
  'king - man + woman',
  'biggest - big + small',
  'swiss : switzerland :: cambodian : ?',
  'paris : france :: berlin : ?',
  'unethical : ethical :: impossible : ?',
  'mice - mouse + dollar',
] as const;

/** The bias example: doctor − man + woman ≈ nurse "in some models". */
export const BIAS_EXAMPLE = 'doctor - man + woman';

/** The neighbours example: cat, with dog, kitten and pet named by the explanation. */
export const NEIGHBOURS_EXAMPLE = 'cat';

/** The preset of an expression the walk uses; a missing one is a bug in this file. */
export function walkPreset(expression: string): Preset {
  const preset = findPreset(expression);
  if (!preset) throw new Error(`lib/presets.ts has no preset "${expression}" for the walk`);
  return preset;
}
