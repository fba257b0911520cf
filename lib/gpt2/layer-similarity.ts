/**
 * How similar a word's contextual vectors are across sentences, layer by layer, corrected for
 * anisotropy (Ethayarajh 2019, "How Contextual are Contextualized Word Representations?").
 *
 * GPT-2's vectors all point in roughly the same direction (random words have cosine ≈ 0.6 in the
 * middle layers and ≈ 0.99 in the last), so a raw cosine of 0.9 between two *bank*s says little.
 * Each layer therefore gets a baseline: the mean cosine between OTHER words of the same sentences.
 *
 * Baseline, precisely: at layer l, the mean of cos(u, v) over every pair (u, v) where u and v are
 * context tokens (not the target's tokens, not the leading `<|endoftext|>`) of two DIFFERENT
 * sentences. This is the expectation of Ethayarajh's random-pair baseline taken exactly over all
 * pairs (no sampling, so it is deterministic), restricted to the same sentences so that it shares
 * their topic and length; pairs within a sentence are left out because the target pairs are
 * always across sentences too. Adjusted values subtract it: `same − baseline`, `different − baseline`.
 */
import { cosineAt } from '../vectors/kernels';

/** Cosine of a[ai..ai+dims) and b[bi..bi+dims), 0 when either is the zero vector: the shared kernel, re-exported for existing callers. */
export { cosineAt };

export interface LayerSimilarityInput {
  /** Number of layers including the embedding layer (L + 1). */
  layers: number;
  sentences: number;
  dims: number;
  /** The target's vector in every sentence at every layer: [layers, sentences, dims] row-major. */
  targets: Float32Array;
  /** Sense label per sentence; null (or '') = unlabelled, left out of the same/different means. */
  senses: (string | null)[];
  /** Context-token vectors: [layers, count, dims], with `contextSentence[i]` the sentence of token i. */
  context: Float32Array;
  contextSentence: Int32Array;
}

export interface LayerSimilarity {
  /** sentences × sentences cosines of the target vectors, row-major. */
  cosine: Float32Array;
  /** Mean cosine over target pairs with the same / different sense labels; null when there is no such pair. */
  same: number | null;
  different: number | null;
  /** Mean cosine of context tokens across sentences (see the module comment); null when there is no such pair. */
  baseline: number | null;
  sameAdjusted: number | null;
  differentAdjusted: number | null;
  /** same − different (the baseline cancels in this difference). */
  separation: number | null;
  /** separation ÷ (1 − baseline): the gap as a share of the room anisotropy leaves between baseline and 1. */
  relativeSeparation: number | null;
}

export interface SimilarityReport {
  layers: LayerSimilarity[];
  /** Layer with the largest `separation` (first on ties), or null without same and different pairs. */
  peakLayer: number | null;
  /** Layer with the largest `relativeSeparation`. */
  peakRelativeLayer: number | null;
  /** Labelled pairs counted: same-sense and different-sense. */
  samePairs: number;
  differentPairs: number;
}

const label = (s: string | null) => (s && s.trim() ? s.trim() : null);
const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);

/** Per-layer cosine matrices, same/different-sense means, the context baseline and the peak layer. */
export function layerSimilarity(input: LayerSimilarityInput): SimilarityReport {
  const { layers, sentences: S, dims: D, targets, senses, context, contextSentence } = input;
  const N = contextSentence.length;
  if (targets.length !== layers * S * D) throw new Error(`targets has ${targets.length} values, expected layers × sentences × dims = ${layers * S * D}`);
  if (context.length !== layers * N * D) throw new Error(`context has ${context.length} values, expected layers × ${N} tokens × dims = ${layers * N * D}`);
  if (senses.length !== S) throw new Error(`${senses.length} sense labels for ${S} sentences`);
  const labels = senses.map(label);

  let samePairs = 0;
  let differentPairs = 0;
  for (let i = 0; i < S; i++) {
    for (let j = i + 1; j < S; j++) {
      if (labels[i] === null || labels[j] === null) continue;
      if (labels[i] === labels[j]) samePairs++;
      else differentPairs++;
    }
  }

  const out: LayerSimilarity[] = [];
  for (let l = 0; l < layers; l++) {
    const cosine = new Float32Array(S * S);
    let sameSum = 0;
    let diffSum = 0;
    for (let i = 0; i < S; i++) {
      cosine[i * S + i] = 1;
      for (let j = i + 1; j < S; j++) {
        const c = cosineAt(targets, (l * S + i) * D, targets, (l * S + j) * D, D);
        cosine[i * S + j] = c;
        cosine[j * S + i] = c;
        if (labels[i] === null || labels[j] === null) continue;
        if (labels[i] === labels[j]) sameSum += c;
        else diffSum += c;
      }
    }
    let baseSum = 0;
    let basePairs = 0;
    for (let a = 0; a < N; a++) {
      for (let b = a + 1; b < N; b++) {
        if (contextSentence[a] === contextSentence[b]) continue;
        baseSum += cosineAt(context, (l * N + a) * D, context, (l * N + b) * D, D);
        basePairs++;
      }
    }
    const same = mean(sameSum, samePairs);
    const different = mean(diffSum, differentPairs);
    const baseline = mean(baseSum, basePairs);
    const separation = same !== null && different !== null ? same - different : null;
    out.push({
      cosine,
      same,
      different,
      baseline,
      sameAdjusted: same !== null && baseline !== null ? same - baseline : null,
      differentAdjusted: different !== null && baseline !== null ? different - baseline : null,
      separation,
      relativeSeparation: separation !== null && baseline !== null && baseline < 1 ? separation / (1 - baseline) : null,
    });
  }
  return {
    layers: out,
    peakLayer: argmax(out.map((o) => o.separation)),
    peakRelativeLayer: argmax(out.map((o) => o.relativeSeparation)),
    samePairs,
    differentPairs,
  };
}

/** Index of the largest non-null value (first on ties), or null when all are null. */
function argmax(values: (number | null)[]): number | null {
  let best: number | null = null;
  values.forEach((v, i) => {
    if (v !== null && (best === null || v > values[best]!)) best = i;
  });
  return best;
}
