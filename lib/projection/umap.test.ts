import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultEpochs, runUmap, type UmapProgress } from './umap';
import { randomSet, umapJsOnKnn } from './umap-test-fixtures';

afterEach(() => vi.restoreAllMocks());

const N = 120;
const DIMS = 16;
const SET = randomSet(N, DIMS, 21);

describe('runUmap', () => {
  it("equals umap-js fed the same kNN and seed, all epochs (umap-js's Math.pow as exp/log, see umap-layout.ts)", async () => {
    const ours = await runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 3, nNeighbors: 10, minDist: 0.2, seed: 5, nEpochs: 30 });
    const ref = umapJsOnKnn(ours.knn, 3, 0.2, 5, 30);
    vi.spyOn(Math, 'pow').mockImplementation((x, y) => (y === 2 ? x * x : Math.exp(y * Math.log(x))));
    for (let e = 0; e < 30; e++) ref.umap.step();
    expect(Array.from(ours.coords)).toEqual(Array.from(Float32Array.from(ref.embedding())));
    expect(ours.nEpochs).toBe(30);
    expect(ours.nNeighbors).toBe(10);
    expect(ours.knn.k).toBe(10);
  });

  it('same seed and input → identical coordinates; another seed → different ones', async () => {
    const opts = { nComponents: 2, nEpochs: 50 } as const;
    const a = await runUmap(SET.q, SET.scales, N, DIMS, { ...opts, seed: 9 });
    const b = await runUmap(SET.q, SET.scales, N, DIMS, { ...opts, seed: 9 });
    const c = await runUmap(SET.q, SET.scales, N, DIMS, { ...opts, seed: 10 });
    expect(a.coords.length).toBe(N * 2);
    expect(Array.from(b.coords)).toEqual(Array.from(a.coords));
    expect(Array.from(c.coords)).not.toEqual(Array.from(a.coords));
    expect(a.coords.every(Number.isFinite)).toBe(true);
  });

  it('defaults: nNeighbors 15, epochs by defaultEpochs', async () => {
    const r = await runUmap(SET.q, SET.scales, 40, DIMS, { nComponents: 2 });
    expect(r.nEpochs).toBe(500);
    expect(r.nNeighbors).toBe(15);
  });

  it("defaultEpochs: umap-js's rule, capped at 1,000,000 point-epochs (at least 50)", () => {
    expect([40, 2000, 2500, 3000, 5000, 7500, 10000, 50000].map(defaultEpochs)).toEqual([500, 500, 400, 333, 200, 133, 100, 50]);
  });

  it('reports knn, graph and layout progress in order, layout with n × nComponents coords copies', async () => {
    const seen: UmapProgress[] = [];
    const r = await runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 3, nEpochs: 40 }, { onProgress: (p) => seen.push(p), progressIntervalMs: 0 });
    const phases = seen.map((p) => p.phase);
    expect(phases[0]).toBe('knn');
    expect(phases.indexOf('graph')).toBeGreaterThan(phases.lastIndexOf('knn'));
    expect(phases.indexOf('layout')).toBeGreaterThan(phases.lastIndexOf('graph'));
    const layout = seen.filter((p) => p.phase === 'layout');
    expect(layout[0].done).toBe(0);
    expect(layout.at(-1)).toMatchObject({ done: 40, total: 40 });
    for (let i = 1; i < layout.length; i++) expect(layout[i].done).toBeGreaterThanOrEqual(layout[i - 1].done);
    for (const p of layout) expect(p.coords?.length).toBe(N * 3);
    expect(Array.from(layout.at(-1)!.coords!)).toEqual(Array.from(r.coords));
    expect(layout.at(-1)!.coords).not.toBe(r.coords); // a copy: the caller may transfer it
  });

  it('rejects with an AbortError right after the first progress when aborted there, doing no layout work', async () => {
    const ctl = new AbortController();
    const seen: UmapProgress[] = [];
    const run = runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 2, nEpochs: 500 }, {
      signal: ctl.signal,
      onProgress: (p) => {
        seen.push(p);
        ctl.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBe(1);
  });

  it('rejects with an AbortError when aborted during the layout, before finishing it', async () => {
    const ctl = new AbortController();
    const seen: UmapProgress[] = [];
    const run = runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 2, nEpochs: 500 }, {
      signal: ctl.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'layout') ctl.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(Error);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.filter((p) => p.phase === 'layout').map((p) => p.done)).toEqual([0]);
  });

  describe('tiny sets (umap-js would throw for n ≤ nNeighbors)', () => {
    it('n = 0: no points', async () => {
      const r = await runUmap(new Int8Array(0), new Float32Array(0), 0, DIMS, { nComponents: 3 });
      expect(r).toMatchObject({ nNeighbors: 0, nEpochs: 0 });
      expect(r.coords.length).toBe(0);
    });

    it('n = 1: the origin', async () => {
      const r = await runUmap(SET.q, SET.scales, 1, DIMS, { nComponents: 3 });
      expect(Array.from(r.coords)).toEqual([0, 0, 0]);
      expect(r.nNeighbors).toBe(0);
    });

    it('n = 2: (−1, 0) and (1, 0), kNN of both points', async () => {
      const r = await runUmap(SET.q, SET.scales, 2, DIMS, { nComponents: 2 });
      expect(Array.from(r.coords)).toEqual([-1, 0, 1, 0]);
      expect(Array.from(r.knn.indices)).toEqual([0, 1, 1, 0]);
      expect(r.nNeighbors).toBe(1);
    });

    it.each([3, 5, 15])('n = %i: UMAP with nNeighbors clamped to n − 1, finite distinct points', async (n) => {
      const r = await runUmap(SET.q, SET.scales, n, DIMS, { nComponents: 2, nNeighbors: 15 });
      expect(r.nNeighbors).toBe(n - 1);
      expect(r.knn.k).toBe(n - 1);
      expect(r.coords.every(Number.isFinite)).toBe(true);
      expect(new Set(r.coords).size).toBe(2 * n);
    });
  });

  it('rejects bad options with a clear message', async () => {
    await expect(runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 4 as 3 })).rejects.toThrow(/nComponents must be 2 or 3/);
    await expect(runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 2, nNeighbors: 1 })).rejects.toThrow(/nNeighbors must be an integer ≥ 2/);
    await expect(runUmap(SET.q, SET.scales, N, DIMS, { nComponents: 2, nEpochs: 0 })).rejects.toThrow(/nEpochs must be a positive integer/);
  });
});
