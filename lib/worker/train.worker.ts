/// <reference lib="webworker" />
/**
 * The training worker of the /train page: loads a corpus and runs one job — word2vec (live loss,
 * neighbours, analogy accuracy and a map per epoch; pause, resume, keep the vectors), the
 * data-size experiment, or the next-word model — in short batches, yielding between them so that
 * pause, reset and new probe words are answered at once. Reports are throttled to a few a second.
 */
import { OpfsStore } from '../hub/opfs-store';
import { parseQuestions, type AnalogyQuestion } from '../vectors/analogy-benchmark';
import { openRemoteSet } from '../vectors/fetch-set';
import { saveLocalSet } from '../vectors/local-sets';
import { corpusFraction, corpusFromPlainText, type Corpus } from '../train/corpus';
import { decodeCorpus } from '../train/corpus-file';
import { analogyScore, VectorIndex } from '../train/evaluate';
import { projectFrames } from '../train/frames';
import { NEXTWORD_DEFAULTS, NextWordModel, NextWordTrainer, nextWordData, perplexity, topNext, type NextWordData } from '../train/nextword';
import { GLOVE_6B_TOKENS, pretrainedPoint, scaleStep, scalingReference } from '../train/scaling';
import { Word2Vec } from '../train/word2vec';
import type { CorpusInfo, Neighbours, TrainErrorCode, TrainRequest, TrainResponse } from './train-protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: TrainResponse) => self.postMessage(message);

/** Reports at most this often (ms). */
const REPORT_MS = 250;
/** Probe neighbours at most this often while training (ms). */
const NEIGHBOURS_MS = 1500;
/** Yield to incoming messages after this much work (ms). */
const SLICE_MS = 40;
/** Snapshots for the map keep at most this many numbers per epoch (the most frequent words). */
const SNAPSHOT_VALUES = 4_000_000;
/** Held-out sentences for the live perplexity curve. */
const LIVE_HELD_OUT = 100;

let corpus: Corpus | null = null;
let questions: AnalogyQuestion[] | null = null;

interface Job {
  paused: boolean;
  cancelled: boolean;
  wake: () => void;
}
let job: Job | null = null;

/** Lets queued messages run (a MessageChannel round trip: no timer clamping). */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/** Between batches: yields now and then, waits while paused; false when the job was cancelled. */
function slicer(j: Job) {
  let last = performance.now();
  return async (): Promise<boolean> => {
    if (performance.now() - last >= SLICE_MS) {
      await yieldToMessages();
      last = performance.now();
    }
    while (j.paused && !j.cancelled) {
      await new Promise<void>((resolve) => (j.wake = resolve));
      last = performance.now();
    }
    return !j.cancelled;
  };
}

function startJob(): Job {
  stopJob();
  job = { paused: false, cancelled: false, wake: () => undefined };
  return job;
}

function stopJob(): void {
  if (!job) return;
  job.cancelled = true;
  job.wake();
  job = null;
}

// ------------------------------------------------------------------------------------------------
// word2vec

interface W2vSession {
  model: Word2Vec;
  snapshots: Float32Array[];
  snapshotRows: number;
  probes: string[];
  mapWords: string[];
}
let w2v: W2vSession | null = null;

function snapshot(model: Word2Vec, rows: number): Float32Array {
  return model.vectors().subarray(0, rows * model.options.dims).slice();
}

async function neighbours(model: Word2Vec, probes: string[]): Promise<Neighbours[]> {
  const index = await VectorIndex.create(model.vocab.words, model.vectors(), model.options.dims);
  return probes.map((word) => ({ word, nearest: index.nearest(word, 10) }));
}

function postMap(session: W2vSession): void {
  const { model, snapshots, snapshotRows, mapWords } = session;
  const ids = new Map(model.vocab.words.slice(0, snapshotRows).map((w, i) => [w, i]));
  const words = mapWords.filter((w) => ids.has(w));
  const dims = model.options.dims;
  const rows = snapshots.map((s) => {
    const out = new Float32Array(words.length * dims);
    words.forEach((w, r) => out.set(s.subarray(ids.get(w)! * dims, (ids.get(w)! + 1) * dims), r * dims));
    return out;
  });
  const projected = projectFrames(rows, words.length, dims);
  post({
    type: 'w2v-map',
    map: {
      words,
      frames: projected.frames,
      axes: { epoch: snapshots.length - 1, x: projected.explained[0], y: projected.explained[1] },
      missing: mapWords.filter((w) => !ids.has(w)),
    },
  });
}

