'use client';
/**
 * One training worker (lib/worker/train.worker.ts) for one panel of the /train page: started on
 * the first request, its messages handed to `onMessage`, terminated when the panel goes away or
 * on `terminate()` (which frees its memory at once).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { TrainRequest, TrainResponse } from '@/lib/worker/train-protocol';

export function useTrainWorker(onMessage: (message: TrainResponse) => void) {
  const worker = useRef<Worker | null>(null);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });

  const terminate = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  const post = useCallback((request: TrainRequest) => {
    if (!worker.current) {
      const w = new Worker(new URL('../../../lib/worker/train.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (event: MessageEvent<TrainResponse>) => handler.current(event.data);
      w.onerror = (e) => handler.current({ type: 'error', code: 'workerFailed', params: { message: e.message || '' } });
      worker.current = w;
    }
    worker.current.postMessage(request);
  }, []);

  useEffect(() => terminate, [terminate]);
  return { post, terminate };
}
