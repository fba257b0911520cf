/**
 * Neighbours and analogies over a VectorStore: 3CosAdd and 3CosMul (Levy & Goldberg 2014),
 * input words excluded by default, or an honest mode that keeps them and shows where they rank.
 */
import { ExpressionError, parseExpression, type ErrorParams, type Expression, type ExpressionKind, type Term } from '../expression/parse';
import { norm } from './kernels';
import type { VectorStore } from './store';
import { SpellingIndex } from './suggest';
import { COSMUL_EPSILON, type Method } from './methods';
import { highestScoringRows, rankOf } from './topk';

/** Most results one query returns (the map's neighbour source asks for up to 5,000). */
export const MAX_RESULTS = 10_000;

/**
 * Weights are multiplied into float32 unit vectors: within 1e-30…1e30 in size every product is
 * a normal float32 (±1.2e-38…±3.4e38) with room to spare, beyond it the sum overflows to
 * Infinity or underflows to zero. 3CosAdd's answer depends only on the ratios of the weights.
 */
export const MIN_WEIGHT = 1e-30;
export const MAX_WEIGHT = 1e30;

export interface QueryOptions {
  /** How many results (default 10, at most MAX_RESULTS). */
  k?: number;
  method?: Method;
  /** Keep the input words among the candidates. */
  honest?: boolean;
  /** Only the first `vocab` (most frequent) words are candidates. */
  vocab?: number;
  /** A word whose rank to report (overrides an expected word written in the expression). */
  expect?: string;
  /** More words whose ranks to report (a claim that names several, e.g. cat's neighbours dog, kitten, pet). */
  expectAlso?: readonly string[];
}

export interface Hit {
  word: string;
  score: number;
  /** 1-based position in this result list. */
  rank: number;
  /** One of the query's own words (only in honest mode). */
  input: boolean;
}

export interface InputRank {
  word: string;
  weight: number;
  /** 1-based rank among all candidates with nothing excluded: does "king" beat "queen"? */
  rank: number;
  score: number;
}

export interface ExpectedRank {
  word: string;
  /** 1-based rank under the query's own exclusion rule, or null (unknown or excluded). */
  rank: number | null;
  score: number | null;
  reason?: 'not in vocabulary' | 'an input word (excluded; try honest mode)';
}

export interface QueryResult {
  /** Canonical text of the parsed, normalised expression. */
  expression: string;
  kind: ExpressionKind;
  /** 'cosine' for a single word's neighbours. */
  method: Method | 'cosine';
  honest: boolean;
  /** Words searched (loaded rows within the vocabulary limit) and the set's total. */
  searched: number;
  total: number;
  /** The input was lower-cased to match a lower-case vocabulary. */
  lowercased: boolean;
  results: Hit[];
  inputs: InputRank[];
  expected?: ExpectedRank;
  /** The ranks of `expectAlso`, in its order. */
  alsoExpected?: ExpectedRank[];
  ms: number;
}

/** A word the vectors do not have, with its position in the input and close spellings. */
export class UnknownWordError extends Error {
  readonly code = 'unknownWord' as const;
  readonly params: ErrorParams;

  constructor(
    readonly word: string,
    readonly column: number,
    readonly suggestions: string[],
  ) {
    const hint = suggestions.length ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    super(`"${word}" (column ${column}) is not in vocabulary${hint}`);
    this.name = 'UnknownWordError';
    this.params = { word, column };
  }
}

/** Why a well-formed query cannot be answered (yet): a code and its values for the UI, the English text in `message`. */
export const QUERY_ERROR_CODES = ['unknownWord', 'resultCount', 'stillLoading', 'outsideSearched', 'sumOverflow', 'vectorsCancel'] as const;
export type QueryErrorCode = Exclude<(typeof QUERY_ERROR_CODES)[number], 'unknownWord'>;

export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: QueryErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

interface ResolvedTerm extends Term {
  id: number;
}

export class AnalogyEngine {
  private spelling?: { index: SpellingIndex; rows: number };

  constructor(readonly store: VectorStore) {}

  /** Parses and runs an expression: a single word gives its neighbours, anything else an analogy. */
  query(input: string, options: QueryOptions = {}): QueryResult {
    // Lower-case before parsing so the canonical text shows the words actually looked up.
    return this.run(parseExpression(this.store.info.lowercase ? input.toLowerCase() : input), options, input);
  }

  /** Nearest neighbours of one word by cosine (the word itself excluded unless honest). */
  neighbors(word: string, options: Omit<QueryOptions, 'method'> = {}): QueryResult {
    const normalised = this.store.normalise(word);
    return this.run({ kind: 'neighbors', terms: [{ word: normalised, weight: 1, column: 1 }], text: normalised }, options, word);
  }

