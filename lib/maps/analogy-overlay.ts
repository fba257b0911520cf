/**
 * Analogy overlays: pairs of words (man → woman, france → paris) drawn as arrows on a map, so
 * the near-parallelograms behind "king − man + woman ≈ queen" can be seen — or seen to bend.
 */
export interface WordPair {
  from: string;
  to: string;
}

export interface PairSet {
  /** Stable id (in the URL); its name is in the message files, map.pairSets.<id>. */
  id: string;
  pairs: WordPair[];
}

const pairs = (text: string): WordPair[] =>
  text.split(',').map((p) => {
    const [from, to] = p.trim().split('>');
    return { from, to };
  });

export const PAIR_SETS: PairSet[] = [
  { id: 'gender', pairs: pairs('man>woman,king>queen,uncle>aunt,brother>sister,nephew>niece,father>mother,son>daughter,boy>girl,he>she') },
  { id: 'capitals', pairs: pairs('france>paris,germany>berlin,italy>rome,spain>madrid,japan>tokyo,china>beijing,russia>moscow,egypt>cairo,greece>athens') },
  { id: 'comparative', pairs: pairs('big>bigger,small>smaller,good>better,bad>worse,strong>stronger,cold>colder,young>younger,high>higher') },
  { id: 'plural', pairs: pairs('mouse>mice,dollar>dollars,car>cars,child>children,woman>women,city>cities,country>countries') },
];

export function findPairSet(id: string): PairSet | undefined {
  return PAIR_SETS.find((p) => p.id === id);
}

/** An arrow between two points of a map (indices into its word list). */
export interface Arrow {
  from: number;
  to: number;
  label: string;
}

/** Arrows for the pairs whose two words are both on the map (case-insensitive match). */
export function pairArrows(words: readonly string[], pairSet: PairSet): Arrow[] {
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    const key = w.toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const arrows: Arrow[] = [];
  for (const { from, to } of pairSet.pairs) {
    const a = index.get(from.toLowerCase());
    const b = index.get(to.toLowerCase());
    if (a !== undefined && b !== undefined) arrows.push({ from: a, to: b, label: `${from} → ${to}` });
  }
  return arrows;
}

/** Every word of a pair set, in order (to add them to a map). */
export function pairWords(pairSet: PairSet): string[] {
  return pairSet.pairs.flatMap((p) => [p.from, p.to]);
}
