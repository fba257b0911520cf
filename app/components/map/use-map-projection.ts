'use client';
/**
 * Runs the projection for the page's state in the vectors worker: a new one whenever the words,
 * the method or its parameters change (the one still running is cancelled), with progress and
 * the layout as it forms. The finished map carries the request it answers (`key`), so the page
 * can tell a current map from a previous one left on screen while a new one runs or fails.
 */
import { useEffect, useState } from 'react';
import type { MapProgress, MapResult } from '@/lib/maps/compute-map';
import { mapRequest, type MapState } from '@/lib/maps/map-state';
import { WordSourceError } from '@/lib/maps/word-source';
import type { WireError } from '@/lib/worker/protocol';
import type { MapJob } from '../../hooks/use-vectors';

/** Least time between redraws of a layout in progress. */
const LIVE_REDRAW_MS = 250;

export interface ShownMap extends MapResult {
  /** The projection request this map answers (projectionKey of its state). */
  key: string;
  /** The word source (text form) it was made from. */
  source: string;
}

/** The inputs of a projection: a change in any of them means a new map. */
export function projectionKey(s: MapState): string {
  return JSON.stringify([s.set, s.words, s.method, s.dims, s.seed, s.nNeighbors, s.minDist, s.method === 'axes' ? [s.axisX, s.axisY] : null]);
}

type RunMap = (source: ReturnType<typeof mapRequest>['source'], params: ReturnType<typeof mapRequest>['params'], onProgress: (p: MapProgress) => void) => MapJob;

export function useMapProjection(state: MapState, ready: boolean, runMap: RunMap) {
  const [map, setMap] = useState<ShownMap | null>(null);
  const [progress, setProgress] = useState<MapProgress | null>(null);
  const [live, setLive] = useState<Float32Array | null>(null); // the layout while UMAP runs
  const [error, setError] = useState<WireError | null>(null);
  const key = projectionKey(state);

  useEffect(() => {
    if (!ready) return;
    let request;
    try {
      request = mapRequest(state);
    } catch (e) {
      setError(e instanceof WordSourceError ? { kind: 'expression', message: e.message, code: e.code, params: e.params } : { kind: 'expression', message: (e as Error).message });
      setProgress(null);
      return;
    }
    setError(null);
    setProgress({ phase: 'knn', done: 0, total: 1 });
    setLive(null);
    performance.mark('map:start');
    let lastDrawn = 0;
    const job = runMap(request.source, request.params, (p) => {
      performance.mark('map:progress'); // counted by the browser benchmark
      setProgress(p);
      if (p.phase === 'quality') setLive(null);
      // Redraw the evolving layout less often than progress arrives: each redraw costs the UI thread.
      const now = performance.now();
      if (p.coords && now - lastDrawn >= LIVE_REDRAW_MS) {
        lastDrawn = now;
        setLive(p.coords);
      }
    });
    let current = true;
    const words = state.words;
    job.result
      .then((m) => {
        if (!current) return;
        performance.mark('map:done', { detail: { n: m.words.length, seconds: m.seconds } }); // read by the browser benchmark
        setMap({ ...m, key, source: words });
        setLive(null);
        setProgress(null);
      })
      .catch((e: WireError) => {
        if (!current || e.kind === 'cancelled') return;
        setError(e);
        setLive(null);
        setProgress(null);
      });
    return () => {
      current = false;
      job.cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` lists exactly the inputs of a projection
  }, [ready, key, runMap]);

  return { map, progress, live, error, key, current: map !== null && map.key === key };
}