async function runWord2vec(req: Extract<TrainRequest, { type: 'w2v-start' }>): Promise<void> {
  const j = startJob();
  const part = corpusFraction(requireCorpus(), req.fraction);
  const model = await Word2Vec.create(part, req.options);
  const snapshotRows = Math.min(model.vocab.size, Math.floor(SNAPSHOT_VALUES / model.options.dims));
  const session: W2vSession = { model, snapshots: [snapshot(model, snapshotRows)], snapshotRows, probes: req.probes, mapWords: req.mapWords };
  w2v = session;
  post({ type: 'w2v-ready', vocab: model.vocab.size, tokens: part.ids.length, engine: model.engine.kind, options: { ...model.options } });
  postMap(session);
  post({ type: 'w2v-neighbours', epoch: 0, progress: 0, neighbours: await neighbours(model, session.probes) });
  const next = slicer(j);
  let lastReport = 0;
  let lastNeighbours = performance.now();
  let loss = 0;
  let pairs = 0;
  while (!model.done) {
    if (!(await next())) return;
    const r = model.step();
    loss += r.loss * r.pairs;
    pairs += r.pairs;
    const now = performance.now();
    if (now - lastReport >= REPORT_MS || r.epochEnded) {
      post({
        type: 'w2v-progress',
        progress: { epoch: model.epoch, epochs: model.options.epochs, progress: model.progress, loss: pairs ? loss / pairs : NaN, alpha: r.alpha, wordsPerSecond: model.wordsPerSecond, trainSeconds: model.trainSeconds },
      });
      loss = 0;
      pairs = 0;
      lastReport = now;
    }
    if (r.epochEnded) {
      session.snapshots.push(snapshot(model, snapshotRows));
      postMap(session);
      if (questions) {
        const index = await VectorIndex.create(model.vocab.words, model.vectors(), model.options.dims);
        if (j.cancelled) return;
        const a = analogyScore(index, questions);
        post({ type: 'w2v-analogy', figure: { epoch: model.epoch, accuracy: a.accuracy, correct: a.correct, attempted: a.attempted, skipped: a.skipped } });
      }
    }
    if (r.epochEnded || performance.now() - lastNeighbours >= NEIGHBOURS_MS) {
      const list = await neighbours(model, session.probes);
      if (j.cancelled) return;
      post({ type: 'w2v-neighbours', epoch: model.epoch, progress: model.progress, neighbours: list });
      lastNeighbours = performance.now();
    }
  }
  post({ type: 'done', job: 'w2v', seconds: model.trainSeconds });
  if (job === j) job = null;
}

async function keepVectors(name: string, title: string): Promise<void> {
  if (!w2v) throw new TrainError('nothingTrained');
  const { model } = w2v;
  const c = corpusMeta;
  const manifest = await saveLocalSet(OpfsStore.open(), {
    name,
    title,
    source: `trained in this browser (word2vec skip-gram, ${model.options.dims}d, ${model.epoch} of ${model.options.epochs} epochs, seed ${model.options.seed}) on ${c?.title ?? 'a corpus'}`,
    licence: c?.licence ?? 'unknown',
    dims: model.options.dims,
    words: model.vocab.words,
    vectors: model.vectors(),
    replace: true,
  });
  post({ type: 'w2v-kept', name: manifest.name, words: manifest.count });
}

// ------------------------------------------------------------------------------------------------
// what more data buys

