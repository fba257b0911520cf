/// <reference lib="webworker" />
/**
 * The vectors worker: loads a set progressively (from the server, or kept in this browser's
 * Origin Private File System) and answers queries off the UI thread. Queries run over the rows
 * loaded so far, so the first answer comes before the download ends.
 */
import { ExpressionError } from '../expression/parse';
import { WordSourceError } from '../maps/word-source';
import { AnalogyEngine, QueryError, UnknownWordError } from '../vectors/analogy';
import { OpfsStore } from '../hub/opfs-store';
import { openRemoteSet, type RemoteSet } from '../vectors/fetch-set';
import { openLocalSet } from '../vectors/local-sets';
import { measureLatency } from '../vectors/latency';
import type { WireError, WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: AnalogyEngine | undefined;
/** The map being computed (a newer one or a 'cancel' aborts it), and the last map's rows for clustering. */
let running: { id: number; controller: AbortController } | undefined;
let lastMapIds: number[] = [];

const post = (message: WorkerResponse) => self.postMessage(message);

// The maps' code (UMAP, PCA, k-means: most of this worker's script) is fetched beside the set's
// files rather than before them, so opening a set and the first answer do not wait for it, and a
// page that draws a map at once (the walk's cities) finds it there.
const mapCode = () => import('../maps/compute-map');
const clusterCode = () => import('../maps/kmeans');
/** A failure here shows when a map is asked for. */
const prefetchMapCode = () => void mapCode().catch(() => undefined);

/** An error for the page: the reader's mistakes with their code and values, anything else as English text. */
function toWire(e: unknown): WireError {
  if (e instanceof UnknownWordError) return { kind: 'unknown-word', message: e.message, code: e.code, params: e.params, column: e.column, word: e.word, suggestions: e.suggestions };
  if (e instanceof ExpressionError) return { kind: 'expression', message: e.message, code: e.code, params: e.params, column: e.column };
  if (e instanceof Error && e.name === 'AbortError') return { kind: 'cancelled', message: 'cancelled' };
  if (e instanceof WordSourceError) return { kind: 'expression', message: e.message, code: e.code, params: e.params };
  if (e instanceof QueryError) return { kind: 'other', message: e.message, code: e.code, params: e.params };
  return { kind: 'other', message: e instanceof Error ? e.message : String(e) };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  try {
    switch (req.type) {
      case 'open':
        prefetchMapCode();
        opened(req.id, await openRemoteSet(req.baseUrl, (progress) => post({ type: 'progress', progress })));
        return;
      case 'open-local':
        prefetchMapCode();
        opened(req.id, await openLocalSet(OpfsStore.open(), req.name, (progress) => post({ type: 'progress', progress })));
        return;
      case 'query':
        post({ id: req.id, type: 'result', result: requireEngine().query(req.input, req.options) });
        return;
      case 'neighbors':
        post({ id: req.id, type: 'result', result: requireEngine().neighbors(req.word, req.options) });
        return;
      case 'latency':
        post({ id: req.id, type: 'latency', report: measureLatency(requireEngine(), req.runs, req.method) });
        return;
      case 'map': {
        running?.controller.abort();
        const controller = new AbortController();
        running = { id: req.id, controller };
        try {
          const { computeMap } = await mapCode();
          const map = await computeMap(requireEngine(), req.source, req.params, {
            signal: controller.signal,
            onProgress: (progress) => post({ id: req.id, type: 'map-progress', progress }),
          });
          lastMapIds = map.ids;
          post({ id: req.id, type: 'map', map });
        } finally {
          if (running?.id === req.id) running = undefined;
        }
        return;
      }
      case 'clusters': {
        const store = requireEngine().store;
        const [{ gatherRows }, { sphericalKMeans }] = await Promise.all([mapCode(), clusterCode()]);
        const { unit } = gatherRows(store, lastMapIds);
        const { assignment } = sphericalKMeans(unit, lastMapIds.length, store.info.dims, req.k, req.seed);
        post({ id: req.id, type: 'clusters', assignment });
        return;
      }
      case 'cancel':
        if (running?.id === req.target) running.controller.abort();
        return;
    }
  } catch (e) {
    post({ id: req.id, type: 'error', error: toWire(e) });
  }
};

/** Answers over the set's rows as they load; its rows' errors are reported as they happen. */
function opened(id: number, set: RemoteSet): void {
  engine = new AnalogyEngine(set.store);
  const m = set.manifest;
  post({ id, type: 'opened', info: { name: m.name, title: m.title, count: m.count, dims: m.dims, lowercase: m.lowercase, source: m.source, licence: m.licence } });
  set.complete.catch((e) => post({ type: 'load-error', error: toWire(e) }));
}

function requireEngine(): AnalogyEngine {
  if (!engine) throw new Error('no vector set is open yet');
  return engine;
}
