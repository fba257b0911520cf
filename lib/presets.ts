/**
 * The examples of the explanation this app accompanies (its §1, "words as vectors"), each with
 * the answer the article gives. The article used word2vec (GoogleNews, 300 dims); the app shows
 * where each answer actually ranks in the vectors loaded, so a claim can hold or fail visibly.
 */
export interface Preset {
  /** Short label for the button. */
  label: string;
  expression: string;
  /** The article's answer. */
  expect: string;
  /** More answers the claim names (each must hold for the claim to hold). */
  alsoExpect?: string[];
  /** What the example is meant to show. */
  claim: string;
}

export const ANALOGY_PRESETS: readonly Preset[] = [
  { label: 'king − man + woman', expression: 'king - man + woman', expect: 'queen', claim: 'man : woman :: king : queen' },
  { label: 'biggest − big + small', expression: 'biggest - big + small', expect: 'smallest', claim: 'a superlative is an offset, too' },
  { label: 'Paris : France :: Berlin', expression: 'paris : france :: berlin : ?', expect: 'germany', claim: 'Paris : France :: Berlin : Germany' },
  { label: 'Swiss : Switzerland :: Cambodian', expression: 'swiss : switzerland :: cambodian : ?', expect: 'cambodia', claim: 'Swiss : Switzerland :: Cambodian : Cambodia' },
  { label: 'unethical : ethical :: impossible', expression: 'unethical : ethical :: impossible : ?', expect: 'possible', claim: 'removing a negating prefix' },
  { label: 'mice − mouse + dollar', expression: 'mice - mouse + dollar', expect: 'dollars', claim: 'mouse : mice :: dollar : dollars (plurals)' },
  { label: 'France : Paris :: China', expression: 'france : paris :: china : ?', expect: 'beijing', claim: 'country → capital' },
  { label: 'doctor − man + woman', expression: 'doctor - man + woman', expect: 'nurse', claim: 'vectors inherit human bias' },
  { label: 'cat (neighbours)', expression: 'cat', expect: 'dog', alsoExpect: ['kitten', 'pet'], claim: 'similar words sit close together: dog, kitten, pet' },
];

/** The preset matching an expression exactly, if any. */
export function findPreset(expression: string): Preset | undefined {
  const key = expression.trim().toLowerCase();
  return ANALOGY_PRESETS.find((p) => p.expression === key);
}
