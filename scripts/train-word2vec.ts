/**
 * `npm run -s train:word2vec -- [--corpus brown|FILE] [--fraction 1] [--dims 100] [--epochs 5]
 * [--seed 1] [--threads 1] [--out NAME] --json`: trains word vectors (skip-gram with negative
 * sampling, gensim 4.2's defaults) and reports speed and quality; `--out` keeps them as a vector
 * set in models/NAME that the app lists like any other.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { modelsDir } from '../lib/node/vector-set-reader';
import { removeStaleTemporaries, VectorSetWriter } from '../lib/node/vector-set-writer';
import { analogyScore, VectorIndex } from '../lib/train/evaluate';
import { setNameProblem } from '../lib/vectors/format';
import { GENSIM_DEFAULTS, Word2Vec, type EngineChoice } from '../lib/train/word2vec';
import { choiceFlag, intFlag, parseCli, runCli, UsageError } from './cli';
import { DEFAULT_QUESTIONS, loadCorpus, loadQuestions } from './train-common';

const DEFAULT_PROBES = 'king,woman,france,monday,money,good,house,water';

const USAGE = `usage: npm run -s train:word2vec -- [--corpus brown|FILE] [--fraction 1] [--dims 100] [--epochs 5] [--seed 1] [--threads 1] [--out NAME] [--json]

Skip-gram with negative sampling (window 5, 5 negatives, min count 5, sub-sampling 1e-3, learning
rate 0.025 → 0.0001: gensim 4.2's defaults), then the Google analogy test set over the questions
whose words are in the vocabulary, and the nearest neighbours of a few words.

  --corpus C         brown (models/brown.corpus, the default) or a plain-text FILE, one sentence a line
  --fraction F       train on this share of the sentences (0 < F ≤ 1; the same sentences for any seed)
  --dims N           vector size (default 100)
  --epochs N         passes over the corpus (default 5)
  --seed N           random seed (default 1): the same seed on one thread gives the same vectors
  --threads N        1 (the only choice: training runs on one thread, as gensim with workers=1)
  --engine E         auto (WebAssembly SIMD when available), wasm or js
  --probes W,W,…     words whose neighbours are printed (default ${DEFAULT_PROBES})
  --questions FILE   analogy questions (default $WVE_QUESTIONS, else ../shared/data/questions-words.txt)
  --out NAME         write the vectors to models/NAME (a new name: an existing set is never replaced)
  --json             print one JSON object`;

runCli('train:word2vec', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      corpus: { type: 'string' },
      fraction: { type: 'string' },
      dims: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      threads: { type: 'string' },
      engine: { type: 'string' },
      probes: { type: 'string' },
      questions: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const fraction = values.fraction === undefined ? 1 : Number(values.fraction);
  if (!(fraction > 0 && fraction <= 1)) throw new UsageError(`--fraction must be a number in (0, 1], got "${values.fraction}"`);
  const dims = intFlag(values.dims, 'dims', GENSIM_DEFAULTS.dims, 1, 1000);
  const epochs = intFlag(values.epochs, 'epochs', GENSIM_DEFAULTS.epochs, 1, 1000);
  const seed = intFlag(values.seed, 'seed', GENSIM_DEFAULTS.seed, 0, 2 ** 32 - 1);
  const threads = intFlag(values.threads, 'threads', 1, 1);
  if (threads !== 1) throw new UsageError(`--threads ${threads}: training runs on one thread (as gensim with workers=1); use --threads 1`);
  const engine = choiceFlag<EngineChoice>(values.engine, 'engine', ['auto', 'wasm', 'js'], 'auto');
  const out = values.out;
  if (out !== undefined) {
    const problem = setNameProblem(out);
    if (problem) throw new UsageError(`--out: ${problem}`);
    // Never replace a set: it may be the site's own or one kept earlier.
    if (existsSync(path.join(modelsDir(), out))) throw new Error(`models/${out} already exists: choose another --out name, or remove that folder first`);
  }
  const probes = (values.probes ?? DEFAULT_PROBES).split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  const questions = await loadQuestions(values.questions ?? DEFAULT_QUESTIONS);

  const { corpus, name, source, licence } = await loadCorpus(values.corpus ?? 'brown', fraction);
  const model = await Word2Vec.create(corpus, { dims, epochs, seed }, engine);
  if (!values.json) {
    console.error(`${name}: ${corpus.ids.length.toLocaleString('en')} tokens, vocabulary ${model.vocab.size.toLocaleString('en')}, engine ${model.engine.kind}`);
  }
  model.trainAll((e) => {
    if (!values.json) console.error(`epoch ${e.epoch}/${epochs}: loss ${e.loss.toFixed(4)} per pair, ${e.pairs.toLocaleString('en')} pairs, ${e.seconds.toFixed(1)} s`);
  });
  const vectors = model.vectors();
  const index = await VectorIndex.create(model.vocab.words, vectors, dims);
  const analogy = analogyScore(index, questions);
  const neighbors = Object.fromEntries(probes.map((w) => [w, index.nearest(w, 10).map((n) => n.word)]));
  const last = model.history[model.history.length - 1];

  if (out) {
    await removeStaleTemporaries(modelsDir(), out);
    const writer = await VectorSetWriter.create(modelsDir(), {
      name: out,
      title: `word2vec on ${name}${fraction < 1 ? ` (${fraction} of it)` : ''}, ${dims}d, ${epochs} epochs, seed ${seed}`,
      dims,
      source: `trained with npm run train:word2vec on ${source}`,
      licence,
    });
    try {
      for (let w = 0; w < model.vocab.size; w++) await writer.add(model.vocab.words[w], vectors.subarray(w * dims, (w + 1) * dims));
      await writer.finish();
    } catch (e) {
      await writer.abort();
      throw e;
    }
  }

  const result = {
    corpus: name,
    fraction,
    tokens: corpus.ids.length,
    sentences: corpus.sentenceEnds.length,
    vocab: model.vocab.size,
    dims,
    epochs,
    seed,
    threads,
    engine: model.engine.kind,
    seconds: round(model.trainSeconds, 3),
    wordsPerSecond: Math.round(model.wordsPerSecond),
    loss: round(last.loss, 5),
    lossByEpoch: model.history.map((e) => round(e.loss, 5)),
    analogy: { accuracy: round(analogy.accuracy, 5), correct: analogy.correct, attempted: analogy.attempted, skipped: analogy.skipped },
    neighbors,
    ...(out ? { out } : {}),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`${result.tokens.toLocaleString('en')} tokens × ${epochs} epochs in ${result.seconds} s: ${result.wordsPerSecond.toLocaleString('en')} words/s (${result.engine})`);
  console.log(`loss ${result.loss} per pair; analogy ${(analogy.accuracy * 100).toFixed(2)} % (${analogy.correct}/${analogy.attempted} attempted, ${analogy.skipped} skipped)`);
  for (const [w, list] of Object.entries(neighbors)) console.log(`  ${w.padEnd(10)} ${list.length ? list.join(', ') : '(not in the vocabulary)'}`);
  if (out) console.log(`wrote models/${out}`);
});

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
