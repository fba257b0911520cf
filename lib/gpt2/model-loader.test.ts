/**
 * The worker's model loading in Node: hub checkpoints from the stand-in (302 to another origin,
 * Range, cuts) into a MemoryStore, built by the real graph builder and run by onnxruntime-web's
 * WASM build; and server models checked by sha256. The e2e tests run the same code in Chromium
 * over the Origin Private File System.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../hub/byte-store';
import { IncompleteDownloadError } from '../hub/download';
import { makeRandomRepo, startHubStandIn, type HubStandIn, type StandInLogEntry } from '../node/hub-stand-in';
import { buildGpt2Graph } from './graph';
import { loadHubModel, loadServerModel, NeedsDownloadError, type LoaderEnv } from './model-loader';
import { createGpt2Session } from './runtime';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';
import type { LoadStage } from '../worker/gpt2-protocol';

const REPO = 'wve-test/gpt2-tiny-random';
let root: string;
let standIn: HubStandIn;
let safetensorsBytes: number;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-loader-'));
  await makeRandomRepo(root, 'tiny', REPO);
  safetensorsBytes = (await readFile(path.join(root, REPO, 'model.safetensors'))).byteLength;
  // A checkpoint that is not GPT-2, and one with a NaN weight.
  await mkdir(path.join(root, 'wve-test', 'llama'), { recursive: true });
  await writeFile(path.join(root, 'wve-test', 'llama', 'config.json'), JSON.stringify({ model_type: 'llama', n_layer: 2 }));
  await writeFile(path.join(root, 'wve-test', 'llama', 'model.safetensors'), new Uint8Array(100));
  await makeRandomRepo(root, 'tiny', 'wve-test/nan');
  const nanFile = path.join(root, 'wve-test', 'nan', 'model.safetensors');
  const bytes = await readFile(nanFile);
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  bytes.writeFloatLE(NaN, 8 + n + header['h.1.mlp.c_fc.weight'].data_offsets[0] + 4 * 7);
  await writeFile(nanFile, bytes);
  standIn = await startHubStandIn({ root });
});
afterAll(async () => {
  await standIn?.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${standIn.hub}/__control`, { method: 'DELETE' });
  await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
});

const log = async (): Promise<StandInLogEntry[]> => (await fetch(`${standIn.hub}/__log`)).json();
const control = (body: object) => fetch(`${standIn.hub}/__control`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const env = (store: MemoryStore, stages: LoadStage[] = []): LoaderEnv => ({ store, builderVersion: 'test-1', build: buildGpt2Graph, onStage: (s) => stages.push(s) });
const source = (dtype: 'int8' | 'fp32' | 'fp16', repo = REPO) => ({ kind: 'hub' as const, hub: standIn.hub, repo, revision: 'main', dtype });

/** The tiny model's next-token logits for a fixed prompt, through a session on the graph. */
async function nextLogits(ready: { graph: Uint8Array; externalData?: { path: string; data: Uint8Array }[] }): Promise<Float32Array> {
  const session = await createGpt2Session(ort, ready.graph, TINY_CONFIG, { externalData: ready.externalData });
  const out = await session.run([50256, 464, 2068, 7586, 21831], ['next_logits', 'lens_logits']);
  await session.release();
  return out.next_logits.data;
}

