/**
 * A neural next-word model (Bengio, Ducharme, Vincent & Jauvin 2003): the vectors of the previous
 * n words, concatenated, feed a tanh hidden layer, and a softmax over the vocabulary gives the
 * probability of each next word. Backpropagation is written out below; nextword.test.ts checks it
 * against finite differences.
 *
 *   x = [C[w₁] … C[wₙ]]            (n·m)     the context words' vectors
 *   h = tanh(W x + d)              (H)
 *   z = U h + b                    (V)       a score per word
 *   p = softmax(z),  loss = −log p[target]
 *
 * Training can use the full softmax (exact, costs V·H per example) or a sampled softmax (Jean et
 * al. 2015): the target and k words drawn from the unigram^0.75 distribution Q, each score
 * corrected by −log(k·Q(w)), a sample equal to the target dropped; it costs (k + 1)·H and trains
 * the same model. Evaluation (perplexity, predictions) always uses the full softmax.
 *
 * The symbols: 0 is "</s>" (the end of a sentence, also the padding before its first word), 1 is
 * "<unk>" (every word outside the vocabulary), then the vocabulary, most frequent first.
 */
import type { Corpus } from './corpus';
import { createRowDots } from './kernel/dots';
import { Mulberry32 } from './rng';
import { cumulativeTable, CUM_DOMAIN, guideTable, negativeFor } from './vocab';

export const END = 0;
export const UNKNOWN = 1;

export interface NextWordOptions {
  /** Previous words the model sees (Bengio et al. used 3–5). */
  context: number;
  /** Size of a word's vector (m). */
  embed: number;
  /** Hidden units (H). */
  hidden: number;
  /** Sampled-softmax draws per example; 0 = full softmax. */
  samples: number;
  /** Words seen fewer times become <unk>. */
  minCount: number;
  /** Learning rate at the start; falls linearly to lr / 100 over all epochs. */
  lr: number;
  epochs: number;
  seed: number;
}

export const NEXTWORD_DEFAULTS: Readonly<NextWordOptions> = Object.freeze({ context: 4, embed: 32, hidden: 64, samples: 32, minCount: 5, lr: 0.05, epochs: 3, seed: 1 });

/** The model's symbols and the corpus as symbol ids. */
export interface NextWordData {
  /** "</s>", "<unk>", then the vocabulary. */
  symbols: string[];
  counts: Float64Array; // [V]
  /** Training and held-out text: sentences of symbol ids (no padding). */
  train: { ids: Int32Array; ends: Uint32Array };
  heldOut: { ids: Int32Array; ends: Uint32Array };
}

/** Every `heldOutEvery`-th sentence is held out (never trained on), the rest is for training. */
export function nextWordData(corpus: Corpus, minCount: number, heldOutEvery = 20): NextWordData {
  let size = 0;
  while (size < corpus.counts.length && corpus.counts[size] >= minCount) size++;
  const symbols = ['</s>', '<unk>', ...corpus.words.slice(0, size)];
  const counts = new Float64Array(symbols.length);
  const parts = { train: { ids: [] as number[], ends: [] as number[] }, heldOut: { ids: [] as number[], ends: [] as number[] } };
  let start = 0;
  corpus.sentenceEnds.forEach((end, s) => {
    const part = s % heldOutEvery === heldOutEvery - 1 ? parts.heldOut : parts.train;
    for (let t = start; t < end; t++) part.ids.push(corpus.ids[t] < size ? corpus.ids[t] + 2 : UNKNOWN);
    part.ends.push(part.ids.length);
    start = end;
  });
  // Counts (for the sampling distribution and the initial output bias) from the training part, ends of sentences included.
  for (const id of parts.train.ids) counts[id]++;
  counts[END] = parts.train.ends.length;
  const pack = (p: { ids: number[]; ends: number[] }) => ({ ids: Int32Array.from(p.ids), ends: Uint32Array.from(p.ends) });
  return { symbols, counts, train: pack(parts.train), heldOut: pack(parts.heldOut) };
}

/** The model's weights, row-major. */
export interface NextWordWeights {
  C: Float32Array; // [V × m]
  W: Float32Array; // [H × n·m]
  d: Float32Array; // [H]
  U: Float32Array; // [V × H]
  b: Float32Array; // [V]
}

