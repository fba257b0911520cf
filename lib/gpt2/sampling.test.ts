import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { argmax, checkSampling, sampleToken, samplingCandidates, type SamplingOptions } from './sampling';

/** The same filter written the slow, obvious way: full softmax, full sort, cut by k, then by p. */
function bruteForce(logits: number[], temperature: number, topK: number, topP: number) {
  const z = logits.map((x) => x / temperature);
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const total = e.reduce((a, b) => a + b, 0);
  let order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  if (topK > 0) order = order.slice(0, topK);
  const p = order.map((i) => e[i] / total);
  const kept = p.reduce((a, b) => a + b, 0);
  const renorm = p.map((x) => x / kept);
  const ids: number[] = [];
  let mass = 0;
  for (let i = 0; i < order.length; i++) {
    ids.push(order[i]);
    mass += renorm[i];
    if (mass >= topP) break;
  }
  const keptP = ids.map((_, i) => renorm[i]);
  const s = keptP.reduce((a, b) => a + b, 0);
  return { ids, probs: keptP.map((x) => x / s) };
}

const sample: SamplingOptions = { mode: 'sample', temperature: 1, topK: 0, topP: 1 };

describe('argmax', () => {
  it('takes the largest logit and breaks ties towards the lower id', () => {
    expect(argmax([0, 3, 1, 3])).toBe(1);
    expect(argmax([-5])).toBe(0);
    expect(() => argmax([])).toThrow(/empty/);
  });
});

describe('samplingCandidates(logits, options) matches a brute-force filter', () => {
  const rand = seededRandom(7);
  const logits = Array.from({ length: 300 }, () => (rand() - 0.5) * 12);
  logits[17] = logits[42]; // a tie
  for (const [temperature, topK, topP] of [
    [1, 0, 1],
    [0.7, 50, 0.9],
    [1.5, 10, 1],
    [1, 0, 0.5],
    [0.3, 3, 0.99],
    [2, 1, 1],
  ] as const) {
    it(`temperature ${temperature}, top-k ${topK}, top-p ${topP}`, () => {
      const got = samplingCandidates(logits, { temperature, topK, topP });
      const want = bruteForce(logits, temperature, topK, topP);
      expect(got.ids).toEqual(want.ids);
      got.probs.forEach((p, i) => expect(p).toBeCloseTo(want.probs[i], 12));
      expect(got.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  }

  it('keeps at least the most likely token however small top p is', () => {
    expect(samplingCandidates([1, 5, 2], { temperature: 1, topK: 0, topP: 1e-9 }).ids).toEqual([1]);
  });
});

describe('sampleToken', () => {
  it('greedy is the argmax whatever the random source says', () => {
    const logits = [0.1, 2, 1.9, -1];
    for (const u of [0, 0.5, 0.999]) expect(sampleToken(logits, { ...sample, mode: 'greedy' }, () => u)).toBe(1);
  });

  it('draws each token about as often as its probability says (20,000 seeded draws)', () => {
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    const counts = [0, 0, 0, 0];
    const random = seededRandom(3);
    for (let i = 0; i < 20_000; i++) counts[sampleToken(logits, sample, random)]++;
    [0.5, 0.3, 0.15, 0.05].forEach((p, i) => expect(Math.abs(counts[i] / 20_000 - p)).toBeLessThan(0.01));
  });

  it('never draws outside the top k or the top-p set', () => {
    const logits = [3, 2.9, 2.8, 0, 0, 0, 0];
    const random = seededRandom(5);
    for (let i = 0; i < 2_000; i++) expect(sampleToken(logits, { ...sample, topK: 2 }, random)).toBeLessThan(2);
    // p(0) ≈ 0.35, p(0)+p(1) ≈ 0.66: top p 0.6 keeps two tokens.
    for (let i = 0; i < 2_000; i++) expect(sampleToken(logits, { ...sample, topP: 0.6 }, random)).toBeLessThan(2);
  });

  it('gives the same tokens for the same seed and different ones for another seed', () => {
    const logits = Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 30 }, () => sampleToken(logits, { ...sample, temperature: 2 }, r));
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });
});

describe('checkSampling', () => {
  it('names the value and the allowed range', () => {
    expect(() => checkSampling({ ...sample, temperature: 0 })).toThrow('temperature must be a positive number (got 0)');
    expect(() => checkSampling({ ...sample, topK: 1.5 })).toThrow(/top-k must be a whole number ≥ 0.*1\.5/);
    expect(() => checkSampling({ ...sample, topP: 0 })).toThrow('top-p must be in (0, 1] (got 0)');
    expect(() => checkSampling({ ...sample, topP: 1.2 })).toThrow(/1\.2/);
    expect(() => checkSampling({ ...sample, mode: 'beam' as never })).toThrow(/"greedy" or "sample"/);
  });
});
