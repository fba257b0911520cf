/**
 * The Google analogy benchmark with gensim's protocol (lib/vectors/analogy-benchmark.ts),
 * solved in batches with onnxruntime-node (lib/node/batch-analogy.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveBatched } from '../lib/node/batch-analogy';
import { googleQuestionsFile } from '../lib/node/analogy-questions-file';
import { DEFAULT_SET, loadVectorSet } from '../lib/node/vector-set-reader';
import { METHODS } from '../lib/vectors/methods';
import { parseQuestions, resolveQuestions, scoreAnswers, sectionsOf } from '../lib/vectors/analogy-benchmark';
import { dequantise } from '../lib/vectors/format';
import { norm } from '../lib/vectors/kernels';
import { choiceFlag, intFlag, parseCli, runCli, setFlag, UsageError } from './cli';
import { createProgress } from './progress';

const DEFAULT_QUESTIONS = googleQuestionsFile(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

const USAGE = `usage: npm run -s bench:analogy -- [--questions FILE] [--vocab 300000] [--method 3cosadd|3cosmul] [--dtype f32|stored] [--set NAME] [--json]

  --questions FILE  analogy questions in the word2vec format (default ../shared/data/questions-words.txt)
  --vocab N         candidates and question words restricted to the N most frequent words (default 300000)
  --method M        3cosadd (default) or 3cosmul
  --dtype D         f32: the original float32 vectors; stored: the int8 vectors the app uses (default f32)
  --set NAME        vector set in models/ (default ${DEFAULT_SET})
  --json            print one JSON object`;

runCli('bench:analogy', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      questions: { type: 'string' },
      vocab: { type: 'string' },
      method: { type: 'string' },
      dtype: { type: 'string' },
      set: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const vocab = intFlag(values.vocab, 'vocab', 300_000);
  const method = choiceFlag(values.method, 'method', METHODS, '3cosadd');
  const dtype = choiceFlag(values.dtype, 'dtype', ['f32', 'stored'] as const, 'f32');
  const setName = setFlag(values.set, DEFAULT_SET);
  const questionsFile = values.questions ?? DEFAULT_QUESTIONS;
  if (!existsSync(questionsFile)) {
    throw new Error(
      `questions file not found: ${questionsFile}\n` +
        'It is the Google analogy test set (questions-words.txt) from the original word2vec distribution; ' +
        'gensim also ships it as gensim/test/test_data/questions-words.txt. Pass its path with --questions FILE.',
    );
  }

  const t0 = performance.now();
  const set = await loadVectorSet(setName, { reference: dtype === 'f32' });
  const { dims } = set.manifest;
  const n = Math.min(vocab, set.manifest.count);
  const rows = dtype === 'f32' ? unitRows(set.reference!, dims, n) : dequantise(set.q, set.scales, dims, n);
  const questions = parseQuestions(await readFile(questionsFile, 'utf8'));
  const { attempted, skipped } = resolveQuestions(questions, set.words, n);
  const loadSeconds = (performance.now() - t0) / 1000;

  const progress = createProgress(`${method} ${dtype}`, attempted.length, 'questions');
  const t1 = performance.now();
  const predicted = await solveBatched(rows, dims, attempted, method, (done) => progress.update(done));
  const seconds = (performance.now() - t1) / 1000;
  progress.done();

  const score = scoreAnswers(attempted, predicted, skipped, sectionsOf(questions));
  const result = { ...score, seconds: round(seconds, 3), loadSeconds: round(loadSeconds, 3), method, dtype, vocab: n, set: set.manifest.name, engine: 'onnxruntime-node', questions: questionsFile };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`${set.manifest.title}, ${method}, ${dtype}, top ${n.toLocaleString('en')} words`);
  console.log(`accuracy ${(score.accuracy * 100).toFixed(2)} % (${score.correct}/${score.attempted} attempted, ${score.skipped} skipped) in ${seconds.toFixed(1)} s`);
  for (const [name, acc] of Object.entries(score.sections)) console.log(`  ${name.padEnd(28)} ${acc === null ? '   -' : (acc * 100).toFixed(2)}`);
});

/** Unit-normalises the first n rows (zero rows stay zero), like gensim's get_normed_vectors. */
function unitRows(vectors: Float32Array, dims: number, n: number): Float32Array {
  const out = new Float32Array(n * dims);
  for (let r = 0; r < n; r++) {
    const length = norm(vectors.subarray(r * dims, (r + 1) * dims));
    const inv = length > 0 ? 1 / length : 0;
    for (let i = 0; i < dims; i++) out[r * dims + i] = vectors[r * dims + i] * inv;
  }
  return out;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