export class NextWordModel {
  readonly V: number;
  readonly weights: NextWordWeights;
  /** log(k·Q(w)) for the sampled softmax. */
  private readonly logkQ: Float64Array;
  private readonly cum: Uint32Array;
  private readonly guide: Uint32Array;
  private readonly rng: Mulberry32;
  // scratch
  private readonly x: Float32Array;
  private readonly h: Float32Array;
  private readonly dh: Float64Array;
  private readonly dx: Float64Array;
  private readonly candidates: Int32Array;
  private readonly scores: Float64Array;

  constructor(
    readonly symbols: readonly string[],
    counts: Float64Array,
    readonly options: Readonly<NextWordOptions>,
  ) {
    const { context: n, embed: m, hidden: H, seed } = options;
    const V = symbols.length;
    this.V = V;
    const random = new Mulberry32(seed ^ 0x51ed270b);
    const uniform = (scale: number) => ((random.next() / 2 ** 32) * 2 - 1) * scale;
    const C = Float32Array.from({ length: V * m }, () => uniform(1 / Math.sqrt(m)));
    const W = Float32Array.from({ length: H * n * m }, () => uniform(Math.sqrt(3 / (n * m))));
    // The output starts at the unigram distribution: z = b = log frequency.
    let total = 0;
    for (const c of counts) total += c;
    const b = Float32Array.from(counts, (c) => Math.log(Math.max(c, 0.5) / total));
    this.weights = { C, W, d: new Float32Array(H), U: new Float32Array(V * H), b };
    const smoothed = Uint32Array.from(counts, (c) => Math.max(1, Math.round(c)));
    this.cum = cumulativeTable(smoothed);
    this.guide = guideTable(this.cum);
    this.logkQ = new Float64Array(V);
    let previous = 0;
    for (let w = 0; w < V; w++) {
      this.logkQ[w] = Math.log(Math.max(1, options.samples) * Math.max(1e-12, (this.cum[w] - previous) / CUM_DOMAIN));
      previous = this.cum[w];
    }
    this.rng = new Mulberry32(seed);
    this.x = new Float32Array(n * m);
    this.h = new Float32Array(H);
    this.dh = new Float64Array(H);
    this.dx = new Float64Array(n * m);
    this.candidates = options.samples > 0 ? new Int32Array(options.samples + 1) : Int32Array.from({ length: V }, (_, w) => w);
    this.scores = new Float64Array(this.candidates.length);
  }

  /** h = tanh(W x + d) for the context words (ids of the previous n symbols, oldest first). */
  hidden(context: ArrayLike<number>, h: Float32Array = this.h): Float32Array {
    const { context: n, embed: m, hidden: H } = this.options;
    const { C, W, d } = this.weights;
    const x = this.x;
    for (let j = 0; j < n; j++) x.set(C.subarray(context[j] * m, (context[j] + 1) * m), j * m);
    const nm = n * m;
    for (let o = 0; o < H; o++) {
      let s = d[o];
      const row = o * nm;
      for (let i = 0; i < nm; i++) s += W[row + i] * x[i];
      h[o] = Math.tanh(s);
    }
    return h;
  }

