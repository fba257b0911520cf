import { describe, expect, it } from 'vitest';
import { corpusFromPlainText } from './corpus';
import { Mulberry32 } from './rng';
import { createJsEngine, pairGradients, pairLoss, pairStep, type SgnsWeights } from './sgns';
import { buildVocabulary, tokenStream } from './vocab';
import { Word2Vec } from './word2vec';

/** Weights with values large enough that every sigmoid is away from 0 and 1. */
function randomWeights(size: number, dims: number, seed: number): SgnsWeights {
  const rng = new Mulberry32(seed);
  const r = () => (rng.next() / 2 ** 32 - 0.5) * 1.2;
  return { dims, stride: dims, input: Float32Array.from({ length: size * dims }, r), output: Float32Array.from({ length: size * dims }, r) };
}

/** Central finite difference of pairLoss in one float32 parameter (using the stored perturbed values). */
function numeric(w: SgnsWeights, matrix: 'input' | 'output', at: number, loss: () => number, h = 1e-3): number {
  const a = w[matrix];
  const x = a[at];
  a[at] = x + h;
  const up = a[at];
  const lossUp = loss();
  a[at] = x - h;
  const down = a[at];
  const lossDown = loss();
  a[at] = x;
  return (lossUp - lossDown) / (up - down);
}

/** A small synthetic corpus: Zipf-like words in sentences of 3–14 tokens. */
function toyCorpus(sentences: number, seed: number) {
  const rng = new Mulberry32(seed);
  const lines: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 3 + (rng.next() % 12);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(`w${Math.floor(40 / (1 + (rng.next() % 40)))}_${rng.next() % 3}`);
    lines.push(words.join(' '));
  }
  return corpusFromPlainText(lines.join('\n'));
}

describe('skip-gram with negative sampling: gradients', () => {
  const dims = 7;
  const word = 1;
  const context = 2;
  const negatives = [3, 4, 0];

  it('pairGradients matches finite differences of the loss', () => {
    const w = randomWeights(6, dims, 5);
    const loss = () => pairLoss(w, word, context, negatives);
    const { dU, dV } = pairGradients(w, word, context, negatives);
    for (let i = 0; i < dims; i++) expect(dU[i]).toBeCloseTo(numeric(w, 'input', context * dims + i, loss), 5);
    [word, ...negatives].forEach((t, k) => {
      for (let i = 0; i < dims; i++) expect(dV[k][i]).toBeCloseTo(numeric(w, 'output', t * dims + i, loss), 5);
    });
  });

  it('pairStep (the training update) moves every parameter by −alpha × the finite-difference gradient, and returns the loss', () => {
    const w = randomWeights(6, dims, 9);
    const loss = () => pairLoss(w, word, context, negatives);
    const expected = { u: [] as number[], v: [] as number[][] };
    for (let i = 0; i < dims; i++) expected.u.push(numeric(w, 'input', context * dims + i, loss));
    for (const t of [word, ...negatives]) expected.v.push(Array.from({ length: dims }, (_, i) => numeric(w, 'output', t * dims + i, loss)));
    const before = { input: w.input.slice(), output: w.output.slice(), loss: loss() };
    const alpha = 1e-3;
    const reported = pairStep(w, context, [word, ...negatives], 1 + negatives.length, alpha, new Float32Array(dims));
    expect(reported).toBeCloseTo(before.loss, 5);
    for (let i = 0; i < dims; i++) {
      const step = (w.input[context * dims + i] - before.input[context * dims + i]) / -alpha;
      expect(step).toBeCloseTo(expected.u[i], 3);
    }
    [word, ...negatives].forEach((t, k) => {
      for (let i = 0; i < dims; i++) expect((w.output[t * dims + i] - before.output[t * dims + i]) / -alpha).toBeCloseTo(expected.v[k][i], 3);
    });
    // and it lowers the loss
    expect(loss()).toBeLessThan(before.loss);
  });
});

describe('training engine (JavaScript)', () => {
  const corpus = toyCorpus(400, 1);
  const vocab = buildVocabulary(corpus, { minCount: 2, sample: 1e-2 });
  const stream = tokenStream(corpus, vocab);
  const train = (seed: number) => {
    const engine = createJsEngine({ vocab, stream, dims: 16, window: 3, negative: 4, seed });
    engine.train(0, stream.ends.length, 0.025);
    engine.train(0, stream.ends.length, 0.01);
    return engine;
  };

  it('is deterministic for a seed (one thread): the same vectors bit for bit, another seed differs', () => {
    const a = train(42);
    const b = train(42);
    expect(b.vectors()).toEqual(a.vectors());
    expect(b.rngState).toBe(a.rngState);
    expect(train(43).vectors()).not.toEqual(a.vectors());
  });

  it('learns: the loss per pair falls over epochs', async () => {
    const model = await Word2Vec.create(toyCorpus(1500, 2), { dims: 16, epochs: 6, minCount: 2, seed: 3 }, 'js');
    model.trainAll();
    const losses = model.history.map((e) => e.loss);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] - 0.05);
  });

  it('the learning rate falls linearly from alpha to minAlpha with progress', async () => {
    const model = await Word2Vec.create(toyCorpus(300, 4), { dims: 8, epochs: 2, minCount: 1 }, 'js');
    const seen: { progress: number; alpha: number }[] = [];
    while (!model.done) {
      const progress = model.progress;
      seen.push({ progress, alpha: model.step(500).alpha });
    }
    expect(seen[0]).toEqual({ progress: 0, alpha: 0.025 });
    for (const s of seen) expect(s.alpha).toBeCloseTo(0.025 - (0.025 - 0.0001) * s.progress, 12);
    expect(seen.length).toBeGreaterThan(4);
    expect(model.history).toHaveLength(2);
  });
});
