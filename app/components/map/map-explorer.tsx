'use client';
/**
 * The map page: choose words and a projection, watch the layout form, then explore it — hover
 * for words, click a point (or choose it in the word list) for its nearest neighbours in the
 * original space, ringed on the map; search by prefix or regular expression; isolate a selection
 * as a map of its own; colour by group or k-means cluster; export the coordinates. The URL holds
 * the whole view. Data (lib/maps) → traces (figure.ts) → chart (map-plot.tsx).
 */
import { replaceUrlState } from '@/app/url-state';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { findPairSet, pairArrows, PAIR_SETS } from '@/lib/maps/analogy-overlay';
import { labelOrder } from '@/lib/maps/label-order';
import { LABEL_GAP, paddedExtent, placeMapLabels, type ViewRange } from '@/lib/maps/map-labels';
import { nearestOnMap } from '@/lib/maps/map-neighbours';
import { searchFromState, type MapState } from '@/lib/maps/map-state';
import { isPresetView, MAP_PRESETS, presetState, type MapPreset } from '@/lib/maps/presets';
import { acceptSuggestion, isolateWords } from '@/lib/maps/source-edits';
import { matchWords, parseWordSearch } from '@/lib/maps/word-search';
import { WordSourceError } from '@/lib/maps/word-source';
import type { QueryResult } from '@/lib/vectors/analogy';
import type { WireError } from '@/lib/worker/protocol';
import { useVectors } from '../../hooks/use-vectors';
import { useErrorText } from '../error-message';
import { LoadProgress } from '../load-progress';
import { preloadPlotly } from '../plot/plot';
import { colouringOf, exportTable, type ClusterNamer, type Clustered } from './colouring';
import { buildLayout, buildTraces, colourOf, MARGIN_2D } from './figure';
import { LiveLayout } from './live-layout';
import { MapControls } from './map-controls';
import { MapError } from './map-error';
import { exportName, MapExport } from './map-export';
import { MapInfo, useAxisText, useSourceText } from './map-info';
import { MapLegend } from './map-legend';
import { MapPlot, type ViewChange } from './map-plot';
import { MapPresets } from './map-presets';
import { MapSearch } from './map-search';
import { ProjectionProgress } from './projection-progress';
import { useElementWidth } from './use-element-width';
import { useMapProjection } from './use-map-projection';
import { WordList } from './word-list';
import { WordPanel } from './word-panel';

interface Props {
  initial: MapState;
  sets: { name: string; title: string }[];
}

/** Chart heights: a phone gets a shorter one so the controls stay near. */
const HEIGHT = 620;
const HEIGHT_NARROW = 440;
const NARROW = 640;

/** A line above the map after "isolate": the words a list could not hold, or why nothing was isolated. */
type Notice = { dropped: string[] } | { error: Pick<WireError, 'code' | 'params' | 'message'> } | null;

