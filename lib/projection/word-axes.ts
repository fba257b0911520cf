/**
 * Custom word-pair axes (the word2viz / Embedding Projector "custom" projection):
 * an axis is the unit direction from one word's vector to another's, and every word is placed
 * at its dot products with the chosen axes.
 */
import { dot, dotAt, norm } from '../vectors/kernels';

/** Below this norm a difference / residual vector counts as zero (the axis is undefined). */
const TINY = 1e-6;

/**
 * Unit vector along row[toId] − row[fromId].
 * `rows`: row-major Float32Array, rows of `dims` values. Returns a Float32Array of `dims` values.
 * Throws an Error when an id is out of range or the two rows are identical (no direction).
 */
export function pairAxis(rows: Float32Array, dims: number, fromId: number, toId: number): Float32Array {
  const count = Math.floor(rows.length / dims);
  for (const id of [fromId, toId]) {
    if (!Number.isInteger(id) || id < 0 || id >= count) throw new Error(`pairAxis: row id ${id} out of range 0..${count - 1}`);
  }
  const diff = new Float64Array(dims); // dims values
  for (let j = 0; j < dims; j++) diff[j] = rows[toId * dims + j] - rows[fromId * dims + j];
  return unit(diff, `pairAxis: rows ${fromId} and ${toId} are identical, so they define no axis`);
}

/**
 * Coordinates of `n` rows (row-major, `dims` values each) on the given axes (each `dims` values).
 * Returns n × axes.length row-major; entry (r, a) = dot(row r, axes[a]).
 */
export function projectOnAxes(rows: Float32Array, n: number, dims: number, axes: Float32Array[]): Float32Array {
  for (const [a, axis] of axes.entries()) {
    if (axis.length !== dims) throw new Error(`projectOnAxes: axis ${a} has ${axis.length} values, expected ${dims}`);
  }
  const m = axes.length;
  const out = new Float32Array(n * m); // n × m
  for (let r = 0; r < n; r++) {
    const base = r * dims;
    for (let a = 0; a < m; a++) {
      out[r * m + a] = dotAt(rows, base, axes[a], 0, dims);
    }
  }
  return out;
}

/**
 * Gram–Schmidt: the unit vector along the part of `axis2` orthogonal to `axis1` (both `dims`
 * values; neither needs to be unit length). Throws an Error when the axes are (nearly) parallel,
 * or when either is zero, since no orthogonal direction is then defined.
 */
export function orthogonalise(axis2: Float32Array, axis1: Float32Array): Float32Array {
  const dims = axis1.length;
  if (axis2.length !== dims) throw new Error(`orthogonalise: axes have different lengths (${axis2.length} and ${dims})`);
  const n1 = dot(axis1, axis1);
  const n2 = dot(axis2, axis2);
  if (!(n1 > 0) || !(n2 > 0)) throw new Error('orthogonalise: an axis is the zero vector');
  const k = dot(axis1, axis2) / n1;
  const residual = new Float64Array(dims); // dims values: axis2 − (axis2·û1) û1
  for (let j = 0; j < dims; j++) residual[j] = axis2[j] - k * axis1[j];
  // Relative test: the residual is tiny compared with axis2 exactly when the axes are parallel.
  if (norm(residual) <= TINY * Math.sqrt(n2)) {
    throw new Error('orthogonalise: the two axes are parallel, so the second adds no new direction; pick a different word pair');
  }
  return unit(residual, 'orthogonalise: the two axes are parallel');
}

/** Float32 copy of `v` scaled to unit length; throws `message` if `v` is (nearly) zero. */
function unit(v: Float64Array, message: string): Float32Array {
  const length = norm(v);
  if (!(length > TINY * 1e-3)) throw new Error(message);
  const out = new Float32Array(v.length);
  for (let j = 0; j < v.length; j++) out[j] = v[j] / length;
  return out;
}
