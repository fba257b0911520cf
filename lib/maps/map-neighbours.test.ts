import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { nearestOnMap } from './map-neighbours';

function unitRows(n: number, dims: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const rows = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (rows[i * dims + d] = random() - 0.5) ** 2;
    for (let d = 0; d < dims; d++) rows[i * dims + d] /= Math.sqrt(norm);
  }
  return rows;
}

describe('nearestOnMap(unit, n, dims, index, k)', () => {
  it('gives the k most cosine-similar other words, closest first, as a full sort does', () => {
    const n = 300;
    const dims = 12;
    const rows = unitRows(n, dims, 3);
    for (const [index, k] of [[0, 10], [17, 1], [299, 50]]) {
      const got = nearestOnMap(rows, n, dims, index, k);
      const cos = (j: number) => {
        let s = 0;
        for (let d = 0; d < dims; d++) s += rows[index * dims + d] * rows[j * dims + d];
        return s;
      };
      const expected = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== index)
        .sort((a, b) => cos(b) - cos(a) || a - b)
        .slice(0, k);
      expect(got.indices).toEqual(expected);
      expect(got.scores.map((s) => s.toFixed(6))).toEqual(expected.map((j) => cos(j).toFixed(6)));
    }
  });

  it('never lists the word itself, clamps k to the other words, and breaks ties by lower index', () => {
    const rows = new Float32Array([1, 0, 1, 0, 1, 0, 0, 1]); // words 0–2 identical, 3 orthogonal
    expect(nearestOnMap(rows, 4, 2, 1, 2).indices).toEqual([0, 2]);
    expect(nearestOnMap(rows, 4, 2, 1, 99).indices).toEqual([0, 2, 3]);
    expect(nearestOnMap(rows, 4, 2, 1, 0).indices).toEqual([]);
  });

  it('refuses a word that is not on the map', () => {
    expect(() => nearestOnMap(new Float32Array(4), 2, 2, 2, 1)).toThrow(/not on a map of 2 words/);
  });
});
