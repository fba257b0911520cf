/**
 * GPT-2 forward-pass speed: onnxruntime-web (WASM, in Node) vs onnxruntime-node (native) vs
 * PyTorch on CPU (scripts/bench/torch_gpt2.py), on the same weights and tokens, every output
 * fetched with the logit lens at the last token; then the layers-page run (next_logits +
 * lens_logits + attn) in WASM with the bytes it returns. Checks that the three agree on
 * next_logits, lens_logits (at several positions, from one more untimed run), final_norm and
 * resid. Median of --runs after --warmup.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pkg from 'onnx-proto';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { buildGpt2Graph } from '../lib/gpt2/graph';
import { gpt2DefaultFeeds } from '../lib/gpt2/graph-contract';
import { halfBitsToFloat32 } from '../lib/float16';
import { randomGpt2Weights, SMALL_CONFIG, TINY_CONFIG } from '../lib/gpt2/test-weights';
import { gpt2TensorShapes, type Gpt2Config, type Gpt2Weights, type Tensor } from '../lib/gpt2/weights';
import { writeSafetensorsFile } from '../lib/node/safetensors-file';
import { seededRandom } from '../lib/random';
import { choiceFlag, intFlag, parseCli, runCli, UsageError } from './cli';

const { onnx } = pkg;
const TORCH_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'bench/torch_gpt2.py');
const PYTHON = '/usr/bin/python3';

const USAGE = `usage: npm run -s bench:gpt2 -- [--tokens 64] [--runs 10] [--warmup 2] [--threads 1] [--random small|tiny | --model DIR] [--no-torch]

  --tokens N    prompt length (random token ids, seed 1; default 64)
  --runs N      timed runs per engine after --warmup untimed ones (defaults 10 and 2)
  --threads N   intra-op threads for every engine: WASM (env.wasm.numThreads), native ORT, torch (default 1)
  --random S    random weights shaped like GPT-2 small (12 layers, 768 dims; default) or the tiny test model
  --model DIR   a model folder (model.onnx + gpt2.json) instead; torch reads its weights back out of model.onnx
  --no-torch    skip PyTorch`;

type Feeds = Record<string, ortNode.Tensor>;

runCli('bench:gpt2', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      tokens: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      threads: { type: 'string' },
      random: { type: 'string' },
      model: { type: 'string' },
      'no-torch': { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.model && values.random) throw new UsageError('give --model or --random, not both');
  const tokens = intFlag(values.tokens, 'tokens', 64);
  const runs = intFlag(values.runs, 'runs', 10);
  const warmup = intFlag(values.warmup, 'warmup', 2, 0);
  const threads = intFlag(values.threads, 'threads', 1);
  const size = choiceFlag(values.random, 'random', ['small', 'tiny'] as const, 'small');

  console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  let model: Uint8Array;
  let weights: Gpt2Weights;
  if (values.model) {
    const manifest = JSON.parse(await readFile(path.join(values.model, 'gpt2.json'), 'utf8'));
    if (manifest.dtype === 'int8') throw new UsageError(`${values.model} is an int8 model: PyTorch cannot run its weights as they are; compare int8 with npm run -s bench:gpt2-int8`);
    model = await readFile(path.join(values.model, 'model.onnx'));
    weights = weightsFromOnnx(model, manifest.config as Gpt2Config);
    console.log(`model: ${values.model} (${manifest.label}), ${mb(model.length)}`);
  } else {
    const t0 = performance.now();
    weights = randomGpt2Weights(size === 'small' ? SMALL_CONFIG : TINY_CONFIG, 1);
    const t1 = performance.now();
    model = buildGpt2Graph(weights);
    const t2 = performance.now();
    const fp16 = buildGpt2Graph(weights, { dtype: 'fp16' }).length;
    const t3 = performance.now();
    console.log(`model: random weights shaped like ${size === 'small' ? 'GPT-2 small' : 'the tiny test model'} (made in ${s(t1 - t0)})`);
    console.log(`  model.onnx fp32 ${mb(model.length)} (built in ${s(t2 - t1)}), fp16 ${mb(fp16)} (built in ${s(t3 - t2)}); peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
  }
  const config = weights.config;
  if (tokens > config.nPositions) throw new UsageError(`--tokens ${tokens} is over the model's context (${config.nPositions})`);
  const rand = seededRandom(1);
  const ids = Array.from({ length: tokens }, () => Math.floor(rand() * config.vocabSize));
  console.log(`config: ${config.nLayer} layers, ${config.nHead} heads, ${config.nEmbd} dims, vocab ${config.vocabSize}; ${tokens} tokens; ${threads} thread(s) everywhere; median of ${runs} runs after ${warmup} warm-up\n`);

  /** The timed runs read the lens at the last token, as the layers page does; the agreement check at three positions. */
  const checkPositions = [0, Math.floor(tokens / 2), -1];
  const feeds = <T>(Tensor: new (type: 'int64' | 'float32', data: BigInt64Array | Float32Array, dims: number[]) => T, lens = [-1]) => {
    const d = gpt2DefaultFeeds(config);
    return {
      input_ids: new Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, tokens]),
      head_mask: new Tensor('float32', d.head_mask, [config.nLayer, config.nHead]),
      mlp_mask: new Tensor('float32', d.mlp_mask, [config.nLayer]),
      lens_position: new Tensor('int64', BigInt64Array.from(lens, BigInt), [lens.length]),
    };
  };

  const rows: { engine: string; ms: number; min: number }[] = [];
  /** Per engine, the outputs compared across engines (from a run with the lens at checkPositions). */
  const outputs: Record<string, Record<Compared, Float32Array>> = {};

  // Both ORT sessions live side by side and their runs alternate, so load from other processes
  // hits them alike; the minimum is the best estimate of an undisturbed run.
  const node = await ortNode.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, logSeverityLevel: 3 });
  const nodeFeeds = feeds(ortNode.Tensor) as Feeds;
  ortWeb.env.wasm.numThreads = threads;
  const web = await ortWeb.InferenceSession.create(model, { logSeverityLevel: 3 });
  const webFeeds = feeds(ortWeb.Tensor) as unknown as Record<string, ortWeb.Tensor>;
  // The layers view: the prediction, the logit lens for every layer, every head's attention.
  const fetches = ['next_logits', 'lens_logits', 'attn'];
  const [nodeTimed, webTimed, lensTimed] = await timeInterleaved(
    [() => node.run(nodeFeeds), () => web.run(webFeeds), () => web.run(webFeeds, fetches)] as (() => Promise<Record<string, { data: unknown }>>)[],
    warmup,
    runs,
  );
  rows.push({ engine: `onnxruntime-node ${ortNode.env.versions.node ?? ''} (native CPU, ${threads} thread(s))`, ...nodeTimed });
  rows.push({ engine: `onnxruntime-web ${ortWeb.env.versions.web ?? ''} (WASM in Node, ${ortWeb.env.wasm.numThreads} thread(s))`, ...webTimed });
  const compared = async (run: () => Promise<Record<string, { data: unknown }>>) => {
    const out = await run();
    return Object.fromEntries(COMPARED.map((k) => [k, out[k].data as Float32Array])) as Record<Compared, Float32Array>;
  };
  outputs.node = await compared(() => node.run(feeds(ortNode.Tensor, checkPositions) as Feeds));
  outputs.web = await compared(() => web.run(feeds(ortWeb.Tensor, checkPositions) as unknown as Record<string, ortWeb.Tensor>));
  const lensBytes = fetches.map((k) => [k, (lensTimed.last[k].data as Float32Array).byteLength] as const);
  await node.release();
  await web.release();

  if (!values['no-torch']) {
    const torch = await runTorch(weights, ids, runs, warmup, threads, checkPositions);
    if ('error' in torch) console.log(`PyTorch: not run (${torch.error})`);
    else {
      rows.push({ engine: `PyTorch ${torch.version} (CPU, ${torch.threads} thread(s))`, ms: torch.ms, min: torch.min });
      outputs.torch = torch.outputs;
    }
  }

  console.log('all outputs (resid, final_norm, attn, lens_logits at the last token, next_logits):');
  console.log('| engine | median ms | min ms | median × native ORT |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.engine} | ${r.ms.toFixed(1)} | ${r.min.toFixed(1)} | ${(r.ms / nodeTimed.ms).toFixed(2)} |`);
  console.log(`\nWASM / native ORT = ${(webTimed.ms / nodeTimed.ms).toFixed(2)} by medians, ${(webTimed.min / nodeTimed.min).toFixed(2)} by minima (goal ≤ 2)`);
  const largest = outputs.node.next_logits.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  console.log(`\nagreement (lens at positions ${checkPositions.join(', ')}); largest |next logit| ${largest.toFixed(1)}; differences are float32 rounding through ${config.nLayer} layers:`);
  const names = Object.keys(outputs);
  const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));
  console.log(`| max abs difference | ${pairs.map(([a, b]) => `${a} − ${b}`).join(' | ')} |\n|---|${pairs.map(() => '---:|').join('')}`);
  for (const k of COMPARED) console.log(`| ${k} | ${pairs.map(([a, b]) => maxAbsDiff(outputs[a][k], outputs[b][k]).toExponential(2)).join(' | ')} |`);
  const total = lensBytes.reduce((a, [, b]) => a + b, 0);
  console.log(`\nlayers view (fetch ${fetches.join(' + ')}) in WASM: median ${lensTimed.ms.toFixed(1)} ms, min ${lensTimed.min.toFixed(1)} ms; ` + `output bytes ${lensBytes.map(([k, b]) => `${k} ${mb(b)}`).join(', ')} = ${mb(total)} per run`);
  console.log(`load average after: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
});

/** Runs each function once per round, in turn: `warmup` untimed rounds, then `runs` timed ones. */
async function timeInterleaved<T>(fns: (() => Promise<T>)[], warmup: number, runs: number): Promise<{ ms: number; min: number; last: T }[]> {
  const times = fns.map(() => [] as number[]);
  const last: T[] = [];
  for (let round = 0; round < warmup + runs; round++) {
    for (let i = 0; i < fns.length; i++) {
      const t0 = performance.now();
      last[i] = await fns[i]();
      if (round >= warmup) times[i].push(performance.now() - t0);
    }
  }
  return fns.map((_, i) => ({ ms: median(times[i]), min: Math.min(...times[i]), last: last[i] }));
}

/** The outputs every engine must agree on; the same files torch_gpt2.py writes. */
const COMPARED = ['next_logits', 'lens_logits', 'final_norm', 'resid'] as const;
type Compared = (typeof COMPARED)[number];

/**
 * Writes the weights to a temp safetensors file and runs the PyTorch benchmark on it: timed runs
 * with the lens at the last token, then one run with the lens at `checkPositions` for the outputs.
 */
async function runTorch(weights: Gpt2Weights, ids: number[], runs: number, warmup: number, threads: number, checkPositions: number[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-gpt2-'));
  try {
    const file = path.join(dir, 'weights.safetensors');
    const specs = gpt2TensorShapes(weights.config).map(([name, shape]) => ({ name, shape, dtype: 'F32' as const }));
    await writeSafetensorsFile(file, specs, (spec) => weights.get(spec.name).data);
    const args = [TORCH_SCRIPT, '--weights', file, '--config', JSON.stringify(weights.config), '--ids', ids.join(','), '--runs', String(runs), '--warmup', String(warmup), '--threads', String(threads)];
    args.push('--lens-positions', '-1', '--check-lens-positions', checkPositions.join(','), '--out-dir', dir);
    let stdout: string;
    try {
      ({ stdout } = await promisify(execFile)(PYTHON, args, { maxBuffer: 1 << 20, env: { ...process.env, OMP_NUM_THREADS: String(threads) } }));
    } catch (e) {
      return { error: `${PYTHON} ${path.basename(TORCH_SCRIPT)} failed: ${((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n').slice(-1)[0]}` };
    }
    const result = JSON.parse(stdout.trim().split('\n').slice(-1)[0]);
    const outputs = {} as Record<Compared, Float32Array>;
    for (const k of COMPARED) {
      const bytes = await readFile(path.join(dir, `${k}.f32`));
      outputs[k] = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    }
    return { version: result.torch as string, threads: result.threads as number, ms: result.median_ms as number, min: Math.min(...(result.runs_ms as number[])), outputs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The HF-named initializers of one of our model.onnx files as weights (float16 ones decoded). */
function weightsFromOnnx(bytes: Uint8Array, config: Gpt2Config): Gpt2Weights {
  const tensors = new Map<string, Tensor>();
  for (const t of onnx.ModelProto.decode(bytes).graph?.initializer ?? []) {
    const shape = (t.dims ?? []).map(Number);
    const copy = new Uint8Array(t.rawData as Uint8Array); // a copy, so 4-byte aligned
    if (t.dataType === onnx.TensorProto.DataType.FLOAT) tensors.set(t.name!, { shape, data: new Float32Array(copy.buffer) });
    else if (t.dataType === onnx.TensorProto.DataType.FLOAT16) tensors.set(t.name!, { shape, data: halfBitsToFloat32(new Uint16Array(copy.buffer)) });
  }
  return {
    config,
    get(name) {
      const t = tensors.get(name);
      if (!t) throw new Error(`model.onnx has no initializer ${name}`);
      return t;
    },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
