import { describe, expect, it } from 'vitest';
import { cosineAt, layerSimilarity, type LayerSimilarityInput } from './layer-similarity';

/**
 * Hand-made case: 2 layers, 3 sentences (senses A, A, B), 2 dims, and 4 context tokens
 * (two in sentence 0, one each in sentences 1 and 2). Expected values are worked out by hand.
 */
function handMade(senses: (string | null)[] = ['A', 'A', 'B']): LayerSimilarityInput {
  return {
    layers: 2,
    sentences: 3,
    dims: 2,
    senses,
    // layer 0: (1,0) (1,0) (0,1); layer 1: (3,4) (4,3) (-3,-4)
    targets: Float32Array.from([1, 0, 1, 0, 0, 1, 3, 4, 4, 3, -3, -4]),
    // layer 0: (1,1) (2,0) in sentence 0, (1,0) in 1, (0,1) in 2; layer 1: all (1,0)
    context: Float32Array.from([1, 1, 2, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0]),
    contextSentence: Int32Array.from([0, 0, 1, 2]),
  };
}

describe('layerSimilarity', () => {
  it('computes the cosine matrix, same/different means, the cross-sentence baseline and the peak', () => {
    const r = layerSimilarity(handMade());
    expect(r.samePairs).toBe(1);
    expect(r.differentPairs).toBe(2);

    const [l0, l1] = r.layers;
    expect([...l0.cosine]).toEqual([1, 1, 0, 1, 1, 0, 0, 0, 1]);
    expect(l0.same).toBe(1);
    expect(l0.different).toBe(0);
    // Cross-sentence context pairs: (1,1)·(1,0), (1,1)·(0,1), (2,0)·(1,0), (2,0)·(0,1), (1,0)·(0,1)
    // = 1/√2, 1/√2, 1, 0, 0; the within-sentence pair (1,1)·(2,0) is left out.
    const base0 = (Math.SQRT2 + 1) / 5;
    expect(l0.baseline).toBeCloseTo(base0, 12);
    expect(l0.sameAdjusted).toBeCloseTo(1 - base0, 12);
    expect(l0.differentAdjusted).toBeCloseTo(-base0, 12);
    expect(l0.separation).toBe(1);
    expect(l0.relativeSeparation).toBeCloseTo(1 / (1 - base0), 12);

    expect(l1.cosine[1]).toBeCloseTo(24 / 25, 6); // (3,4)·(4,3) / 25
    expect(l1.cosine[2]).toBeCloseTo(-1, 6);
    expect(l1.cosine[5]).toBeCloseTo(-24 / 25, 6);
    expect(l1.same).toBeCloseTo(0.96, 6);
    expect(l1.different).toBeCloseTo(-0.98, 6);
    expect(l1.baseline).toBeCloseTo(1, 12); // every context vector is (1,0)
    expect(l1.separation).toBeCloseTo(1.94, 6);
    expect(l1.relativeSeparation).toBeNull(); // no room left above a baseline of 1

    expect(r.peakLayer).toBe(1); // 1.94 > 1
    expect(r.peakRelativeLayer).toBe(0);
  });

  it('leaves unlabelled sentences out of the means but not out of the matrix', () => {
    const r = layerSimilarity(handMade(['A', null, ' ']));
    expect(r.samePairs).toBe(0);
    expect(r.differentPairs).toBe(0);
    expect(r.layers[0].same).toBeNull();
    expect(r.layers[0].separation).toBeNull();
    expect(r.layers[0].cosine[1]).toBe(1);
    expect(r.peakLayer).toBeNull();
  });

  it('treats labels by their trimmed text', () => {
    const r = layerSimilarity(handMade(['money', ' money ', 'river']));
    expect(r.samePairs).toBe(1);
    expect(r.layers[0].same).toBe(1);
  });

  it('has no baseline without context tokens in two sentences', () => {
    const input = { ...handMade(), context: new Float32Array(2 * 1 * 2).fill(1), contextSentence: Int32Array.from([0]) };
    const r = layerSimilarity(input);
    expect(r.layers[0].baseline).toBeNull();
    expect(r.layers[0].sameAdjusted).toBeNull();
    expect(r.layers[0].separation).toBe(1);
  });

  it('rejects arrays of the wrong size', () => {
    expect(() => layerSimilarity({ ...handMade(), targets: new Float32Array(5) })).toThrow(/expected layers × sentences × dims = 12/);
    expect(() => layerSimilarity({ ...handMade(), senses: ['A'] })).toThrow(/1 sense labels for 3 sentences/);
  });
});

describe('cosineAt', () => {
  it('is 0 for a zero vector instead of NaN', () => {
    expect(cosineAt(Float32Array.from([0, 0]), 0, Float32Array.from([1, 2]), 0, 2)).toBe(0);
  });
});
