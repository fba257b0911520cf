/**
 * Gets a GPT-2 graph ready to run, in the worker (and in Node tests): a model installed on the
 * server (its model.onnx, checked against its sha256), or a checkpoint from the Hugging Face hub
 * (config.json + model.safetensors, resumable, checked like the CLI checks them, then built into
 * a graph here). Everything is kept in a ByteStore (the Origin Private File System in the
 * browser), so a second visit needs no network: hub models by repo, revision, weights ETag and
 * dtype; server models by sha256. The graph builder is passed in, so the worker can load it as a
 * separate chunk only when a graph must be built.
 */
import { download, type DownloadProgress, type FetchFn } from '../hub/download';
import { hubFileUrl } from '../hub/hub-url';
import { keptBuild, keptFolderName, readKept, recordBuild, recordDownload, type KeptMeta } from '../hub/kept-models';
import type { ByteStore } from '../hub/byte-store';
import type { Gpt2Dtype } from './graph-contract';
import { Gpt2Error } from './errors';
import { knownByRepo } from './known-models';
import { readSafetensors } from './safetensors';
import { checkFiniteWeights, gpt2WeightsFromSafetensors, parseGpt2Config, type Gpt2Config, type Gpt2Weights } from './weights';
import type { HubModel, LoadReport, LoadStage, LoadedModel, ServerModel } from '../worker/gpt2-protocol';

export const CONFIG_FILE = 'config.json';
export const WEIGHTS_FILE = 'model.safetensors';
/** GPT-2's tokenizer has exactly this many tokens; a checkpoint with another vocabulary needs another tokenizer. */
const GPT2_VOCAB = 50257;
/** Marks the random test checkpoints the project makes (never shown as GPT-2). */
export const RANDOM_MARKER = 'wve_random_test_model';

export interface BuildOptions {
  dtype: Gpt2Dtype;
  /** fp32 only: point the weights into this file (ONNX external data) instead of copying them. */
  externalData?: string;
}
export type GraphBuilder = (weights: Gpt2Weights, options: BuildOptions) => Uint8Array | Promise<Uint8Array>;

export interface LoaderEnv {
  /** Where models are kept; a MemoryStore when the browser has no OPFS (then nothing survives the page). */
  store: ByteStore;
  /** Bumped when the builder changes what it writes: builds by another version are made again. */
  builderVersion: string;
  build: GraphBuilder;
  fetch?: FetchFn;
  onStage?: (stage: LoadStage) => void;
  /** Aborts a download (the part is kept). */
  signal?: AbortSignal;
}

/** A graph to hand to onnxruntime, with the file its weights point into when they are external. */
export interface ReadyGraph {
  graph: Uint8Array;
  externalData?: { path: string; data: Uint8Array }[];
  model: LoadedModel;
  report: Omit<LoadReport, 'ms'>;
}

/** Thrown when a hub model is not kept here and the caller did not allow a download. */
export class NeedsDownloadError extends Gpt2Error {
  constructor(repo: string) {
    super('notKept', { repo }, `${repo} is not kept in this browser yet`);
  }
}

const graphFile = (dtype: Gpt2Dtype) => `model-${dtype}.onnx`;

/** The model's weights file is kept whole and the config parsed: the folder can build without network. */
async function hasFiles(folder: ByteStore, meta: KeptMeta): Promise<boolean> {
  for (const [name, bytes] of Object.entries(meta.files)) if ((await folder.size(name)) !== bytes) return false;
  return WEIGHTS_FILE in meta.files && CONFIG_FILE in meta.files;
}

/** What the page calls a hub model: the repository, plus what it is when known or random. */
export function hubModelInfo(repo: string, configJson: Record<string, unknown>, config: Gpt2Config, dtype: Gpt2Dtype): LoadedModel {
  const random = configJson[RANDOM_MARKER] === true;
  const known = knownByRepo(repo);
  const label = random ? `${repo} (random test model — not GPT-2)` : known ? `${known.label} — ${repo}` : repo;
  return { kind: 'hub', name: repo, label, random, source: random ? `${repo}: random weights` : repo, repo: random ? null : (known?.repo ?? repo), dtype, config };
}