  /**
   * One example: loss = −log p(target | context), then, when lr > 0, a gradient step on every
   * weight it touched. With a sampled softmax the k words are drawn here unless `draws` gives
   * them (tests do, to fix the loss). Returns the loss before the step.
   */
  example(context: ArrayLike<number>, target: number, lr: number, draws?: Int32Array): number {
    const { context: n, embed: m, hidden: H } = this.options;
    const { C, W, d, U, b } = this.weights;
    const h = this.hidden(context);
    const x = this.x;
    const sampled = this.options.samples > 0;
    const cand = this.candidatesFor(target, draws);
    const k = cand.length;
    const z = this.scores;

    // z_c = U_c·h + b_c (− log kQ(c) when sampled); a sampled copy of the target is dropped.
    let max = -Infinity;
    let targetAt = -1;
    for (let c = 0; c < k; c++) {
      const w = cand[c];
      if (sampled && c > 0 && w === target) {
        z[c] = -Infinity;
        continue;
      }
      if (w === target && targetAt < 0) targetAt = c;
      let s = b[w];
      const row = w * H;
      for (let o = 0; o < H; o++) s += U[row + o] * h[o];
      z[c] = sampled ? s - this.logkQ[w] : s;
      if (z[c] > max) max = z[c];
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
    const logSum = max + Math.log(sum);
    const loss = logSum - z[targetAt];
    if (lr <= 0) return loss;

    // ∂loss/∂z_c = p_c − [c is the target];  ∂/∂U_c = that · h,  ∂/∂b_c = that,  ∂/∂h += that · U_c
    const dh = this.dh.fill(0);
    for (let c = 0; c < k; c++) {
      if (z[c] === -Infinity) continue;
      const g = Math.exp(z[c] - logSum) - (c === targetAt ? 1 : 0);
      const w = cand[c];
      const row = w * H;
      for (let o = 0; o < H; o++) {
        dh[o] += g * U[row + o];
        U[row + o] -= lr * g * h[o];
      }
      b[w] -= lr * g;
    }
    // through tanh: ∂/∂a = ∂/∂h · (1 − h²);  ∂/∂W = that ⊗ x,  ∂/∂d = that,  ∂/∂x = Wᵀ that
    const nm = n * m;
    const dx = this.dx.fill(0);
    for (let o = 0; o < H; o++) {
      const da = dh[o] * (1 - h[o] * h[o]);
      const row = o * nm;
      for (let i = 0; i < nm; i++) {
        dx[i] += da * W[row + i];
        W[row + i] -= lr * da * x[i];
      }
      d[o] -= lr * da;
    }
    // ∂/∂C[w_j] = the j-th slice of ∂/∂x (a word twice in the context gets both)
    for (let j = 0; j < n; j++) {
      const row = context[j] * m;
      for (let i = 0; i < m; i++) C[row + i] -= lr * dx[j * m + i];
    }
    return loss;
  }

  /** Every word (full softmax), or the target then k draws from Q (given, or drawn now). */
  private candidatesFor(target: number, draws?: Int32Array): Int32Array {
    const cand = this.candidates;
    if (this.options.samples === 0) return cand;
    cand[0] = target;
    if (draws) {
      if (draws.length !== this.options.samples) throw new RangeError(`draws: expected ${this.options.samples} words, got ${draws.length}`);
      cand.set(draws, 1);
    } else for (let c = 1; c < cand.length; c++) cand[c] = negativeFor((this.rng.next() >>> 1) % CUM_DOMAIN, this.cum, this.guide);
    return cand;
  }

  /** log p(w | context) for every symbol w (full softmax). */
  logProbabilities(context: ArrayLike<number>, out = new Float64Array(this.V)): Float64Array {
    const H = this.options.hidden;
    const { U, b } = this.weights;
    const h = this.hidden(context);
    let max = -Infinity;
    for (let w = 0; w < this.V; w++) {
      let s = b[w];
      for (let o = 0; o < H; o++) s += U[w * H + o] * h[o];
      out[w] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let w = 0; w < this.V; w++) sum += Math.exp(out[w] - max);
    const logSum = max + Math.log(sum);
    for (let w = 0; w < this.V; w++) out[w] -= logSum;
    return out;
  }

  /** The symbol ids of the last n words of `words` (padded with </s>; unknown words as <unk>). */
  contextOf(words: readonly string[], index: ReadonlyMap<string, number>): Int32Array {
    const n = this.options.context;
    const ctx = new Int32Array(n).fill(END);
    const tail = words.slice(-n);
    tail.forEach((w, i) => (ctx[n - tail.length + i] = index.get(w) ?? UNKNOWN));
    return ctx;
  }
}

/** Calls `visit(context, target)` for every position of sentences [from, to): each word, then the end of the sentence. */
export function forEachExample(text: { ids: Int32Array; ends: Uint32Array }, n: number, from: number, to: number, visit: (context: Int32Array, target: number) => void): void {
  const context = new Int32Array(n);
  for (let s = from; s < to; s++) {
    const start = s === 0 ? 0 : text.ends[s - 1];
    const end = text.ends[s];
    context.fill(END);
    for (let t = start; t <= end; t++) {
      const target = t < end ? text.ids[t] : END;
      visit(context, target);
      context.copyWithin(0, 1);
      context[n - 1] = target;
    }
  }
}

/**
 * Perplexity exp(mean −log p) with the full softmax over sentences [0, sentences) of `text` (all
 * by default): each sentence's words and its end. The scores U h of 4 examples at a time come
 * from the dots kernel over a snapshot of U.
 */
export async function perplexity(model: NextWordModel, text: { ids: Int32Array; ends: Uint32Array }, sentences = text.ends.length): Promise<{ perplexity: number; tokens: number }> {
  const { hidden: H } = model.options;
  const { U, b } = model.weights;
  const dots = await createRowDots(U, model.V, H);
  const hs = Array.from({ length: 4 }, () => new Float32Array(H));
  const targets = new Int32Array(4);
  let pending = 0;
  let nll = 0;
  let tokens = 0;
  const flush = () => {
    const scores = dots.dots(hs.slice(0, pending));
    for (let j = 0; j < pending; j++) {
      const z = scores[j];
      let max = -Infinity;
      for (let w = 0; w < model.V; w++) max = Math.max(max, z[w] + b[w]);
      let sum = 0;
      for (let w = 0; w < model.V; w++) sum += Math.exp(z[w] + b[w] - max);
      nll += max + Math.log(sum) - (z[targets[j]] + b[targets[j]]);
    }
    tokens += pending;
    pending = 0;
  };
  forEachExample(text, model.options.context, 0, sentences, (context, target) => {
    model.hidden(context, hs[pending]);
    targets[pending++] = target;
    if (pending === 4) flush();
  });
  if (pending) flush();
  return { perplexity: Math.exp(nll / Math.max(1, tokens)), tokens };
}

export interface NextWordEpoch {
  epoch: number;
  /** Mean training loss (−log p) per example over the epoch. */
  loss: number;
  examples: number;
  seconds: number;
}

/**
 * Trains a NextWordModel on `data.train` in corpus order, a few hundred sentences per step, the
 * learning rate falling linearly from lr to lr / 100 over all epochs.
 */
export class NextWordTrainer {
  epoch = 0;
  private sentence = 0;
  /** Seconds spent in training steps. */
  seconds = 0;
  private current = { loss: 0, examples: 0, seconds: 0 };
  readonly history: NextWordEpoch[] = [];

