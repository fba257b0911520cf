'use client';
/**
 * Owns the vectors worker for one set: starts it, tracks load progress, and turns requests
 * into promises. Switching sets terminates the worker, which frees its memory at once. A set
 * kept in this browser (see use-set-index.ts) is opened from there, any other from the site.
 * A page may start opening a site's set before it knows which sets there are (startVectorsEarly):
 * the download then overlaps the listing, and useVectors takes that worker over.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { withBase } from '@/app/base-path';
import { isLocalSet, useLocalSetVersion } from '@/app/hooks/use-set-index';
import type { MapParams, MapProgress, MapResult } from '@/lib/maps/compute-map';
import type { WordSource } from '@/lib/maps/word-source';
import type { QueryOptions, QueryResult } from '@/lib/vectors/analogy';
import type { LatencyReport } from '@/lib/vectors/latency';
import type { Method } from '@/lib/vectors/methods';
import type { SetInfo, WireError, WorkerRequest, WorkerResponse } from '@/lib/worker/protocol';

export interface LoadState {
  status: 'loading' | 'ready' | 'error';
  /** Known once words and scales are in: queries can start. */
  info?: SetInfo;
  loaded: number;
  total: number;
  rows: number;
  ms?: number;
  /** Why loading failed, in English (the detail the page shows for an error without a code). */
  error?: string;
  /** The failure's code, when it has one: its message is vectors.errors.<code>. */
  errorCode?: string;
}

/** The worker could not start, or is not running: vectors.errors.workerFailed. */
const WORKER_FAILED: WireError = { kind: 'other', code: 'workerFailed', message: 'workerFailed' };

type Pending = { resolve: (r: never) => void; reject: (e: WireError) => void; progress?: (p: MapProgress) => void };

/** A map being computed in the worker: its result, and a way to stop it. */
export interface MapJob {
  result: Promise<MapResult>;
  cancel: () => void;
}
type NewRequest = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const newVectorsWorker = () => new Worker(new URL('../../lib/worker/vectors.worker.ts', import.meta.url), { type: 'module' });

/** Opens the site's set `setName` (not one kept in this browser). */
const openRemote = (setName: string): WorkerRequest => ({ id: 0, type: 'open', baseUrl: new URL(withBase(`/data/${encodeURIComponent(setName)}`), window.location.href).href });

/** A worker opening a site's set before any page asked for it, and what it has said so far. */
let early: { setName: string; worker: Worker; heard: (MessageEvent<WorkerResponse> | ErrorEvent)[] } | undefined;

/**
 * Starts opening the site's set `setName` now, for a page that will show it once it has found
 * the site's sets (the listing and the download then overlap). Returns a function that ends it
 * unless useVectors has taken it over by then.
 */
export function startVectorsEarly(setName: string): () => void {
  if (early) return () => undefined;
  const worker = newVectorsWorker();
  const started = { setName, worker, heard: [] as (MessageEvent<WorkerResponse> | ErrorEvent)[] };
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => started.heard.push(event);
  worker.onerror = (event) => started.heard.push(event);
  performance.mark('vectors:worker-started');
  worker.postMessage(openRemote(setName));
  early = started;
  return () => {
    if (early !== started) return;
    early = undefined;
    worker.terminate();
  };
}

/** The early worker, if it opens `setName` from the site; any other early worker is ended. */
function takeEarly(setName: string) {
  const taken = early;
  early = undefined;
  if (taken && (taken.setName !== setName || isLocalSet(setName))) {
    taken.worker.terminate();
    return undefined;
  }
  return taken;
}