export function MapExplorer({ initial, sets }: Props) {
  const t = useTranslations('map');
  const presets = useTranslations('map.presets');
  const common = useTranslations('common');
  const errorText = useErrorText();
  const sourceText = useSourceText();
  const axisText = useAxisText();
  const [state, setState] = useState<MapState>(initial);
  const { state: load, map: runMap, neighbors, clusters, retry } = useVectors(state.set);
  const ready = load.status === 'ready';
  const { map, progress, live, error, current } = useMapProjection(state, ready, runMap);
  const [clustered, setClustered] = useState<Clustered | null>(null);
  const [overall, setOverall] = useState<QueryResult | null>(null);
  const [view, setView] = useState<ViewRange | null>(null); // a zoomed 2-D view; null = the whole map
  const [cursor, setCursor] = useState(-1); // the word list's cursor, pointed at on the map
  const [notice, setNotice] = useState<Notice>(null);
  const dark = usePrefersDark();
  const searchRef = useRef<HTMLInputElement>(null);
  const plotBox = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plotBox);
  const height = width > 0 && width < NARROW ? HEIGHT_NARROW : HEIGHT;
  const update = useCallback((patch: Partial<MapState>) => setState((s) => ({ ...s, ...patch })), []);

  useEffect(() => {
    replaceUrlState(searchFromState(state));
  }, [state]);

  useEffect(preloadPlotly, []); // while the vectors load, not when the first map arrives
  useEffect(() => setView(null), [map]);

  // k-means clusters, computed in the worker on the original vectors of the map on screen.
  useEffect(() => {
    if (!map || state.color !== 'cluster') return;
    let live = true;
    const request = { key: map.key, k: state.clusters, seed: state.seed };
    clusters(request.k, request.seed).then((assignment) => live && setClustered({ ...request, assignment }), () => undefined);
    return () => {
      live = false;
    };
  }, [map, state.color, state.clusters, state.seed, clusters]);

  // The selected word's nearest among all the set's words (for a word that is not on the map, too).
  useEffect(() => {
    if (!ready || !state.selected) {
      setOverall(null);
      return;
    }
    let live = true;
    neighbors(state.selected, { k: 12 })
      .then((r) => live && setOverall(r))
      .catch(() => live && setOverall(null));
    return () => {
      live = false;
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

  // What the map highlights: search matches, the selection and its k nearest (cosine, original space).
  const search = useMemo(() => parseWordSearch(state.search), [state.search]);
  const matchList = useMemo(() => (map ? matchWords(map.words, search) : null), [map, search]);
  const matches = useMemo(() => (matchList ? new Set(matchList) : null), [matchList]);
  const selected = useMemo(() => (map ? map.words.indexOf(state.selected) : -1), [map, state.selected]);
  const onMap = useMemo(() => (map && selected >= 0 ? nearestOnMap(map.unit, map.words.length, map.vectorDims, selected, state.neighbours) : null), [map, selected, state.neighbours]);
  const { color, clusters: clusterCount, seed } = state;
  const nameCluster = useCallback<ClusterNamer>(
    (s, words) => t(s.size === 0 ? 'legend.clusterEmpty' : 'legend.cluster', { n: s.cluster + 1, words: s.central.map((i) => words[i]).join(common('separator')) }),
    [t, common],
  );
  const colouring = useMemo(() => (map ? colouringOf(map, { color, clusters: clusterCount, seed }, clustered, nameCluster) : null), [map, color, clusterCount, seed, clustered, nameCluster]);
  const arrows = useMemo(() => {
    const pairSet = findPairSet(state.overlay);
    return map && pairSet ? pairArrows(map.words, pairSet) : [];
  }, [map, state.overlay]);
  const extent = useMemo(() => (map ? paddedExtent(map.coords, map.dims) : null), [map]);

  const data = useMemo(() => {
    if (!map || !extent) return null;
    const order = labelOrder({
      n: map.words.length,
      rank: map.ids,
      selected,
      highlighted: onMap?.indices ?? [],
      arrows: arrows.flatMap((a) => [a.from, a.to]),
      matches: matchList,
      centred: map.center !== undefined,
    });
    // Labels keep clear of the rings (sizes in figure.ts): the selection's and its neighbours'.
    const ringed = new Set(onMap?.indices);
    const gapOf = (i: number) => (i === selected ? 12 : ringed.has(i) ? 9 : LABEL_GAP);
    const keepClear = selected >= 0 ? [{ index: selected, radius: 11 }, ...(onMap?.indices ?? []).map((index) => ({ index, radius: 8 }))] : [];
    const labels = placeMapLabels({ words: map.words, coords: map.coords, dims: map.dims, order, view: view ?? extent, gapOf, keepClear, width: width - MARGIN_2D.l - MARGIN_2D.r, height: height - MARGIN_2D.t - MARGIN_2D.b });
    return buildTraces({
      words: map.words,
      coords: map.coords,
      dims: map.dims,
      colorOf: colouring?.of ?? null,
      colorNames: colouring?.names ?? [],
      labels,
      selected,
      neighbours: onMap?.indices ?? [],
      matches,
      arrows,
      dark,
    });
  }, [map, extent, view, width, height, selected, onMap, arrows, matchList, matches, colouring, dark]);

  const layout = useMemo(
    () =>
      map && extent
        ? buildLayout({ words: map.words, coords: map.coords, dims: map.dims, axisLabels: map.axes.map(axisText), extent, arrows, cursor, cameraEye: state.camera ? toEye(state.camera) : null, revision: map.key, legend: width >= NARROW, dark })
        : null,
    [map, extent, arrows, cursor, state.camera, width, dark, axisText],
  );

  const choosePreset = useCallback((p: MapPreset) => {
    setNotice(null);
    setState((s) => presetState(p, s));
  }, []);
  const isolate = (words: string[], keepSelection: boolean) => {
    try {
      const r = isolateWords(words);
      setNotice(r.dropped.length ? { dropped: r.dropped } : null);
      update({ words: r.words, search: '', ...(keepSelection ? {} : { selected: '' }) });
    } catch (e) {
      setNotice({ error: e instanceof WordSourceError ? e : { message: (e as Error).message } });
    }
  };
  const pick = useCallback((i: number) => map && update({ selected: map.words[i] }), [map, update]);
  const onView = useCallback(
    (change: ViewChange) => setView((v) => (change === 'reset' || !extent ? null : { x: change.x ?? (v ?? extent).x, y: change.y ?? (v ?? extent).y })),
    [extent],
  );
  const onCamera = useCallback((camera: string) => update({ camera }), [update]);
  const onK = useCallback((neighbours: number) => update({ neighbours }), [update]);
  const swatch = useCallback((i: number) => (colouring ? colourOf(colouring.of[i]) : null), [colouring]);
  const listItems = useMemo(() => matchList ?? (map ? map.words.map((_, i) => i) : []), [map, matchList]);
  const preset = MAP_PRESETS.find((p) => isPresetView(state, p));
  const stale = map && !current ? t(error !== null ? 'stale.failed' : 'stale.coming', { source: sourceText(map.source) }) : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <section className="min-w-0 space-y-3" aria-label={t('label')}>
        <MapPresets state={state} onChoose={choosePreset} />
        <MapControls state={state} sets={sets} onChange={update} pairSets={PAIR_SETS} />
        <LoadProgress state={load} onRetry={retry} />
        {error && <MapError error={error} onSuggestion={(column, word) => update({ words: acceptSuggestion(state.words, column, word), selected: '' })} />}
        {progress && <ProjectionProgress progress={progress} />}
        <MapSearch ref={searchRef} text={state.search} search={search} matchCount={matchList ? matchList.length : null} onChange={(text) => update({ search: text })} onIsolate={() => map && matchList && isolate(matchList.map((i) => map.words[i]), true)} />
        {notice && (
          <p role="status" data-testid="map-notice" className="text-sm text-amber-800 dark:text-amber-300">
            {'dropped' in notice ? t('notice.dropped', { words: notice.dropped.join(' ') }) : errorText(notice.error)}
          </p>
        )}
        <div ref={plotBox} className="min-w-0">
          {live && progress ? (
            <LiveLayout coords={live} dims={state.dims} height={height} epoch={progress.done} epochs={progress.total} />
          ) : map && data && layout ? (
            <MapPlot data={data} layout={layout} height={height} dims={map.dims} points={map.words.length} highlighted={selected >= 0 ? 1 + (onMap?.indices.length ?? 0) : 0} stale={stale} busy={progress !== null} onPick={pick} onView={onView} onCamera={onCamera} />
          ) : (
            !error && (
              <div className="flex items-center justify-center rounded border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700" style={{ height }}>
                {t(ready ? 'projecting' : 'loadingVectors')}
              </div>
            )
          )}
        </div>
        {map && <MapExport table={exportTable(map, colouring)} name={exportName(map.source, map.method, map.dims)} />}
        {preset?.note && <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{presets(`${preset.id}.note`)}</p>}
      </section>
      <aside className="min-w-0 space-y-4">
        {map && <MapInfo map={map} source={sourceText(map.source)} />}
        {colouring && <MapLegend title={t(colouring.column === 'cluster' ? 'legend.clusters' : 'legend.groups')} entries={colouring.entries} />}
        <WordPanel
          word={state.selected}
          words={map?.words ?? []}
          onMap={onMap}
          k={state.neighbours}
          onK={onK}
          overall={overall}
          onSelect={(w) => update({ selected: w })}
          onIsolate={() => map && onMap && isolate([state.selected, ...onMap.indices.map((i) => map.words[i])], true)}
          onRecentre={(w) => update({ words: `neighbors:${w}:${map?.words.length && map.center ? map.words.length : 500}`, selected: w, search: '' })}
        />
        {map && (
          <section aria-labelledby="word-list-title" className="space-y-1">
            <h2 id="word-list-title" className="text-sm font-semibold">
              {t(matchList ? 'list.matchingCount' : 'list.allCount', { count: matchList ? matchList.length : map.words.length })}
            </h2>
            <p className="text-xs text-zinc-500">{t('list.hint')}</p>
            <WordList words={map.words} items={listItems} selected={selected} swatch={swatch} label={t(matchList ? 'list.matching' : 'list.all')} onSelect={pick} onCursor={setCursor} />
          </section>
        )}
      </aside>
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
