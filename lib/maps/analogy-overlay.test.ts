import { describe, expect, it } from 'vitest';
import { findPairSet, pairArrows, pairWords, PAIR_SETS } from './analogy-overlay';

describe('analogy overlay', () => {
  it('draws an arrow for each pair with both words on the map, case-insensitively', () => {
    const gender = findPairSet('gender')!;
    const arrows = pairArrows(['King', 'man', 'queen', 'woman', 'uncle'], gender);
    expect(arrows).toEqual([
      { from: 1, to: 3, label: 'man → woman' },
      { from: 0, to: 2, label: 'king → queen' },
    ]);
  });

  it('lists the words of every pair set, every pair complete', () => {
    for (const set of PAIR_SETS) {
      expect(pairWords(set).length).toBe(set.pairs.length * 2);
      for (const p of set.pairs) expect(p.from && p.to).toBeTruthy();
    }
    expect(findPairSet('nope')).toBeUndefined();
  });
});
