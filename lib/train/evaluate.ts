/**
 * Measures of a set of word vectors, the same for a model being trained, gensim's vectors and
 * GloVe's:
 *  - nearest neighbours by cosine;
 *  - the Google analogy test set with gensim's protocol (3CosAdd over unit vectors, the three
 *    question words excluded, questions with a word outside the vocabulary skipped and counted);
 *  - related-pair recall: of the word pairs the analogy file relates (athens–greece, boy–girl,
 *    walk–walking…), the share whose second word is among the first's 10 nearest neighbours;
 *  - neighbour overlap of two sets: how many of each probe's 10 nearest neighbours they share.
 * Candidates are always the index's own words, so restricting an index to a word list (GloVe to
 * the Brown vocabulary, say) makes two sets answer from the same words.
 */
import { resolveQuestions, scoreAnswers, sectionsOf, type AnalogyQuestion, type BenchmarkScore } from '../vectors/analogy-benchmark';
import { createRowDots, type RowDots } from './kernel/dots';

/** A set of words with unit vectors and a scorer over them. */
export class VectorIndex {
  readonly n: number;
  readonly idOf: Map<string, number>;

  private constructor(
    readonly words: readonly string[],
    readonly dims: number,
    /** Unit rows: [n × dims] (zero rows stay zero). */
    readonly unit: Float32Array,
    private readonly scorer: RowDots,
  ) {
    this.n = words.length;
    this.idOf = new Map(words.map((w, i) => [w, i]));
  }

  /** An index over `vectors` ([words.length × dims], row-major; not modified). */
  static async create(words: readonly string[], vectors: Float32Array, dims: number): Promise<VectorIndex> {
    const unit = unitRows(vectors, words.length, dims);
    return new VectorIndex(words, dims, unit, await createRowDots(unit, words.length, dims));
  }

  /** Row r of the unit vectors (a view). */
  row(r: number): Float32Array {
    return this.unit.subarray(r * this.dims, (r + 1) * this.dims);
  }

  /** Cosines of up to 4 unit queries with every word (views valid until the next call). */
  scores(queries: readonly Float32Array[]): Float32Array[] {
    return this.scorer.dots(queries);
  }

  /** The k nearest words to each of `ids` by cosine (itself excluded), best first. */
  nearestIds(ids: readonly number[], k: number): Int32Array[] {
    const out: Int32Array[] = [];
    for (let at = 0; at < ids.length; at += 4) {
      const group = ids.slice(at, at + 4);
      const scores = this.scores(group.map((id) => this.row(id)));
      group.forEach((id, j) => out.push(topK(scores[j], k, [id])));
    }
    return out;
  }

  /** The k nearest words to `word` with their cosines; [] for a word outside the index. */
  nearest(word: string, k: number): { word: string; score: number }[] {
    const id = this.idOf.get(word);
    if (id === undefined) return [];
    const [scores] = this.scores([this.row(id)]);
    return Array.from(topK(scores, k, [id]), (r) => ({ word: this.words[r], score: scores[r] }));
  }
}

/** Rows scaled to unit length (zero rows stay zero), as gensim's get_normed_vectors. */
export function unitRows(vectors: Float32Array, n: number, dims: number): Float32Array {
  const out = new Float32Array(n * dims);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let i = 0; i < dims; i++) s += vectors[r * dims + i] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < dims; i++) out[r * dims + i] = vectors[r * dims + i] * inv;
  }
  return out;
}

/** The k highest scores' rows, best first (ties: lower row first), skipping `exclude`. */
export function topK(scores: Float32Array, k: number, exclude: readonly number[] = []): Int32Array {
  const best = new Int32Array(k).fill(-1);
  const bestScore = new Float64Array(k).fill(-Infinity);
  for (let r = 0; r < scores.length; r++) {
    const s = scores[r];
    if (!(s > bestScore[k - 1]) || exclude.includes(r)) continue;
    let i = k - 1;
    while (i > 0 && s > bestScore[i - 1]) {
      best[i] = best[i - 1];
      bestScore[i] = bestScore[i - 1];
      i--;
    }
    best[i] = r;
    bestScore[i] = s;
  }
  const found = best.indexOf(-1);
  return found === -1 ? best : best.slice(0, found);
}

