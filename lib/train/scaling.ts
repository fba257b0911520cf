/**
 * What more data buys: word2vec trained with the same settings and seed on growing shares of one
 * corpus, and a large pretrained set (GloVe 6B), all scored the same way:
 *  - the questions: the Google analogy questions whose four words are all in the vocabulary of
 *    the model trained on the whole corpus; a smaller model that lacks a word gets it wrong;
 *  - the candidates: every model answers from its own vocabulary, which for the pretrained set is
 *    cut to the whole-corpus vocabulary, so it chooses among the same words and is not penalised
 *    for knowing 400,000;
 *  - related-pair recall at 10 (evaluate.ts) over the analogy file's pairs whose words are in that
 *    vocabulary, under the same rules.
 */
import type { AnalogyQuestion } from '../vectors/analogy-benchmark';
import { corpusFraction, type Corpus } from './corpus';
import { analogyScore, pairRecall, relatedPairs, VectorIndex } from './evaluate';
import { buildVocabulary } from './vocab';
import { Word2Vec, type Word2VecOptions } from './word2vec';

export interface ScalingReference {
  /** The whole corpus's vocabulary: what every model may answer from. */
  candidates: string[];
  questions: AnalogyQuestion[];
  pairs: [string, string][];
}

export interface ScalingPoint {
  label: string;
  kind: 'corpus' | 'pretrained';
  /** Training tokens (for GloVe 6B, its six billion). */
  tokens: number;
  vocab: number;
  analogy: { correct: number; attempted: number; total: number; accuracy: number };
  pairs: { hits: number; known: number; total: number; recall: number };
  /** Training seconds (corpus points). */
  seconds?: number;
}

/** The questions and pairs every point is scored on, from the whole corpus's vocabulary. */
export function scalingReference(corpus: Corpus, minCount: number, questions: readonly AnalogyQuestion[]): ScalingReference {
  const candidates = buildVocabulary(corpus, { minCount, sample: 0 }).words;
  const known = new Set(candidates.map((w) => w.toUpperCase()));
  const asked = questions.filter((q) => q.words.every((w) => known.has(w)));
  const lower = new Set(candidates);
  return { candidates, questions: asked, pairs: relatedPairs(asked).filter(([x, y]) => lower.has(x) && lower.has(y)) };
}

/** Scores one index on the reference (unknown words count as misses). */
export function scorePoint(index: VectorIndex, ref: ScalingReference): Pick<ScalingPoint, 'analogy' | 'pairs'> {
  const a = analogyScore(index, ref.questions);
  const p = pairRecall(index, ref.pairs, 10);
  const total = ref.questions.length;
  return {
    analogy: { correct: a.correct, attempted: a.attempted, total, accuracy: total ? a.correct / total : 0 },
    pairs: { hits: p.hits, known: p.known, total: p.total, recall: p.recall },
  };
}

/**
 * Trains and scores one share of the corpus. `onStep(share)` is awaited between training batches
 * (0..1 of this training), so a worker can report progress and stay responsive.
 */
export async function scaleStep(
  corpus: Corpus,
  fraction: number,
  options: Partial<Word2VecOptions>,
  ref: ScalingReference,
  onStep: (share: number) => Promise<void> | void,
): Promise<ScalingPoint> {
  const part = corpusFraction(corpus, fraction);
  const model = await Word2Vec.create(part, options);
  while (!model.done) {
    model.step();
    await onStep(model.progress);
  }
  const index = await VectorIndex.create(model.vocab.words, model.vectors(), model.options.dims);
  return {
    label: fraction === 1 ? 'all' : `1/${Math.round(1 / fraction)}`,
    kind: 'corpus',
    tokens: part.ids.length,
    vocab: model.vocab.size,
    seconds: model.trainSeconds,
    ...scorePoint(index, ref),
  };
}

/**
 * A pretrained set restricted to the reference's candidates: `vectorOf(word)` gives a word's
 * vector (any length-dims array) or null when the set does not have it.
 */
export async function pretrainedPoint(
  label: string,
  tokens: number,
  dims: number,
  ref: ScalingReference,
  vectorOf: (word: string) => ArrayLike<number> | null,
): Promise<ScalingPoint> {
  const words: string[] = [];
  const rows: Float32Array[] = [];
  for (const w of ref.candidates) {
    const v = vectorOf(w);
    if (v) {
      words.push(w);
      rows.push(Float32Array.from(v)); // vectorOf may reuse its array
    }
  }
  const vectors = new Float32Array(words.length * dims);
  rows.forEach((r, i) => vectors.set(r, i * dims));
  const index = await VectorIndex.create(words, vectors, dims);
  return { label, kind: 'pretrained', tokens, vocab: words.length, ...scorePoint(index, ref) };
}

/** The shares of the corpus the experiment trains on. */
export const SCALING_FRACTIONS = [1 / 8, 1 / 4, 1 / 2, 1];

/** GloVe 6B's training tokens (Pennington et al. 2014: Wikipedia 2014 + Gigaword 5). */
export const GLOVE_6B_TOKENS = 6e9;
