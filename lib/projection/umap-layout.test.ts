import { afterEach, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../random';
import { cosineKnn } from './knn';
import { fuzzyEdges } from './umap-graph';
import { curveParams, UmapLayout } from './umap-layout';
import { randomSet, umapJsOnKnn } from './umap-test-fixtures';

/** Math.pow as umap-layout.ts evaluates it (squares stay x · x, which Math.pow(x, 2) equals). */
const expLogPow = (x: number, y: number): number => (y === 2 ? x * x : Math.exp(y * Math.log(x)));

async function setup(n: number, nComponents: 2 | 3, nEpochs: number, seed: number) {
  const { q, scales } = randomSet(n, 12, 11);
  const knn = await cosineKnn(q, scales, n, 12, 8);
  const ref = umapJsOnKnn(knn, nComponents, 0.1, seed, nEpochs);
  const ours = new UmapLayout(n, nComponents, fuzzyEdges(knn, nEpochs), nEpochs, curveParams(0.1), seed);
  return { ref, ours };
}

afterEach(() => vi.restoreAllMocks());

describe('UmapLayout equals umap-js 1.4.0 step() on the same graph and seed', () => {
  it('the random start is seededRandom(seed)() · 20 − 10, point-major, as umap-js draws it', async () => {
    const { ref, ours } = await setup(60, 3, 50, 7);
    expect(Array.from(ours.embedding)).toEqual(Array.from(ref.embedding()));
    const rnd = seededRandom(7);
    expect(ours.embedding[0]).toBe(rnd() * 20 - 10);
  });

  it('uses umap-js findABParams a, b and its epoch count', async () => {
    const { ref, ours } = await setup(60, 2, 37, 7);
    expect(curveParams(0.1)).toEqual({ a: ref.state.a, b: ref.state.b });
    expect(ours.nEpochs).toBe(ref.state.nEpochs);
  });

  for (const [dim, n, epochs] of [
    [2, 80, 60],
    [3, 60, 40],
  ] as const) {
    it(`${dim}-D, n ${n}: all ${epochs} epochs bit for bit when umap-js's Math.pow is the same exp/log form`, async () => {
      const { ref, ours } = await setup(n, dim, epochs, 3);
      const pow = vi.spyOn(Math, 'pow').mockImplementation(expLogPow);
      for (let e = 0; e < epochs; e++) {
        ref.umap.step();
        ours.step();
        if (e === 0 || e === epochs >> 1) expect(Array.from(ours.embedding)).toEqual(Array.from(ref.embedding()));
      }
      expect(pow).toHaveBeenCalled();
      pow.mockRestore();
      expect(ours.done).toBe(true);
      ours.step(); // past the end: no change, like umap-js
      ref.umap.step();
      expect(Array.from(ours.embedding)).toEqual(Array.from(ref.embedding()));
    });
  }

  it('with the real Math.pow the layouts differ by float rounding only', async () => {
    const { ref, ours } = await setup(80, 2, 60, 3);
    const start = Float64Array.from(ours.embedding);
    let maxDiff = 0;
    for (let e = 0; e < 5; e++) {
      ref.umap.step();
      ours.step();
    }
    const r = ref.embedding();
    for (let i = 0; i < r.length; i++) maxDiff = Math.max(maxDiff, Math.abs(r[i] - ours.embedding[i]));
    let moved = 0;
    for (let i = 0; i < r.length; i++) moved = Math.max(moved, Math.abs(r[i] - start[i]));
    expect(moved).toBeGreaterThan(0.1); // the points did move
    expect(maxDiff).toBeLessThan(1e-9);
  });
});
