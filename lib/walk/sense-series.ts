/**
 * The bank step's chart from a context run (lib/gpt2/layer-similarity.ts): per layer, the mean
 * cosine of the target's vectors with the same sense, with different senses, and the baseline.
 */
import type { SimilarityReport } from '../gpt2/layer-similarity';

export interface SenseSeries {
  same: (number | null)[];
  different: (number | null)[];
  baseline: (number | null)[];
  /** The layer where same-sense and different-sense vectors are furthest apart, or null. */
  peakLayer: number | null;
}

/** The three lines of the chart, one value per layer (embeddings first). */
export function senseSeries(report: SimilarityReport): SenseSeries {
  return {
    same: report.layers.map((l) => l.same),
    different: report.layers.map((l) => l.different),
    baseline: report.layers.map((l) => l.baseline),
    peakLayer: report.peakLayer,
  };
}

/** The smallest and largest of the values that are there (for a chart's axis), or null when none is. */
export function extent(...series: (number | null)[][]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of s) if (v !== null && Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return lo <= hi ? [lo, hi] : null;
}
