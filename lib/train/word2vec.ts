/**
 * Word2vec training (skip-gram, negative sampling) with gensim 4.2's defaults and schedule, one
 * batch at a time so that a worker can report, pause and answer between batches:
 *  - the vocabulary, sub-sampling and negative table of vocab.ts;
 *  - batches of about 10,000 corpus tokens (gensim's job size), whole sentences;
 *  - the learning rate falls linearly from `alpha` to `minAlpha` over all epochs, fixed within a
 *    batch: alpha = max(minAlpha, alpha − (alpha − minAlpha) · progress), progress being the
 *    share of corpus tokens (in the vocabulary or not) already handed out, as gensim computes it.
 */
import type { Corpus } from './corpus';
import { createWasmEngine, sgnsKernelSupported } from './kernel/sgns-kernel';
import { createJsEngine, type SgnsEngine } from './sgns';
import { buildVocabulary, tokenStream, type TokenStream, type Vocabulary } from './vocab';

export interface Word2VecOptions {
  /** Vector size (gensim's vector_size). */
  dims: number;
  /** Largest distance between a word and its context; each position draws 1..window. */
  window: number;
  /** Negative samples per pair. */
  negative: number;
  minCount: number;
  /** Sub-sampling threshold. */
  sample: number;
  /** Learning rate at the start and at the end. */
  alpha: number;
  minAlpha: number;
  epochs: number;
  seed: number;
}

/** gensim 4.2's Word2Vec(sg=1) defaults. */
export const GENSIM_DEFAULTS: Readonly<Word2VecOptions> = Object.freeze({
  dims: 100,
  window: 5,
  negative: 5,
  minCount: 5,
  sample: 1e-3,
  alpha: 0.025,
  minAlpha: 0.0001,
  epochs: 5,
  seed: 1,
});

/** Corpus tokens per batch (gensim's MAX_WORDS_IN_BATCH). */
export const BATCH_TOKENS = 10_000;

export type EngineChoice = 'auto' | 'wasm' | 'js';

export interface EpochStats {
  epoch: number;
  /** Mean loss per (word, context) pair over the epoch. */
  loss: number;
  pairs: number;
  kept: number;
  /** Seconds spent training this epoch. */
  seconds: number;
}

export interface StepResult {
  /** The batch's mean loss per pair (NaN when it had no pair). */
  loss: number;
  pairs: number;
  alpha: number;
  /** Set when this batch finished an epoch. */
  epochEnded?: EpochStats;
}

export class Word2Vec {
  /** Epochs finished. */
  epoch = 0;
  /** Next sentence of the stream within the current epoch. */
  private sentence = 0;
  /** Seconds inside the engine (vocabulary building excluded). */
  trainSeconds = 0;
  private current = { loss: 0, pairs: 0, kept: 0, seconds: 0 };
  readonly history: EpochStats[] = [];

  private constructor(
    readonly options: Readonly<Word2VecOptions>,
    readonly vocab: Vocabulary,
    readonly stream: TokenStream,
    readonly engine: SgnsEngine,
    /** Corpus tokens per epoch. */
    readonly corpusTokens: number,
  ) {}

  /** Builds the vocabulary and an engine ('auto': WebAssembly SIMD when the runtime has it). */
  static async create(corpus: Corpus, options: Partial<Word2VecOptions> = {}, engine: EngineChoice = 'auto'): Promise<Word2Vec> {
    const o = { ...GENSIM_DEFAULTS, ...options };
    checkOptions(o);
    const vocab = buildVocabulary(corpus, { minCount: o.minCount, sample: o.sample });
    const stream = tokenStream(corpus, vocab);
    const setup = { vocab, stream, dims: o.dims, window: o.window, negative: o.negative, seed: o.seed };
    const useWasm = engine === 'wasm' || (engine === 'auto' && sgnsKernelSupported());
    return new Word2Vec(o, vocab, stream, useWasm ? await createWasmEngine(setup) : createJsEngine(setup), corpus.ids.length);
  }

  get done(): boolean {
    return this.epoch >= this.options.epochs;
  }

