/**
 * The examples of the explanation this app accompanies (its §1, "words as vectors"), each with
 * the answer the article gives. The article used word2vec (GoogleNews, 300 dims); the app shows
 * where each answer actually ranks in the vectors loaded, so a claim can hold or fail visibly.
 * What each example claims, and its button's label, are in the message files under
 * analogy.presets.<id>.claim and .label.
 */
export interface Preset {
  /** Stable id: the key of its label and claim in the message files. */
  id: string;
  /** The expression as written on its button, in English words (the vectors' own). */
  label: string;
  expression: string;
  /** The article's answer. */
  expect: string;
  /** More answers the claim names (each must hold for the claim to hold). */
  alsoExpect?: string[];
}

export const ANALOGY_PRESETS: readonly Preset[] = [
  { id: 'king', label: 'king − man + woman', expression: 'king - man + woman', expect: 'queen' },
  { id: 'biggest', label: 'biggest − big + small', expression: 'biggest - big + small', expect: 'smallest' },
  { id: 'paris', label: 'Paris : France :: Berlin', expression: 'paris : france :: berlin : ?', expect: 'germany' },
  { id: 'swiss', label: 'Swiss : Switzerland :: Cambodian', expression: 'swiss : switzerland :: cambodian : ?', expect: 'cambodia' },
  { id: 'unethical', label: 'unethical : ethical :: impossible', expression: 'unethical : ethical :: impossible : ?', expect: 'possible' },
  { id: 'mice', label: 'mice − mouse + dollar', expression: 'mice - mouse + dollar', expect: 'dollars' },
  { id: 'china', label: 'France : Paris :: China', expression: 'france : paris :: china : ?', expect: 'beijing' },
  { id: 'doctor', label: 'doctor − man + woman', expression: 'doctor - man + woman', expect: 'nurse' },
  { id: 'cat', label: 'cat', expression: 'cat', expect: 'dog', alsoExpect: ['kitten', 'pet'] },
];

/** The preset matching an expression exactly, if any. */
export function findPreset(expression: string): Preset | undefined {
  const key = expression.trim().toLowerCase();
  return ANALOGY_PRESETS.find((p) => p.expression === key);
}
