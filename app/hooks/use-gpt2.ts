'use client';
/**
 * Owns the page's GPT-2 worker and turns its messages into promises and state. Loading another
 * model ends the worker and starts a new one, which frees the old session's memory at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorReport, workerError, type ErrorReport } from '@/lib/gpt2/errors';
import type { RuntimeInfo } from '@/lib/gpt2/runtime';
import type {
  ContextRequest,
  ContextResult,
  GenerateRequest,
  GenerateResult,
  GeneratedToken,
  Gpt2Request,
  Gpt2Response,
  HeadAttention,
  Inventory,
  LayersRequest,
  LayersResult,
  LoadReport,
  LoadStage,
  LoadedModel,
  ModelSource,
} from '@/lib/worker/gpt2-protocol';

export interface Gpt2LoadState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  source?: ModelSource;
  progress?: LoadStage;
  /** Backend and threads, once the session exists. */
  info?: RuntimeInfo;
  model?: LoadedModel;
  report?: LoadReport;
  /** Why the load failed: the English message, and a code the page words in the reader's language. */
  error?: ErrorReport;
  /** The hub model is not kept in this browser: the page offers to download it. */
  needsDownload?: boolean;
}

type Pending = { resolve: (r: never) => void; reject: (e: Error) => void; onMessage?: (msg: Gpt2Response) => void };

/** A rejected request: the worker's English message, with its code and params (see app/components/gpt2/gpt2-text.ts). */
export type Gpt2RequestError = Error & Omit<ErrorReport, 'message'> & { needsDownload?: boolean };
/** A request without its id. */
type Ask = Gpt2Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The answer a request type gets back (its payload). */
function payload(msg: Gpt2Response): unknown {
  switch (msg.type) {
    case 'inventory':
      return msg.inventory;
    case 'probe':
      return msg.bytes;
    case 'context':
    case 'layers':
    case 'head':
    case 'generated':
      return msg.result;
    default:
      return msg;
  }
}

export interface Gpt2Handle {
  state: Gpt2LoadState;
  load(source: ModelSource, download: boolean): Promise<void>;
  inventory(): Promise<Inventory>;
  probe(hub: string, repo: string, revision: string): Promise<number | null>;
  remove(repo: string, revision: string): Promise<void>;
  context(request: ContextRequest): Promise<ContextResult>;
  layers(request: LayersRequest): Promise<LayersResult>;
  head(runId: number, layer: number, head: number): Promise<HeadAttention>;
  generate(request: GenerateRequest, onToken: (token: GeneratedToken, index: number) => void): Promise<GenerateResult>;
  stop(): void;
}

export function useGpt2(): Gpt2Handle {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const [state, setState] = useState<Gpt2LoadState>({ status: 'idle' });

  const rejectAll = useCallback((why: Error) => {
    for (const p of pending.current.values()) p.reject(why);
    pending.current.clear();
  }, []);

  const start = useCallback((): Worker => {
    worker.current?.terminate();
    rejectAll(workerError('cancelled'));
    // A classic worker: webpack loads its split chunks (the graph builder) with importScripts,
    // which module workers lack; onnxruntime-web still arrives through a dynamic import().
    const w = new Worker(new URL('../../lib/worker/gpt2.worker.ts', import.meta.url));
    w.onmessage = (event: MessageEvent<Gpt2Response>) => {
      const msg = event.data;
      const p = pending.current.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress' || msg.type === 'token') {
        p.onMessage?.(msg);
        return;
      }
      pending.current.delete(msg.id);
      if (msg.type === 'error') p.reject(Object.assign(new Error(msg.message), { code: msg.code, params: msg.params, needsDownload: msg.needsDownload }) as Gpt2RequestError);
      else p.resolve(payload(msg) as never);
    };
    w.onerror = (e) => {
      const error = workerError('workerFailed', e.message);
      rejectAll(error);
      setState((s) => ({ ...s, status: 'error', error: errorReport(error) }));
    };
    worker.current = w;
    return w;
  }, [rejectAll]);

  useEffect(() => {
    return () => {
      worker.current?.terminate();
      worker.current = null;
      rejectAll(workerError('cancelled'));
    };
  }, [rejectAll]);

  const ask = useCallback(
    <R,>(message: Ask, onMessage?: (msg: Gpt2Response) => void, w: Worker | null = worker.current ?? start()): Promise<R> => {
      if (!w) return Promise.reject(workerError('workerFailed'));
      const id = nextId.current++;
      return new Promise<R>((resolve, reject) => {
        pending.current.set(id, { resolve: resolve as (r: never) => void, reject, onMessage });
        w.postMessage({ id, ...message } as Gpt2Request);
      });
    },
    [start],
  );

  const load = useCallback(
    async (source: ModelSource, download: boolean) => {
      const w = state.status === 'idle' && worker.current ? worker.current : start();
      setState({ status: 'loading', source });
      try {
        const msg = await ask<Extract<Gpt2Response, { type: 'loaded' }>>(
          { type: 'load', source, download },
          (m) => m.type === 'progress' && setState((s) => ({ ...s, progress: m.progress })),
          w,
        );
        setState({ status: 'ready', source, info: msg.info, model: msg.model, report: msg.report });
      } catch (e) {
        const err = e as Gpt2RequestError;
        setState({ status: 'error', source, error: { message: err.message, code: err.code, params: err.params }, needsDownload: err.needsDownload });
      }
    },
    [ask, start, state.status],
  );

  const inventory = useCallback(() => ask<Inventory>({ type: 'inventory' }), [ask]);
  const probe = useCallback((hub: string, repo: string, revision: string) => ask<number | null>({ type: 'probe', hub, repo, revision }), [ask]);
  const remove = useCallback(async (repo: string, revision: string) => void (await ask({ type: 'remove', repo, revision })), [ask]);
  const context = useCallback((request: ContextRequest) => ask<ContextResult>({ type: 'context', request }), [ask]);
  const layers = useCallback((request: LayersRequest) => ask<LayersResult>({ type: 'layers', request }), [ask]);
  const head = useCallback((runId: number, layer: number, h: number) => ask<HeadAttention>({ type: 'head', runId, layer, head: h }), [ask]);
  const generate = useCallback(
    (request: GenerateRequest, onToken: (token: GeneratedToken, index: number) => void) =>
      ask<GenerateResult>({ type: 'generate', request }, (m) => m.type === 'token' && onToken(m.token, m.index)),
    [ask],
  );
  const stop = useCallback(() => void ask({ type: 'stop' }).catch(() => undefined), [ask]);

  return { state, load, inventory, probe, remove, context, layers, head, generate, stop };
}
