/**
 * The map's colours as the chart, the legend and the export need them: its groups, or k-means
 * clusters named by their most central words (lib/maps/cluster-summary.ts); null for one colour.
 */
import { describeClusters, type ClusterSummary } from '@/lib/maps/cluster-summary';
import type { ExportTable } from '@/lib/maps/export-coords';
import type { MapState } from '@/lib/maps/map-state';
import type { LegendEntry } from './map-legend';
import type { ShownMap } from './use-map-projection';

/** A k-means result from the worker, and the map and parameters it was computed for. */
export interface Clustered {
  key: string;
  k: number;
  seed: number;
  assignment: Int32Array;
}

export interface Colouring {
  column: 'group' | 'cluster';
  of: ArrayLike<number>;
  names: string[];
  entries: LegendEntry[];
}

/** A cluster's name for the legend, in the reader's language ("cluster 3: paris, berlin, rome"). */
export type ClusterNamer = (summary: ClusterSummary, words: readonly string[]) => string;

/** The map's colours: its groups, or k-means clusters named by their most central words; null for one colour. */
export function colouringOf(map: ShownMap, state: Pick<MapState, 'color' | 'clusters' | 'seed'>, clustered: Clustered | null, nameCluster: ClusterNamer): Colouring | null {
  const count = (of: ArrayLike<number>, k: number) => {
    const c = new Array<number>(k).fill(0);
    for (let i = 0; i < of.length; i++) c[of[i]]++;
    return c;
  };
  if (state.color === 'group' && map.groupNames.length > 1) {
    const sizes = count(map.group, map.groupNames.length);
    return { column: 'group', of: map.group, names: map.groupNames, entries: map.groupNames.map((name, g) => ({ name, count: sizes[g] })) };
  }
  const fits = clustered && clustered.key === map.key && clustered.k === state.clusters && clustered.seed === state.seed && clustered.assignment.length === map.words.length;
  if (state.color === 'cluster' && fits) {
    const k = Math.min(clustered.k, map.words.length); // k-means makes at most one cluster per word
    const summaries = describeClusters(map.unit, map.words.length, map.vectorDims, clustered.assignment, k);
    const names = summaries.map((s) => nameCluster(s, map.words));
    return { column: 'cluster', of: clustered.assignment, names, entries: summaries.map((s, c) => ({ name: names[c], count: s.size })) };
  }
  return null;
}

/** The map as a table for the coordinates' download. */
export function exportTable(map: ShownMap, colouring: Colouring | null): ExportTable {
  return { words: map.words, coords: map.coords, dims: map.dims, axisLabels: map.axisLabels, method: map.method, colour: colouring && { column: colouring.column, names: colouring.names, of: colouring.of } };
}
