import { describe, expect, it } from 'vitest';
import { neighbourPreservation } from '../projection/preservation';
import { seededRandom } from '../random';
import { AnalogyEngine } from '../vectors/analogy';
import { storeFromRows } from '../vectors/test-fixtures';
import { axisLabel, computeMap, DEFAULT_MAP_PARAMS, gatherRows, samplePoints } from './compute-map';

/** 40 random words in 8-D, plus "he" and "she". */
async function engine(): Promise<AnalogyEngine> {
  const random = seededRandom(5);
  const words = ['he', 'she', ...Array.from({ length: 40 }, (_, i) => `w${i}`)];
  const rows = words.map(() => Array.from({ length: 8 }, () => random() - 0.5));
  return new AnalogyEngine(await storeFromRows(words, rows));
}

describe('samplePoints', () => {
  it('picks distinct points in increasing order, the same ones every time', () => {
    const a = samplePoints(10000, 2000);
    expect(a.length).toBe(2000);
    expect(new Set(a).size).toBe(2000);
    expect(a.every((v, i) => v >= 0 && v < 10000 && (i === 0 || v > a[i - 1]))).toBe(true);
    expect(samplePoints(10000, 2000)).toEqual(a);
    expect(a[a.length - 1]).toBeGreaterThan(9000); // spread over the whole range, not the first 2000
  });
});

describe('computeMap', () => {
  it('word-pair axes: x is each word’s dot product with the unit he → she direction', async () => {
    const e = await engine();
    const map = await computeMap(e, { kind: 'top', n: 42 }, { ...DEFAULT_MAP_PARAMS, method: 'axes', axisX: ['he', 'she'] });
    const { unit } = gatherRows(e.store, map.ids);
    const he = e.store.unitVector(0);
    const she = e.store.unitVector(1);
    const dir = he.map((v, d) => she[d] - v);
    const len = Math.hypot(...dir);
    for (let i = 0; i < map.words.length; i++) {
      let x = 0;
      for (let d = 0; d < 8; d++) x += (unit[i * 8 + d] * dir[d]) / len;
      expect(map.coords[i * 2]).toBeCloseTo(x, 5);
    }
    expect(map.axes[0]).toEqual({ kind: 'pair', from: 'he', to: 'she', orthogonal: false });
    expect(map.axes[1]).toMatchObject({ kind: 'restPc', n: 1 });
    expect(map.axisLabels).toEqual(map.axes.map(axisLabel));
    expect(map.axisLabels[0]).toBe('he → she');
    expect(map.axisLabels[1]).toMatch(/^PC 1 of the rest \(\d+\.\d%\)$/);
    // y is a projection on a unit direction v orthogonal to x: recover v by least squares
    // (y_i − ȳ = v · (row_i − mean) holds exactly) and check |v| = 1 and v · x = 0.
    const v = solveLeastSquares(unit, map.words.length, 8, (i) => map.coords[i * 2 + 1]);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    expect(v.reduce((s, vd, d) => s + (vd * dir[d]) / len, 0)).toBeCloseTo(0, 4);
  });

  it('word-pair axes need known words', async () => {
    const e = await engine();
    await expect(computeMap(e, { kind: 'top', n: 10 }, { ...DEFAULT_MAP_PARAMS, method: 'axes', axisX: ['he', 'nobody'] })).rejects.toThrow(/"nobody" is not in the vectors/);
    await expect(computeMap(e, { kind: 'top', n: 10 }, { ...DEFAULT_MAP_PARAMS, method: 'axes', axisX: ['he', 'nobody'] })).rejects.toMatchObject({ code: 'axisWordUnknown', params: { word: 'nobody' } });
  });

  it('PCA: explained shares are sorted and the preservation score is a fraction', async () => {
    const e = await engine();
    const map = await computeMap(e, { kind: 'top', n: 42 }, { ...DEFAULT_MAP_PARAMS, method: 'pca', dims: 3 });
    expect(map.coords.length).toBe(42 * 3);
    expect(map.explained![0]).toBeGreaterThanOrEqual(map.explained![1]);
    expect(map.axes).toEqual(map.explained!.map((explained, i) => ({ kind: 'pc', n: i + 1, explained })));
    expect(map.axisLabels[0]).toBe(`PC 1 (${(map.explained![0] * 100).toFixed(1)}%)`);
    // The score from the kernel's kNN equals the brute-force float64 definition.
    const { unit } = gatherRows(e.store, map.ids);
    expect(map.preservation10).toBeCloseTo(neighbourPreservation(unit, map.coords, 42, 8, 3, 10), 10);
    expect(map.preservation10).toBeGreaterThan(0);
    expect(map.preservation10).toBeLessThan(1);
  });

  it('UMAP: same seed, same map; tiny sets are clamped; a cancelled map rejects', async () => {
    const e = await engine();
    const params = { ...DEFAULT_MAP_PARAMS, nEpochs: 50 };
    const a = await computeMap(e, { kind: 'top', n: 30 }, params);
    const b = await computeMap(e, { kind: 'top', n: 30 }, params);
    expect(a.coords).toEqual(b.coords);
    const c = await computeMap(e, { kind: 'top', n: 30 }, { ...params, seed: 7 });
    expect(c.coords).not.toEqual(a.coords);
    const tiny = await computeMap(e, { kind: 'list', words: ['w1', 'w2', 'w3', 'w4', 'w5'] }, params);
    expect(tiny.nNeighbors).toBe(4);
    expect(tiny.coords.length).toBe(10);
    const controller = new AbortController();
    const job = computeMap(e, { kind: 'top', n: 42 }, params, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** Least-squares v for t_i − t̄ = v · (row_i − mean) (normal equations, Gaussian elimination). */
function solveLeastSquares(rows: Float32Array, n: number, dims: number, target: (i: number) => number): number[] {
  const mean = Array.from({ length: dims }, (_, d) => Array.from({ length: n }, (_, i) => rows[i * dims + d]).reduce((a, b) => a + b, 0) / n);
  const tMean = Array.from({ length: n }, (_, i) => target(i)).reduce((a, b) => a + b, 0) / n;
  const a = Array.from({ length: dims }, () => new Array<number>(dims + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const x = mean.map((m, d) => rows[i * dims + d] - m);
    for (let r = 0; r < dims; r++) {
      for (let c = 0; c < dims; c++) a[r][c] += x[r] * x[c];
      a[r][dims] += x[r] * (target(i) - tMean);
    }
  }
  for (let c = 0; c < dims; c++) {
    let pivot = c;
    for (let r = c + 1; r < dims; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < dims; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= dims; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, r) => row[dims] / row[r]);
}