  /** Runs a parsed expression; `typed` is what the user typed, to report lower-casing. */
  run(expression: Expression, options: QueryOptions = {}, typed = expression.text): QueryResult {
    const t0 = performance.now();
    const { store } = this;
    const k = options.k ?? 10;
    if (!Number.isInteger(k) || k < 1 || k > MAX_RESULTS) {
      throw new QueryError(`the number of results must be a whole number from 1 to ${MAX_RESULTS.toLocaleString('en')}, got ${k}`, 'resultCount', { max: MAX_RESULTS, k });
    }
    const honest = options.honest ?? false;
    const method = options.method ?? '3cosadd';
    checkWeights(expression.terms);
    const n = Math.min(store.loadedRows, options.vocab ?? Infinity);
    const terms = this.resolve(expression.terms, n);
    const lowercased = this.store.info.lowercase && typed !== typed.toLowerCase();

    const scores = expression.kind === 'neighbors' ? this.cosines(terms)[0] : this.combine(terms, method);
    const inputIds = new Set(terms.map((t) => t.id));
    if (expression.kind !== 'neighbors' && method === '3cosmul') checkCosmulSpread(scores, n, inputIds, terms);
    const exclude = honest ? new Set<number>() : inputIds;
    const results: Hit[] = highestScoringRows(scores, n, k, exclude).map((s, i) => ({
      word: store.words[s.id],
      score: s.score,
      rank: i + 1,
      input: inputIds.has(s.id),
    }));
    const count = store.scorer.countRank;
    const inputs: InputRank[] = terms.map((t) => ({ word: t.word, weight: t.weight, rank: rankOf(scores, n, t.id, undefined, count), score: scores[t.id] }));
    const expectWord = options.expect ?? expression.expect;
    const expected = expectWord === undefined ? undefined : this.expectedRank(store.normalise(expectWord), scores, n, exclude);
    const alsoExpected = options.expectAlso?.map((w) => this.expectedRank(store.normalise(w), scores, n, exclude));
    return {
      expression: expression.text,
      kind: expression.kind,
      method: expression.kind === 'neighbors' ? 'cosine' : method,
      honest,
      searched: n,
      total: store.info.count,
      lowercased,
      results,
      inputs,
      expected,
      ...(alsoExpected ? { alsoExpected } : {}),
      ms: performance.now() - t0,
    };
  }

  /** Close spellings of an unknown word, most frequent first. */
  suggest(word: string, limit = 5): string[] {
    const rows = this.store.loadedRows; // rebuilt once loading has moved on
    if (this.spelling?.rows !== rows) this.spelling = { index: new SpellingIndex(this.store.words.slice(0, rows)), rows };
    return this.spelling.index.suggest(word, limit);
  }

  private resolve(terms: readonly Term[], n: number): ResolvedTerm[] {
    return terms.map((t) => {
      const word = this.store.normalise(t.word);
      const id = this.store.id(word, n);
      if (id >= 0) return { ...t, word, id };
      const row = this.store.rowOf(word);
      if (row >= this.store.loadedRows) {
        throw new QueryError(`"${word}" is still loading (row ${row + 1} of ${this.store.info.count}); the answer will appear when it arrives`, 'stillLoading', { word, row: row + 1, count: this.store.info.count });
      }
      if (row < 0) throw new UnknownWordError(word, t.column, this.suggest(word).filter((w) => this.store.id(w, n) >= 0));
      throw new QueryError(`"${word}" is outside the ${n.toLocaleString('en')} most frequent words searched`, 'outsideSearched', { word, count: n });
    });
  }

  /** Cosine of every row with each term's unit vector (copies, so any number of terms works). */
  private cosines(terms: readonly ResolvedTerm[]): Float32Array[] {
    const n = this.store.loadedRows;
    const out: Float32Array[] = [];
    for (let i = 0; i < terms.length; i += 4) {
      const batch = terms.slice(i, i + 4).map((t) => this.store.unitVector(t.id));
      for (const view of this.store.scorer.scores(batch, n)) out.push(terms.length > 4 ? view.slice() : view);
    }
    return out;
  }

