/**
 * `npm run -s bench:train [-- --seeds 1,2,3] [--epochs 5] [--json]`: our word2vec against gensim
 * 4.2 on the same token file (models/brown.corpus), side by side, seed after seed (ours, then
 * gensim, so both meet the same machine load):
 *  - speed: corpus tokens × epochs ÷ training seconds, one thread each;
 *  - analogy: each side's Google analogy accuracy over the questions its vocabulary attempts
 *    (gensim's own evaluate_word_analogies for gensim; ours for ours, and ours on gensim's vectors
 *    too, to show that the two evaluations agree);
 *  - neighbours: mean overlap of the 10 nearest neighbours of probe words (the words ranked 101–1,100
 *    by frequency) between ours and gensim, against the same overlap between two seeds of one
 *    implementation (the noise floor: what a different seed alone changes).
 * Prints a table (or one JSON object with --json). Each figure comes with the 1-minute load average.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { modelsDir } from '../lib/node/vector-set-reader';
import { BROWN_FILE } from '../lib/train/brown';
import { analogyScore, neighbourOverlap, VectorIndex } from '../lib/train/evaluate';
import { GENSIM_DEFAULTS, Word2Vec } from '../lib/train/word2vec';
import { intFlag, parseCli, runCli, UsageError } from './cli';
import { DEFAULT_QUESTIONS, loadCorpus, loadQuestions } from './train-common';

const USAGE = `usage: npm run -s bench:train [-- --seeds 1,2,3] [--epochs 5] [--json]

Trains word2vec (ours and gensim 4.2 through /usr/bin/python3 scripts/bench/gensim_word2vec.py) on
models/brown.corpus with gensim's defaults, one thread each, and compares speed and quality.
  --seeds S,S,…   seeds to run (default 1,2,3)
  --epochs N      epochs (default 5)
  --json          print one JSON object`;

interface Side {
  seed: number;
  seconds: number;
  wordsPerSecond: number;
  load: number;
  analogy: { accuracy: number; correct: number; attempted: number };
  index: VectorIndex;
}

runCli('bench:train', USAGE, async () => {
  const { values, positionals } = parseCli({ seeds: { type: 'string' }, epochs: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const seeds = (values.seeds ?? '1,2,3').split(',').map((s) => intFlag(s, 'seeds', 1, 0, 2 ** 32 - 1));
  const epochs = intFlag(values.epochs, 'epochs', GENSIM_DEFAULTS.epochs, 1, 100);
  const questions = await loadQuestions(DEFAULT_QUESTIONS);
  const { corpus } = await loadCorpus('brown');
  const corpusFile = path.join(modelsDir(), BROWN_FILE);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'wve-bench-train-'));
  const log = (s: string) => values.json || console.error(s);

  const ours: Side[] = [];
  const gensim: (Side & { ownAnalogy: Side['analogy'] })[] = [];
  try {
    for (const seed of seeds) {
      const loadBefore = os.loadavg()[0];
      const model = await Word2Vec.create(corpus, { epochs, seed }, 'wasm');
      model.trainAll();
      const index = await VectorIndex.create(model.vocab.words, model.vectors(), model.options.dims);
      const a = analogyScore(index, questions);
      ours.push({ seed, seconds: model.trainSeconds, wordsPerSecond: model.wordsPerSecond, load: Math.max(loadBefore, os.loadavg()[0]), analogy: pick(a), index });
      log(`ours   seed ${seed}: ${Math.round(model.wordsPerSecond).toLocaleString('en')} words/s, analogy ${(a.accuracy * 100).toFixed(2)} % of ${a.attempted}`);

      const dir = path.join(scratch, `gensim-${seed}`);
      const gLoad = os.loadavg()[0];
      const run = spawnSync('/usr/bin/python3', ['scripts/bench/gensim_word2vec.py', '--corpus', corpusFile, '--questions', DEFAULT_QUESTIONS, '--seed', String(seed), '--epochs', String(epochs), '--save', dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      if (run.status !== 0) throw new Error(`gensim failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}\nInstall it with apt-get install -y python3-gensim.`);
      const g = JSON.parse(run.stdout);
      const words = readFileSync(path.join(dir, 'words.txt'), 'utf8').trimEnd().split('\n');
      const raw = readFileSync(path.join(dir, 'vectors.f32'));
      const gIndex = await VectorIndex.create(words, new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4), g.dims);
      const mine = analogyScore(gIndex, questions);
      gensim.push({ seed, seconds: g.seconds, wordsPerSecond: g.wordsPerSecond, load: Math.max(gLoad, os.loadavg()[0]), analogy: g.analogy, ownAnalogy: pick(mine), index: gIndex });
      log(`gensim seed ${seed}: ${g.wordsPerSecond.toLocaleString('en')} words/s, analogy ${(g.analogy.accuracy * 100).toFixed(2)} % of ${g.analogy.attempted} (ours on its vectors: ${(mine.accuracy * 100).toFixed(2)} %)`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const probes = ours[0].index.words.slice(100, 1100) as string[];
  const overlaps = (xs: VectorIndex[], ys: VectorIndex[], sameSide: boolean) => {
    const out: number[] = [];
    xs.forEach((x, i) => ys.forEach((y, j) => (sameSide ? i < j : true) && out.push(neighbourOverlap(x, y, probes).overlap)));
    return out;
  };
  const oursIdx = ours.map((s) => s.index);
  const gensimIdx = gensim.map((s) => s.index);
  const overlap = {
    oursVsGensim: summary(overlaps(oursIdx, gensimIdx, false)),
    oursVsOurs: summary(overlaps(oursIdx, oursIdx, true)),
    gensimVsGensim: summary(overlaps(gensimIdx, gensimIdx, true)),
  };

  const strip = <T extends Side>({ index: _, ...rest }: T) => rest;
  const result = {
    corpus: { tokens: corpus.ids.length, sentences: corpus.sentenceEnds.length, vocab: ours[0].index.n, gensimVocab: gensim[0].index.n },
    settings: { ...GENSIM_DEFAULTS, epochs, threads: 1 },
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    ours: ours.map(strip),
    gensim: gensim.map(strip),
    wordsPerSecond: { ours: summary(ours.map((s) => s.wordsPerSecond)), gensim: summary(gensim.map((s) => s.wordsPerSecond)) },
    analogy: { ours: summary(ours.map((s) => s.analogy.accuracy)), gensim: summary(gensim.map((s) => s.analogy.accuracy)) },
    overlap,
    probes: `${probes.length} words ranked 101–${100 + probes.length} by frequency, top 10`,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  console.log(`\nBrown corpus, ${result.corpus.tokens.toLocaleString('en')} tokens, vocabulary ${result.corpus.vocab} (gensim ${result.corpus.gensimVocab}), ${epochs} epochs, 1 thread, ${result.cpus}`);
  console.log('| seed | ours words/s (load) | gensim words/s (load) | ours analogy | gensim analogy | ours on gensim vectors |');
  console.log('|---|---|---|---|---|---|');
  ours.forEach((o, i) => {
    const g = gensim[i];
    console.log(
      `| ${o.seed} | ${Math.round(o.wordsPerSecond).toLocaleString('en')} (${o.load.toFixed(2)}) | ${g.wordsPerSecond.toLocaleString('en')} (${g.load.toFixed(2)}) | ` +
        `${pct(o.analogy.accuracy)} (${o.analogy.correct}/${o.analogy.attempted}) | ${pct(g.analogy.accuracy)} (${g.analogy.correct}/${g.analogy.attempted}) | ${pct(g.ownAnalogy.accuracy)} |`,
    );
  });
  console.log(`\nmean top-10 neighbour overlap (${result.probes}):`);
  console.log(`  ours vs gensim     ${pct(overlap.oursVsGensim.mean)} (${overlap.oursVsGensim.n} pairs of runs)`);
  console.log(`  ours vs ours       ${pct(overlap.oursVsOurs.mean)} (different seeds)`);
  console.log(`  gensim vs gensim   ${pct(overlap.gensimVsGensim.mean)} (different seeds)`);
  console.log(`\n${JSON.stringify({ wordsPerSecond: result.wordsPerSecond, analogy: result.analogy, overlap })}`);
});

function pick(a: { accuracy: number; correct: number; attempted: number }) {
  return { accuracy: a.accuracy, correct: a.correct, attempted: a.attempted };
}

function summary(xs: number[]) {
  const mean = xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean, sd, min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}
