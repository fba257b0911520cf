/**
 * Which map labels matter most, in order: the label placer (label-placement.ts) keeps the first
 * ones where they fit and drops later ones that would overlap them.
 *
 *   1. the selected word, then its highlighted neighbours (closest first)
 *   2. the centre of a neighbours map
 *   3. words joined by analogy arrows
 *   4. search matches (most frequent first)
 *   5. a neighbours map's nearest words (map order)
 *   6. every other word, most frequent first (the set's row order is its frequency rank)
 */

/** On a neighbours map, how many of the nearest words come before the rest. */
export const NEAREST_FIRST = 10;

export interface LabelOrderInput {
  /** Points on the map. */
  n: number;
  /** Each point's frequency rank (its row in the set: lower = more frequent). */
  rank: ArrayLike<number>;
  /** The selected point, or −1. */
  selected: number;
  /** The selected word's highlighted neighbours, closest first. */
  highlighted: readonly number[];
  /** Points at either end of an analogy arrow. */
  arrows: readonly number[];
  /** Search matches, or null without a search. */
  matches: readonly number[] | null;
  /** A neighbours map: point 0 is the centre, then its nearest in order. */
  centred: boolean;
}

/** Every point once, most important first. */
export function labelOrder(input: LabelOrderInput): number[] {
  const { n, rank } = input;
  const seen = new Uint8Array(n);
  const out: number[] = [];
  const add = (i: number) => {
    if (i >= 0 && i < n && !seen[i]) {
      seen[i] = 1;
      out.push(i);
    }
  };
  const byRank = (list: readonly number[]) => [...list].sort((a, b) => rank[a] - rank[b] || a - b);

  add(input.selected);
  input.highlighted.forEach(add);
  if (input.centred) add(0);
  input.arrows.forEach(add);
  if (input.matches) byRank(input.matches).forEach(add);
  if (input.centred) for (let i = 1; i <= NEAREST_FIRST && i < n; i++) add(i);
  byRank(Array.from({ length: n }, (_, i) => i)).forEach(add);
  return out;
}
