/**
 * The runtime on the tiny random GPT-2 in onnxruntime-web's WASM build running in Node: provider
 * reporting (never a silent fallback), the context-length refusal, fetches, and the model cache.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGpt2Graph } from './graph';
import { referenceForward } from './reference';
import { cacheKey, checkContextLength, createGpt2Session, loadModelBytes, type CacheLike, type GpuLike, type Gpt2Session, type ModelLoadProgress } from './runtime';
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
    expect(session.info.webgpuSkipped).toMatch(/no WebGPU/);
  });

  it('reports an adapter-less WebGPU instead of falling back silently', async () => {
    const gpu = { requestAdapter: async () => null } as GpuLike;
    const s = await createGpt2Session(ort, model, TINY_CONFIG, { gpu });
    expect(s.info.provider).toBe('wasm');
    expect(s.info.webgpuSkipped).toMatch(/no adapter/);
    await s.release();
  });

  it('reports a WebGPU session that fails to start, then runs on WASM', async () => {
    const gpu = { requestAdapter: async () => ({ features: new Set(), limits: {} }) } as GpuLike;
    const s = await createGpt2Session(ort, model, TINY_CONFIG, { gpu });
    expect(s.info.provider).toBe('wasm');
    expect(s.info.webgpuSkipped).toMatch(/^WebGPU failed: /);
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

  it('queues concurrent runs and keeps each result with its input', async () => {
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
    await expect(session.run([1], ['hidden_states'])).rejects.toThrow(/unknown output\(s\) hidden_states; the model has logits, resid/);
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

/** Cache Storage stand-in: a map from key to the stored bytes. */
class MemoryCache implements CacheLike {
  readonly store = new Map<string, Uint8Array>();
  async match(key: string) {
    const b = this.store.get(key);
    return b ? new Response(b.slice()) : undefined;
  }
  async put(key: string, response: Response) {
    this.store.set(key, new Uint8Array(await response.arrayBuffer()));
  }
  async keys() {
    return [...this.store.keys()].map((url) => ({ url }));
  }
  async delete(key: string) {
    return this.store.delete(key);
  }
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)).toString('hex');
}

/** A fetch that serves `body` in 300 KB chunks and counts its calls. */
function fakeFetch(body: Uint8Array) {
  const calls: string[] = [];
  const impl = (async (url: string) => {
    calls.push(url);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < body.length; i += 300_000) c.enqueue(body.slice(i, i + 300_000));
        c.close();
      },
    });
    return new Response(stream);
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe('loadModelBytes', () => {
  const url = 'http://127.0.0.1/models/gpt2-tiny-random/model.onnx';
  const body = Uint8Array.from({ length: 2_500_000 }, (_, i) => (i * 7) & 255);

  it('downloads with byte progress, verifies, caches; then serves from the cache', async () => {
    const file = { url, bytes: body.length, sha256: await sha256(body) };
    const cache = new MemoryCache();
    const net = fakeFetch(body);
    const seen: ModelLoadProgress[] = [];
    const first = await loadModelBytes(file, (p) => seen.push(p), { cache, fetch: net.impl });
    expect(Buffer.compare(first, body)).toBe(0);
    const downloads = seen.filter((p) => p.status === 'download');
    expect(downloads.map((p) => (p.status === 'download' ? p.loaded : 0))).toEqual([1_200_000, 2_400_000, 2_500_000]);
    expect(seen.map((p) => p.status).slice(-2)).toEqual(['verify', 'ready']);
    expect(seen.at(-1)).toMatchObject({ status: 'ready', fromCache: false });
    expect([...cache.store.keys()]).toEqual([cacheKey(file)]);

    const again: ModelLoadProgress[] = [];
    expect(Buffer.compare(await loadModelBytes(file, (p) => again.push(p), { cache, fetch: net.impl }), body)).toBe(0);
    expect(net.calls).toHaveLength(1);
    expect(again.map((p) => p.status)).toEqual(['cache', 'ready']);
  });

  it('treats a cached copy of another sha256 as stale: downloads and replaces it', async () => {
    const cache = new MemoryCache();
    await cache.put(`${url}?sha256=old`, new Response(new Uint8Array(10)));
    const file = { url, bytes: body.length, sha256: await sha256(body) };
    const net = fakeFetch(body);
    await loadModelBytes(file, () => {}, { cache, fetch: net.impl });
    expect(net.calls).toEqual([url]);
    expect([...cache.store.keys()]).toEqual([cacheKey(file)]);
  });

  it('still returns the model when the cache refuses it, and says why', async () => {
    const file = { url, bytes: body.length, sha256: await sha256(body) };
    const cache = new MemoryCache();
    cache.put = async () => {
      throw new Error('QuotaExceededError');
    };
    const seen: ModelLoadProgress[] = [];
    const bytes = await loadModelBytes(file, (p) => seen.push(p), { cache, fetch: fakeFetch(body).impl });
    expect(Buffer.compare(bytes, body)).toBe(0);
    expect(seen.at(-1)).toMatchObject({ status: 'ready', fromCache: false, cacheError: 'QuotaExceededError' });
  });

  it('rejects a truncated, an over-long and a corrupt download, caching none of them', async () => {
    const cache = new MemoryCache();
    const sha = await sha256(body);
    await expect(loadModelBytes({ url, bytes: body.length + 5, sha256: sha }, () => {}, { cache, fetch: fakeFetch(body).impl })).rejects.toThrow(/ended after 2,500,000 of 2,500,005 bytes/);
    await expect(loadModelBytes({ url, bytes: body.length - 5, sha256: sha }, () => {}, { cache, fetch: fakeFetch(body).impl })).rejects.toThrow(/longer than the 2,499,995 bytes/);
    await expect(loadModelBytes({ url, bytes: body.length, sha256: 'ab'.repeat(32) }, () => {}, { cache, fetch: fakeFetch(body).impl })).rejects.toThrow(/differs from gpt2.json's abababababab/);
    expect(cache.store.size).toBe(0);
  });
});
