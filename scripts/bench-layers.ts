/**
 * The layers page's run, as its worker does it (LayersRunner), on a model folder in
 * onnxruntime-web's WASM build in Node: a prompt of --tokens tokens (with the leading
 * <|endoftext|>), logit lens + attention for every head + next_logits; then the lens at a
 * clicked position, an ablated run (plus its unablated baseline), and a lazily fetched head.
 * Reports the model time and the bytes the worker posts to the page per run (transferables plus
 * the token list), and the page-side maths (lens table, next-token top-k) on the posted arrays.
 *
 *   npx tsx scripts/bench-layers.ts [--model models/gpt2-small-random] [--tokens 64] [--runs 5] [--warmup 1] [--threads 1]
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { parseAblation } from '../lib/gpt2/ablation';
import { LayersRunner, resultBuffers, tokenizePrompt, type LayersRequest, type LayersResult } from '../lib/gpt2/layers-run';
import { lensTable } from '../lib/gpt2/logit-lens';
import { predict } from '../lib/gpt2/next-token';
import { checkContextLength, createGpt2Session } from '../lib/gpt2/runtime';
import type { Gpt2Config } from '../lib/gpt2/weights';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = `usage: npx tsx scripts/bench-layers.ts [--model DIR] [--tokens 64] [--runs 5] [--warmup 1] [--threads 1]

  --model DIR   a GPT-2 model folder (default models/gpt2-small-random)
  --tokens N    prompt length in tokens, <|endoftext|> included (default 64)
  --runs N      timed runs of each case after --warmup untimed ones (defaults 5 and 1)
  --threads N   WASM threads (env.wasm.numThreads; default 1)`;

/** The IOI sentence repeated word by word up to exactly n tokens (with the leading <|endoftext|>); " the" fills a gap. */
function promptOfTokens(n: number, nPositions: number): string {
  const words = 'When Mary and John went to the store, John gave a drink to Mary.'.split(/(?= )/);
  const count = (t: string) => tokenizePrompt(t, Infinity).ids.length;
  let text = words[0];
  for (let i = 1; count(text) < n; i++) {
    const w = words[i % words.length];
    const next = text + (w.startsWith(' ') ? w : ` ${w}`);
    text = count(next) <= n ? next : `${text} the`;
  }
  if (count(text) !== n) throw new UsageError(`could not make a prompt of exactly ${n} tokens (got ${count(text)})`);
  checkContextLength(n, nPositions, 'The prompt');
  return text;
}

/** Bytes posted per result: the transferred arrays plus the structured-cloned rest (ids, pieces, numbers), estimated as its JSON. */
function postedBytes(r: LayersResult): { transferred: number; rest: number } {
  const transferred = resultBuffers(r).reduce((a, b) => a + b.byteLength, 0);
  const { finalLogits, baselineLogits, lensLogits, thumbnails, head, ...rest } = r;
  void finalLogits, void baselineLogits, void lensLogits;
  return { transferred, rest: JSON.stringify({ ...rest, thumbnails: { size: thumbnails.size }, head: { ...head, data: null } }).length };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

runCli('bench-layers', USAGE, async () => {
  const { values, positionals } = parseCli(
    { model: { type: 'string' }, tokens: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' }, threads: { type: 'string' } },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dir = values.model ?? 'models/gpt2-small-random';
  const tokens = intFlag(values.tokens, 'tokens', 64, 2);
  const runs = intFlag(values.runs, 'runs', 5);
  const warmup = intFlag(values.warmup, 'warmup', 1, 0);
  ort.env.wasm.numThreads = intFlag(values.threads, 'threads', 1);

  const manifest = JSON.parse(await readFile(path.join(dir, 'gpt2.json'), 'utf8').catch(() => {
    throw new UsageError(`no GPT-2 model in ${dir} (make one with npm run -s models:random-gpt2 -- --size small --if-missing)`);
  }));
  const config = manifest.config as Gpt2Config;
  const bytes = await readFile(path.join(dir, manifest.files.model.path));
  console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  console.log(`model: ${dir} (${manifest.label}), ${mb(bytes.length)}; ${config.nLayer} layers × ${config.nHead} heads, ${config.nEmbd} dims`);
  const t0 = performance.now();
  const session = await createGpt2Session(ort, bytes, config);
  console.log(`onnxruntime-web ${session.info.provider}, ${session.info.threads} thread(s); session created in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const prompt = promptOfTokens(tokens, config.nPositions);
  const runner = new LayersRunner(session);
  const ablation = parseAblation(config.nLayer >= 10 ? '9.9,9.6,10.0' : '0.0', config).ablation;
  const base: LayersRequest = { prompt, ablation: { heads: [], mlps: [] }, position: -1, layer: 0, head: 0 };
  const cases: [string, LayersRequest][] = [
    ['lens at the last token + attention + next_logits', base],
    ['lens at a clicked token (position 10)', { ...base, position: 10 }],
    [`ablated (${ablation.heads.map(([l, h]) => `${l}.${h}`).join(',')}), baseline cached`, { ...base, ablation }],
  ];
  console.log(`prompt: ${tokens} tokens; median of ${runs} runs after ${warmup} warm-up\n`);
  for (const [name, req] of cases) {
    const ms: number[] = [];
    let last!: LayersResult;
    for (let i = 0; i < warmup + runs; i++) {
      const t = performance.now();
      last = await runner.run(req);
      if (i >= warmup) ms.push(performance.now() - t);
    }
    const posted = postedBytes(last);
    console.log(`${name}: median ${median(ms).toFixed(0)} ms (model ${last.runMs.toFixed(0)} ms in the last run), min ${Math.min(...ms).toFixed(0)} ms`);
    console.log(`  posted to the page: ${mb(posted.transferred)} transferred (final logits ${mb(last.finalLogits.byteLength)}, lens ${mb(last.lensLogits.byteLength)}, ` +
      `thumbnails ${last.thumbnails.size}² × ${config.nLayer * config.nHead} ${mb(last.thumbnails.data.byteLength)}, one head ${mb(last.head.data.byteLength)}` +
      `${last.baselineLogits ? `, baseline ${mb(last.baselineLogits.byteLength)}` : ''}) + ${(posted.rest / 1e3).toFixed(1)} kB cloned`);
  }
  // An ablated run on a new prompt also runs the unablated baseline once.
  const fresh = await runner.run({ ...base, prompt: `${prompt.slice(0, -1)}.`, ablation });
  console.log(`ablated run on a new prompt: model ${fresh.runMs.toFixed(0)} ms + unablated baseline (next_logits, no lens) ${fresh.baselineMs.toFixed(0)} ms`);

  const last = await runner.run(base);
  const th = performance.now();
  const head = runner.head(last.runId, config.nLayer - 1, config.nHead - 1);
  console.log(`lazy head fetch (no rerun): ${(performance.now() - th).toFixed(2)} ms, ${mb(head.data.byteLength)} posted`);
  const full = config.nLayer * config.nHead * tokens * tokens * 4;
  console.log(`(the full attn [L, H, T, T] would be ${mb(full)}; the raw outputs lens_logits + attn ${mb(last.lensLogits.byteLength + full)})`);
  const tm = performance.now();
  lensTable(last.lensLogits, config.vocabSize, 5);
  predict(last.finalLogits, 10, 1);
  console.log(`page-side maths (lens table of ${config.nLayer + 1} rows + next-token top 10): ${(performance.now() - tm).toFixed(0)} ms`);
  console.log(`load average after: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
});
