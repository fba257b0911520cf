/**
 * UMAP's stochastic gradient descent on a flat embedding: umap-js 1.4.0's
 * initializeSimplicialSetEmbedding (random start), prepareForOptimizationLoop and
 * optimizeLayoutStep with the same update rule, the same floating-point operations in the same
 * order and the same random numbers (lib/random.ts's mulberry32 stream for `seed`, drawn in the
 * same order). Two deliberate differences, both for speed (~90 million powers and ~60 million
 * random draws for 5,000 points and 400 epochs):
 *  - x^y is Math.exp(y · Math.log(x)), not Math.pow: ~1.5× faster here, within a few ulps. With
 *    umap-js's Math.pow replaced by the same form, N epochs here equal N umap-js step()s bit for
 *    bit (umap-layout.test.ts). With the real Math.pow the two agree to ~1e-13 for the first
 *    few epochs, then the (chaotic) SGD carries them to different, equally good layouts.
 *  - mulberry32 is inlined with int32 state: seededRandom's closure keeps its uint32 state in a
 *    heap-boxed context slot and cost ~80 ns a draw here, ~11 ns inlined.
 * Defaults as umap-js: learningRate 1, repulsionStrength 1, negativeSampleRate 5, spread 1,
 * gradient clip 4.
 */
import { findABParams } from 'umap-js/dist/umap';
import type { UmapEdges } from './umap-graph';

const CLIP = 4.0;
const NEGATIVE_SAMPLE_RATE = 5;
const LEARNING_RATE = 1.0;
const REPULSION_STRENGTH = 1.0; // gamma
const SPREAD = 1.0;

const abCache = new Map<number, { a: number; b: number }>();

/** a, b of the low-dimensional membership curve 1 / (1 + a·d^(2b)), from umap-js itself (a Levenberg–Marquardt fit, ~0.1 s here, so remembered per minDist). */
export function curveParams(minDist: number): { a: number; b: number } {
  let ab = abCache.get(minDist);
  if (!ab) {
    ab = findABParams(SPREAD, minDist);
    abCache.set(minDist, ab);
  }
  return { ...ab };
}

export class UmapLayout {
  /** n × dim row-major, float64 as umap-js's number[][]. */
  readonly embedding: Float64Array;
  readonly n: number;
  readonly dim: 2 | 3;
  readonly nEpochs: number;
  /** Epochs done so far (umap-js's currentEpoch). */
  epoch = 0;
  private alpha = LEARNING_RATE;
  private readonly edges: UmapEdges;
  private readonly epochOfNextSample: Float64Array;
  private readonly epochOfNextNegativeSample: Float64Array;
  private readonly epochsPerNegativeSample: Float64Array;
  private readonly a: number;
  private readonly b: number;
  /** mulberry32 state (int32 bits of seededRandom's uint32 counter). */
  private rng: number;

  /** Draws the random start (random() · 20 − 10 per point per component, point-major), as umap-js does before anything else random. */
  constructor(n: number, dim: 2 | 3, edges: UmapEdges, nEpochs: number, ab: { a: number; b: number }, seed: number) {
    this.n = n;
    if (dim !== 2 && dim !== 3) throw new RangeError(`UmapLayout: dim must be 2 or 3, got ${dim}`);
    this.dim = dim;
    this.nEpochs = nEpochs;
    this.edges = edges;
    this.a = ab.a;
    this.b = ab.b;
    this.embedding = new Float64Array(n * dim);
    this.rng = seed | 0;
    for (let i = 0; i < n * dim; i++) this.embedding[i] = this.draw() * 20 + -10;
    const m = edges.m;
    this.epochsPerNegativeSample = new Float64Array(m);
    for (let e = 0; e < m; e++) this.epochsPerNegativeSample[e] = edges.epochsPerSample[e] / NEGATIVE_SAMPLE_RATE;
    this.epochOfNextNegativeSample = this.epochsPerNegativeSample.slice();
    this.epochOfNextSample = edges.epochsPerSample.slice();
  }

