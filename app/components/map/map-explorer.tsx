'use client';
/**
 * The map page: choose words and a projection, watch the layout form, then explore it — hover
 * for words, click for a word's neighbours in the original 100-d space, search to highlight,
 * re-centre on a word. The URL holds the whole view.
 */
import { replaceUrlState } from '@/app/url-state';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { findPairSet, pairArrows, PAIR_SETS } from '@/lib/maps/analogy-overlay';
import type { MapProgress, MapResult } from '@/lib/maps/compute-map';
import { MAP_PRESETS } from '@/lib/maps/presets';
import type { QueryResult } from '@/lib/vectors/analogy';
import type { WireError } from '@/lib/worker/protocol';
import { useVectors } from '../../hooks/use-vectors';
import { LoadProgress } from '../load-progress';
import { Plot, preloadPlotly } from '../plot/plot';
import { buildFigure } from './figure';
import { LiveLayout } from './live-layout';
import { MapControls } from './map-controls';
import { MapInfo } from './map-info';
import { mapRequest, searchFromState, stateFromSearch, type MapState } from '@/lib/maps/map-state';
import { WordPanel } from './word-panel';

interface Props {
  initial: MapState;
  sets: { name: string; title: string }[];
}

/** Points labelled by default: the nearest / most frequent words. */
const LABELS_2D = 40;
const LABELS_3D = 25;
/** Least time between redraws of a layout in progress. */
const LIVE_REDRAW_MS = 250;

