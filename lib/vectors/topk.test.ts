import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../random';
import { countRankJs, rankOf, highestScoringRows } from './topk';

/** Brute force: sort every (id, score) by score desc, id asc. */
function bruteTopK(scores: number[], k: number, exclude: Set<number>) {
  return scores
    .map((score, id) => ({ id, score }))
    .filter((x) => !exclude.has(x.id))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k);
}


describe('highestScoringRows(scores, n, k, exclude)', () => {
  it('matches a full sort on random data, with ties and exclusions', () => {
    const rand = seeded(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 500);
      // Few distinct values so ties are common.
      const scores = Array.from({ length: n }, () => Math.round(rand() * 20) / 20);
      const exclude = new Set(Array.from({ length: 3 }, () => Math.floor(rand() * n)));
      const k = 1 + Math.floor(rand() * 15);
      expect(highestScoringRows(Float32Array.from(scores), n, k, exclude)).toEqual(bruteTopK(Array.from(Float32Array.from(scores)), k, exclude));
    }
  });

  it('only looks at the first n scores and returns fewer than k when there are fewer', () => {
    expect(highestScoringRows(Float32Array.of(0.25, 0.75, 0.5, 1.0), 3, 10)).toEqual([
      { id: 1, score: 0.75 },
      { id: 2, score: 0.5 },
      { id: 0, score: 0.25 },
    ]);
  });

  it('returns [] for k = 0 or n = 0, and skips NaN', () => {
    expect(highestScoringRows(Float32Array.of(1, 2), 2, 0)).toEqual([]);
    expect(highestScoringRows(Float32Array.of(1, 2), 0, 3)).toEqual([]);
    expect(highestScoringRows(Float32Array.of(NaN, 0.5), 2, 2)).toEqual([{ id: 1, score: 0.5 }]);
  });
});

describe('rankOf(scores, n, id, exclude)', () => {
  it('agrees with the position in a full sort', () => {
    const rand = seeded(11);
    const scores = Array.from({ length: 300 }, () => Math.fround(Math.round(rand() * 30) / 30));
    const exclude = new Set([5, 17]);
    const order = bruteTopK(scores, 300, exclude);
    for (const id of [0, 1, 100, 299]) {
      expect(rankOf(Float32Array.from(scores), 300, id, exclude)).toBe(order.findIndex((x) => x.id === id) + 1);
    }
  });
});

describe('countRankJs(scores, n, t, before)', () => {
  it('counts higher scores anywhere and equal scores before the index', () => {
    const scores = Float32Array.of(0.5, 0.9, 0.5, 0.1, 0.5, 0.7);
    expect(countRankJs(scores, 6, 0.5, 2)).toBe(2 + 1); // 0.9, 0.7 above; the 0.5 at index 0
    expect(countRankJs(scores, 6, 0.5, 0)).toBe(2);
    expect(countRankJs(scores, 3, 0.5, 2)).toBe(1 + 1); // only rows 0..2 count
    expect(countRankJs(Float32Array.of(NaN, 1), 2, 0, 2)).toBe(1); // NaN never counts
  });
});
