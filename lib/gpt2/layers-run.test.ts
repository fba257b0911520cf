/**
 * The layers page's run (LayersRunner) in onnxruntime-web's WASM build in Node, on a tiny random
 * GPT-2, against the independent reference forward pass: final logits, logit lens at any position,
 * ablations as masks, the unablated baseline, thumbnails and lazily fetched heads.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { ablationMasks, NO_ABLATION, type Ablation } from './ablation';
import { buildGpt2Graph } from './graph';
import { checkLayersLength, LayersRunner, layersTokenLimit, MAX_ATTENTION_BYTES, resultBuffers, THUMBNAIL_SIZE, tokenizePrompt, type LayersRequest } from './layers-run';
import { lensRow, lensTable } from './logit-lens';
import { predict } from './next-token';
import { referenceForward } from './reference';
import { createGpt2Session, type Gpt2Session } from './runtime';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';

const weights = randomGpt2Weights(TINY_CONFIG, 4);
const { nLayer: L, nHead: H, vocabSize: V } = TINY_CONFIG;
const PROMPT = 'When Mary and John went to the store, John gave a drink to';
const IDS = tokenizePrompt(PROMPT, 1024).ids;
const T = IDS.length;
const TOL = 1e-4;

let session: Gpt2Session;
const fetched: string[][] = []; // every session.run's fetches, to count runs
const lensFed: number[][] = []; // the dims of every run's lens_position
beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  const s = await createGpt2Session(ort, buildGpt2Graph(weights), TINY_CONFIG);
  session = Object.assign(Object.create(s) as Gpt2Session, {
    run: (ids: readonly number[], fetches: readonly string[], extra?: Parameters<Gpt2Session['run']>[2]) => {
      fetched.push([...fetches]);
      lensFed.push(extra?.lens_position?.dims ?? []);
      return s.run(ids, fetches, extra);
    },
  });
});

const request = (patch: Partial<LayersRequest> = {}): LayersRequest => ({ prompt: PROMPT, ablation: NO_ABLATION, position: -1, layer: 1, head: 2, ...patch });

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const reference = (ablation: Ablation, lensPosition = -1) => referenceForward(weights, IDS, { ...ablationMasks(ablation, TINY_CONFIG), lensPosition });
const lastRow = (logits: Float32Array) => logits.subarray((T - 1) * V, T * V);

describe('LayersRunner.run', () => {
  it('tokenises with <|endoftext|> first; final logits, lens and the selected head match the reference', async () => {
    const runner = new LayersRunner(session);
    const r = await runner.run(request());
    const ref = reference(NO_ABLATION);
    expect(r.ids).toEqual(IDS);
    expect(r.ids[0]).toBe(50256);
    expect(r.pieces.map((p) => p.text).join('')).toBe(`<|endoftext|>${PROMPT}`);
    expect(r.position).toBe(T - 1);
    expect(r.finalLogits.length).toBe(V);
    expect(maxAbsDiff(r.finalLogits, lastRow(ref.logits))).toBeLessThan(TOL);
    expect(maxAbsDiff(r.lensLogits, ref.lensLogits)).toBeLessThan(TOL);
    expect(r.head).toMatchObject({ runId: r.runId, layer: 1, head: 2 });
    expect(maxAbsDiff(r.head.data, ref.attn.subarray((1 * H + 2) * T * T, (1 * H + 3) * T * T))).toBeLessThan(TOL);
    expect(r.thumbnails.size).toBe(Math.min(T, THUMBNAIL_SIZE));
    expect(r.thumbnails.data.length).toBe(L * H * r.thumbnails.size ** 2);
    expect(r.baselineLogits).toBeNull();
    expect(r.ablation).toBe('');
  });

  it('the next-token view and the last lens row are the same numbers (one ln_f + unembedding)', async () => {
    const r = await new LayersRunner(session).run(request());
    expect(lensRow(r.lensLogits, V, L)).toEqual(r.finalLogits);
    expect(lensTable(r.lensLogits, V, 5)[L].top).toEqual(predict(r.finalLogits, 5).top);
  });

  it('a clicked position moves the lens there and keeps the next-token logits at the last token', async () => {
    const r = await new LayersRunner(session).run(request({ position: 4 }));
    expect(r.position).toBe(4);
    const ref = reference(NO_ABLATION, 4);
    expect(maxAbsDiff(r.lensLogits, ref.lensLogits)).toBeLessThan(TOL);
    expect(maxAbsDiff(r.finalLogits, lastRow(ref.logits))).toBeLessThan(TOL);
    expect(maxAbsDiff(lensRow(r.lensLogits, V, L), ref.logits.subarray(4 * V, 5 * V))).toBeLessThan(TOL);
  });

  it('ablations run as masks; the unablated baseline comes along, computed once per prompt', async () => {
    const runner = new LayersRunner(session);
    fetched.length = 0;
    const a: Ablation = { heads: [[1, 2], [0, 0]], mlps: [1] };
    const r = await runner.run(request({ ablation: a }));
    expect(r.ablation).toBe('0.0,1.2,mlp1');
    // one run with the lens at one position, one for the baseline prediction with no lens rows
    expect(fetched).toEqual([['next_logits', 'lens_logits', 'attn'], ['next_logits']]);
    expect(lensFed.slice(-2)).toEqual([[1], [0]]);
    const ref = reference(a);
    expect(maxAbsDiff(r.finalLogits, lastRow(ref.logits))).toBeLessThan(TOL);
    expect(maxAbsDiff(r.lensLogits, ref.lensLogits)).toBeLessThan(TOL);
    expect(maxAbsDiff(r.baselineLogits!, lastRow(reference(NO_ABLATION).logits))).toBeLessThan(TOL);
    expect(maxAbsDiff(r.finalLogits, r.baselineLogits!)).toBeGreaterThan(1e-2);
    expect(fetched.length).toBe(2);
    const again = await runner.run(request({ ablation: { heads: [[0, 1]], mlps: [] } }));
    expect(fetched.length).toBe(3); // the baseline is cached for this prompt
    expect(again.baselineLogits).toEqual(r.baselineLogits);
    await runner.run(request({ prompt: 'Another prompt', ablation: a }));
    expect(fetched.length).toBe(5);
  });

  it('an unablated run fills the baseline cache, so the next ablated run needs one model run', async () => {
    const runner = new LayersRunner(session);
    const plain = await runner.run(request());
    const finalCopy = plain.finalLogits.slice();
    fetched.length = 0;
    const r = await runner.run(request({ ablation: { heads: [[1, 1]], mlps: [] } }));
    expect(fetched.length).toBe(1);
    expect(r.baselineLogits).toEqual(finalCopy);
  });

  it('head() serves any head of the latest run and refuses an older run', async () => {
    const runner = new LayersRunner(session);
    const first = await runner.run(request());
    const ref = reference(NO_ABLATION).attn;
    for (const [l, h] of [[0, 0], [1, 3]]) {
      expect(maxAbsDiff(runner.head(first.runId, l, h).data, ref.subarray((l * H + h) * T * T, (l * H + h + 1) * T * T))).toBeLessThan(TOL);
    }
    const second = await runner.run(request());
    expect(() => runner.head(first.runId, 0, 0)).toThrow(`run ${first.runId} is no longer held (the latest is ${second.runId})`);
    expect(() => runner.head(second.runId, 2, 0)).toThrow('outside the attention tensor');
  });

  it('refuses an empty or over-long prompt and a position outside it, before running', async () => {
    const runner = new LayersRunner(session);
    fetched.length = 0;
    await expect(runner.run(request({ prompt: '  ' }))).rejects.toThrow('Enter a prompt.');
    await expect(runner.run(request({ prompt: 'the bank '.repeat(600) }))).rejects.toThrow(
      'The prompt is 1,202 tokens long; this model reads at most 1,024 tokens (n_positions). Shorten it: nothing was truncated.',
    );
    await expect(runner.run(request({ position: T }))).rejects.toThrow(`position ${T} is outside the prompt's ${T} tokens`);
    expect(fetched.length).toBe(0);
  });

  it('resultBuffers lists each posted array once, each its own exact buffer', async () => {
    const r = await new LayersRunner(session).run(request({ ablation: { heads: [[0, 1]], mlps: [] } }));
    const buffers = resultBuffers(r);
    expect(new Set(buffers).size).toBe(5);
    const bytes = buffers.reduce((a, b) => a + b.byteLength, 0);
    expect(bytes).toBe(4 * (V + (L + 1) * V + L * H * r.thumbnails.size ** 2 + T * T + V));
  });
});

describe('layersTokenLimit', () => {
  it('keeps every head’s attention within MAX_ATTENTION_BYTES, and never above n_positions', () => {
    const small = { nLayer: 12, nHead: 12, nPositions: 1024 };
    const limit = layersTokenLimit(small);
    expect(limit).toBe(527); // 12 · 12 · 527² · 4 B = 159.97 MB ≤ 160 MB < 12 · 12 · 528² · 4 B
    expect(12 * 12 * limit ** 2 * 4).toBeLessThanOrEqual(MAX_ATTENTION_BYTES);
    expect(12 * 12 * (limit + 1) ** 2 * 4).toBeGreaterThan(MAX_ATTENTION_BYTES);
    expect(layersTokenLimit({ nLayer: 2, nHead: 4, nPositions: 1024 })).toBe(1024);
    expect(() => checkLayersLength(limit, small)).not.toThrow();
    expect(() => checkLayersLength(limit + 1, small)).toThrow('The prompt is 528 tokens long; the layers view keeps every head’s attention'.replace('’', "'"));
  });
});
