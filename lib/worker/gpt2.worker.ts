/// <reference lib="webworker" />
/**
 * The GPT-2 worker: loads onnxruntime-web from /ort/ (our origin, no bundler in between), fetches
 * the model once (Cache Storage), creates the session (WebGPU if an adapter exists, else WASM) and
 * answers context requests. Heavy arrays go back as transferables.
 */
import { contextUmap } from '../gpt2/context-umap';
import { contextVectors, prepareSentences } from '../gpt2/context-vectors';
import { checkLayersLength, LayersRunner, resultBuffers, tokenizePrompt } from '../gpt2/layers-run';
import { configureOrt, createGpt2Session, loadModelBytes, type GpuLike, type Gpt2Session, type Ort } from '../gpt2/runtime';
import type { Gpt2Config } from '../gpt2/weights';
import type { Gpt2Request, Gpt2Response } from './gpt2-protocol';

declare const self: DedicatedWorkerGlobalScope;

const ORT_URL = '/ort/ort.min.mjs';
const CACHE_NAME = 'wve-gpt2-models';

let config: Gpt2Config | undefined;
let session: Promise<Gpt2Session> | undefined;
let layers: LayersRunner | undefined; // keeps the latest layers run's attention for 'head' requests

const post = (message: Gpt2Response, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function loadOrt(): Promise<Ort> {
  const url = ORT_URL; // a variable, so neither TypeScript nor webpack tries to resolve it
  const ort = (await import(/* webpackIgnore: true */ url).catch((e: unknown) => {
    throw new Error(`could not load onnxruntime-web from ${url} (${messageOf(e)}); public/ort/ is filled by \`node scripts/copy-ort.mjs\`, which runs before dev and build`);
  })) as Ort;
  configureOrt(ort);
  return ort;
}

self.onmessage = async (event: MessageEvent<Gpt2Request>) => {
  const req = event.data;
  try {
    switch (req.type) {
      case 'load': {
        config = req.model.config;
        const file = { url: new URL(req.model.url, self.location.href).href, bytes: req.model.bytes, sha256: req.model.sha256 };
        const cache = self.caches ? await self.caches.open(CACHE_NAME).catch(() => null) : null;
        const modelConfig = config;
        layers = undefined;
        session = (async () => {
          const [ort, bytes] = await Promise.all([loadOrt(), loadModelBytes(file, (progress) => post({ type: 'progress', progress }), { cache })]);
          const gpu = (self.navigator as WorkerNavigator & { gpu?: GpuLike }).gpu ?? null;
          return createGpt2Session(ort, bytes, modelConfig, { gpu });
        })();
        post({ id: req.id, type: 'loaded', info: (await session).info });
        return;
      }
      case 'context': {
        if (!config || !session) throw new Error('no model is loaded yet');
        const r = req.request;
        prepareSentences(r.target, r.sentences, config); // refuse bad input before waiting for the model
        const s = await session;
        const vectors = await contextVectors(async (ids) => (await s.run(ids, ['resid'])).resid.data, config, r);
        const t0 = performance.now();
        const umap = await contextUmap(vectors.targets, vectors.layers, vectors.sentences.length, vectors.dims);
        const result = { ...vectors, umap, umapMs: performance.now() - t0 };
        post({ id: req.id, type: 'context', result }, [result.targets.buffer as ArrayBuffer, ...(umap ? [umap.buffer as ArrayBuffer] : [])]);
        return;
      }
      case 'layers': {
        if (!config || !session) throw new Error('no model is loaded yet');
        checkLayersLength(tokenizePrompt(req.request.prompt, config.nPositions).ids.length, config); // refuse bad input before waiting for the model
        layers ??= new LayersRunner(await session);
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
    }
  } catch (e) {
    post({ id: req.id, type: 'error', message: messageOf(e) });
  }
};