  /**
   * 3CosAdd: cosine with the normalised weighted sum of the terms' unit vectors (gensim's
   * most_similar; same ranking as Σ w·cos). 3CosMul: Π_pos ((1+cos)/2)^w / (Π_neg ((1+cos)/2)^|w| + ε).
   */
  private combine(terms: readonly ResolvedTerm[], method: Method): Float32Array {
    const { store } = this;
    if (method === '3cosadd') {
      const dims = store.info.dims;
      const v = new Float32Array(dims);
      for (const t of terms) {
        const u = store.unitVector(t.id);
        for (let i = 0; i < dims; i++) v[i] += t.weight * u[i];
      }
      const length = norm(v);
      // Relative to the weights: 1e-20*king is a tiny vector, not a cancelled one.
      const scale = terms.reduce((sum, t) => sum + Math.abs(t.weight), 0);
      if (!Number.isFinite(length)) throw new QueryError(`the weighted sum overflows float32 (largest ±3.4e38): use weights of at most 1e30 in size`, 'sumOverflow');
      if (!(length > 0 && length >= 1e-6 * scale)) throw new QueryError('the vectors cancel out: the expression sums to zero', 'vectorsCancel');
      for (let i = 0; i < dims; i++) v[i] /= length;
      return store.scorer.scores([v], store.loadedRows)[0];
    }
    const cos = this.cosines(terms);
    const n = store.loadedRows;
    const num = new Float64Array(n).fill(1);
    const den = new Float64Array(n).fill(1);
    terms.forEach((t, j) => {
      const c = cos[j];
      const target = t.weight > 0 ? num : den;
      const w = Math.abs(t.weight);
      for (let r = 0; r < n; r++) {
        const shifted = (1 + c[r]) / 2;
        target[r] *= w === 1 ? shifted : Math.pow(shifted, w);
      }
    });
    // As gensim: with no negative term the denominator is 1 + ε (an empty product).
    // float32 like the other scores (and gensim's), so the ranking code sees one array type.
    const out = new Float32Array(n);
    for (let r = 0; r < n; r++) out[r] = num[r] / (den[r] + COSMUL_EPSILON);
    return out;
  }

  private expectedRank(word: string, scores: Float32Array, n: number, exclude: ReadonlySet<number>): ExpectedRank {
    const id = this.store.id(word, n);
    if (id < 0) return { word, rank: null, score: null, reason: 'not in vocabulary' };
    if (exclude.has(id)) return { word, rank: null, score: scores[id], reason: 'an input word (excluded; try honest mode)' };
    return { word, rank: rankOf(scores, n, id, exclude, this.store.scorer.countRank), score: scores[id] };
  }
}

const weightText = (w: number) => (Math.abs(w) >= 1e6 || Math.abs(w) < 1e-4 ? w.toExponential() : String(w));

/**
 * Refuses weights float32 vectors cannot carry (see MIN_WEIGHT / MAX_WEIGHT), naming the term
 * and its column, so `1e300*king` gets an answer instead of Infinity and `1e-40*king` one
 * instead of "the vectors cancel out".
 */
function checkWeights(terms: readonly Term[]): void {
  for (const t of terms) {
    const size = Math.abs(t.weight);
    const where = `weight ${weightText(t.weight)} on "${t.word}" at column ${t.column}`;
    if (!(size <= MAX_WEIGHT)) {
      throw new ExpressionError(
        `${where} is too large: the vectors are float32, so a weight can be at most 1e30 in size; divide every weight by the same number (3CosAdd's answer stays the same)`,
        t.column,
        'weightAboveFloat32',
        { weight: weightText(t.weight), word: t.word },
      );
    }
    if (!(size >= MIN_WEIGHT)) {
      throw new ExpressionError(
        `${where} is too small: the vectors are float32, so a weight must be at least 1e-30 in size; multiply every weight by the same number (3CosAdd's answer stays the same)`,
        t.column,
        'weightBelowFloat32',
        { weight: weightText(t.weight), word: t.word },
      );
    }
  }
}

/**
 * 3CosMul raises (1 + cos) / 2 to the power of each weight: far from 1 (1000*king, 1e-20*king)
 * every candidate's score becomes 0 or 1 in float32 and the ranking would be the word order.
 * Throws when all candidates (rows [0, n) that are not input words) score the same.
 */
function checkCosmulSpread(scores: Float32Array, n: number, inputs: ReadonlySet<number>, terms: readonly Term[]): void {
  let min = Infinity;
  let max = -Infinity;
  let candidates = 0;
  for (let r = 0; r < n; r++) {
    if (inputs.has(r)) continue;
    candidates++;
    const s = scores[r];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  if (candidates === 0 || max > min) return; // scores that rank
  const widest = terms.reduce((a, b) => (Math.abs(Math.log(Math.abs(b.weight))) > Math.abs(Math.log(Math.abs(a.weight))) ? b : a));
  const score = max === -Infinity ? 'NaN' : String(Number(max.toPrecision(6)));
  throw new ExpressionError(
    `3CosMul cannot rank the words: every score is ${score} (it raises (1 + cos) / 2 to the power of each weight, and weight ${weightText(widest.weight)} on "${widest.word}" at column ${widest.column} is too far from 1); use weights between 0.01 and 100, or 3CosAdd`,
    widest.column,
    'cosmulFlat',
    { score, weight: weightText(widest.weight), word: widest.word },
  );
}
