import { describe, expect, it } from 'vitest';
import { encodeText } from '../gpt2/tokenizer';
import { biggestGain, lensRanks, readPair, readToken, topTokens } from './gpt2-readouts';

const V = 50257;
const id = (text: string) => encodeText(text)[0];

/** A logits row of zeros with the given ids raised. */
function row(raise: Record<number, number>): Float32Array {
  const r = new Float32Array(V);
  for (const [k, v] of Object.entries(raise)) r[Number(k)] = v;
  return r;
}

describe('readPair(logits, a, b)', () => {
  it('gives both tokens’ probabilities and ranks and the logit difference a − b', () => {
    const logits = row({ [id(' Mary')]: 5, [id(' John')]: 3 });
    const r = readPair(logits, ' Mary', ' John');
    expect(r.a).toMatchObject({ text: ' Mary', id: id(' Mary'), rank: 1, split: false });
    expect(r.b.rank).toBe(2);
    expect(r.diff).toBeCloseTo(2, 6);
    const z = Math.exp(5) + Math.exp(3) + (V - 2);
    expect(r.a.prob).toBeCloseTo(Math.exp(5) / z, 10);
  });
  it('scores only the first token of a split candidate and says so', () => {
    expect(readToken(row({}), ' cheque').split).toBe(true);
  });
});

describe('topTokens(logits, k)', () => {
  it('lists the k most likely tokens with their text, best first', () => {
    const t = topTokens(row({ [id(' sugar')]: 9, [id(' milk')]: 8 }), 2);
    expect(t.map((x) => x.text)).toEqual([' sugar', ' milk']);
    expect(t[0].prob).toBeGreaterThan(t[1].prob);
  });
});

describe('lensRanks(lensLogits, V, ids)', () => {
  it('gives each layer’s best guess and the rank of each tracked token', () => {
    const warsaw = id(' Warsaw');
    const poland = id(' Poland');
    const lens = new Float32Array(3 * V);
    lens.set(row({ [poland]: 2 }), 0);
    lens.set(row({ [poland]: 3, [warsaw]: 2 }), V);
    lens.set(row({ [warsaw]: 4, [poland]: 1 }), 2 * V);
    const layers = lensRanks(lens, V, [warsaw, poland]);
    expect(layers.map((l) => l.best.text)).toEqual([' Poland', ' Poland', ' Warsaw']);
    expect(layers.map((l) => l.ranks)).toEqual([
      [2, 1],
      [2, 1],
      [1, 2],
    ]);
  });
});

describe('biggestGain(ranks)', () => {
  it('finds the block that raised the rank most, by ratio', () => {
    expect(biggestGain([5000, 4000, 300, 250, 1])).toMatchObject({ block: 3, before: 250, after: 1 });
    expect(biggestGain([100, 10, 1])).toMatchObject({ block: 0 }); // equal ratios: the earlier block
  });
  it('reports a gain ≤ 0 when no block raised the token, and refuses fewer than two layers', () => {
    expect(biggestGain([1, 2, 3]).gain).toBeLessThanOrEqual(0);
    expect(() => biggestGain([1])).toThrow(/at least two/);
  });
});
