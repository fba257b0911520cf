import { describe, expect, it } from 'vitest';
import { corpusFromPlainText } from './corpus';
import { END, forEachExample, NEXTWORD_DEFAULTS, NextWordModel, NextWordTrainer, nextWordData, perplexity, topNext, UNKNOWN, type NextWordWeights } from './nextword';
import { Mulberry32 } from './rng';

const TEXT = Array.from({ length: 60 }, (_, i) => ['the cat sat on the mat', 'a dog sat on a log', 'the dog ate the bone', `cat ${i % 3} mat zebra${i}`][i % 4]).join('\n');

function tinyModel(samples: number, seed = 3) {
  const data = nextWordData(corpusFromPlainText(TEXT), 2);
  const model = new NextWordModel(data.symbols, data.counts, { ...NEXTWORD_DEFAULTS, context: 3, embed: 3, hidden: 4, samples, seed });
  // move every weight away from its initial value (U starts at zero) so that no gradient vanishes
  const rng = new Mulberry32(seed);
  for (const a of Object.values(model.weights)) for (let i = 0; i < a.length; i++) a[i] += (rng.next() / 2 ** 32 - 0.5) * 0.8;
  return { data, model };
}

/**
 * Checks one training step against central finite differences of the loss: the step must move
 * every weight by −lr × ∂loss/∂weight (exactly so to first order; the step reads every weight
 * before writing it, so with distinct candidates it is exact up to float rounding).
 */
function checkStep(model: NextWordModel, context: Int32Array, target: number, draws?: Int32Array) {
  const loss = () => model.example(context, target, 0, draws);
  const names = Object.keys(model.weights) as (keyof NextWordWeights)[];
  const numeric: Record<string, Float64Array> = {};
  for (const name of names) {
    const a = model.weights[name];
    numeric[name] = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      a[i] = x + 1e-3;
      const up = a[i];
      const lossUp = loss();
      a[i] = x - 1e-3;
      const down = a[i];
      const lossDown = loss();
      a[i] = x;
      numeric[name][i] = (lossUp - lossDown) / (up - down);
    }
  }
  const before = Object.fromEntries(names.map((n) => [n, model.weights[n].slice()]));
  const lossBefore = loss();
  const lr = 0.05;
  expect(model.example(context, target, lr, draws)).toBeCloseTo(lossBefore, 6);
  expect(loss()).toBeLessThan(lossBefore);
  let checked = 0;
  for (const name of names) {
    const a = model.weights[name];
    for (let i = 0; i < a.length; i++) {
      const step = (a[i] - before[name][i]) / -lr;
      expect(step, `${name}[${i}]`).toBeCloseTo(numeric[name][i], 3);
      if (Math.abs(numeric[name][i]) > 1e-3) checked++;
    }
  }
  return checked;
}

describe('next-word model: backpropagation', () => {
  it('full softmax: the training step is −lr × the finite-difference gradient of every weight', () => {
    const { model } = tinyModel(0);
    const context = Int32Array.from([END, 4, 5]);
    // gradients reach C (3 context rows), W, d, every row of U and b
    expect(checkStep(model, context, 6)).toBeGreaterThan(3 * 3 + 4 * 9 + 4 + model.V * 4);
  });

  it('sampled softmax: the same, with the draws fixed and their log(k·Q) correction', () => {
    const { model } = tinyModel(4);
    const context = Int32Array.from([3, 3, 7]); // a word twice in the context
    expect(checkStep(model, context, 2, Int32Array.from([5, 8, 0, 9]))).toBeGreaterThan(20);
  });

  it('a sampled copy of the target is left out of the softmax', () => {
    const { model } = tinyModel(3);
    const context = Int32Array.from([END, END, 4]);
    const withCopy = model.example(context, 6, 0, Int32Array.from([6, 7, 8]));
    const without = model.example(context, 6, 0, Int32Array.from([7, 8, 7]));
    expect(withCopy).toBeLessThan(without); // one candidate fewer competes
    expect(Number.isFinite(withCopy)).toBe(true);
  });
});

describe('next-word model: data, training and evaluation', () => {
  it('holds out every 20th sentence; words seen fewer than minCount times become <unk>; each sentence ends with </s>', () => {
    const data = nextWordData(corpusFromPlainText(TEXT), 2);
    expect(data.symbols.slice(0, 2)).toEqual(['</s>', '<unk>']);
    expect(data.heldOut.ends.length).toBe(3);
    expect(data.train.ends.length).toBe(57);
    const seen: [number[], number][] = [];
    forEachExample({ ids: Int32Array.from([4, 5, 6]), ends: Uint32Array.from([3]) }, 2, 0, 1, (c, t) => seen.push([Array.from(c), t]));
    expect(seen).toEqual([
      [[END, END], 4],
      [[END, 4], 5],
      [[4, 5], 6],
      [[5, 6], END],
    ]);
    expect(Array.from(data.train.ids)).toContain(UNKNOWN); // zebra0, zebra1…
  });

  it('training lowers the held-out perplexity; perplexity agrees with the per-example loss; predictions follow the text', async () => {
    const data = nextWordData(corpusFromPlainText(TEXT), 2);
    const model = new NextWordModel(data.symbols, data.counts, { ...NEXTWORD_DEFAULTS, context: 2, embed: 8, hidden: 16, samples: 0, epochs: 20, lr: 0.1 });
    const start = await perplexity(model, data.heldOut);
    // perplexity is exp(mean −log p) of the full softmax, the loss example() reports
    let nll = 0;
    let n = 0;
    forEachExample(data.heldOut, 2, 0, data.heldOut.ends.length, (c, t) => {
      nll += model.example(c, t, 0);
      n++;
    });
    expect(start.perplexity).toBeCloseTo(Math.exp(nll / n), 3);
    const trainer = new NextWordTrainer(model, data);
    while (!trainer.done) trainer.step();
    const end = await perplexity(model, data.heldOut);
    expect(end.perplexity).toBeLessThan(start.perplexity / 2);
    const index = new Map(data.symbols.map((w, i) => [w, i]));
    expect(topNext(model, index, 'the cat sat on the', 1)[0].word).toBe('mat');
  });
});
