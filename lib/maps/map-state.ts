/**
 * The map page's state and its URL form: every view (words, method, parameters, seed, 2-D/3-D,
 * colouring, overlay, selection, search, 3-D camera) is a shareable link. Pure (no React), so the
 * page and the unit tests share it; a URL can hold anything, so every value is checked.
 */
import { DEFAULT_MAP_PARAMS, MAP_METHODS, type MapMethod, type MapParams } from './compute-map';
import { findPairSet } from './analogy-overlay';
import { DEFAULT_MAP_NEIGHBOURS, MAX_MAP_NEIGHBOURS } from './map-neighbours';
import { parseWordSource, type WordSource } from './word-source';

export type ColorMode = 'group' | 'cluster' | 'none';

export interface MapState {
  set: string;
  words: string; // a word source in text form (lib/maps/word-source.ts)
  method: MapMethod;
  dims: 2 | 3;
  seed: number;
  nNeighbors: number;
  minDist: number;
  axisX: string; // "he,she"
  axisY: string; // "" = principal component
  color: ColorMode;
  clusters: number;
  overlay: string; // pair set id or ""
  selected: string;
  /** How many of the selected word's nearest neighbours (on the map, in the original space) to highlight. */
  neighbours: number;
  /** A prefix, or a regular expression between slashes (lib/maps/word-search.ts). */
  search: string;
  camera: string; // "x,y,z" eye of the 3-D camera, "" = default
}

export const DEFAULT_STATE: MapState = {
  set: 'glove-6b-100d',
  words: 'neighbors:king:500',
  method: DEFAULT_MAP_PARAMS.method,
  dims: 2,
  seed: DEFAULT_MAP_PARAMS.seed,
  nNeighbors: DEFAULT_MAP_PARAMS.nNeighbors,
  minDist: DEFAULT_MAP_PARAMS.minDist,
  axisX: 'he,she',
  axisY: '',
  color: 'group',
  clusters: 8,
  overlay: '',
  selected: '',
  neighbours: DEFAULT_MAP_NEIGHBOURS,
  search: '',
  camera: '',
};

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const num = (v: string | undefined, fallback: number, ok: (n: number) => boolean) => {
  const n = Number(v);
  // `|| 0` turns -0 into 0, which the URL writes back as "0".
  return v !== undefined && v !== '' && Number.isFinite(n) && ok(n) ? n || 0 : fallback;
};

/** "x,y,z": three finite decimal numbers (the regular expression alone let "1.2.3,4,5" through, a NaN eye). */
function isCamera(text: string): boolean {
  if (!/^-?[\d.]+,-?[\d.]+,-?[\d.]+$/.test(text)) return false;
  return text.split(',').every((part) => Number.isFinite(Number(part)));
}

/** Reads the state from URL search parameters; anything missing or invalid takes its default. */
export function stateFromSearch(params: Search, sets: string[]): MapState {
  const get = (k: string) => one(params[k]);
  const d = DEFAULT_STATE;
  const method = get('method') as MapMethod;
  const color = get('color') as ColorMode;
  return {
    set: sets.includes(get('set') ?? '') ? get('set')! : d.set,
    words: get('words')?.trim() || d.words,
    method: MAP_METHODS.includes(method) ? method : d.method,
    dims: get('dims') === '3' ? 3 : 2,
    seed: num(get('seed'), d.seed, (n) => Number.isSafeInteger(n) && n >= 0),
    nNeighbors: num(get('nn'), d.nNeighbors, (n) => Number.isInteger(n) && n >= 2 && n <= 100),
    minDist: num(get('md'), d.minDist, (n) => n >= 0 && n <= 1),
    axisX: get('x') ?? d.axisX,
    axisY: get('y') ?? d.axisY,
    color: ['group', 'cluster', 'none'].includes(color) ? color : d.color,
    clusters: num(get('k'), d.clusters, (n) => Number.isInteger(n) && n >= 2 && n <= 20),
    overlay: findPairSet(get('overlay') ?? '') ? get('overlay')! : '',
    selected: get('sel') ?? '',
    neighbours: num(get('nk'), d.neighbours, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_MAP_NEIGHBOURS),
    search: get('q') ?? '',
    camera: isCamera(get('cam') ?? '') ? get('cam')! : '',
  };
}

/** The URL query for a state: only values that differ from the defaults. */
export function searchFromState(s: MapState): string {
  const p = new URLSearchParams();
  const d = DEFAULT_STATE;
  const put = (key: string, value: string | number, fallback: string | number) => {
    if (value !== fallback) p.set(key, String(value));
  };
  put('set', s.set, d.set);
  put('words', s.words, d.words);
  put('method', s.method, d.method);
  put('dims', s.dims, d.dims);
  put('seed', s.seed, d.seed);
  put('nn', s.nNeighbors, d.nNeighbors);
  put('md', s.minDist, d.minDist);
  if (s.method === 'axes') {
    put('x', s.axisX, d.axisX);
    put('y', s.axisY, d.axisY);
  }
  put('color', s.color, d.color);
  put('k', s.clusters, d.clusters);
  put('overlay', s.overlay, d.overlay);
  put('sel', s.selected, d.selected);
  put('nk', s.neighbours, d.neighbours);
  put('q', s.search, d.search);
  if (s.dims === 3) put('cam', s.camera, d.camera);
  const text = p.toString();
  return text ? `?${text}` : '';
}

/** What the worker needs to compute the map (a change here means a new projection). */
export function mapRequest(s: MapState): { source: WordSource; params: MapParams } {
  const source = parseWordSource(s.words);
  const pair = (text: string): [string, string] | undefined => {
    const parts = text.split(/[,>]/).map((w) => w.trim());
    return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
  };
  return {
    source,
    params: { method: s.method, dims: s.dims, seed: s.seed, nNeighbors: s.nNeighbors, minDist: s.minDist, axisX: pair(s.axisX), axisY: pair(s.axisY) },
  };
}
