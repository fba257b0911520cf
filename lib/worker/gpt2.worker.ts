/// <reference lib="webworker" />
/**
 * The GPT-2 worker: gets a model's graph ready (model-loader.ts: from this browser's Origin
 * Private File System, the server, or the Hugging Face hub), loads onnxruntime-web from our own
 * origin, creates the session (WebGPU when an adapter exists and the dtype suits it, else WASM)
 * and answers the pages' requests. Heavy arrays go back as transferables.
 */
import { contextUmap } from '../gpt2/context-umap';
import { contextVectors, prepareSentences } from '../gpt2/context-vectors';
import { generate } from '../gpt2/generate';
import { errorReport } from '../gpt2/errors';
import type { Gpt2Dtype } from '../gpt2/graph-contract';
import { checkLayersLength, LayersRunner, resultBuffers, tokenizePrompt } from '../gpt2/layers-run';
import { loadHubModel, loadServerModel, NeedsDownloadError, RANDOM_MARKER, type GraphBuilder, type LoaderEnv } from '../gpt2/model-loader';
import { configureOrt, createGpt2Session, type GpuLike, type Gpt2Session, type Ort } from '../gpt2/runtime';
import { MemoryStore, storeBytes, type ByteStore } from '../hub/byte-store';
import { hubFileUrl } from '../hub/hub-url';
import { keptUsage, readKept, removeKept } from '../hub/kept-models';
import { OpfsStore } from '../hub/opfs-store';
import { probeHubFile } from '../hub/probe';
import type { Gpt2Request, Gpt2Response, Inventory, KeptModel, ModelSource } from './gpt2-protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Where onnxruntime-web's files are served (public/ort/), relative to the app's base path. */
const ORT_DIR = `${process.env.NEXT_PUBLIC_BASE_PATH ?? ''}/ort/`;
/** Changes whenever the graph builder writes something different: kept builds by another version are rebuilt. */
const BUILDER_VERSION = 'gpt2-graph-3';

let session: Gpt2Session | undefined;
let layers: LayersRunner | undefined; // keeps the latest layers run's attention for 'head' requests
let stopRequested = false;