  /** Share of all training handed out so far, 0..1. */
  get progress(): number {
    const rawTotal = this.stream.rawEnds.length ? this.stream.rawEnds[this.stream.rawEnds.length - 1] : 0;
    const inEpoch = this.sentence > 0 && rawTotal > 0 ? this.stream.rawEnds[this.sentence - 1] / rawTotal : 0;
    return Math.min(1, (this.epoch + inEpoch) / this.options.epochs);
  }

  /** The learning rate for the next batch. */
  get alpha(): number {
    const { alpha, minAlpha } = this.options;
    return Math.max(minAlpha, alpha - (alpha - minAlpha) * this.progress);
  }

  /** Trains one batch of about `tokens` corpus tokens (whole sentences, at least one). */
  step(tokens = BATCH_TOKENS): StepResult {
    if (this.done) throw new Error('training is finished: reset to train again');
    const { rawEnds } = this.stream;
    const from = this.sentence;
    const startRaw = from > 0 ? rawEnds[from - 1] : 0;
    let to = from + 1;
    while (to < rawEnds.length && rawEnds[to] - startRaw <= tokens) to++;
    const alpha = this.alpha;
    const t0 = performance.now();
    const batch = from < rawEnds.length ? this.engine.train(from, to, alpha) : { kept: 0, pairs: 0, loss: 0 };
    const seconds = (performance.now() - t0) / 1000;
    this.trainSeconds += seconds;
    this.current.loss += batch.loss;
    this.current.pairs += batch.pairs;
    this.current.kept += batch.kept;
    this.current.seconds += seconds;
    this.sentence = to;
    const result: StepResult = { loss: batch.pairs ? batch.loss / batch.pairs : NaN, pairs: batch.pairs, alpha };
    if (to >= rawEnds.length) {
      const c = this.current;
      result.epochEnded = { epoch: this.epoch + 1, loss: c.pairs ? c.loss / c.pairs : NaN, pairs: c.pairs, kept: c.kept, seconds: c.seconds };
      this.history.push(result.epochEnded);
      this.epoch++;
      this.sentence = 0;
      this.current = { loss: 0, pairs: 0, kept: 0, seconds: 0 };
    }
    return result;
  }

  /** Trains to the end (the command line's loop); `onEpoch` after each epoch. */
  trainAll(onEpoch?: (stats: EpochStats) => void): void {
    while (!this.done) {
      const r = this.step();
      if (r.epochEnded) onEpoch?.(r.epochEnded);
    }
  }

  /** Corpus tokens × epochs ÷ training seconds, as gensim reports words per second. */
  get wordsPerSecond(): number {
    const trained = this.corpusTokens * (this.epoch + (this.sentence > 0 ? this.stream.rawEnds[this.sentence - 1] / this.corpusTokens : 0));
    return this.trainSeconds > 0 ? trained / this.trainSeconds : 0;
  }

  /** A copy of the word vectors, [vocab.size × dims], rows in vocab.words order. */
  vectors(): Float32Array {
    return this.engine.vectors();
  }
}

function checkOptions(o: Word2VecOptions): void {
  const integer = (name: keyof Word2VecOptions, min: number, max: number) => {
    const v = o[name];
    if (!(Number.isInteger(v) && v >= min && v <= max)) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${v}`);
  };
  integer('dims', 1, 1000);
  integer('window', 1, 100);
  integer('negative', 1, 100);
  integer('minCount', 1, 1_000_000);
  integer('epochs', 1, 1000);
  integer('seed', 0, 2 ** 32 - 1);
  if (!(o.alpha > 0 && o.alpha <= 1 && o.minAlpha >= 0 && o.minAlpha <= o.alpha)) {
    throw new RangeError(`learning rates must satisfy 0 ≤ minAlpha ≤ alpha ≤ 1, got alpha ${o.alpha}, minAlpha ${o.minAlpha}`);
  }
  if (!(o.sample >= 0 && o.sample < 1)) throw new RangeError(`sample must be in [0, 1), got ${o.sample}`);
}
