/**
 * A 2-D map of chosen words at every epoch, through ONE projection, so that what moves on the map
 * moved in the vectors: each frame's rows are scaled to unit length (cosine is what neighbours
 * use), then every frame is projected on the two principal axes of the reference frame (the
 * latest), centred on that frame's mean. Frames before it are drawn where those same axes put them.
 */
import { jacobiEigen } from '../projection/pca';

export interface ProjectedFrames {
  /** frames[f]: [x0, y0, x1, y1, …] for the n words. */
  frames: number[][];
  /** Share of the reference frame's variance on each axis. */
  explained: [number, number];
}

/** Projects frames of n rows × dims (row-major) on the reference frame's first two principal axes. */
export function projectFrames(frames: readonly Float32Array[], n: number, dims: number, reference = frames.length - 1): ProjectedFrames {
  if (frames.length === 0 || n === 0) return { frames: frames.map(() => []), explained: [0, 0] };
  const units = frames.map((f) => unit(f, n, dims));
  const ref = units[reference];
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) for (let j = 0; j < dims; j++) mean[j] += ref[r * dims + j] / n;
  const cov = new Float64Array(dims * dims);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dims; i++) {
      const xi = ref[r * dims + i] - mean[i];
      for (let j = i; j < dims; j++) cov[i * dims + j] += xi * (ref[r * dims + j] - mean[j]);
    }
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i];
  let total = 0;
  for (let i = 0; i < dims; i++) total += cov[i * dims + i];
  const { values, vectors } = jacobiEigen(cov, dims);
  const order = Array.from({ length: dims }, (_, i) => i).sort((a, b) => values[b] - values[a]);
  const axes = order.slice(0, 2).map((e) => {
    const axis = Float64Array.from({ length: dims }, (_, j) => vectors[j * dims + e]);
    // the largest loading positive, so the same data always gives the same picture
    let at = 0;
    for (let j = 1; j < dims; j++) if (Math.abs(axis[j]) > Math.abs(axis[at])) at = j;
    if (axis[at] < 0) axis.forEach((v, j) => (axis[j] = -v));
    return axis;
  });
  const explained: [number, number] = [0, 1].map((c) => (total > 0 && order[c] !== undefined ? Math.max(0, values[order[c]]) / total : 0)) as [number, number];
  return {
    explained,
    frames: units.map((u) => {
      const out: number[] = [];
      for (let r = 0; r < n; r++) {
        for (const axis of axes) {
          let s = 0;
          for (let j = 0; j < dims; j++) s += (u[r * dims + j] - mean[j]) * axis[j];
          out.push(s);
        }
      }
      return out;
    }),
  };
}

function unit(rows: Float32Array, n: number, dims: number): Float64Array {
  const out = new Float64Array(n * dims);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < dims; j++) s += rows[r * dims + j] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dims; j++) out[r * dims + j] = rows[r * dims + j] * inv;
  }
  return out;
}