async function runScaling(req: Extract<TrainRequest, { type: 'scaling-start' }>): Promise<void> {
  const j = startJob();
  const c = requireCorpus();
  if (!questions) throw new TrainError('noQuestions');
  const qs = questions;
  const t0 = performance.now();
  const minCount = req.options.minCount ?? 5;
  const ref = scalingReference(c, minCount, qs);
  const stages = req.fractions.length + (req.gloveUrl ? 1 : 0);
  const next = slicer(j);
  let lastReport = 0;
  for (const [i, fraction] of req.fractions.entries()) {
    const point = await scaleStep(c, fraction, req.options, ref, async (share) => {
      if (!(await next())) throw new CancelledError();
      if (performance.now() - lastReport >= REPORT_MS) {
        post({ type: 'scaling-status', status: { stage: 'training', fraction }, done: i + share, total: stages });
        lastReport = performance.now();
      }
    });
    post({ type: 'scaling-point', point });
  }
  if (req.gloveUrl) {
    post({ type: 'scaling-status', status: { stage: 'glove', percent: null }, done: req.fractions.length, total: stages });
    const glove = await openRemoteSet(req.gloveUrl, (p) => {
      if (p.status === 'progress' && performance.now() - lastReport >= REPORT_MS) {
        post({ type: 'scaling-status', status: { stage: 'glove', percent: Math.round((100 * p.loaded) / Math.max(1, p.total)) }, done: req.fractions.length + p.loaded / Math.max(1, p.total), total: stages });
        lastReport = performance.now();
      }
    });
    await glove.complete;
    if (j.cancelled) return;
    const { dims } = glove.manifest;
    const { store } = glove;
    const row = new Float32Array(dims);
    const point = await pretrainedPoint('GloVe 6B', GLOVE_6B_TOKENS, dims, ref, (word) => {
      const id = store.id(word);
      if (id < 0) return null;
      const s = store.scales[id];
      for (let i = 0; i < dims; i++) row[i] = store.q[id * dims + i] * s;
      return row;
    });
    post({ type: 'scaling-point', point });
  }
  post({ type: 'done', job: 'scaling', seconds: (performance.now() - t0) / 1000 });
  if (job === j) job = null;
}