/** gensim's evaluate_word_analogies (3CosAdd) on `index`, questions with an unknown word skipped. */
export function analogyScore(index: VectorIndex, questions: readonly AnalogyQuestion[]): BenchmarkScore {
  const { attempted, skipped } = resolveQuestions(questions, index.words, index.n);
  const predicted = new Int32Array(attempted.length);
  const { dims } = index;
  const queries = Array.from({ length: 4 }, () => new Float32Array(dims));
  for (let at = 0; at < attempted.length; at += 4) {
    const group = attempted.slice(at, at + 4);
    group.forEach((q, j) => {
      // b − a + c over unit vectors; its length does not change which row scores best
      const a = index.row(q.a);
      const b = index.row(q.b);
      const c = index.row(q.c);
      for (let i = 0; i < dims; i++) queries[j][i] = b[i] - a[i] + c[i];
    });
    const scores = index.scores(queries.slice(0, group.length));
    group.forEach((q, j) => (predicted[at + j] = topK(scores[j], 1, [q.a, q.b, q.c])[0] ?? -1));
  }
  return scoreAnswers(attempted, predicted, skipped, sectionsOf(questions));
}

/** The distinct (a, b) and (c, d) pairs of the analogy questions, lower-cased, in file order. */
export function relatedPairs(questions: readonly AnalogyQuestion[]): [string, string][] {
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const q of questions) {
    const [a, b, c, d] = q.words.map((w) => w.toLowerCase());
    for (const pair of [[a, b], [c, d]] as [string, string][]) {
      const key = pair.join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        pairs.push(pair);
      }
    }
  }
  return pairs;
}

export interface PairRecall {
  /** Pairs whose second word is among the first's k nearest. */
  hits: number;
  /** Pairs with both words in the index. */
  known: number;
  /** All pairs asked about (unknown ones count as misses). */
  total: number;
  /** hits / total. */
  recall: number;
}

/** Related-pair recall at k over `pairs`; a pair with a word outside the index is a miss. */
export function pairRecall(index: VectorIndex, pairs: readonly (readonly [string, string])[], k = 10): PairRecall {
  const known = pairs.filter(([x, y]) => index.idOf.has(x) && index.idOf.has(y));
  const nearest = index.nearestIds(known.map(([x]) => index.idOf.get(x)!), k);
  let hits = 0;
  known.forEach(([, y], i) => {
    if (nearest[i].includes(index.idOf.get(y)!)) hits++;
  });
  return { hits, known: known.length, total: pairs.length, recall: pairs.length ? hits / pairs.length : 0 };
}

/**
 * Mean share of top-k neighbours two indexes agree on, over the probes both know (each index
 * answers from its own words, so give them the same vocabulary for a fair number).
 */
export function neighbourOverlap(a: VectorIndex, b: VectorIndex, probes: readonly string[], k = 10): { overlap: number; probes: number } {
  const shared = probes.filter((w) => a.idOf.has(w) && b.idOf.has(w));
  if (shared.length === 0) return { overlap: 0, probes: 0 };
  const na = a.nearestIds(shared.map((w) => a.idOf.get(w)!), k);
  const nb = b.nearestIds(shared.map((w) => b.idOf.get(w)!), k);
  let sum = 0;
  shared.forEach((_, i) => {
    const theirs = new Set(Array.from(nb[i], (r) => b.words[r]));
    let common = 0;
    for (const r of na[i]) if (theirs.has(a.words[r])) common++;
    sum += common / k;
  });
  return { overlap: sum / shared.length, probes: shared.length };
}