  /** seededRandom(seed)'s next number (mulberry32); inlined in step(). */
  private draw(): number {
    const s = (this.rng = (this.rng + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  get done(): boolean {
    return this.epoch >= this.nEpochs;
  }

  /** One epoch (umap-js's step()); does nothing once all epochs are done. */
  step(): void {
    if (this.epoch >= this.nEpochs) return;
    const n = this.epoch;
    const { head, tail, epochsPerSample, m } = this.edges;
    const { embedding: emb, dim, a, b, alpha } = this;
    let rng = this.rng;
    const nVertices = this.n;
    const nextSample = this.epochOfNextSample;
    const nextNeg = this.epochOfNextNegativeSample;
    const perNeg = this.epochsPerNegativeSample;
    const attract = -2.0 * a * b;
    const repulse = 2.0 * REPULSION_STRENGTH * b;
    const bm1 = b - 1.0;
    const three = dim === 3;

    for (let i = 0; i < m; i++) {
      if (nextSample[i] > n) continue;
      const j = head[i];
      const cur = j * dim; // "current": the head's row
      const oth = tail[i] * dim; // "other": the tail's row, moved too (head and tail share one embedding)

      let distSquared = 0.0;
      for (let d = 0; d < dim; d++) {
        const diff = emb[cur + d] - emb[oth + d];
        distSquared += diff * diff; // Math.pow(diff, 2) is exactly diff · diff
      }
      let gradCoeff = 0;
      if (distSquared > 0) {
        const logD = Math.log(distSquared);
        gradCoeff = attract * Math.exp(bm1 * logD);
        gradCoeff /= a * Math.exp(b * logD) + 1.0;
      }
      for (let d = 0; d < dim; d++) {
        let g = gradCoeff * (emb[cur + d] - emb[oth + d]);
        g = g > CLIP ? CLIP : g < -CLIP ? -CLIP : g;
        emb[cur + d] += g * alpha;
        emb[oth + d] += -g * alpha;
      }
      nextSample[i] += epochsPerSample[i];

      const nNeg = Math.floor((n - nextNeg[i]) / perNeg[i]);
      // The head's coordinates stay in locals through its negative samples (dim is 2 or 3; in
      // 2-D c2 and e2 are 0, which changes no sum).
      let c0 = emb[cur];
      let c1 = emb[cur + 1];
      let c2 = three ? emb[cur + 2] : 0;
      for (let p = 0; p < nNeg; p++) {
        rng = (rng + 0x6d2b79f5) | 0; // mulberry32, as draw()
        let t = Math.imul(rng ^ (rng >>> 15), rng | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const k = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * nVertices);
        if (k === j) continue; // umap-js: distance 0 to itself, skipped
        const neg = k * dim;
        const e0 = c0 - emb[neg];
        const e1 = c1 - emb[neg + 1];
        const e2 = three ? c2 - emb[neg + 2] : 0;
        const dist2 = e0 * e0 + e1 * e1 + e2 * e2;
        if (dist2 > 0.0) {
          const coeff = repulse / ((0.001 + dist2) * (a * Math.exp(b * Math.log(dist2)) + 1));
          if (coeff > 0.0) {
            let g = coeff * e0;
            c0 += (g > CLIP ? CLIP : g < -CLIP ? -CLIP : g) * alpha;
            g = coeff * e1;
            c1 += (g > CLIP ? CLIP : g < -CLIP ? -CLIP : g) * alpha;
            g = coeff * e2;
            c2 += (g > CLIP ? CLIP : g < -CLIP ? -CLIP : g) * alpha;
            continue;
          }
        }
        // Coincident points (or an underflowed coefficient): umap-js pushes by 4 in every component.
        c0 += 4.0 * alpha;
        c1 += 4.0 * alpha;
        c2 += 4.0 * alpha;
      }
      emb[cur] = c0;
      emb[cur + 1] = c1;
      if (three) emb[cur + 2] = c2;
      nextNeg[i] += nNeg * perNeg[i];
    }
    this.rng = rng;
    this.alpha = LEARNING_RATE * (1.0 - n / this.nEpochs);
    this.epoch++;
  }

  /** The embedding rounded to float32 (n × dim). */
  coords(): Float32Array {
    return Float32Array.from(this.embedding);
  }
}