  constructor(
    readonly model: NextWordModel,
    readonly data: NextWordData,
  ) {}

  get done(): boolean {
    return this.epoch >= this.model.options.epochs;
  }

  /** Share of all training done, 0..1. */
  get progress(): number {
    const { ends } = this.data.train;
    return Math.min(1, (this.epoch + this.sentence / ends.length) / this.model.options.epochs);
  }

  get lr(): number {
    const { lr } = this.model.options;
    return lr - (lr - lr / 100) * this.progress;
  }

  /** Trains sentences [here, here + sentences); returns the step's mean loss and, at an epoch's end, the epoch. */
  step(sentences = 200): { loss: number; examples: number; epochEnded?: NextWordEpoch } {
    if (this.done) throw new Error('training is finished: reset to train again');
    const { train } = this.data;
    const from = this.sentence;
    const to = Math.min(train.ends.length, from + sentences);
    const lr = this.lr;
    let loss = 0;
    let examples = 0;
    const t0 = performance.now();
    forEachExample(train, this.model.options.context, from, to, (context, target) => {
      loss += this.model.example(context, target, lr);
      examples++;
    });
    const seconds = (performance.now() - t0) / 1000;
    this.seconds += seconds;
    this.current.loss += loss;
    this.current.examples += examples;
    this.current.seconds += seconds;
    this.sentence = to;
    const result: { loss: number; examples: number; epochEnded?: NextWordEpoch } = { loss: loss / Math.max(1, examples), examples };
    if (to >= train.ends.length) {
      const c = this.current;
      result.epochEnded = { epoch: this.epoch + 1, loss: c.loss / Math.max(1, c.examples), examples: c.examples, seconds: c.seconds };
      this.history.push(result.epochEnded);
      this.epoch++;
      this.sentence = 0;
      this.current = { loss: 0, examples: 0, seconds: 0 };
    }
    return result;
  }
}

/** The k most likely next words after `prompt` (lower-cased, split on whitespace), </s> and <unk> included. */
export function topNext(model: NextWordModel, index: ReadonlyMap<string, number>, prompt: string, k = 5): { word: string; p: number }[] {
  const words = prompt.toLowerCase().split(/\s+/).filter(Boolean);
  const logp = model.logProbabilities(model.contextOf(words, index));
  const order = Array.from({ length: model.V }, (_, w) => w).sort((a, b) => logp[b] - logp[a]).slice(0, k);
  return order.map((w) => ({ word: model.symbols[w], p: Math.exp(logp[w]) }));
}
