/**
 * The generation loop on a stand-in session whose next-token logits are a fixed function of the
 * sequence so far, so every expected token can be computed independently here. The same loop on
 * the real graph is checked in generate-graph.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { generate, type GenerateRequest } from './generate';
import { tokenizePrompt } from './layers-run';
import { EOS_TOKEN_ID } from './tokenizer';
import { TINY_CONFIG } from './test-weights';

const V = TINY_CONFIG.vocabSize;

/** Logits that depend on the last two ids, with a clear winner and a spread of runners-up. */
function logitsFor(ids: readonly number[]): Float32Array {
  const a = ids[ids.length - 1];
  const b = ids[ids.length - 2] ?? 0;
  const out = new Float32Array(V);
  for (let j = 0; j < 64; j++) out[(a * 31 + b * 7 + j * 101) % 1000] = 8 - j * 0.1;
  return out;
}

function fakeSession(config = TINY_CONFIG, eosAfter = Infinity) {
  const calls: number[][] = [];
  return {
    calls,
    config,
    async run(ids: readonly number[], fetches: readonly string[], extra: Record<string, { dims: number[]; data: ArrayLike<unknown> }> = {}) {
      expect(fetches).toEqual(['next_logits']);
      expect(extra.lens_position?.dims).toEqual([0]); // no lens rows computed
      expect(extra.lens_position?.data.length).toBe(0);
      calls.push([...ids]);
      const logits = logitsFor(ids);
      if (calls.length >= eosAfter) logits[EOS_TOKEN_ID] = 100;
      return { next_logits: { dims: [1, V], data: logits } };
    },
  };
}

const base: GenerateRequest = { prompt: 'When Mary and John went to the store', maxTokens: 12, sampling: { mode: 'greedy', temperature: 1, topK: 0, topP: 1 }, seed: 1 };

describe('generate', () => {
  it('greedy continuation equals taking the argmax step by step', async () => {
    const session = fakeSession();
    const result = await generate(session, base);
    const ids = tokenizePrompt(base.prompt, TINY_CONFIG.nPositions).ids;
    const expected: number[] = [];
    for (let i = 0; i < 12; i++) {
      const l = logitsFor(ids);
      let best = 0;
      for (let j = 1; j < V; j++) if (l[j] > l[best]) best = j;
      expected.push(best);
      ids.push(best);
    }
    expect(result.tokens.map((t) => t.id)).toEqual(expected);
    expect(result.stop).toBe('length');
    // Each step reran the whole sequence so far.
    expect(session.calls.map((c) => c.length)).toEqual(Array.from({ length: 12 }, (_, i) => result.promptIds.length + i));
  });

  it('sampling with a seed is reproducible, and another seed changes the text', async () => {
    const sampled = { ...base, sampling: { mode: 'sample' as const, temperature: 3, topK: 20, topP: 0.95 } };
    const a = await generate(fakeSession(), { ...sampled, seed: 5 });
    const b = await generate(fakeSession(), { ...sampled, seed: 5 });
    const c = await generate(fakeSession(), { ...sampled, seed: 6 });
    expect(a.tokens.map((t) => t.id)).toEqual(b.tokens.map((t) => t.id));
    expect(a.tokens.map((t) => t.id)).not.toEqual(c.tokens.map((t) => t.id));
    for (const t of a.tokens) expect(t.prob).toBeGreaterThan(0);
  });

  it('reports each token as it comes, and stops when asked', async () => {
    const seen: number[] = [];
    const result = await generate(fakeSession(), base, (t) => seen.push(t.id), () => seen.length >= 3);
    expect(result.stop).toBe('stopped');
    expect(result.tokens.map((t) => t.id)).toEqual(seen);
    expect(seen).toHaveLength(3);
  });

  it('stops after <|endoftext|> and when the context is full', async () => {
    const eos = await generate(fakeSession(TINY_CONFIG, 4), base);
    expect(eos.stop).toBe('eos');
    expect(eos.tokens.at(-1)!.id).toBe(EOS_TOKEN_ID);
    expect(eos.tokens).toHaveLength(4);
    const promptLength = tokenizePrompt(base.prompt, 1024).ids.length;
    const short = { ...TINY_CONFIG, nPositions: promptLength + 2 };
    const full = await generate(fakeSession(short), base);
    expect(full.stop).toBe('context');
    expect(full.tokens).toHaveLength(2);
  });

  it('refuses a token count outside 1..200 and bad sampling options before running', async () => {
    const session = fakeSession();
    await expect(generate(session, { ...base, maxTokens: 0 })).rejects.toThrow(/from 1 to 200 \(got 0\)/);
    await expect(generate(session, { ...base, maxTokens: 201 })).rejects.toThrow(/got 201/);
    await expect(generate(session, { ...base, sampling: { ...base.sampling, topP: 2 } })).rejects.toThrow(/top-p/);
    expect(session.calls).toHaveLength(0);
  });
});