export function MapExplorer({ initial, sets }: Props) {
  const [state, setState] = useState<MapState>(initial);
  const { state: load, map: runMap, neighbors, clusters, retry } = useVectors(state.set);
  const [map, setMap] = useState<MapResult | null>(null);
  const [progress, setProgress] = useState<MapProgress | null>(null);
  const [live, setLive] = useState<Float32Array | null>(null); // the layout while UMAP runs
  const [error, setError] = useState<WireError | null>(null);
  const [clusterOf, setClusterOf] = useState<Int32Array | null>(null);
  const [neighbours, setNeighbours] = useState<QueryResult | null>(null);
  const dark = usePrefersDark();
  const searchRef = useRef<HTMLInputElement>(null);
  const ready = load.status === 'ready';
  const update = useCallback((patch: Partial<MapState>) => setState((s) => ({ ...s, ...patch })), []);

  useEffect(() => {
    replaceUrlState(searchFromState(state));
  }, [state]);

  useEffect(preloadPlotly, []); // while the vectors load, not when the first map arrives

  // A new projection whenever the words, method or its parameters change; the old one is cancelled.
  const requestKey = JSON.stringify([state.words, state.method, state.dims, state.seed, state.nNeighbors, state.minDist, state.axisX, state.axisY]);
  useEffect(() => {
    if (!ready) return;
    let request;
    try {
      request = mapRequest(state);
    } catch (e) {
      setError({ kind: 'expression', message: (e as Error).message });
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
    job.result
      .then((m) => {
        if (!current) return;
        performance.mark('map:done', { detail: { n: m.words.length, seconds: m.seconds } }); // read by the browser benchmark
        setMap(m);
        setClusterOf(null);
        setLive(null);
        setProgress(null);
      })
      .catch((e: WireError) => {
        if (!current || e.kind === 'cancelled') return;
        setError(e);
        setProgress(null);
      });
    return () => {
      current = false;
      job.cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- requestKey lists exactly the inputs of a projection
  }, [ready, requestKey, runMap]);

  // k-means colours, computed in the worker on the original vectors of the current map.
  useEffect(() => {
    if (!map || state.color !== 'cluster') return;
    let current = true;
    clusters(state.clusters, state.seed).then((a) => current && setClusterOf(a), () => undefined);
    return () => {
      current = false;
    };
  }, [map, state.color, state.clusters, state.seed, clusters]);

  const selectedIndex = map ? map.words.indexOf(state.selected) : -1;
  useEffect(() => {
    if (!ready || !state.selected) {
      setNeighbours(null);
      return;
    }
    let current = true;
    neighbors(state.selected, { k: 12 })
      .then((r) => current && setNeighbours(r))
      .catch(() => current && setNeighbours(null));
    return () => {
      current = false;
    };
  }, [ready, state.selected, neighbors]);

  // "/" focuses the search box; Escape clears the selection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? '');
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape') update({ selected: '' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [update]);

  const figure = useMemo(() => {
    if (!map) return null;
    const coords = map.coords;
    const search = state.search.trim().toLowerCase();
    const matches = search ? new Set(map.words.flatMap((w, i) => (w.toLowerCase().startsWith(search) ? [i] : []))) : null;
    const byGroup = state.color === 'group' && map.groupNames.length > 1;
    const byCluster = state.color === 'cluster' && clusterOf?.length === map.words.length;
    const pairSet = findPairSet(state.overlay);
    return buildFigure({
      words: map.words,
      coords,
      dims: map.dims,
      axisLabels: map.axisLabels,
      colorOf: byGroup ? map.group : byCluster ? clusterOf : null,
      colorNames: byGroup ? map.groupNames : byCluster ? Array.from({ length: state.clusters }, (_, c) => `cluster ${c + 1}`) : [],
      labelCount: map.dims === 3 ? LABELS_3D : LABELS_2D,
      selected: map.words.indexOf(state.selected),
      matches,
      arrows: pairSet ? pairArrows(map.words, pairSet) : [],
      cameraEye: state.camera ? toEye(state.camera) : null,
      dark,
    });
  }, [map, state.search, state.color, state.clusters, state.selected, state.overlay, state.camera, clusterOf, dark]);

  const matchCount = map && state.search.trim() ? map.words.filter((w) => w.toLowerCase().startsWith(state.search.trim().toLowerCase())).length : null;
  const preset = MAP_PRESETS.find((p) => isPreset(state, p.query));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <section className="min-w-0 space-y-3" aria-label="Map">
        <div className="flex flex-wrap gap-2" aria-label="Example maps">
          {MAP_PRESETS.map((p) => (
            <a
              key={p.id}
              href={`?${new URLSearchParams(p.query)}`}
              data-testid="map-preset"
              aria-current={preset?.id === p.id ? 'true' : undefined}
              className="rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 aria-[current]:border-sky-600 aria-[current]:bg-sky-50 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current]:bg-sky-950"
            >
              {p.label}
            </a>
          ))}
        </div>
        <MapControls state={state} sets={sets} onChange={update} pairSets={PAIR_SETS} />
        <LoadProgress state={load} onRetry={retry} />
        {error && (
          <p role="alert" data-testid="map-error" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            {error.message}
            {error.suggestions?.length ? ` (did you mean ${error.suggestions.join(', ')}?)` : ''}
          </p>
        )}
        {progress && <ProjectionProgress progress={progress} />}
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            Search
            <input
              ref={searchRef}
              data-testid="map-search"
              value={state.search}
              onChange={(e) => update({ search: e.target.value })}
              placeholder="highlight words starting with…  ( / )"
              className="w-64 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          {matchCount !== null && <span data-testid="match-count">{matchCount} matching</span>}
        </div>
        {live && progress ? (
          <LiveLayout coords={live} dims={state.dims} height={620} epoch={`epoch ${progress.done} of ${progress.total}`} />
        ) : figure ? (
          <div data-testid="map-plot" data-points={map?.words.length} data-dims={map?.dims} aria-busy={progress !== null}>
            <Plot
              needsWebGL
              height={620}
              data={figure.data}
              layout={figure.layout}
              config={{ scrollZoom: true }}
              onClick={(e: { points?: { customdata?: unknown; curveNumber: number }[] }) => {
                const point = e.points?.find((p) => p.curveNumber === 0);
                if (point && map && typeof point.customdata === 'number') update({ selected: map.words[point.customdata] });
              }}
              onRelayout={(e: Record<string, unknown>) => {
                const camera = e['scene.camera'] as { eye?: { x: number; y: number; z: number } } | undefined;
                if (camera?.eye) update({ camera: [camera.eye.x, camera.eye.y, camera.eye.z].map((v) => v.toFixed(2)).join(',') });
              }}
            />
          </div>
        ) : (
          !error && <div className="flex h-[620px] items-center justify-center rounded border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700">{ready ? 'Projecting…' : 'Loading the word vectors…'}</div>
        )}
        {preset?.note && <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{preset.note}</p>}
      </section>
      <aside className="space-y-4">
        {map && <MapInfo map={map} />}
        <WordPanel
          word={state.selected}
          onMap={selectedIndex >= 0}
          neighbours={neighbours}
          onSelect={(w) => update({ selected: w })}
          onRecentre={(w) => update({ words: `neighbors:${w}:${map?.words.length && map.center ? map.words.length : 500}`, selected: w, search: '' })}
        />
      </aside>
    </div>
  );
}

function ProjectionProgress({ progress }: { progress: MapProgress }) {
  const label =
    progress.phase === 'knn'
      ? `Nearest neighbours: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} words`
      : progress.phase === 'graph'
        ? 'Building the neighbour graph'
        : progress.phase === 'layout'
          ? `Layout: epoch ${progress.done} of ${progress.total}`
          : 'Scoring neighbour preservation';
  return (
    <div data-testid="map-progress" className="space-y-1 text-sm">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total || 1} aria-valuenow={progress.done} className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
      </div>
      <p className="text-zinc-600 dark:text-zinc-400">{label}</p>
    </div>
  );
}

function usePrefersDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    setDark(media.matches);
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark;
}

function toEye(text: string) {
  const [x, y, z] = text.split(',').map(Number);
  return { x, y, z };
}

/** Whether the view is a preset's (its words, projection and overlay; colours and selection may differ). */
function isPreset(state: MapState, query: Record<string, string>): boolean {
  const p = stateFromSearch(query, [state.set]);
  return p.words === state.words && p.method === state.method && p.overlay === state.overlay && (p.method !== 'axes' || p.axisX === state.axisX);
}
