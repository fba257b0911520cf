import { describe, expect, it } from 'vitest';
import type { LayerSimilarity, SimilarityReport } from './layer-similarity';
import { senseAffinities } from './sense-affinity';

/** A report whose only meaningful part is the cosine matrix per layer (3 sentences). */
function report(matrices: number[][]): SimilarityReport {
  const layers = matrices.map((m) => ({ cosine: Float32Array.from(m) }) as unknown as LayerSimilarity);
  return { layers, peakLayer: null, peakRelativeLayer: null, samePairs: 0, differentPairs: 0 };
}

describe('senseAffinities', () => {
  it('averages an unlabelled sentence’s cosine to each sense, per layer, and names the nearest', () => {
    // Sentence 0 unlabelled; 1 = river; 2 = money. Layer 0 leans river, layer 1 money.
    const r = report([
      [1, 0.8, 0.5, 0.8, 1, 0.4, 0.5, 0.4, 1],
      [1, 0.3, 0.7, 0.3, 1, 0.2, 0.7, 0.2, 1],
    ]);
    const [a] = senseAffinities(r, [null, 'river', 'money']);
    expect(a.sentence).toBe(0);
    expect(a.senses).toEqual(['river', 'money']);
    expect(a.cosine[0].map((v) => +v.toFixed(3))).toEqual([0.8, 0.5]);
    expect(a.nearest).toEqual(['river', 'money']);
  });

  it('averages over several sentences of one sense, and is empty without labels or without unlabelled sentences', () => {
    const m = [1, 0.2, 0.6, 0.2, 1, 0.5, 0.6, 0.5, 1];
    const [a] = senseAffinities(report([m]), ['', 'x', 'x']);
    expect(a.cosine[0][0]).toBeCloseTo(0.4, 6);
    expect(senseAffinities(report([m]), [null, null, null])).toEqual([]);
    expect(senseAffinities(report([m]), ['a', 'b', 'a'])).toEqual([]);
  });
});
