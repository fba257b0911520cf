/**
 * Builds the plotly figure of a map: one WebGL trace for all points (scattergl in 2-D, scatter3d
 * in 3-D) with per-point colours, a text trace that labels only the words that matter (the first
 * few, the selected one, search matches) so the plot stays legible, and analogy arrows.
 * Pure data in, data out: no plotly import, so it is cheap to test and to run on every change.
 */
import type { Arrow } from '@/lib/maps/analogy-overlay';

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#65a30d', '#4f46e5', '#b45309', '#0d9488', '#be123c', '#7c3aed', '#ca8a04', '#475569', '#059669', '#c026d3', '#1d4ed8', '#b91c1c', '#15803d'];

export interface FigureInput {
  words: readonly string[];
  coords: Float32Array; // n × dims
  dims: 2 | 3;
  axisLabels: string[];
  /** Colour index of each point (group or cluster), or null for one colour. */
  colorOf: ArrayLike<number> | null;
  colorNames: string[];
  /** Labels always shown for the first `labelCount` words (nearest neighbours / most frequent first). */
  labelCount: number;
  selected: number; // -1 = none
  /** Indices of words matching the search box (highlighted), or null when the box is empty. */
  matches: ReadonlySet<number> | null;
  arrows: Arrow[];
  /** 3-D camera eye, or null for plotly's default. */
  cameraEye: { x: number; y: number; z: number } | null;
  dark: boolean;
}

type Trace = Record<string, unknown>;

export function buildFigure(f: FigureInput): { data: Trace[]; layout: Record<string, unknown> } {
  const n = f.words.length;
  const axis = (d: number) => Array.from({ length: n }, (_, i) => f.coords[i * f.dims + d]);
  const xs = axis(0);
  const ys = axis(1);
  const zs = f.dims === 3 ? axis(2) : [];
  const is3d = f.dims === 3;
  const type = is3d ? 'scatter3d' : 'scattergl';
  const at = (idx: number[]) => ({ x: idx.map((i) => xs[i]), y: idx.map((i) => ys[i]), ...(is3d && { z: idx.map((i) => zs[i]) }) });
  const ink = f.dark ? '#e4e4e7' : '#18181b';

  const colors = Array.from({ length: n }, (_, i) => (f.colorOf ? PALETTE[f.colorOf[i] % PALETTE.length] : '#2563eb'));
  const dimmed = f.matches !== null;
  const sizes = Array.from({ length: n }, (_, i) => (i === f.selected ? 14 : f.matches?.has(i) ? 10 : is3d ? 3.5 : 6));
  const opacity = dimmed ? Array.from({ length: n }, (_, i) => (f.matches!.has(i) || i === f.selected ? 1 : 0.15)) : undefined;

  const points: Trace = {
    type,
    mode: 'markers',
    name: 'words',
    ...at(Array.from({ length: n }, (_, i) => i)),
    text: f.words,
    customdata: Array.from({ length: n }, (_, i) => i),
    hovertemplate: f.colorOf ? '%{text}<br>%{hovertext}<extra></extra>' : '%{text}<extra></extra>',
    hovertext: f.colorOf ? Array.from({ length: n }, (_, i) => f.colorNames[f.colorOf![i]] ?? '') : undefined,
    marker: { color: colors, size: sizes, ...(opacity && !is3d && { opacity }), line: { width: 0 } },
    showlegend: false,
  };

  // Labels: the first words, the selected word and search matches (at most 200, for legibility).
  const labelled = new Set<number>();
  for (let i = 0; i < Math.min(f.labelCount, n); i++) labelled.add(i);
  if (f.matches) for (const i of f.matches) if (labelled.size < 200) labelled.add(i);
  for (const a of f.arrows) labelled.add(a.from).add(a.to);
  if (f.selected >= 0) labelled.add(f.selected);
  const labelIdx = [...labelled].filter((i) => i < n);
  const labels: Trace = {
    type,
    mode: 'text',
    name: 'labels',
    ...at(labelIdx),
    text: labelIdx.map((i) => f.words[i]),
    textposition: 'top center',
    textfont: { size: 11, color: ink },
    hoverinfo: 'skip',
    showlegend: false,
  };

  const data: Trace[] = [points, labels, ...arrowTraces(f, xs, ys, zs)];
  // A legend entry per group or cluster (invisible points carry the names).
  if (f.colorOf && f.colorNames.length > 1) {
    f.colorNames.forEach((name, c) =>
      data.push({ type, mode: 'markers', name, x: [null], y: [null], ...(is3d && { z: [null] }), marker: { color: PALETTE[c % PALETTE.length], size: 8 }, hoverinfo: 'skip' }),
    );
  }

  const common = { paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', font: { color: ink }, margin: { l: 40, r: 10, t: 10, b: 40 }, hovermode: 'closest', uirevision: 'keep', legend: { orientation: 'h' } };
  if (is3d) {
    return {
      data,
      layout: {
        ...common,
        margin: { l: 0, r: 0, t: 0, b: 0 },
        scene: {
          xaxis: { title: { text: f.axisLabels[0] } },
          yaxis: { title: { text: f.axisLabels[1] } },
          zaxis: { title: { text: f.axisLabels[2] } },
          ...(f.cameraEye && { camera: { eye: f.cameraEye } }),
        },
      },
    };
  }
  return {
    data,
    layout: {
      ...common,
      xaxis: { title: { text: f.axisLabels[0] }, zeroline: false },
      yaxis: { title: { text: f.axisLabels[1] }, zeroline: false },
      // 2-D arrows as annotations: real arrowheads, tail and head in data coordinates.
      annotations: f.arrows.map((a) => ({ x: xs[a.to], y: ys[a.to], ax: xs[a.from], ay: ys[a.from], axref: 'x', ayref: 'y', xref: 'x', yref: 'y', showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.5, arrowcolor: '#f59e0b', text: '' })),
    },
  };
}

/** 3-D arrows: a line per pair plus a cone-like marker at the head (plotly has no 3-D arrowheads). */
function arrowTraces(f: FigureInput, xs: number[], ys: number[], zs: number[]): Trace[] {
  if (f.dims !== 3 || f.arrows.length === 0) return [];
  const line = { x: [] as (number | null)[], y: [] as (number | null)[], z: [] as (number | null)[] };
  for (const a of f.arrows) {
    line.x.push(xs[a.from], xs[a.to], null);
    line.y.push(ys[a.from], ys[a.to], null);
    line.z.push(zs[a.from], zs[a.to], null);
  }
  return [
    { type: 'scatter3d', mode: 'lines', name: 'pairs', ...line, line: { color: '#f59e0b', width: 5 }, hoverinfo: 'skip', showlegend: false },
    {
      type: 'scatter3d',
      mode: 'markers',
      name: 'pair heads',
      x: f.arrows.map((a) => xs[a.to]),
      y: f.arrows.map((a) => ys[a.to]),
      z: f.arrows.map((a) => zs[a.to]),
      marker: { symbol: 'diamond', size: 6, color: '#f59e0b' },
      hoverinfo: 'skip',
      showlegend: false,
    },
  ];
}
