'use client';
/**
 * Owns the GPT-2 worker for one model: starts it, loads the model (byte progress on the first
 * load, Cache Storage afterwards) and turns requests into promises. Changing the model
 * terminates the worker, which frees the session's memory at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModelLoadProgress, RuntimeInfo } from '@/lib/gpt2/runtime';
import type { ContextRequest, ContextResult, Gpt2Request, Gpt2Response, HeadAttention, LayersRequest, LayersResult, ModelRef } from '@/lib/worker/gpt2-protocol';

export interface Gpt2LoadState {
  status: 'loading' | 'ready' | 'error';
  progress?: ModelLoadProgress;
  /** Backend and threads, once the session exists. */
  info?: RuntimeInfo;
  /** How the model file arrived (cache or network) and how long it took. */
  ready?: Extract<ModelLoadProgress, { status: 'ready' }>;
  error?: string;
}

type Pending = { resolve: (r: never) => void; reject: (e: Error) => void };
/** A request without its id, and the matching response's result. */
type Ask = { type: 'context'; request: ContextRequest } | { type: 'layers'; request: LayersRequest } | { type: 'head'; runId: number; layer: number; head: number };

export function useGpt2(model: ModelRef) {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const [state, setState] = useState<Gpt2LoadState>({ status: 'loading' });
  const { name, url, bytes, sha256, config } = model;

  useEffect(() => {
    const w = new Worker(new URL('../../lib/worker/gpt2.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const requests = pending.current;
    setState({ status: 'loading' });
    w.onmessage = (event: MessageEvent<Gpt2Response>) => {
      const msg = event.data;
      if (msg.type === 'progress') {
        const p = msg.progress;
        setState((s) => ({ ...s, progress: p, ready: p.status === 'ready' ? p : s.ready }));
        return;
      }
      if (msg.type === 'loaded') {
        setState((s) => ({ ...s, status: 'ready', info: msg.info }));
        return;
      }
      if (msg.id === 0) {
        if (msg.type === 'error') setState((s) => ({ ...s, status: 'error', error: msg.message }));
        return;
      }
      const p = requests.get(msg.id);
      requests.delete(msg.id);
      if (msg.type === 'error') p?.reject(new Error(msg.message));
      else p?.resolve(msg.result as never);
    };
    w.onerror = (e) => setState((s) => ({ ...s, status: 'error', error: e.message || 'the GPT-2 worker failed to start' }));
    w.postMessage({ id: 0, type: 'load', model: { name, url, bytes, sha256, config } } satisfies Gpt2Request);
    return () => {
      w.terminate();
      for (const p of requests.values()) p.reject(new Error('cancelled: the model changed'));
      requests.clear();
      worker.current = null;
    };
  }, [name, url, bytes, sha256, config]);

  const ask = useCallback(<R,>(message: Ask): Promise<R> => {
    const w = worker.current;
    if (!w) return Promise.reject(new Error('the GPT-2 worker is not running'));
    const id = nextId.current++;
    return new Promise<R>((resolve, reject) => {
      pending.current.set(id, { resolve: resolve as (r: never) => void, reject });
      w.postMessage({ id, ...message } satisfies Gpt2Request);
    });
  }, []);
  const context = useCallback((request: ContextRequest) => ask<ContextResult>({ type: 'context', request }), [ask]);
  const layers = useCallback((request: LayersRequest) => ask<LayersResult>({ type: 'layers', request }), [ask]);
  const head = useCallback((runId: number, layer: number, h: number) => ask<HeadAttention>({ type: 'head', runId, layer, head: h }), [ask]);

  return { state, context, layers, head };
}
