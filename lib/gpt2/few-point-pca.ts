/**
 * PCA of a few high-dimensional points (a word's vectors in a handful of sentences, 768 dims).
 *
 * lib/projection/pca.ts diagonalises the dims × dims covariance, O(dims³) per Jacobi sweep: too
 * slow for 768 dims on every slider move. With n points the centred data spans at most n − 1
 * dimensions, so we first rewrite each point in an orthonormal basis of that span (modified
 * Gram–Schmidt) and run the same pca() on n × k coordinates. A change to an orthonormal basis
 * keeps every distance and the covariance's non-zero eigenvalues, so the map and the explained
 * variance are the same; only a component's sign may differ from a full-width pca().
 */
import { pca, type PcaResult } from '../projection/pca';
import { dot, dotAt, norm } from '../vectors/kernels';

/** Residual norms below this fraction of the largest point's norm count as already in the span. */
const DEPENDENT = 1e-9;

/** 2-D PCA of `n` rows of `dims` values (row-major); same result type as pca(). */
export function fewPointPca(rows: Float32Array, n: number, dims: number): PcaResult {
  if (n < 1 || dims < 1) return pca(new Float32Array(0), 0, 0, 2);
  if (rows.length < n * dims) throw new Error(`fewPointPca: rows has ${rows.length} values, need n × dims = ${n * dims}`);

  // centred: n × dims (float64)
  const centred = new Float64Array(n * dims);
  for (let j = 0; j < dims; j++) {
    let m = 0;
    for (let r = 0; r < n; r++) m += rows[r * dims + j];
    m /= n;
    for (let r = 0; r < n; r++) centred[r * dims + j] = rows[r * dims + j] - m;
  }
  let largest = 0;
  for (let r = 0; r < n; r++) largest = Math.max(largest, Math.sqrt(dotAt(centred, r * dims, centred, r * dims, dims)));

  // basis: up to n orthonormal vectors of dims values
  const basis: Float64Array[] = [];
  for (let r = 0; r < n; r++) {
    const v = centred.slice(r * dims, (r + 1) * dims);
    for (const b of basis) {
      const p = dot(v, b);
      for (let j = 0; j < dims; j++) v[j] -= p * b[j];
    }
    const length = norm(v);
    if (length <= DEPENDENT * largest || length === 0) continue;
    for (let j = 0; j < dims; j++) v[j] /= length;
    basis.push(v);
  }

  // coords: n × k, each centred point in the basis
  const k = Math.max(1, basis.length);
  const coords = new Float32Array(n * k);
  basis.forEach((b, c) => {
    for (let r = 0; r < n; r++) coords[r * k + c] = dotAt(centred, r * dims, b, 0, dims);
  });
  return pca(coords, n, k, 2);
}