export function useVectors(setName: string) {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const [state, setState] = useState<LoadState>({ status: 'loading', loaded: 0, total: 0, rows: 0 });
  const [attempt, setAttempt] = useState(0); // a retry starts a new worker
  const version = useLocalSetVersion(setName); // a kept set imported again is opened again

  useEffect(() => {
    const adopted = takeEarly(setName);
    const w = adopted?.worker ?? newVectorsWorker();
    worker.current = w;
    const requests = pending.current;
    setState({ status: 'loading', loaded: 0, total: 0, rows: 0 });
    const onMessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.type === 'progress') {
        const p = msg.progress;
        if (p.status === 'progress') setState((s) => ({ ...s, loaded: p.loaded, total: p.total, rows: p.rows }));
        if (p.status === 'ready') {
          performance.mark('vectors:ready', { detail: p.bytes }); // read by scripts/bench-browser.ts
          setState((s) => ({ ...s, status: 'ready', rows: p.rows, loaded: s.total, ms: p.ms }));
        }
        return;
      }
      if (msg.type === 'load-error') {
        setState((s) => ({ ...s, status: 'error', error: msg.error.message, errorCode: msg.error.code }));
        return;
      }
      if (msg.type === 'opened') {
        performance.mark('vectors:opened');
        setState((s) => ({ ...s, info: msg.info }));
        return;
      }
      if (msg.type === 'map-progress') {
        requests.get(msg.id)?.progress?.(msg.progress);
        return;
      }
      const p = requests.get(msg.id);
      requests.delete(msg.id);
      if (msg.type === 'result') p?.resolve(msg.result as never);
      else if (msg.type === 'map') p?.resolve(msg.map as never);
      else if (msg.type === 'clusters') p?.resolve(msg.assignment as never);
      else if (msg.type === 'latency') p?.resolve(msg.report as never);
      else if (msg.type === 'error') {
        if (p) p.reject(msg.error);
        else setState((s) => ({ ...s, status: 'error', error: msg.error.message, errorCode: msg.error.code })); // the 'open' request
      }
    };
    const onError = (e: ErrorEvent) => setState((s) => ({ ...s, status: 'error', error: e.message, errorCode: WORKER_FAILED.code }));
    w.onmessage = onMessage;
    w.onerror = onError;
    if (adopted) {
      // What it said before this page listened, in order.
      for (const event of adopted.heard) {
        if (event instanceof ErrorEvent) onError(event);
        else onMessage(event);
      }
    } else {
      performance.mark('vectors:worker-started');
      w.postMessage(isLocalSet(setName) ? { id: 0, type: 'open-local', name: setName } : openRemote(setName));
    }
    return () => {
      w.terminate();
      for (const p of requests.values()) p.reject({ kind: 'cancelled', message: 'cancelled' }); // the vector set changed
      requests.clear();
      worker.current = null;
    };
  }, [setName, attempt, version]);

  /** Loads the set again in a new worker (after a failed or stalled download). */
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  const request = useCallback(<T,>(req: NewRequest, progress?: (p: MapProgress) => void, id = nextId.current++): Promise<T> => {
    const w = worker.current;
    if (!w) return Promise.reject(WORKER_FAILED);
    return new Promise<T>((resolve, reject) => {
      pending.current.set(id, { resolve: resolve as (r: never) => void, reject, progress });
      w.postMessage({ ...req, id } as WorkerRequest);
    });
  }, []);

  const query = useCallback((input: string, options: QueryOptions) => request<QueryResult>({ type: 'query', input, options }), [request]);
  const neighbors = useCallback(
    (word: string, options: Omit<QueryOptions, 'method'>) => request<QueryResult>({ type: 'neighbors', word, options }),
    [request],
  );
  const latency = useCallback((runs: number, method: Method) => request<LatencyReport>({ type: 'latency', runs, method }), [request]);

  const map = useCallback(
    (source: WordSource, params: MapParams, onProgress: (p: MapProgress) => void): MapJob => {
      const id = nextId.current++;
      const result = request<MapResult>({ type: 'map', source, params }, onProgress, id);
      // Fire and forget: the map request itself then fails with kind 'cancelled'.
      const cancel = () => worker.current?.postMessage({ id: nextId.current++, type: 'cancel', target: id } satisfies WorkerRequest);
      return { result, cancel };
    },
    [request],
  );
  const clusters = useCallback((k: number, seed: number) => request<Int32Array>({ type: 'clusters', k, seed }), [request]);

  return { state, query, neighbors, latency, map, clusters, retry };
}
