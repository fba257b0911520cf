/**
 * The adapter between a map's typed arrays and plotly: traces and layout, nothing drawn here.
 *
 * Traces, bottom to top: every word as one WebGL trace (scattergl in 2-D, scatter3d in 3-D) with
 * per-point colours, dimmed when something is highlighted; the highlighted words (the selected
 * one and its neighbours) as rings; the labels the placer chose; analogy arrows; and a legend
 * entry per group or cluster. The data and the layout are built apart so that moving the
 * keyboard cursor (a layout annotation) does not rebuild thousands of points.
 * Pure data in, data out: no plotly import, so it is cheap to test and to run on every change.
 */
import type { Arrow } from '@/lib/maps/analogy-overlay';
import { PLOTLY_TEXT_POSITION, type PlacedLabel } from '@/lib/maps/label-placement';
import { LABEL_FONT, type ViewRange } from '@/lib/maps/map-labels';

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#65a30d', '#4f46e5', '#b45309', '#0d9488', '#be123c', '#7c3aed', '#ca8a04', '#475569', '#059669', '#c026d3', '#1d4ed8', '#b91c1c', '#15803d'];
/** The colour of colour index c (groups and clusters cycle through the palette). */
export const colourOf = (c: number) => PALETTE[c % PALETTE.length];
/** Names of the traces the page and the tests look for. */
export const TRACE = { points: 'words', highlighted: 'highlighted', labels: 'labels' } as const;

const HIGHLIGHT = '#f59e0b';
/** Opacity of the points that are not highlighted (a dark page and WebGL 3-D need a little more). */
const DIMMED_ALPHA = { light: 0.18, dark: 0.32, solid: 0.4 };

export interface TraceInput {
  words: readonly string[];
  coords: Float32Array; // n × dims
  dims: 2 | 3;
  /** Colour index of each point (group or cluster), or null for one colour. */
  colorOf: ArrayLike<number> | null;
  /** Legend text of each colour index. */
  colorNames: readonly string[];
  /** Labels to draw (lib/maps/map-labels.ts). */
  labels: readonly PlacedLabel[];
  /** The selected point, or −1. */
  selected: number;
  /** The selected word's highlighted neighbours (map indices). */
  neighbours: readonly number[];
  /** Words matching the search box, or null when there is no search. */
  matches: ReadonlySet<number> | null;
  arrows: readonly Arrow[];
  dark: boolean;
}

type Trace = Record<string, unknown>;

