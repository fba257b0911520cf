/**
 * A word's nearest neighbours among the words of a map, by cosine in the original space (not on
 * the map): what the map highlights after a click and what the word panel lists beside it.
 * Runs on the page from the map's unit rows (a few milliseconds for 10,000 × 100).
 */
import { dotAt } from '../vectors/kernels';

/** Neighbours highlighted by default, and the slider's range. */
export const DEFAULT_MAP_NEIGHBOURS = 10;
export const MAX_MAP_NEIGHBOURS = 50;

export interface MapNeighbours {
  /** Map indices of the k nearest other words, closest first (ties: lower index first). */
  indices: number[];
  /** Their cosine similarity to the word, same order. */
  scores: number[];
}

/**
 * The k words of the map closest to word `index` (itself excluded). `unit` holds n × dims unit
 * rows, so a dot product is the cosine. k is clamped to n − 1; an index outside the map throws.
 */
export function nearestOnMap(unit: Float32Array, n: number, dims: number, index: number, k: number): MapNeighbours {
  if (unit.length < n * dims) throw new RangeError(`nearestOnMap: unit has ${unit.length} values, need ${n * dims} (${n} rows × ${dims})`);
  if (!(Number.isInteger(index) && index >= 0 && index < n)) throw new RangeError(`nearestOnMap: word index ${index} is not on a map of ${n} words`);
  const want = Math.max(0, Math.min(Math.floor(k), n - 1));
  // Keep the best `want` in a small sorted list (k ≤ 50, so insertion beats a heap).
  const indices: number[] = [];
  const scores: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j === index || want === 0) continue;
    const s = dotAt(unit, index * dims, unit, j * dims, dims);
    if (indices.length === want && s <= scores[want - 1]) continue;
    let at = Math.min(indices.length, want - 1);
    while (at > 0 && scores[at - 1] < s) at--;
    indices.splice(at, 0, j);
    scores.splice(at, 0, s);
    if (indices.length > want) {
      indices.pop();
      scores.pop();
    }
  }
  return { indices, scores };
}
