/** Random int8 stores shaped like real embeddings, shared by the kernel tests and benchmark. */
import { seededRandom } from '../../random';
import { norm } from '../kernels';

export interface RandomStore {
  rows: number;
  dims: number;
  q: Int8Array;
  s: Float32Array;
}

/** Random rows quantised like the real store: q = round(x / max|x| * 127), s = 1 / ||q||. */
export function randomStore(rows: number, dims: number, seed: number): RandomStore {
  const rand = seededRandom(seed);
  const q = new Int8Array(rows * dims);
  const s = new Float32Array(rows);
  const x = new Float64Array(dims);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let i = 0; i < dims; i++) {
      // a mix of Gaussian-ish and heavy-tailed components, like real embeddings
      x[i] = (rand() + rand() + rand() - 1.5) * (rand() < 0.05 ? 4 : 1);
      m = Math.max(m, Math.abs(x[i]));
    }
    let n2 = 0;
    for (let i = 0; i < dims; i++) {
      const v = m > 0 ? Math.round((x[i] / m) * 127) : 0;
      q[r * dims + i] = v;
      n2 += v * v;
    }
    s[r] = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
  }
  return { rows, dims, q, s };
}

/** A random unit query vector. */
export function randomUnitQuery(dims: number, rand: () => number): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = rand() * 2 - 1;
  const n = norm(v);
  for (let i = 0; i < dims; i++) v[i] /= n;
  return v;
}