/** "#2563eb" at opacity a → "rgba(37,99,235,a)". */
function withAlpha(hex: string, a: number): string {
  const v = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${a})`;
}

export function buildTraces(f: TraceInput): Trace[] {
  const n = f.words.length;
  const is3d = f.dims === 3;
  const type = is3d ? 'scatter3d' : 'scattergl';
  const coord = (i: number, d: number) => f.coords[i * f.dims + d];
  const at = (idx: readonly number[]) => ({ x: idx.map((i) => coord(i, 0)), y: idx.map((i) => coord(i, 1)), ...(is3d && { z: idx.map((i) => coord(i, 2)) }) });
  const ink = f.dark ? '#e4e4e7' : '#18181b';
  const muted = f.dark ? '#71717a' : '#a1a1aa';

  // What stands out: the selection and its neighbours, and search matches; the rest is dimmed.
  const emphasised = new Set<number>(f.matches ?? []);
  if (f.selected >= 0) [f.selected, ...f.neighbours].forEach((i) => emphasised.add(i));
  const dim = f.matches !== null || f.selected >= 0;
  const all = Array.from({ length: n }, (_, i) => i);
  const colors = all.map((i) => {
    const base = f.colorOf ? colourOf(f.colorOf[i]) : PALETTE[0];
    return dim && !emphasised.has(i) ? withAlpha(base, is3d ? DIMMED_ALPHA.solid : f.dark ? DIMMED_ALPHA.dark : DIMMED_ALPHA.light) : base;
  });
  const small = is3d ? 3.5 : 6;
  const sizes = all.map((i) => (i === f.selected ? 14 : f.matches?.has(i) ? 10 : small));
  const hovertext = f.colorOf ? all.map((i) => f.colorNames[f.colorOf![i]] ?? '') : undefined;
  const hovertemplate = f.colorOf ? '%{text}<br>%{hovertext}<extra></extra>' : '%{text}<extra></extra>';

  const points: Trace = {
    type,
    mode: 'markers',
    name: TRACE.points,
    ...at(all),
    text: f.words,
    customdata: all,
    hovertemplate,
    hovertext,
    marker: { color: colors, size: sizes, line: { width: 0 } },
    showlegend: false,
  };

  // Rings around the selected word and its k nearest neighbours: k + 1 points, the selection first.
  const ringed = f.selected >= 0 ? [f.selected, ...f.neighbours] : [];
  const highlighted: Trace = {
    type,
    mode: 'markers',
    name: TRACE.highlighted,
    ...at(ringed),
    text: ringed.map((i) => f.words[i]),
    customdata: ringed,
    hovertemplate,
    hovertext: hovertext && ringed.map((i) => hovertext[i]),
    marker: { symbol: 'circle-open', color: HIGHLIGHT, size: ringed.map((i) => (i === f.selected ? 20 : 13)), line: { width: 2, color: HIGHLIGHT } },
    showlegend: false,
  };

  // Plotly sets text off a point by (marker size / 0.8 + 1) px (+ 0.5 vertically): invisible markers
  // of the right size put each label at the gap the placer assumed.
  const labels: Trace = {
    type,
    mode: is3d ? 'text' : 'markers+text',
    name: TRACE.labels,
    ...at(f.labels.map((l) => l.index)),
    marker: { size: f.labels.map((l) => Math.max(0, (l.gap - 1.5) * 0.8)), opacity: 0 },
    text: f.labels.map((l) => f.words[l.index]),
    textposition: is3d ? PLOTLY_TEXT_POSITION.top : f.labels.map((l) => PLOTLY_TEXT_POSITION[l.position]),
    textfont: { size: LABEL_FONT, color: f.labels.map((l) => (!dim || emphasised.has(l.index) ? ink : muted)) },
    hoverinfo: 'skip',
    showlegend: false,
  };

  const data: Trace[] = [points, highlighted, labels, ...arrowTraces(f)];
  // A legend entry per group or cluster (invisible points carry the names).
  if (f.colorOf && f.colorNames.length > 1) {
    f.colorNames.forEach((name, c) =>
      data.push({ type, mode: 'markers', name, x: [null], y: [null], ...(is3d && { z: [null] }), marker: { color: colourOf(c), size: 8 }, hoverinfo: 'skip' }),
    );
  }
  return data;
}

/** 3-D arrows: a line per pair plus a diamond at the head (plotly has no 3-D arrowheads). */
function arrowTraces(f: TraceInput): Trace[] {
  if (f.dims !== 3 || f.arrows.length === 0) return [];
  const c = (i: number, d: number) => f.coords[i * 3 + d];
  const line = { x: [] as (number | null)[], y: [] as (number | null)[], z: [] as (number | null)[] };
  for (const a of f.arrows) {
    line.x.push(c(a.from, 0), c(a.to, 0), null);
    line.y.push(c(a.from, 1), c(a.to, 1), null);
    line.z.push(c(a.from, 2), c(a.to, 2), null);
  }
  return [
    { type: 'scatter3d', mode: 'lines', name: 'pairs', ...line, line: { color: HIGHLIGHT, width: 5 }, hoverinfo: 'skip', showlegend: false },
    {
      type: 'scatter3d',
      mode: 'markers',
      name: 'pair-heads',
      x: f.arrows.map((a) => c(a.to, 0)),
      y: f.arrows.map((a) => c(a.to, 1)),
      z: f.arrows.map((a) => c(a.to, 2)),
      marker: { symbol: 'diamond', size: 6, color: HIGHLIGHT },
      hoverinfo: 'skip',
      showlegend: false,
    },
  ];
}

export interface LayoutInput {
  words: readonly string[];
  coords: Float32Array;
  dims: 2 | 3;
  axisLabels: string[];
  /** 2-D: the initial view (explicit ranges, so labels can be placed in pixels). */
  extent: ViewRange;
  arrows: readonly Arrow[];
  /** The keyboard cursor in the word list, pointed at on the map; −1 for none. */
  cursor: number;
  /** 3-D camera eye, or null for plotly's default. */
  cameraEye: { x: number; y: number; z: number } | null;
  /** Changes with every new map, so that a zoom or camera does not carry over to it. */
  revision: string | number;
  /** Draw the colours' legend in the chart (it goes into PNG/SVG downloads; a phone shows the page's own legend instead). */
  legend: boolean;
  dark: boolean;
}

/** Plot margins in pixels (the label placer needs the plot area's size). */
export const MARGIN_2D = { l: 40, r: 10, t: 10, b: 40 };

export function buildLayout(f: LayoutInput): Record<string, unknown> {
  const c = (i: number, d: number) => f.coords[i * f.dims + d];
  const ink = f.dark ? '#e4e4e7' : '#18181b';
  const cursor =
    f.cursor >= 0 && f.cursor < f.words.length
      ? [{ x: c(f.cursor, 0), y: c(f.cursor, 1), ...(f.dims === 3 && { z: c(f.cursor, 2) }), text: f.words[f.cursor], showarrow: true, arrowhead: 2, arrowcolor: ink, ax: 0, ay: -36, font: { color: ink, size: 12 }, bgcolor: f.dark ? '#18181b' : '#ffffff', bordercolor: HIGHLIGHT, borderwidth: 1.5, borderpad: 3 }]
      : [];
  const common = { font: { color: ink }, hovermode: 'closest', uirevision: f.revision, showlegend: f.legend, legend: { orientation: 'h' } };
  if (f.dims === 3) {
    return {
      ...common,
      margin: { l: 0, r: 0, t: 0, b: 0 },
      scene: {
        xaxis: { title: { text: f.axisLabels[0] } },
        yaxis: { title: { text: f.axisLabels[1] } },
        zaxis: { title: { text: f.axisLabels[2] } },
        annotations: cursor,
        ...(f.cameraEye && { camera: { eye: f.cameraEye } }),
      },
    };
  }
  return {
    ...common,
    margin: MARGIN_2D,
    xaxis: { title: { text: f.axisLabels[0] }, zeroline: false, range: f.extent.x, autorange: false },
    yaxis: { title: { text: f.axisLabels[1] }, zeroline: false, range: f.extent.y, autorange: false },
    annotations: [
      // 2-D arrows as annotations: real arrowheads, tail and head in data coordinates.
      ...f.arrows.map((a) => ({ x: c(a.to, 0), y: c(a.to, 1), ax: c(a.from, 0), ay: c(a.from, 1), axref: 'x', ayref: 'y', xref: 'x', yref: 'y', showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.5, arrowcolor: HIGHLIGHT, text: '' })),
      ...cursor,
    ],
  };
}