describe('loadHubModel', () => {
  it('does not download unless allowed', async () => {
    await expect(loadHubModel(source('int8'), false, env(new MemoryStore()))).rejects.toBeInstanceOf(NeedsDownloadError);
    expect(await log()).toEqual([]);
  });

  it('downloads through the redirect, builds int8, and loads the kept build later without any request', async () => {
    const store = new MemoryStore();
    const stages: LoadStage[] = [];
    const first = await loadHubModel(source('int8'), true, env(store, stages));
    expect(first.report).toMatchObject({ from: 'network', downloadedBytes: safetensorsBytes, resumedFrom: 0, built: true });
    expect(first.model).toMatchObject({ kind: 'hub', random: true, dtype: 'int8', repo: null, config: TINY_CONFIG });
    expect(first.model.label).toBe(`${REPO} (random test model — not GPT-2)`);
    expect(new Set(stages.map((s) => s.stage))).toEqual(new Set(['storage', 'download', 'check', 'build', 'store']));
    const requests = await log();
    expect(requests.filter((r) => r.origin === 'cdn').map((r) => [r.status, r.bytes])).toEqual([[200, safetensorsBytes]]);

    await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
    const again = await loadHubModel(source('int8'), false, env(store));
    expect(again.report).toMatchObject({ from: 'kept', downloadedBytes: 0, built: false });
    expect(Buffer.compare(again.graph, first.graph)).toBe(0);
    expect(await log()).toEqual([]);

    // Another dtype is built from the kept weights, still without the network.
    const fp32 = await loadHubModel(source('fp32'), false, env(store));
    expect(fp32.report).toMatchObject({ from: 'kept', built: true });
    expect(await log()).toEqual([]);
    // fp32 points into the kept safetensors file (external data) and equals the CLI's embedded fp32 graph.
    expect(fp32.graph.byteLength).toBeLessThan(1e6);
    expect(fp32.externalData?.[0].data.byteLength).toBe(safetensorsBytes);
    const cli = buildGpt2Graph(randomGpt2Weights(TINY_CONFIG, 1));
    expect(Array.from(await nextLogits(fp32))).toEqual(Array.from(await nextLogits({ graph: cli })));
    // A builder of another version makes the graph again.
    expect((await loadHubModel(source('int8'), false, { ...env(store), builderVersion: 'test-2' })).report.built).toBe(true);
  });

  it('resumes a download cut halfway with a Range request for the rest', async () => {
    const store = new MemoryStore();
    await control({ cutAfter: Math.floor(safetensorsBytes / 2), cutTimes: 1 });
    const cut = await loadHubModel(source('int8'), true, env(store)).catch((e: Error) => e);
    expect(cut).toBeInstanceOf(IncompleteDownloadError);
    expect((cut as Error).message).toMatch(/try again — the download resumes/);
    const resumed = await loadHubModel(source('int8'), true, env(store));
    expect(resumed.report.from).toBe('network');
    expect(resumed.report.resumedFrom).toBeGreaterThan(0);
    expect(resumed.report.downloadedBytes).toBe(safetensorsBytes - resumed.report.resumedFrom);
    const cdn = (await log()).filter((r) => r.origin === 'cdn' && r.method === 'GET');
    expect(cdn).toHaveLength(2);
    expect(cdn[1].range).toBe(`bytes=${resumed.report.resumedFrom}-`);
    expect(cdn[1].bytes).toBe(safetensorsBytes - resumed.report.resumedFrom);
    const whole = createHash('sha256').update(await store.folder('wve-test--gpt2-tiny-random~main').read('model.safetensors')).digest('hex');
    expect(whole).toBe(createHash('sha256').update(await readFile(path.join(root, REPO, 'model.safetensors'))).digest('hex'));
  });

  it('refuses a checkpoint that is not GPT-2 before fetching its weights', async () => {
    await expect(loadHubModel(source('int8', 'wve-test/llama'), true, env(new MemoryStore()))).rejects.toThrow(
      'wve-test/llama is not a GPT-2 checkpoint: its config.json says model_type "llama" (this page runs "gpt2" models only)',
    );
    expect((await log()).some((r) => r.path.endsWith('model.safetensors'))).toBe(false);
  });

  it('refuses NaN weights naming the tensor, and keeps no build', async () => {
    const store = new MemoryStore();
    await expect(loadHubModel(source('int8', 'wve-test/nan'), true, env(store))).rejects.toThrow(/h\.1\.mlp\.c_fc\.weight.*NaN/);
    expect((await store.folder('wve-test--nan~main').list()).map((e) => e.name)).not.toContain('model-int8.onnx');
  });

  it('says when the hub cannot be reached', async () => {
    await control({ offline: true });
    await expect(loadHubModel(source('int8'), true, env(new MemoryStore()))).rejects.toThrow(/cannot reach 127\.0\.0\.1/);
  });
});

