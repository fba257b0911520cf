import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { contextUmap } from './context-umap';

/** Two tight clusters of 768-d vectors per layer, around opposite directions. */
function twoSenses(layers: number, n: number, dims: number): Float32Array {
  const random = seededRandom(3);
  const out = new Float32Array(layers * n * dims);
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < dims; d++) out[(l * n + i) * dims + d] = (d === 0 ? (i < n / 2 ? 5 : -5) : 0) + (random() - 0.5);
    }
  }
  return out;
}

describe('contextUmap', () => {
  it('is not offered for fewer than MIN_UMAP_POINTS sentences', async () => {
    expect(await contextUmap(new Float32Array(2 * 6 * 8), 2, 6, 8)).toBeNull();
  });

  it('maps each layer, deterministically, keeping the two senses apart', async () => {
    const n = 12;
    const targets = twoSenses(2, n, 768);
    const a = await contextUmap(targets, 2, n, 768);
    expect(a).not.toBeNull();
    expect(a!.length).toBe(2 * n * 2);
    expect(await contextUmap(targets, 2, n, 768)).toEqual(a);
    // Every point is nearer (on the map) to its own sense's centroid than to the other's, in both layers.
    for (let l = 0; l < 2; l++) {
      const pt = (i: number) => [a![(l * n + i) * 2], a![(l * n + i) * 2 + 1]];
      const centroid = (from: number) => [0, 1].map((c) => Array.from({ length: n / 2 }, (_, k) => pt(from + k)[c]).reduce((s, v) => s + v, 0) / (n / 2));
      const [c0, c1] = [centroid(0), centroid(n / 2)];
      for (let i = 0; i < n; i++) {
        const [x, y] = pt(i);
        const d0 = Math.hypot(x - c0[0], y - c0[1]);
        const d1 = Math.hypot(x - c1[0], y - c1[1]);
        expect(i < n / 2 ? d0 < d1 : d1 < d0).toBe(true);
      }
    }
  });
});
