/**
 * `npm run -s train:scaling [-- --corpus brown|FILE] [--seed 1] [--epochs 5] [--json]`: the /train
 * page's "what more data buys" experiment in Node, with the same code (lib/train/scaling.ts):
 * word2vec on 1/8, 1/4, 1/2 and all of the corpus, then GloVe 6B from models/glove-6b-100d (its
 * 8-bit rows, as the page reads them), all scored on the same questions and pairs.
 */
import { DEFAULT_SET, loadVectorSet } from '../lib/node/vector-set-reader';
import { GLOVE_6B_TOKENS, pretrainedPoint, scaleStep, scalingReference, SCALING_FRACTIONS } from '../lib/train/scaling';
import { GENSIM_DEFAULTS } from '../lib/train/word2vec';
import { intFlag, parseCli, runCli, UsageError } from './cli';
import { loadCorpus, loadQuestions } from './train-common';

const USAGE = `usage: npm run -s train:scaling [-- --corpus brown|FILE] [--seed 1] [--epochs 5] [--json]

Trains word2vec (gensim's defaults) on 1/8, 1/4, 1/2 and all of the corpus and scores each, then
GloVe 6B (models/${DEFAULT_SET}) restricted to the whole corpus's vocabulary, on the analogy
questions whose words that vocabulary has and on related-pair recall at 10.`;

runCli('train:scaling', USAGE, async () => {
  const { values, positionals } = parseCli({ corpus: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const seed = intFlag(values.seed, 'seed', GENSIM_DEFAULTS.seed, 0, 2 ** 32 - 1);
  const epochs = intFlag(values.epochs, 'epochs', GENSIM_DEFAULTS.epochs, 1, 100);
  const { corpus, name } = await loadCorpus(values.corpus ?? 'brown');
  const ref = scalingReference(corpus, GENSIM_DEFAULTS.minCount, await loadQuestions());
  const log = (s: string) => values.json || console.error(s);
  log(`${name}: ${ref.questions.length} questions and ${ref.pairs.length} related pairs within the whole corpus's ${ref.candidates.length.toLocaleString('en')} words`);
  const points = [];
  for (const fraction of SCALING_FRACTIONS) {
    const point = await scaleStep(corpus, fraction, { seed, epochs }, ref, () => undefined);
    points.push(point);
    log(`${point.label.padEnd(4)} ${point.tokens.toLocaleString('en').padStart(10)} tokens: analogy ${(point.analogy.accuracy * 100).toFixed(2)} %, pairs ${(point.pairs.recall * 100).toFixed(1)} %`);
  }
  const glove = await loadVectorSet(DEFAULT_SET);
  const { dims } = glove.manifest;
  const ids = new Map(glove.words.map((w, i) => [w, i]));
  const row = new Float32Array(dims);
  const point = await pretrainedPoint('GloVe 6B', GLOVE_6B_TOKENS, dims, ref, (word) => {
    const id = ids.get(word);
    if (id === undefined) return null;
    for (let i = 0; i < dims; i++) row[i] = glove.q[id * dims + i] * glove.scales[id];
    return row;
  });
  points.push(point);
  log(`GloVe 6B: ${point.vocab.toLocaleString('en')} of those words: analogy ${(point.analogy.accuracy * 100).toFixed(2)} %, pairs ${(point.pairs.recall * 100).toFixed(1)} %`);
  if (values.json) console.log(JSON.stringify({ corpus: name, seed, epochs, questions: ref.questions.length, pairs: ref.pairs.length, points }));
});
