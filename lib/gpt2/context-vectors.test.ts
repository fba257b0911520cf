import { describe, expect, it } from 'vitest';
import { contextVectors, prepareSentences } from './context-vectors';
import { referenceForward } from './reference';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';
import { cosineAt } from './layer-similarity';

const weights = randomGpt2Weights(TINY_CONFIG, 5);
const run = async (ids: number[]) => referenceForward(weights, ids).resid;
const { nLayer: L, nEmbd: D } = TINY_CONFIG;

describe('contextVectors (tiny random GPT-2, reference forward pass as the runner)', () => {
  const sentences = ['I sat on the river bank.', 'The bank approved the loan.', 'Unbelievably, the bank closed.'];

  it("takes each sentence's target row from the residual stream at every layer", async () => {
    const r = await contextVectors(run, TINY_CONFIG, { target: 'bank', sentences, senses: ['river', 'money', 'money'], pooling: 'last' });
    expect(r.layers).toBe(L + 1);
    expect(r.targets).toHaveLength((L + 1) * 3 * D);
    for (let i = 0; i < 3; i++) {
      const s = r.sentences[i];
      const T = s.ids.length;
      const resid = referenceForward(weights, s.ids).resid;
      const t = s.spans[0].tokenEnd - 1;
      expect(s.ids[t]).toBe(3331); // " bank"
      for (let l = 0; l <= L; l++) {
        expect([...r.targets.subarray((l * 3 + i) * D, (l * 3 + i + 1) * D)]).toEqual([...resid.subarray((l * T + t) * D, (l * T + t + 1) * D)]);
      }
    }
    expect(r.report.samePairs).toBe(1);
    expect(r.report.differentPairs).toBe(2);
  });

  it('builds the baseline from every other token except <|endoftext|>, across sentences', async () => {
    const r = await contextVectors(run, TINY_CONFIG, { target: 'bank', sentences, senses: [null, null, null], pooling: 'last' });
    // Direct computation: list (sentence, layer rows) of non-target, non-BOS tokens, average cross-sentence cosines.
    const rows: { s: number; resid: Float32Array; T: number; t: number }[] = [];
    r.sentences.forEach((s, i) => {
      const resid = referenceForward(weights, s.ids).resid;
      for (let t = 1; t < s.ids.length; t++) if (s.ids[t] !== 3331) rows.push({ s: i, resid, T: s.ids.length, t });
    });
    for (let l = 0; l <= L; l++) {
      let sum = 0;
      let n = 0;
      for (const a of rows) {
        for (const b of rows) {
          if (a.s >= b.s) continue;
          sum += cosineAt(a.resid, (l * a.T + a.t) * D, b.resid, (l * b.T + b.t) * D, D);
          n++;
        }
      }
      expect(r.report.layers[l].baseline).toBeCloseTo(sum / n, 10);
    }
  });

  it('averages the sub-tokens of a split word with mean pooling', async () => {
    const texts = ['Unbelievably, yes.', 'It was unbelievably good.'];
    const last = await contextVectors(run, TINY_CONFIG, { target: 'unbelievably', sentences: texts, senses: [null, null], pooling: 'last' });
    const mean = await contextVectors(run, TINY_CONFIG, { target: 'unbelievably', sentences: texts, senses: [null, null], pooling: 'mean' });
    const s = mean.sentences[0];
    const { tokenStart, tokenEnd } = s.spans[0];
    expect(tokenEnd - tokenStart).toBe(4); // Un|bel|iev|ably
    const resid = referenceForward(weights, s.ids).resid;
    const T = s.ids.length;
    const l = 1;
    for (const j of [0, 17, 63]) {
      let sum = 0;
      for (let t = tokenStart; t < tokenEnd; t++) sum += resid[(l * T + t) * D + j];
      expect(mean.targets[(l * 2 + 0) * D + j]).toBeCloseTo(sum / 4, 5);
    }
    expect(last.targets[(l * 2) * D]).toBe(resid[(l * T + tokenEnd - 1) * D]);
  });
});

describe('prepareSentences', () => {
  it('refuses a sentence over n_positions, naming it, before any model work', () => {
    const long = 'the bank '.repeat(600); // 1,200 tokens + the trailing space + <|endoftext|>
    expect(() => prepareSentences('bank', ['the bank', long], TINY_CONFIG)).toThrow(/^Sentence 2 is 1,202 tokens long; this model reads at most 1,024 tokens/);
  });

  it('says which sentence lacks the target, and asks for a word and two sentences', () => {
    expect(() => prepareSentences('bank', ['the bank', 'the banks'], TINY_CONFIG)).toThrow('Sentence 2 does not contain "bank" as a whole word.');
    expect(() => prepareSentences(' ', ['a', 'b'], TINY_CONFIG)).toThrow(/target word/);
    expect(() => prepareSentences('bank', ['the bank'], TINY_CONFIG)).toThrow(/at least two sentences/);
  });
});