class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A failure the page explains in the reader's language (see TrainErrorCode). */
class TrainError extends Error {
  constructor(
    readonly code: TrainErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

// ------------------------------------------------------------------------------------------------
// the next-word model

let nw: { model: NextWordModel; trainer: NextWordTrainer; data: NextWordData; index: Map<string, number>; prompts: string[] } | null = null;

function postPredictions(): void {
  if (!nw) return;
  const { model, index, prompts, trainer } = nw;
  post({ type: 'nw-predictions', progress: trainer.progress, predictions: prompts.map((prompt) => ({ prompt, top: topNext(model, index, prompt, 5) })) });
}

async function postEvaluation(j: Job): Promise<void> {
  if (!nw) return;
  const { model, data, trainer } = nw;
  const e = await perplexity(model, data.heldOut, Math.min(LIVE_HELD_OUT, data.heldOut.ends.length));
  if (j.cancelled) return;
  post({ type: 'nw-eval', evaluation: { progress: trainer.progress, perplexity: e.perplexity, tokens: e.tokens } });
}

async function runNextWord(req: Extract<TrainRequest, { type: 'nw-start' }>): Promise<void> {
  const j = startJob();
  const prompts = req.prompts;
  const options = { ...NEXTWORD_DEFAULTS, ...req.options };
  const data = nextWordData(requireCorpus(), options.minCount);
  const model = new NextWordModel(data.symbols, data.counts, options);
  const trainer = new NextWordTrainer(model, data);
  nw = { model, trainer, data, index: new Map(data.symbols.map((w, i) => [w, i])), prompts };
  post({ type: 'nw-ready', symbols: model.V, trainTokens: data.train.ids.length, heldOutTokens: data.heldOut.ids.length, options });
  await postEvaluation(j);
  postPredictions();
  const next = slicer(j);
  const evalEvery = 0.1 / options.epochs; // ten evaluations per epoch
  let nextEval = evalEvery;
  let lastReport = 0;
  let lastPredictions = performance.now();
  let loss = 0;
  let examples = 0;
  while (!trainer.done) {
    if (!(await next())) return;
    const r = trainer.step(40);
    loss += r.loss * r.examples;
    examples += r.examples;
    const now = performance.now();
    if (now - lastReport >= REPORT_MS || r.epochEnded) {
      post({
        type: 'nw-progress',
        progress: { epoch: trainer.epoch, epochs: options.epochs, progress: trainer.progress, loss: loss / Math.max(1, examples), examplesPerSecond: examplesDone(trainer) / trainer.seconds, trainSeconds: trainer.seconds },
      });
      loss = 0;
      examples = 0;
      lastReport = now;
    }
    if (trainer.progress >= nextEval || trainer.done) {
      await postEvaluation(j);
      nextEval += evalEvery;
    }
    if (performance.now() - lastPredictions >= NEIGHBOURS_MS || trainer.done) {
      postPredictions();
      lastPredictions = performance.now();
    }
  }
  post({ type: 'done', job: 'nw', seconds: trainer.seconds });
  if (job === j) job = null;
}

function examplesDone(trainer: NextWordTrainer): number {
  const { train } = trainer.data;
  return trainer.progress * trainer.model.options.epochs * (train.ids.length + train.ends.length);
}

// ------------------------------------------------------------------------------------------------

let corpusMeta: CorpusInfo | null = null;

function requireCorpus(): Corpus {
  if (!corpus) throw new TrainError('noCorpus');
  return corpus;
}

async function loadQuestions(url: string): Promise<AnalogyQuestion[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the analogy test set is not on this site (${res.status} for ${url})`);
  return parseQuestions(await res.text());
}

async function loadCorpus(req: Extract<TrainRequest, { type: 'corpus' }>): Promise<void> {
  stopJob();
  w2v = null;
  nw = null;
  if (req.source.kind === 'brown') {
    const res = await fetch(req.source.url);
    if (!res.ok) throw new TrainError('brownMissing', { status: res.status });
    const { corpus: c, header } = decodeCorpus(new Uint8Array(await res.arrayBuffer()));
    corpus = c;
    corpusMeta = { title: header.title, source: header.source, licence: header.licence, tokens: header.tokens, sentences: header.sentences, types: header.types };
  } else {
    const c = corpusFromPlainText(await req.source.file.text());
    if (c.ids.length === 0) throw new TrainError('emptyFile', { name: req.source.file.name });
    corpus = c;
    corpusMeta = { title: req.source.file.name, source: `${req.source.file.name}, opened in this browser`, licence: 'your own text', tokens: c.ids.length, sentences: c.sentenceEnds.length, types: c.words.length };
  }
  try {
    questions ??= await loadQuestions(req.questionsUrl);
  } catch {
    questions = null; // the page says the analogy figure is unavailable
  }
  post({ type: 'corpus', info: corpusMeta, questions: questions?.length ?? 0 });
}

/**
 * Loading a corpus and starting a job run one after another (a start waits for the corpus it
 * needs, and for the job it replaces to stop); pause, resume, reset and the panels' questions are
 * answered at once, between two batches of the running job.
 */
let queue: Promise<void> = Promise.resolve();

function enqueue(task: () => Promise<void>): void {
  queue = queue.then(task).catch(report);
}

function report(e: unknown): void {
  if (e instanceof CancelledError) return;
  if (e instanceof TrainError) post({ type: 'error', code: e.code, params: e.params });
  else post({ type: 'error', code: 'failed', params: { message: e instanceof Error ? e.message : String(e) } });
}

self.onmessage = (event: MessageEvent<TrainRequest>) => {
  const req = event.data;
  switch (req.type) {
    case 'corpus':
      stopJob();
      enqueue(() => loadCorpus(req));
      return;
    case 'w2v-start':
      stopJob();
      enqueue(() => runWord2vec(req));
      return;
    case 'scaling-start':
      stopJob();
      enqueue(() => runScaling(req));
      return;
    case 'nw-start':
      stopJob();
      enqueue(() => runNextWord(req));
      return;
    case 'pause':
    case 'resume':
      if (job) {
        job.paused = req.type === 'pause';
        job.wake();
        post({ type: 'paused', paused: job.paused });
      }
      return;
    case 'reset':
      stopJob();
      w2v = null;
      nw = null;
      return;
    case 'w2v-probes':
      if (w2v) {
        const { model } = w2v;
        w2v.probes = req.probes;
        neighbours(model, req.probes).then((list) => post({ type: 'w2v-neighbours', epoch: model.epoch, progress: model.progress, neighbours: list }), report);
      }
      return;
    case 'w2v-map-words':
      if (w2v) {
        w2v.mapWords = req.words;
        postMap(w2v);
      }
      return;
    case 'w2v-keep':
      keepVectors(req.name, req.title).catch(report);
      return;
    case 'nw-prompts':
      if (nw) {
        nw.prompts = req.prompts;
        postPredictions();
      }
      return;
  }
};

export {};
