/**
 * The runtime on the tiny random GPT-2 in onnxruntime-web's WASM build running in Node: provider
 * reporting (never a silent fallback), the context-length refusal, fetches, and the model cache.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGpt2Graph } from './graph';
import { referenceForward } from './reference';
import { checkContextLength, createGpt2Session, Gpt2Session, type GpuLike, type Ort, type RuntimeInfo } from './runtime';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';

const weights = randomGpt2Weights(TINY_CONFIG, 3);
let model: Uint8Array;
let session: Gpt2Session;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  model = buildGpt2Graph(weights);
  session = await createGpt2Session(ort, model, TINY_CONFIG);
});

describe('createGpt2Session', () => {
  it('uses WASM without navigator.gpu and says why', () => {
    expect(session.info.provider).toBe('wasm');
    expect(session.info.threads).toBe(1);
    expect(session.info.webgpuSkipped).toEqual({ code: 'noWebgpu' });
  });

  it('reports an adapter-less WebGPU instead of falling back silently', async () => {
    const gpu = { requestAdapter: async () => null } as GpuLike;
    const s = await createGpt2Session(ort, model, TINY_CONFIG, { gpu });
    expect(s.info.provider).toBe('wasm');
    expect(s.info.webgpuSkipped).toEqual({ code: 'noAdapter' });
    await s.release();
  });

  it('reports a WebGPU session that fails to start, then runs on WASM', async () => {
    const gpu = { requestAdapter: async () => ({ features: new Set(), limits: {} }) } as GpuLike;
    const s = await createGpt2Session(ort, model, TINY_CONFIG, { gpu });
    expect(s.info.provider).toBe('wasm');
    expect(s.info.webgpuSkipped).toMatchObject({ code: 'failed', detail: expect.any(String) });
    await s.release();
  });
});

describe('Gpt2Session.run', () => {
  it('returns only the fetched outputs, equal to the reference forward pass', async () => {
    const ids = [50256, 40, 3332, 319, 262, 7850, 3331, 13];
    const out = await session.run(ids, ['resid']);
    expect(Object.keys(out)).toEqual(['resid']);
    const { nLayer: L, nEmbd: D } = TINY_CONFIG;
    expect(out.resid.dims).toEqual([L + 1, ids.length, D]);
    const ref = referenceForward(weights, ids).resid;
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(out.resid.data[i] - ref[i]));
    expect(worst).toBeLessThan(1e-4);
  });

  it('queues concurrent runs (onnxruntime-web cannot run one session twice at once) and keeps each result with its input', async () => {
    // A session stand-in that records how many runs overlap: without the queue, all three would.
    let active = 0;
    let most = 0;
    const fake = {
      inputNames: ['input_ids', 'head_mask', 'mlp_mask', 'lens_position'],
      outputNames: ['final_norm'],
      async run(feeds: Record<string, ort.Tensor>) {
        most = Math.max(most, ++active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
        const T = feeds.input_ids.dims[1];
        return { final_norm: new ort.Tensor('float32', new Float32Array(T), [T]) };
      },
    };
    const queued = new Gpt2Session(ort as unknown as Ort, fake as never, TINY_CONFIG, { provider: 'wasm', threads: 1, createMs: 0 } satisfies RuntimeInfo);
    const [a, b, c] = await Promise.all([queued.run([1, 2, 3], ['final_norm']), queued.run([4, 5], ['final_norm']), queued.run([6], ['final_norm'])]);
    expect(most).toBe(1);
    expect([a.final_norm.dims, b.final_norm.dims, c.final_norm.dims]).toEqual([[3], [2], [1]]);
  });

  it('fills omitted inputs with neutral values: the lens at the last token when lens_logits is fetched, at no position otherwise', async () => {
    const { nLayer: L, nHead: H, vocabSize: V } = TINY_CONFIG;
    const fed: Record<string, number[]>[] = [];
    const fake = {
      inputNames: ['input_ids', 'head_mask', 'mlp_mask', 'lens_position'],
      outputNames: ['resid', 'lens_logits'],
      async run(feeds: Record<string, ort.Tensor>, fetches: string[]) {
        fed.push(Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, [...t.dims]])));
        expect(Array.from(feeds.head_mask.data as Float32Array)).toEqual(new Array(L * H).fill(1));
        return Object.fromEntries(fetches.map((f) => [f, new ort.Tensor('float32', new Float32Array(1), [1])]));
      },
    };
    const s = new Gpt2Session(ort as unknown as Ort, fake as never, TINY_CONFIG, { provider: 'wasm', threads: 1, createMs: 0 });
    await s.run([1, 2], ['resid']);
    await s.run([1, 2], ['resid', 'lens_logits']);
    expect(fed.map((f) => f.lens_position)).toEqual([[0], [1]]);
    expect(fed[0]).toEqual({ input_ids: [1, 2], head_mask: [L, H], mlp_mask: [L], lens_position: [0] });
    // and on the real graph: one lens row per layer at the last token, equal to the reference's
    const ids = [50256, 40, 3332, 319];
    const out = await session.run(ids, ['lens_logits']);
    expect(out.lens_logits.dims).toEqual([L + 1, 1, V]);
    const ref = referenceForward(weights, ids).lensLogits;
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(out.lens_logits.data[i] - ref[i]));
    expect(worst).toBeLessThan(1e-4);
  });

  it("runs a real session's concurrent requests with the right results", async () => {
    const [a, b] = await Promise.all([session.run([1, 2, 3], ['final_norm']), session.run([4, 5], ['final_norm'])]);
    expect(a.final_norm.dims).toEqual([3, TINY_CONFIG.nEmbd]);
    expect(b.final_norm.dims).toEqual([2, TINY_CONFIG.nEmbd]);
  });

  it('refuses more tokens than n_positions, without truncating', async () => {
    const ids = new Array(1025).fill(262);
    await expect(session.run(ids, ['resid'])).rejects.toThrow('The input is 1,025 tokens long; this model reads at most 1,024 tokens (n_positions). Shorten it: nothing was truncated.');
    // The queue keeps working after a refused run.
    expect((await session.run([262], ['resid'])).resid.dims[1]).toBe(1);
  });

  it('rejects unknown outputs, inputs and token ids with the valid ones named', async () => {
    await expect(session.run([1], ['hidden_states'])).rejects.toThrow(/unknown output\(s\) hidden_states; the model has resid, final_norm/);
    await expect(session.run([1], ['resid'], { mask: { dims: [1], data: new Float32Array(1) } })).rejects.toThrow(/unknown input mask; the model takes input_ids/);
    await expect(session.run([50257], ['resid'])).rejects.toThrow(/token id 50257 is outside the vocabulary/);
  });
});

describe('checkContextLength', () => {
  it('names the input in its message and accepts exactly n_positions tokens', () => {
    expect(() => checkContextLength(1024, 1024)).not.toThrow();
    expect(() => checkContextLength(2000, 1024, 'Sentence 3')).toThrow(/^Sentence 3 is 2,000 tokens long/);
    expect(() => checkContextLength(0, 1024)).toThrow(/no tokens/);
  });
});
