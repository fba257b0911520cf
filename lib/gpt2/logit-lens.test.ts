import { describe, expect, it } from 'vitest';
import { lensRow, lensTable, logitDifference, tokenAcrossLayers } from './logit-lens';

// Three layers over a 4-token vocabulary, written so each row's softmax is known by hand.
const V = 4;
const lens = Float32Array.from([
  [0, 0, 0, 0], // uniform: 1/4 each
  [Math.log(1), Math.log(2), Math.log(3), Math.log(4)], // 1/10 .. 4/10
  [5, 0, 0, 5], // ties: tokens 0 and 3 at e^5/(2e^5+2)
].flat());

describe('logit lens table', () => {
  it('one row per layer with the top k and their probabilities (temperature 1)', () => {
    const rows = lensTable(lens, V, 2);
    expect(rows.map((r) => r.layer)).toEqual([0, 1, 2]);
    expect(rows[0].top.map((t) => [t.id, t.prob])).toEqual([
      [0, 0.25],
      [1, 0.25],
    ]);
    expect(rows[1].top.map((t) => t.id)).toEqual([3, 2]);
    expect(rows[1].top[0].prob).toBeCloseTo(0.4, 7);
    expect(rows[1].top[1].prob).toBeCloseTo(0.3, 7);
    const e5 = Math.exp(5);
    expect(rows[2].top.map((t) => t.id)).toEqual([0, 3]);
    expect(rows[2].top[0].prob).toBeCloseTo(e5 / (2 * e5 + 2), 12);
  });

  it('traces one token across layers', () => {
    const p = tokenAcrossLayers(lens, V, 3);
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.4, 7);
    expect(p[2]).toBeCloseTo(Math.exp(5) / (2 * Math.exp(5) + 2), 12);
  });

  it('lensRow is a view of one row and checks its arguments', () => {
    expect([...lensRow(lens, V, 2)]).toEqual([5, 0, 0, 5]);
    expect(lensRow(lens, V, 1).buffer).toBe(lens.buffer);
    expect(() => lensRow(lens, V, 3)).toThrow('layer 3 is outside 0-2');
    expect(() => lensRow(lens, 5, 0)).toThrow('are not rows of 5');
  });
});

describe('logitDifference', () => {
  it('is logit[a] − logit[b]', () => {
    expect(logitDifference([1.5, -2, 7], 2, 1)).toBe(9);
    expect(logitDifference([1.5, -2, 7], 1, 2)).toBe(-9);
    expect(() => logitDifference([1, 2], 0, 2)).toThrow('token id 2 is outside the vocabulary (0-1)');
  });
});
