/**
 * For sentences without a sense label: at each layer, the mean cosine of the target's vector to
 * the labelled sentences of each sense — does GPT-2 place the *bank* of "John wants his bank to
 * cash the" nearer the river sentence or the money one, and from which layer on?
 */
import type { SimilarityReport } from './layer-similarity';

export interface SenseAffinity {
  /** The unlabelled sentence (0-based). */
  sentence: number;
  /** The senses, in order of first appearance. */
  senses: string[];
  /** [layers][senses]: mean cosine to that sense's sentences at each layer. */
  cosine: number[][];
  /** Per layer, the closest sense (ties: the first). */
  nearest: string[];
}

/** One entry per unlabelled sentence; empty when no sentence is labelled or none is unlabelled. */
export function senseAffinities(report: SimilarityReport, senses: readonly (string | null)[]): SenseAffinity[] {
  const label = senses.map((s) => s?.trim() ?? '');
  const names = [...new Set(label.filter(Boolean))];
  if (names.length === 0) return [];
  const S = label.length;
  const out: SenseAffinity[] = [];
  label.forEach((l, i) => {
    if (l) return;
    const cosine = report.layers.map((layer) =>
      names.map((name) => {
        const js = label.flatMap((m, j) => (m === name ? [j] : []));
        return js.reduce((sum, j) => sum + layer.cosine[i * S + j], 0) / js.length;
      }),
    );
    out.push({ sentence: i, senses: names, cosine, nearest: cosine.map((row) => names[row.indexOf(Math.max(...row))]) });
  });
  return out;
}
