/**
 * The generation loop on the real graph (tiny random GPT-2, onnxruntime-web's WASM build in Node):
 * each step runs with no logit-lens position and fetches next_logits, and greedy decoding picks
 * what the independent reference forward pass predicts, token after token.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from './generate';
import { buildGpt2Graph } from './graph';
import { tokenizePrompt } from './layers-run';
import { referenceForward } from './reference';
import { createGpt2Session, type Gpt2Session } from './runtime';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';

const weights = randomGpt2Weights(TINY_CONFIG, 4);
const PROMPT = 'When Mary and John went to the store';

let session: Gpt2Session;
const lensFed: number[][] = [];
beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  const s = await createGpt2Session(ort, buildGpt2Graph(weights), TINY_CONFIG);
  session = Object.assign(Object.create(s) as Gpt2Session, {
    run: (ids: readonly number[], fetches: readonly string[], extra?: Parameters<Gpt2Session['run']>[2]) => {
      lensFed.push(extra?.lens_position?.dims ?? []);
      return s.run(ids, fetches, extra);
    },
  });
});

/** The index of the largest value (the lowest index on ties, as sampleToken's greedy mode). */
function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}

describe('generate on the graph', () => {
  it('greedy tokens equal the reference’s argmax step by step, each step with an empty lens_position', async () => {
    const result = await generate(session, { prompt: PROMPT, maxTokens: 5, sampling: { mode: 'greedy', temperature: 1, topK: 0, topP: 1 }, seed: 1 });
    const ids = [...tokenizePrompt(PROMPT, TINY_CONFIG.nPositions).ids];
    const expected: number[] = [];
    for (let i = 0; i < 5; i++) {
      const logits = referenceForward(weights, ids, { lensPosition: [] }).nextLogits;
      const sorted = Float32Array.from(logits).sort();
      expect(sorted[sorted.length - 1] - sorted[sorted.length - 2]).toBeGreaterThan(1e-3); // a clear winner: float32 rounding cannot flip it
      expected.push(argmax(logits));
      ids.push(expected[i]);
    }
    expect(result.tokens.map((t) => t.id)).toEqual(expected);
    expect(lensFed).toEqual(new Array(5).fill([0]));
  });
});
