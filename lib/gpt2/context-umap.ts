/**
 * UMAP of a word's contextual vectors, one 2-D map per layer, for the context page when there are
 * enough sentences for neighbourhoods to mean something. Cosine geometry, as in the heatmap: each
 * vector is scaled to unit length and stored as int8 with a per-row scale, the form our kNN kernel
 * reads (lib/vectors/format.ts quantiseRow).
 */
import { runUmap } from '../projection/umap';
import { quantiseRow } from '../vectors/format';

/** Fewer sentences than this: the page shows PCA only (UMAP of a handful of points is noise). */
export const MIN_UMAP_POINTS = 10;

/**
 * `targets`: [layers, n, dims]. Returns [layers, n, 2] coordinates, or null when n < MIN_UMAP_POINTS.
 * The same seed gives the same maps.
 */
export async function contextUmap(targets: Float32Array, layers: number, n: number, dims: number, seed = 42): Promise<Float32Array | null> {
  if (n < MIN_UMAP_POINTS) return null;
  const out = new Float32Array(layers * n * 2);
  const q = new Int8Array(n * dims);
  const scales = new Float32Array(n);
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < n; i++) {
      const row = targets.subarray((l * n + i) * dims, (l * n + i + 1) * dims);
      scales[i] = quantiseRow(row, q.subarray(i * dims, (i + 1) * dims)).scale;
    }
    const { coords } = await runUmap(q, scales, n, dims, { nComponents: 2, nNeighbors: Math.min(15, n - 1), seed });
    out.set(coords, l * n * 2);
  }
  return out;
}
