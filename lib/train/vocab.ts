/**
 * The training vocabulary of word2vec as gensim 4.2 builds it (Word2Vec.prepare_vocab and
 * make_cum_table): the words seen at least `minCount` times, most frequent first; each word's
 * chance of being kept by frequent-word sub-sampling; and the cumulative unigram^0.75 table that
 * negative samples are drawn from.
 */
import type { Corpus } from './corpus';

/** cumTable values run up to this (gensim's domain, 2^31 − 1). */
export const CUM_DOMAIN = 2 ** 31 - 1;
/** keep[] is a probability scaled to this (gensim's sample_int). */
export const KEEP_SCALE = 2 ** 32 - 1;
/** log2 of the guide table's bucket count (see guideTable). */
export const GUIDE_BITS = 16;

export interface VocabOptions {
  /** Words seen fewer times are dropped (gensim's min_count, default 5). */
  minCount: number;
  /** Sub-sampling threshold t (gensim's sample, default 1e-3); 0 keeps every word. */
  sample: number;
  /** Exponent of the negative-sampling distribution (gensim's ns_exponent, default 0.75). */
  exponent?: number;
}

export interface Vocabulary {
  /** Kept words, most frequent first: the first `size` words of the corpus. */
  words: string[];
  counts: Uint32Array; // [size]
  size: number;
  /** Tokens of the corpus whose word is kept (gensim's retain_total). */
  retained: number;
  /** keep[w] / KEEP_SCALE: the probability that one occurrence of w survives sub-sampling. */
  keep: Uint32Array; // [size]
  /** Expected tokens left after sub-sampling (gensim's downsample_total). */
  expectedKept: number;
  /** cumTable[w] = round(Σ_{v ≤ w} count_v^0.75 / Σ_v count_v^0.75 × CUM_DOMAIN). */
  cumTable: Uint32Array; // [size]
}

/** Builds the vocabulary of `corpus` (whose words are sorted most frequent first). */
export function buildVocabulary(corpus: Corpus, options: VocabOptions): Vocabulary {
  const { minCount, sample, exponent = 0.75 } = options;
  if (!(Number.isInteger(minCount) && minCount >= 1)) throw new RangeError(`minCount must be an integer ≥ 1, got ${minCount}`);
  if (!(sample >= 0 && sample < 1)) throw new RangeError(`sample must be in [0, 1), got ${sample}`);
  let size = 0;
  while (size < corpus.counts.length && corpus.counts[size] >= minCount) size++;
  if (size === 0) {
    throw new Error(`no word occurs ${minCount} times or more in this corpus (${corpus.ids.length} tokens): use a larger text or a smaller minimum count`);
  }
  const counts = corpus.counts.slice(0, size);
  let retained = 0;
  for (let w = 0; w < size; w++) retained += counts[w];
  const { keep, expectedKept } = keepProbabilities(counts, retained, sample);
  return { words: corpus.words.slice(0, size), counts, size, retained, keep, expectedKept, cumTable: cumulativeTable(counts, exponent) };
}

/**
 * gensim's sub-sampling (Mikolov et al. 2013, as in word2vec.c): with z = count / retained, a
 * word is kept with probability (√(z / t) + 1) · t / z, capped at 1; t = 0 keeps everything.
 */
export function keepProbabilities(counts: Uint32Array, retained: number, sample: number): { keep: Uint32Array; expectedKept: number } {
  const keep = new Uint32Array(counts.length);
  const threshold = sample > 0 ? sample * retained : retained;
  let expectedKept = 0;
  for (let w = 0; w < counts.length; w++) {
    const v = counts[w];
    const p = sample > 0 ? Math.min(1, (Math.sqrt(v / threshold) + 1) * (threshold / v)) : 1;
    expectedKept += p * v;
    keep[w] = Math.floor(p * KEEP_SCALE);
  }
  return { keep, expectedKept };
}

/** gensim's make_cum_table: the running sum of count^exponent, scaled to CUM_DOMAIN. */
export function cumulativeTable(counts: Uint32Array, exponent = 0.75): Uint32Array {
  let total = 0;
  for (const c of counts) total += c ** exponent;
  const table = new Uint32Array(counts.length);
  let running = 0;
  for (let w = 0; w < counts.length; w++) {
    running += counts[w] ** exponent;
    table[w] = Math.round((running / total) * CUM_DOMAIN);
  }
  return table;
}

/**
 * A guide table over cumTable (Chen & Asau 1974): guide[b] is the first word w with
 * cumTable[w] > b · 2^(31 − GUIDE_BITS). Drawing r in [0, CUM_DOMAIN) and stepping from
 * guide[r >> (31 − GUIDE_BITS)] to the first w with cumTable[w] > r gives the same word as a
 * binary search, in one or two steps on average.
 */
export function guideTable(cumTable: Uint32Array): Uint32Array {
  const buckets = 1 << GUIDE_BITS;
  const shift = 31 - GUIDE_BITS;
  const guide = new Uint32Array(buckets);
  let w = 0;
  for (let b = 0; b < buckets; b++) {
    const start = b * 2 ** shift;
    while (w < cumTable.length - 1 && cumTable[w] <= start) w++;
    guide[b] = w;
  }
  return guide;
}

/** The word for a uniform r in [0, CUM_DOMAIN): the first w with cumTable[w] > r. */
export function negativeFor(r: number, cumTable: Uint32Array, guide: Uint32Array): number {
  let w = guide[r >>> (31 - GUIDE_BITS)];
  while (cumTable[w] <= r && w < cumTable.length - 1) w++;
  return w;
}

/** Longest sentence an engine takes at once; longer ones are cut into pieces of this size. */
export const MAX_SENTENCE = 10_000;

/** The corpus as the training engines read it: in-vocabulary ids only, sentence by sentence. */
export interface TokenStream {
  /** Vocabulary ids of the corpus tokens whose word is in the vocabulary. */
  ids: Int32Array; // [in-vocabulary tokens]
  /** Where each sentence ends in ids (exclusive); sentences left empty are dropped. */
  ends: Uint32Array; // [sentences]
  /** Corpus tokens (in the vocabulary or not) up to the end of each sentence: progress as gensim counts it. */
  rawEnds: Float64Array; // [sentences]
}

/**
 * The stream for `corpus` under `vocab`: words outside the vocabulary are removed before any
 * window is taken (as gensim does), and sentences longer than MAX_SENTENCE are cut.
 */
export function tokenStream(corpus: Corpus, vocab: Vocabulary): TokenStream {
  const ids = new Int32Array(corpus.ids.length);
  const ends: number[] = [];
  const rawEnds: number[] = [];
  let n = 0;
  let start = 0;
  for (const end of corpus.sentenceEnds) {
    let sentenceStart = n;
    for (let t = start; t < end; t++) {
      const id = corpus.ids[t];
      if (id >= vocab.size) continue;
      ids[n++] = id;
      if (n - sentenceStart === MAX_SENTENCE) {
        ends.push(n);
        rawEnds.push(t + 1);
        sentenceStart = n;
      }
    }
    if (n > sentenceStart) {
      ends.push(n);
      rawEnds.push(end);
    } else if (rawEnds.length) rawEnds[rawEnds.length - 1] = end;
    start = end;
  }
  return { ids: ids.slice(0, n), ends: Uint32Array.from(ends), rawEnds: Float64Array.from(rawEnds) };
}