describe('loadServerModel', () => {
  const graph = buildGpt2Graph(randomGpt2Weights(TINY_CONFIG, 2));
  const sha256 = createHash('sha256').update(graph).digest('hex');
  const server = { kind: 'server' as const, name: 'gpt2-tiny-random', label: 'Tiny random test model — not GPT-2', random: true, source: 'random weights, seed 2', repo: null, dtype: 'fp32' as const, config: TINY_CONFIG, url: 'http://server/models/gpt2-tiny-random/model.onnx', bytes: graph.byteLength, sha256 };
  const serve = (body: Uint8Array) => {
    const calls: string[] = [];
    const fetch = async (url: string) => (calls.push(url), new Response(body.slice(), { headers: { 'content-length': String(body.byteLength) } }));
    return { calls, fetch };
  };

  it('downloads, checks the sha256, keeps the copy and then reads it without fetching', async () => {
    const store = new MemoryStore();
    const net = serve(graph);
    const first = await loadServerModel(server, { ...env(store), fetch: net.fetch });
    expect(first.report).toMatchObject({ from: 'network', downloadedBytes: graph.byteLength });
    expect(first.model).toMatchObject({ kind: 'server', random: true, label: server.label });
    const second = await loadServerModel(server, { ...env(store), fetch: net.fetch });
    expect(second.report.from).toBe('kept');
    expect(net.calls).toHaveLength(1);
    expect(Buffer.compare(second.graph, graph)).toBe(0);
  });

  it('fetches a graph served in parts one after another, resumes after a cut part, and joins them', async () => {
    const store = new MemoryStore();
    const sizes = [5_000_000, 5_000_000, graph.byteLength - 10_000_000];
    const parts = sizes.map((bytes, i) => ({ url: `http://server/models/gpt2-tiny-random/model.onnx.part00${i}`, bytes }));
    const offsets = [0, sizes[0], sizes[0] + sizes[1]];
    const calls: { url: string; range: string | null }[] = [];
    let cut = true;
    const fetch = async (url: string, init: { headers: Record<string, string> }) => {
      const i = parts.findIndex((p) => p.url === url);
      const body = graph.subarray(offsets[i], offsets[i] + sizes[i]);
      const range = init.headers.range ?? null;
      calls.push({ url, range });
      const from = range ? Number(/bytes=(\d+)-/.exec(range)![1]) : 0;
      if (i === 1 && cut) {
        cut = false;
        // Half of the second part, then the connection drops.
        const half = body.subarray(0, 2_000_000);
        let sent = false;
        const stream = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent) c.error(new TypeError('network error'));
            else c.enqueue(half.slice());
            sent = true;
          },
        });
        return new Response(stream, { headers: { 'content-length': String(body.byteLength) } });
      }
      const rest = body.subarray(from);
      return range
        ? new Response(rest.slice(), { status: 206, headers: { 'content-range': `bytes ${from}-${body.byteLength - 1}/${body.byteLength}`, 'content-length': String(rest.byteLength) } })
        : new Response(rest.slice(), { headers: { 'content-length': String(rest.byteLength) } });
    };
    const parted = { ...server, parts };
    await expect(loadServerModel(parted, { ...env(store), fetch })).rejects.toThrow(/the download resumes/);
    const second = await loadServerModel(parted, { ...env(store), fetch });
    expect(second.report).toMatchObject({ from: 'network', resumedFrom: sizes[0] + 2_000_000, downloadedBytes: graph.byteLength - sizes[0] - 2_000_000 });
    expect(Buffer.compare(second.graph, graph)).toBe(0);
    // The first part was not fetched again, and the second resumed where it stopped.
    expect(calls.map((c) => [c.url.slice(-3), c.range])).toEqual([
      ['000', null],
      ['001', null],
      ['001', 'bytes=2000000-'],
      ['002', null],
    ]);
    expect((await store.folder('server').list()).map((e) => e.name)).toEqual([`gpt2-tiny-random-${sha256.slice(0, 16)}.onnx`]);
  });

  it('refuses a file whose sha256 differs and keeps nothing', async () => {
    const store = new MemoryStore();
    const corrupt = graph.slice();
    corrupt[1000] ^= 1;
    await expect(loadServerModel(server, { ...env(store), fetch: serve(corrupt).fetch })).rejects.toThrow(/sha256 .* differs from the listing's/);
    expect(await store.folder('server').list()).toEqual([]);
  });
});
