/**
 * Which words of a map get a label, and where: the map's coordinates are turned into the plot's
 * pixels for the part of the map in view, and the label placer keeps the most important labels
 * that fit without overlapping (label-order.ts, label-placement.ts). A 3-D map turns with the
 * camera, so there the first few by importance are labelled, above their points.
 */
import { estimateLabelWidth, placeLabels, type LabelCandidate, type PlacedLabel } from './label-placement';

/** The part of a 2-D map in view: data ranges of x and y. */
export interface ViewRange {
  x: [number, number];
  y: [number, number];
}

/** Labels on a 3-D map (no overlap test: they move with the camera). */
export const LABELS_3D = 25;
/** Label font size in pixels, and the label box's height at that size. */
export const LABEL_FONT = 11;
const LABEL_HEIGHT = 14;
/** Space between a point and its label, in pixels (more for the larger, ringed points). */
export const LABEL_GAP = 5;
/** Plot area per label at most: a full 1,000 × 570 plot gets about 110 labels. */
const AREA_PER_LABEL = 5200;

/** The map's x and y extent with a margin on each side (the 2-D plot's initial view). */
export function paddedExtent(coords: Float32Array, dims: number, pad = 0.05): ViewRange {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i + 1 < coords.length; i += dims) {
    const x = coords[i];
    const y = coords[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x0 <= x1 && y0 <= y1)) return { x: [-1, 1], y: [-1, 1] }; // no points
  const widen = (a: number, b: number): [number, number] => {
    const m = (b - a || Math.abs(a) || 1) * pad;
    return [a - m, b + m];
  };
  return { x: widen(x0, x1), y: widen(y0, y1) };
}

export interface MapLabelInput {
  words: readonly string[];
  coords: Float32Array;
  dims: 2 | 3;
  /** Every point, most important first (labelOrder). */
  order: readonly number[];
  /** 2-D: the data range in view, and the plot area's size in pixels. */
  view: ViewRange;
  width: number;
  height: number;
  /** Space between a point and its label, per point (default LABEL_GAP). */
  gapOf?: (index: number) => number;
  /** Points no label may cover (the ringed ones), with the radius to keep clear around each. */
  keepClear?: readonly { index: number; radius: number }[];
}

/** The labels to draw, most important first; none overlap in 2-D. */
export function placeMapLabels(input: MapLabelInput): PlacedLabel[] {
  const { words, coords, dims, order, view, width, height, gapOf = () => LABEL_GAP, keepClear = [] } = input;
  if (dims === 3) return order.slice(0, LABELS_3D).map((index) => ({ index, position: 'top', box: { x0: 0, y0: 0, x1: 0, y1: 0 }, gap: gapOf(index) }));
  if (!(width > 0 && height > 0)) return [];
  const sx = width / (view.x[1] - view.x[0] || 1);
  const sy = height / (view.y[1] - view.y[0] || 1);
  const px = (index: number) => (coords[index * dims] - view.x[0]) * sx;
  const py = (index: number) => height - (coords[index * dims + 1] - view.y[0]) * sy;
  const obstacles = keepClear.map(({ index, radius }) => ({ x0: px(index) - radius, x1: px(index) + radius, y0: py(index) - radius, y1: py(index) + radius }));
  const candidates: LabelCandidate[] = order.map((index) => ({
    index,
    x: px(index),
    y: py(index),
    width: estimateLabelWidth(words[index], LABEL_FONT),
    height: LABEL_HEIGHT,
    gap: gapOf(index),
  }));
  return placeLabels(candidates, { width, height, gap: LABEL_GAP, obstacles, maxLabels: Math.max(12, Math.round((width * height) / AREA_PER_LABEL)) });
}
