/**
 * Messages between the /train page and the training worker (lib/worker/train.worker.ts). One
 * worker runs one job at a time: word2vec training, the data-size experiment or the next-word
 * model; the page starts a worker per job so that they can run side by side.
 */
import type { CorpusHeader } from '../train/corpus-file';
import type { NextWordOptions } from '../train/nextword';
import type { ScalingPoint } from '../train/scaling';
import type { Word2VecOptions } from '../train/word2vec';

/** Where the corpus comes from: the prepared Brown file on the site, or a text file the reader opened. */
export type CorpusSource = { kind: 'brown'; url: string } | { kind: 'file'; file: File };

/** What the page shows of the loaded corpus: its file header without the layout fields. */
export type CorpusInfo = Pick<CorpusHeader, 'title' | 'source' | 'licence' | 'tokens' | 'sentences' | 'types'>;

export type TrainRequest =
  /** Loads a corpus; `questionsUrl`: the Google analogy test set on the site (may be absent). */
  | { type: 'corpus'; source: CorpusSource; questionsUrl: string }
  /** Word2vec on the loaded corpus (or a share of its sentences). */
  | { type: 'w2v-start'; options: Partial<Word2VecOptions>; fraction: number; probes: string[]; mapWords: string[] }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Stops the job and forgets it (the corpus stays loaded). */
  | { type: 'reset' }
  | { type: 'w2v-probes'; probes: string[] }
  | { type: 'w2v-map-words'; words: string[] }
  /** Keeps the vectors trained so far in this browser, as a set the analogy and map pages open. */
  | { type: 'w2v-keep'; name: string; title: string }
  /** The same training on 1/8, 1/4, 1/2 and all of the corpus, then GloVe through the same measures. */
  | { type: 'scaling-start'; options: Partial<Word2VecOptions>; fractions: number[]; gloveUrl: string | null }
  | { type: 'nw-start'; options: Partial<NextWordOptions>; prompts: string[] }
  | { type: 'nw-prompts'; prompts: string[] };

export interface Neighbours {
  word: string;
  /** Empty when the word is not in the vocabulary. */
  nearest: { word: string; score: number }[];
}

/** A 2-D map of the chosen words at every epoch so far, all through the same projection. */
export interface MapFrames {
  words: string[];
  /** frames[e]: [x0, y0, x1, y1, …] after e epochs (0: the random start). */
  frames: number[][];
  /** The axes: PCA of frame `epoch` (the latest); x and y keep these shares (0..1) of the words' variance there. */
  axes: { epoch: number; x: number; y: number };
  /** Chosen words outside the vocabulary. */
  missing: string[];
}

export interface W2vProgress {
  epoch: number;
  epochs: number;
  /** 0..1 of all training. */
  progress: number;
  /** Mean loss per pair of the batches since the last report. */
  loss: number;
  alpha: number;
  wordsPerSecond: number;
  trainSeconds: number;
}

export interface AnalogyFigure {
  epoch: number;
  accuracy: number;
  correct: number;
  attempted: number;
  skipped: number;
}

export interface NwProgress {
  epoch: number;
  epochs: number;
  progress: number;
  /** Mean training loss per example since the last report. */
  loss: number;
  examplesPerSecond: number;
  trainSeconds: number;
}

export interface NwEvaluation {
  progress: number;
  /** exp(mean −log p) on held-out sentences, full softmax. */
  perplexity: number;
  tokens: number;
}

/** What the data-size experiment is doing: training on a share of the text, or loading GloVe (percent when known). */
export type ScalingStage = { stage: 'training'; fraction: number } | { stage: 'glove'; percent: number | null };

/**
 * Why a job failed, as a code the page translates (with values): the corpus is not on the server,
 * an opened file has no words, there is nothing to keep yet, the analogy test set is missing for
 * the experiment, or anything else (`failed`, with the error's own text).
 */
export type TrainErrorCode = 'brownMissing' | 'emptyFile' | 'nothingTrained' | 'noQuestions' | 'noCorpus' | 'workerFailed' | 'failed';

export type TrainResponse =
  | { type: 'corpus'; info: CorpusInfo; questions: number }
  | { type: 'w2v-ready'; vocab: number; tokens: number; engine: 'wasm-simd' | 'js'; options: Word2VecOptions }
  | { type: 'w2v-progress'; progress: W2vProgress }
  | { type: 'w2v-neighbours'; epoch: number; progress: number; neighbours: Neighbours[] }
  | { type: 'w2v-analogy'; figure: AnalogyFigure }
  | { type: 'w2v-map'; map: MapFrames }
  | { type: 'w2v-kept'; name: string; words: number }
  | { type: 'scaling-status'; status: ScalingStage; done: number; total: number }
  | { type: 'scaling-point'; point: ScalingPoint }
  | { type: 'nw-ready'; symbols: number; trainTokens: number; heldOutTokens: number; options: NextWordOptions }
  | { type: 'nw-progress'; progress: NwProgress }
  | { type: 'nw-eval'; evaluation: NwEvaluation }
  | { type: 'nw-predictions'; progress: number; predictions: { prompt: string; top: { word: string; p: number }[] }[] }
  | { type: 'paused'; paused: boolean }
  | { type: 'done'; job: 'w2v' | 'scaling' | 'nw'; seconds: number }
  | { type: 'error'; code: TrainErrorCode; params: Record<string, string | number> };
