/**
 * Single-query latency in Node: the median of 200 analogy queries over all words, using the
 * first 200 attemptable questions of the analogy test set (as scripts/bench/gensim_analogy.py
 * does for gensim). Reports the kernel pass alone and the whole query (parse, lookup, kernel,
 * top-k, input-word ranks).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../lib/node/open-engine';
import { DEFAULT_SET } from '../lib/node/vector-set-reader';
import { parseQuestions, resolveQuestions } from '../lib/vectors/analogy-benchmark';
import { METHODS } from '../lib/vectors/methods';
import { choiceFlag, intFlag, parseCli, runCli, UsageError } from './cli';

const DEFAULT_QUESTIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/questions-words.txt');
const USAGE = 'usage: npx tsx scripts/bench-query.ts [--runs 200] [--method 3cosadd|3cosmul] [--set NAME] [--questions FILE]';

runCli('bench-query', USAGE, async () => {
  const { values, positionals } = parseCli({ runs: { type: 'string' }, method: { type: 'string' }, set: { type: 'string' }, questions: { type: 'string' } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const runs = intFlag(values.runs, 'runs', 200);
  const method = choiceFlag(values.method, 'method', METHODS, '3cosadd');
  const engine = await openEngine(values.set ?? DEFAULT_SET);
  const { store } = engine;
  const questions = parseQuestions(await readFile(values.questions ?? DEFAULT_QUESTIONS, 'utf8'));
  const picked = resolveQuestions(questions, store.words, store.info.count).attempted.slice(0, runs);
  const text = (i: number) => {
    const q = picked[i % picked.length];
    return `${store.words[q.b]} - ${store.words[q.a]} + ${store.words[q.c]}`;
  };
  for (let i = 0; i < 5; i++) engine.query(text(i), { method }); // warm-up

  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    engine.query(text(i), { method, k: 10 });
    whole.push(performance.now() - t);
  }
  const kernel: number[] = [];
  const query = store.unitVector(0);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    store.scorer.scores([query], store.loadedRows);
    kernel.push(performance.now() - t);
  }
  console.log(
    JSON.stringify({
      words: store.loadedRows,
      dims: store.info.dims,
      method,
      runs,
      kernel: store.scorer.kind,
      queryMedianMs: median(whole),
      queryP90Ms: quantile(whole, 0.9),
      kernelPassMedianMs: median(kernel),
    }),
  );
});

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3));
}
const median = (xs: number[]) => quantile(xs, 0.5);
