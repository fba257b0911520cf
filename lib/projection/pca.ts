/**
 * Principal component analysis for 2-D / 3-D maps of word vectors.
 *
 * Plain, framework-free and deterministic: the same input always gives bit-identical output
 * (no randomness; eigenvectors from the cyclic Jacobi method, which needs no start vector).
 */

/** Result of {@link pca}. */
export interface PcaResult {
  /** Projected coordinates, row-major: n rows × `components` columns. */
  coords: Float32Array;
  /** Fraction of the total variance carried by each component (length `components`, each in [0, 1]). */
  explained: number[];
}

/** Relative size below which an eigenvalue counts as zero variance (its component is reported as zeros). */
const ZERO_VARIANCE = 1e-12;

/**
 * Projects `n` rows of `dims` values (row-major Float32Array, length ≥ n × dims) onto their
 * top `components` principal components.
 *
 * Steps: centre each column; build the dims × dims covariance in float64 (O(n·dims²), the main
 * cost); diagonalise it with the cyclic Jacobi method; sort eigenvalues in descending order
 * (ties keep the lower index); flip each eigenvector so its largest-magnitude loading is positive
 * (the first such loading on exact ties). Components whose variance is zero (relative to the
 * total) — including those that do not exist because n or dims is too small — get zero
 * coordinates and an explained fraction of 0, never NaN.
 */
export function pca(rows: Float32Array, n: number, dims: number, components: 2 | 3): PcaResult {
  const coords = new Float32Array(n * components);
  const explained = new Array<number>(components).fill(0);
  if (n < 1 || dims < 1) return { coords, explained };
  if (rows.length < n * dims) throw new Error(`pca: rows has ${rows.length} values, need n × dims = ${n * dims}`);

  // mean: dims values (float64)
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) {
    const base = r * dims;
    for (let j = 0; j < dims; j++) mean[j] += rows[base + j];
  }
  for (let j = 0; j < dims; j++) mean[j] /= n;

  // cov: dims × dims row-major (float64); upper triangle accumulated, then mirrored.
  const cov = new Float64Array(dims * dims);
  // Rows are centred into `block` (BLOCK × dims, float64) and accumulated BLOCK at a time, so each
  // covariance entry is loaded and stored once per block instead of once per row.
  const BLOCK = 4;
  const block = new Float64Array(BLOCK * dims);
  const d2 = dims * 2;
  const d3 = dims * 3;
  for (let r0 = 0; r0 < n; r0 += BLOCK) {
    const rowsHere = Math.min(BLOCK, n - r0);
    block.fill(0); // missing rows of a short final block stay zero and add nothing
    for (let b = 0; b < rowsHere; b++) {
      const base = (r0 + b) * dims;
      for (let j = 0; j < dims; j++) block[b * dims + j] = rows[base + j] - mean[j];
    }
    for (let i = 0; i < dims; i++) {
      const x0 = block[i];
      const x1 = block[dims + i];
      const x2 = block[d2 + i];
      const x3 = block[d3 + i];
      const ci = i * dims;
      for (let j = i; j < dims; j++) {
        cov[ci + j] += x0 * block[j] + x1 * block[dims + j] + x2 * block[d2 + j] + x3 * block[d3 + j];
      }
    }
  }
  const denom = n > 1 ? n - 1 : 1;
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      const v = cov[i * dims + j] / denom;
      cov[i * dims + j] = v;
      cov[j * dims + i] = v;
    }
  }

  let total = 0;
  for (let i = 0; i < dims; i++) total += cov[i * dims + i];
  if (!(total > 0)) return { coords, explained };

  const { values, vectors } = jacobiEigen(cov, dims);

  // order: eigenvalue indices, descending value, ties by lower index (Array.prototype.sort is stable).
  const order = Array.from({ length: dims }, (_, i) => i).sort((a, b) => values[b] - values[a]);

  for (let c = 0; c < components && c < dims; c++) {
    const e = order[c];
    const lambda = values[e];
    if (!(lambda > ZERO_VARIANCE * total)) continue; // zero variance: leave zeros
    explained[c] = Math.min(1, lambda / total);

    // axis: column e of `vectors` (dims values), sign-fixed.
    const axis = new Float64Array(dims);
    let big = 0;
    let bigAt = 0;
    for (let j = 0; j < dims; j++) {
      axis[j] = vectors[j * dims + e];
      const a = Math.abs(axis[j]);
      if (a > big) {
        big = a;
        bigAt = j;
      }
    }
    if (axis[bigAt] < 0) for (let j = 0; j < dims; j++) axis[j] = -axis[j];

    for (let r = 0; r < n; r++) {
      const base = r * dims;
      let s = 0;
      for (let j = 0; j < dims; j++) s += (rows[base + j] - mean[j]) * axis[j];
      coords[r * components + c] = s;
    }
  }
  return { coords, explained };
}

/**
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method.
 * `a`: size × size row-major float64 (not modified). Returns `values` (size, unsorted) and
 * `vectors` (size × size row-major; column k is the unit eigenvector for values[k]).
 */
export function jacobiEigen(a: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a.subarray(0, size * size)); // working copy, size × size
  const v = new Float64Array(size * size); // accumulated rotations, starts as identity
  for (let i = 0; i < size; i++) v[i * size + i] = 1;

  let scale = 0;
  for (let i = 0; i < size * size; i++) scale += m[i] * m[i];
  const tol = 1e-30 * scale;

  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += m[p * size + q] * m[p * size + q];
    if (off <= tol) break;

    for (let p = 0; p < size - 1; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = m[p * size + q];
        if (apq === 0) continue;
        const app = m[p * size + p];
        const aqq = m[q * size + q];
        // rotation angle: t = tan θ, chosen as the smaller root (Numerical Recipes form).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;

        for (let k = 0; k < size; k++) {
          // rows/columns p and q of m (symmetric update of columns, then rows)
          const mkp = m[k * size + p];
          const mkq = m[k * size + q];
          m[k * size + p] = c * mkp - s * mkq;
          m[k * size + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < size; k++) {
          const mpk = m[p * size + k];
          const mqk = m[q * size + k];
          m[p * size + k] = c * mpk - s * mqk;
          m[q * size + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p];
          const vkq = v[k * size + q];
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = m[i * size + i];
  return { values, vectors: v };
}