const post = (message: Gpt2Response, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const gpu = () => (self.navigator as WorkerNavigator & { gpu?: GpuLike }).gpu ?? null;

/** The Origin Private File System folder models are kept in, or memory (and why) when the browser has none. */
const storage: Promise<{ store: ByteStore; unavailable?: string }> = (async () => {
  try {
    const store = OpfsStore.open('gpt2-models');
    await store.list(); // fails here when the browser refuses (e.g. private windows in some browsers)
    return { store };
  } catch (e) {
    return { store: new MemoryStore(), unavailable: messageOf(e) }; // the page says models are downloaded again on every visit
  }
})();

async function loadOrt(): Promise<Ort> {
  const url = `${ORT_DIR}ort.min.mjs`; // a variable, so neither TypeScript nor webpack tries to resolve it
  const ort = (await import(/* webpackIgnore: true */ url).catch((e: unknown) => {
    throw new Error(`could not load onnxruntime-web from ${url} (${messageOf(e)}); public/ort/ is filled by \`node scripts/copy-ort.mjs\`, which runs before dev and build`);
  })) as Ort;
  // Threads need cross-origin isolation (SharedArrayBuffer). ORT's own default is half the cores;
  // all of them (up to 4) is faster here, and the page's thread mostly waits while a run computes.
  configureOrt(ort, { wasmPaths: ORT_DIR, numThreads: self.crossOriginIsolated ? Math.min(4, self.navigator.hardwareConcurrency || 1) : 1 });
  return ort;
}

/** The graph builder and onnx-proto come as a separate chunk, fetched only when a graph must be built. */
const buildGraph: GraphBuilder = async (weights, options) => (await import('../gpt2/graph')).buildGpt2Graph(weights, options);

/** 'auto' picks fp16 when WebGPU has an adapter (it has no int8 kernels) and int8 on WebAssembly. */
async function resolveDtype(dtype: Gpt2Dtype | 'auto'): Promise<Gpt2Dtype> {
  if (dtype !== 'auto') return dtype;
  const adapter = await gpu()
    ?.requestAdapter()
    .catch(() => null);
  return adapter ? 'fp16' : 'int8';
}

async function load(id: number, source: ModelSource, allowDownload: boolean): Promise<void> {
  const t0 = performance.now();
  const { store } = await storage;
  const env: LoaderEnv = { store, builderVersion: BUILDER_VERSION, build: buildGraph, onStage: (progress) => post({ id, type: 'progress', progress }) };
  if (allowDownload) void self.navigator.storage?.persist?.().catch(() => false); // ask the browser to keep 500 MB downloads
  const ortLoading = loadOrt();
  ortLoading.catch(() => undefined); // reported when awaited below
  const ready = source.kind === 'server' ? await loadServerModel(source, env) : await loadHubModel({ ...source, dtype: await resolveDtype(source.dtype) }, allowDownload, env);
  post({ id, type: 'progress', progress: { stage: 'ort' } });
  const ort = await ortLoading;
  const dtype = ready.model.dtype;
  const provider = dtype === 'int8' || !(await gpu()?.requestAdapter().catch(() => null)) ? 'wasm' : 'webgpu';
  post({ id, type: 'progress', progress: { stage: 'session', provider, dtype } });
  session = await createGpt2Session(ort, ready.graph, ready.model.config, { gpu: gpu(), dtype, externalData: ready.externalData });
  layers = undefined;
  post({ id, type: 'loaded', info: session.info, model: ready.model, report: { ...ready.report, ms: performance.now() - t0 } });
}

async function inventory(): Promise<Inventory> {
  const { store, unavailable } = await storage;
  const kept: KeptModel[] = [];
  const broken: Inventory['broken'] = [];
  for (const folder of (await keptUsage(store)).folders) {
    if (!folder.repo || !folder.revision) continue; // not a hub model's folder (e.g. copies of server models)
    try {
      const meta = await readKept(store, folder.repo, folder.revision);
      kept.push({
        hub: meta?.hub ?? '',
        repo: folder.repo,
        revision: folder.revision,
        etag: meta?.etag ?? null,
        bytes: folder.bytes,
        builds: Object.keys(meta?.builds ?? {}) as Gpt2Dtype[],
        partial: meta === null,
        random: meta?.config[RANDOM_MARKER] === true,
        keptAt: meta?.keptAt ?? null,
      });
    } catch (e) {
      broken.push({ folder: folder.folder, error: messageOf(e) });
    }
  }
  const estimate = await self.navigator.storage?.estimate?.().catch(() => null);
  const persisted = await self.navigator.storage?.persisted?.().catch(() => null);
  return {
    kept,
    broken,
    serverCopies: await storeBytes(store.folder('server')).catch(() => 0),
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    persisted: persisted ?? null,
    unavailable,
  };
}

function needSession(): Gpt2Session {
  if (!session) throw new Error('no model is loaded yet');
  return session;
}

self.onmessage = async (event: MessageEvent<Gpt2Request>) => {
  const req = event.data;
  try {
    switch (req.type) {
      case 'inventory':
        post({ id: req.id, type: 'inventory', inventory: await inventory() });
        return;
      case 'probe': {
        const probe = await probeHubFile(hubFileUrl(req.hub, req.repo, req.revision, 'model.safetensors'));
        post({ id: req.id, type: 'probe', bytes: probe?.bytes ?? null });
        return;
      }
      case 'load':
        await load(req.id, req.source, req.download);
        return;
      case 'remove':
        await removeKept((await storage).store, req.repo, req.revision);
        post({ id: req.id, type: 'inventory', inventory: await inventory() });
        return;
      case 'context': {
        const s = needSession();
        const r = req.request;
        prepareSentences(r.target, r.sentences, s.config); // refuse bad input before running
        const vectors = await contextVectors(async (ids) => (await s.run(ids, ['resid'])).resid.data, s.config, r);
        const t0 = performance.now();
        const umap = await contextUmap(vectors.targets, vectors.layers, vectors.sentences.length, vectors.dims);
        const result = { ...vectors, umap, umapMs: performance.now() - t0 };
        post({ id: req.id, type: 'context', result }, [result.targets.buffer as ArrayBuffer, ...(umap ? [umap.buffer as ArrayBuffer] : [])]);
        return;
      }
      case 'layers': {
        const s = needSession();
        checkLayersLength(tokenizePrompt(req.request.prompt, s.config.nPositions).ids.length, s.config); // refuse bad input before running
        layers ??= new LayersRunner(s);
        const result = await layers.run(req.request);
        post({ id: req.id, type: 'layers', result }, resultBuffers(result));
        return;
      }
      case 'head': {
        if (!layers) throw new Error('no layers run yet');
        const result = layers.head(req.runId, req.layer, req.head);
        post({ id: req.id, type: 'head', result }, [result.data.buffer as ArrayBuffer]);
        return;
      }
      case 'generate': {
        stopRequested = false;
        // A run resolves without giving the event loop a turn: wait one task so a "stop" message is handled.
        const stopped = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(stopRequested), 0));
        const result = await generate(needSession(), req.request, (token, index) => post({ id: req.id, type: 'token', token, index }), stopped);
        post({ id: req.id, type: 'generated', result });
        return;
      }
      case 'stop':
        stopRequested = true;
        post({ id: req.id, type: 'stopped' });
        return;
    }
  } catch (e) {
    post({ id: req.id, type: 'error', ...errorReport(e), needsDownload: e instanceof NeedsDownloadError || undefined });
  }
};