/** Checks config.json before any weight is read: a GPT-2 with GPT-2's vocabulary. */
export function checkHubConfig(repo: string, json: unknown): { json: Record<string, unknown>; config: Gpt2Config } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${repo}: config.json is not a JSON object`);
  const obj = json as Record<string, unknown>;
  if (obj.model_type !== 'gpt2') {
    const modelType = JSON.stringify(obj.model_type ?? null);
    throw new Gpt2Error('notGpt2', { repo, modelType }, `${repo} is not a GPT-2 checkpoint: its config.json says model_type ${modelType} (this page runs "gpt2" models only)`);
  }
  const config = parseGpt2Config(obj);
  if (config.vocabSize !== GPT2_VOCAB) {
    throw new Gpt2Error(
      'wrongVocabulary',
      { repo, size: config.vocabSize, expected: GPT2_VOCAB },
      `${repo} has a ${config.vocabSize}-token vocabulary; the page tokenises with GPT-2's ${GPT2_VOCAB} tokens`,
    );
  }
  return { json: obj, config };
}

/**
 * A hub model's graph in `dtype`: from the kept build when there is one; else built from the kept
 * files; else (when `allowDownload`) downloaded first. No network is used when the files are kept.
 */
export async function loadHubModel(source: HubModel & { dtype: Gpt2Dtype }, allowDownload: boolean, env: LoaderEnv): Promise<ReadyGraph> {
  const { hub, repo, revision, dtype } = source;
  const stage = env.onStage ?? (() => undefined);
  stage({ stage: 'storage' });
  const folder = env.store.folder(keptFolderName(repo, revision));
  let meta = await readKept(env.store, repo, revision).catch(() => null); // a broken meta.json is replaced by a new download
  const report: Omit<LoadReport, 'ms'> = { from: 'kept', downloadedBytes: 0, resumedFrom: 0, built: false };

  if (!meta || !(await hasFiles(folder, meta))) {
    if (!allowDownload) throw new NeedsDownloadError(repo);
    report.from = 'network';
    meta = await downloadHubFiles(source, folder, env, report);
  }
  const { json, config } = checkHubConfig(repo, meta.config);
  const model = hubModelInfo(repo, json, config, dtype);
  const external = dtype === 'fp32' ? { path: WEIGHTS_FILE } : null;

  const build = keptBuild(meta, dtype, env.builderVersion);
  if (build && (await folder.size(build.file)) === build.bytes) {
    stage({ stage: 'read', bytes: build.bytes });
    const graph = await folder.read(build.file);
    return { graph, externalData: external ? [{ path: external.path, data: await folder.read(WEIGHTS_FILE) }] : undefined, model, report };
  }

  stage({ stage: 'check', file: WEIGHTS_FILE });
  const bytes = await folder.read(WEIGHTS_FILE);
  const weights = gpt2WeightsFromSafetensors(readSafetensors(bytes, `${repo}/${WEIGHTS_FILE}`), json);
  checkFiniteWeights(weights, `${repo}/${WEIGHTS_FILE}`);
  stage({ stage: 'build', dtype });
  const graph = await env.build(weights, { dtype, externalData: external?.path });
  report.built = true;
  stage({ stage: 'store', bytes: graph.byteLength });
  try {
    await folder.write(graphFile(dtype), graph);
    await recordBuild(env.store, repo, revision, dtype, { file: graphFile(dtype), bytes: graph.byteLength, etag: meta.etag, builder: env.builderVersion });
  } catch (e) {
    report.keepError = (e as Error).message; // the page says the graph is built again next time
  }
  return { graph, externalData: external ? [{ path: external.path, data: bytes }] : undefined, model, report };
}

/** Downloads config.json (checked at once) and model.safetensors into the model's folder and records them. */
async function downloadHubFiles(source: HubModel, folder: ByteStore, env: LoaderEnv, report: Omit<LoadReport, 'ms'>): Promise<KeptMeta> {
  const { hub, repo, revision } = source;
  const stage = env.onStage ?? (() => undefined);
  const files: Record<string, number> = {};
  let configJson: Record<string, unknown> = {};
  let etag: string | null = null;
  for (const name of [CONFIG_FILE, WEIGHTS_FILE]) {
    const result = await download({
      url: hubFileUrl(hub, repo, revision, name),
      store: folder,
      name,
      fetch: env.fetch,
      signal: env.signal,
      onProgress: (p) => stage({ stage: 'download', file: name, loaded: p.loaded, total: p.total, resumedFrom: p.resumedFrom }),
      verify:
        name === CONFIG_FILE
          ? async (part) => {
              const text = new TextDecoder().decode(await folder.read(part));
              let parsed: unknown;
              try {
                parsed = JSON.parse(text);
              } catch (e) {
                throw new Error(`${repo}: config.json is not valid JSON (${(e as Error).message})`);
              }
              configJson = checkHubConfig(repo, parsed).json; // refuse a non-GPT-2 before fetching 500 MB
            }
          : undefined,
    });
    files[name] = result.bytes;
    if (name === WEIGHTS_FILE) {
      etag = result.etag;
      report.downloadedBytes = result.bytes - result.resumedFrom;
      report.resumedFrom = result.resumedFrom;
    }
  }
  return recordDownload(env.store, { hub, repo, revision, etag, files, config: configJson });
}

/**
 * A server model's graph: kept by sha256, else downloaded (resumable) and checked against the
 * size and sha256 of its listing. A static host that limits file sizes serves the graph in parts
 * (`source.parts`): they are fetched one after another, each resumable, and joined as they arrive.
 */
export async function loadServerModel(source: ServerModel, env: LoaderEnv): Promise<ReadyGraph> {
  const stage = env.onStage ?? (() => undefined);
  stage({ stage: 'storage' });
  const folder = env.store.folder('server');
  const name = `${source.name}-${source.sha256.slice(0, 16)}.onnx`;
  const model: LoadedModel = { kind: 'server', name: source.name, label: source.label, random: source.random, source: source.source, repo: source.repo, dtype: source.dtype, config: source.config };
  const report: Omit<LoadReport, 'ms'> = { from: 'kept', downloadedBytes: 0, resumedFrom: 0, built: false };
  if ((await folder.size(name)) === source.bytes) {
    stage({ stage: 'read', bytes: source.bytes });
    return { graph: await folder.read(name), model, report };
  }
  report.from = 'network';
  const check = async (file: string) => {
    stage({ stage: 'check', file: 'model.onnx' });
    const bytes = await folder.read(file);
    if (bytes.byteLength !== source.bytes) throw new Error(`${source.url} has ${bytes.byteLength.toLocaleString('en')} bytes; the server's listing says ${source.bytes.toLocaleString('en')}`);
    const digest = await sha256Hex(bytes);
    if (digest !== source.sha256) throw new Error(`${source.url}: sha256 ${digest.slice(0, 12)}… differs from the listing's ${source.sha256.slice(0, 12)}… (file corrupt or replaced)`);
  };
  const progress = (before: number, resumedBefore: number) => (p: DownloadProgress) =>
    stage({ stage: 'download', file: 'model.onnx', loaded: before + p.loaded, total: source.bytes, resumedFrom: resumedBefore + p.resumedFrom });

  if (!source.parts) {
    const result = await download({ url: source.url, store: folder, name, fetch: env.fetch, signal: env.signal, onProgress: progress(0, 0), verify: check });
    report.downloadedBytes = result.bytes - result.resumedFrom;
    report.resumedFrom = result.resumedFrom;
  } else {
    // `joined` holds the whole parts received so far, in order; `piece` the one on its way.
    const joined = `${name}.joined`;
    const piece = `${name}.piece`;
    let done = (await folder.size(joined)) ?? 0;
    if (done !== prefixBytes(source.parts, done)) {
      await folder.remove(joined); // not a whole number of parts: start again
      done = 0;
    }
    report.resumedFrom = done;
    let at = 0;
    for (const part of source.parts) {
      if (at + part.bytes <= done) {
        at += part.bytes;
        continue;
      }
      const result = await download({ url: part.url, store: folder, name: piece, fetch: env.fetch, signal: env.signal, onProgress: progress(at, report.resumedFrom) });
      if (result.bytes !== part.bytes) throw new Error(`${part.url} has ${result.bytes.toLocaleString('en')} bytes; the listing says ${part.bytes.toLocaleString('en')}`);
      report.resumedFrom += result.resumedFrom;
      report.downloadedBytes += result.bytes - result.resumedFrom;
      const writer = await folder.writer(joined, { append: true });
      try {
        await writer.write(await folder.read(piece));
        await writer.flush();
      } finally {
        await writer.close();
      }
      await folder.remove(piece);
      at += part.bytes;
    }
    try {
      await check(joined);
    } catch (e) {
      await folder.remove(joined);
      throw e;
    }
    await folder.rename(joined, name);
  }
  // Older copies of the same model (another sha256) can never be used again.
  for (const entry of await folder.list()) if (entry.kind === 'file' && entry.name.startsWith(`${source.name}-`) && !entry.name.startsWith(name)) await folder.remove(entry.name);
  return { graph: await folder.read(name), model, report };
}

/** The bytes of the first whole parts that fit in `bytes` (equal to `bytes` when it ends on a part boundary). */
function prefixBytes(parts: readonly { bytes: number }[], bytes: number): number {
  let at = 0;
  for (const p of parts) {
    if (at + p.bytes > bytes) break;
    at += p.bytes;
  }
  return at;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
