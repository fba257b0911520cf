/**
 * The int8 GPT-2 graph against fp32 (and fp16) on onnxruntime-web's WASM build in Node, on the
 * GPT-2-small-shaped random models: the sharp test fixture (randomGpt2Weights(SMALL_CONFIG, 1),
 * which amplifies early errors 30–65×) and Hugging Face's own initialisation
 * (hfRandomGpt2Weights(SMALL_CONFIG, 1)); speed and sizes on the fixture:
 *
 *   - speed: all outputs fetched (the lens at the last token), --tokens tokens, median of --runs
 *     after --warmup, fp32 and the int8 variants interleaved in one process per thread count
 *     (ORT-web fixes its threads per process); also the generation step (next_logits, no lens);
 *   - size of model.onnx for fp32, fp16 and the int8 variants (the default: the first block and
 *     h.1.attn.c_attn in float16; every projection int8; per-row activation scales);
 *   - accuracy on --prompts seeded random prompts: relative RMS of the centred logits at every
 *     position against fp32 and top-1 agreement, for fp16, the int8 variants, smoothing off, int8
 *     weights with float activations (how sensitive the model itself is), and ×30 outlier channels;
 *   - --step [--before DIR]: a generation step and a layers-page run at --step-tokens, against the
 *     same model built by an earlier version of the builder;
 *   - --profile: time per op type (ORT's profiler) for fp32 and int8, 1 thread, and whether the
 *     quantised matmuls ran as the fused int8 kernel;
 *   - --external: an fp32 graph whose weights stay in model.safetensors (external data) against
 *     the embedded graph: graph size, session creation time and peak RSS, each in its own process.
 *
 *   npx tsx scripts/bench-gpt2-int8.ts [--tokens 64] [--runs 7] [--warmup 2] [--threads 1,2] [--prompts 3] [--profile] [--external] [--sensitivity] [--json]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { buildGpt2Graph, type Gpt2GraphOptions } from '../lib/gpt2/graph';
import { gpt2DefaultFeeds } from '../lib/gpt2/graph-contract';
import { dequantize, quantizeColumns, quantizeRows } from '../lib/gpt2/quantize';
import { hfRandomGpt2Weights, randomGpt2Weights, SMALL_CONFIG, withOutlierChannels } from '../lib/gpt2/test-weights';
import { gpt2WeightsFromSafetensors, type Gpt2Config, type Gpt2Weights } from '../lib/gpt2/weights';
import { gpt2ConfigJson, writeGpt2Folder, WEIGHTS_FILE } from '../lib/node/gpt2-convert';
import { readSafetensorsFile } from '../lib/node/safetensors-file';
import { seededRandom } from '../lib/random';
import { choiceFlag, intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = `usage: npx tsx scripts/bench-gpt2-int8.ts [--tokens 64] [--runs 7] [--warmup 2] [--threads 1,2] [--prompts 3] [--profile] [--external] [--model fixture|hf|both] [--sensitivity] [--step [--before DIR] [--step-tokens 32,64]] [--no-speed] [--no-accuracy] [--json]

  --tokens N     prompt length (seeded random token ids; default 64)
  --runs N       timed runs of each model after --warmup untimed ones (defaults 7 and 2)
  --threads L    comma-separated WASM thread counts, each measured in its own process (default 1,2)
  --prompts N    prompts for the accuracy figures (default 3)
  --model M      the accuracy figures' model: fixture (randomGpt2Weights), hf (Hugging Face's
                 initialisation) or both (default)
  --profile      time per op type for fp32 and int8 (1 thread) from ORT's profiler
  --external     fp32 with external data (weights left in model.safetensors) vs embedded: size, peak RSS
  --sensitivity  fixture only: also the error of int8 weights in one place at a time (wte; c_attn of
                 layers 0, 1, 6, 11), and fp16 and int8 on the model with softer attention (c_attn × 0.4)
  --step        a generation step (next_logits, no lens position) and a layers-page run (lens at
                the last token + attn + next_logits) at --step-tokens (default 32,64), fp32 and
                the int8 builds, on the first --threads count, each build in its own process
  --before DIR  with --step: also time DIR/fp32.onnx and DIR/int8.onnx, the same model built by an
                earlier version of the builder (e.g. git show HEAD:lib/gpt2/graph.ts), interleaved;
                its int8.onnx is compared with both int8 builds (int8-all is like for like)
  --no-speed    skip the all-outputs speed table
  --no-accuracy  skip the accuracy figures
  --json         print one JSON object instead of tables`;

const SCRIPT = fileURLToPath(import.meta.url);
const TSX = path.resolve(path.dirname(SCRIPT), '../node_modules/.bin/tsx');
const CONFIG: Gpt2Config = SMALL_CONFIG;
/** The random models the accuracy figures are measured on. */
const MODELS = {
  fixture: { label: 'sharp fixture, randomGpt2Weights(SMALL_CONFIG, 1)', make: () => randomGpt2Weights(CONFIG, 1) },
  hf: { label: 'Hugging Face init, hfRandomGpt2Weights(SMALL_CONFIG, 1)', make: () => hfRandomGpt2Weights(CONFIG, 1) },
} as const;
type ModelName = keyof typeof MODELS;
/** The int8 builds compared (speed, size, accuracy), by file name. */
const INT8_VARIANTS: Record<string, { label: string; options: Gpt2GraphOptions }> = {
  int8: { label: 'int8, the default (first block + h.1.attn.c_attn float16)', options: { dtype: 'int8' } },
  'int8-all': { label: 'int8, every projection int8', options: { dtype: 'int8', floatProjections: [] } },
  'int8-row': { label: 'int8, the default + per-row activation scales', options: { dtype: 'int8', activationScales: 'row' } },
};
const V = CONFIG.vocabSize;
/** Marks the one line of a child process's stdout that carries its JSON result. */
const RESULT = 'RESULT ';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => os.loadavg().map((v) => +v.toFixed(2));

/** Token ids for prompt `seed`: uniform over the vocabulary, reproducible. */
function promptIds(seed: number, tokens: number): number[] {
  const rand = seededRandom(seed);
  return Array.from({ length: tokens }, () => Math.floor(rand() * V));
}

/** The graph's feeds for `ids`, with the logit lens at `lens` (default: the last token; [] for none). */
function feeds(ids: number[], lens: number[] = [-1]): Record<string, ort.Tensor> {
  const d = gpt2DefaultFeeds(CONFIG);
  return {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
    head_mask: new ort.Tensor('float32', d.head_mask, [CONFIG.nLayer, CONFIG.nHead]),
    mlp_mask: new ort.Tensor('float32', d.mlp_mask, [CONFIG.nLayer]),
    lens_position: new ort.Tensor('int64', BigInt64Array.from(lens, BigInt), [lens.length]),
  };
}

// ---- Child processes: one ORT-web thread count per process --------------------------------

interface SpeedResult {
  threads: number;
  createMs: Record<string, number>;
  /** Per case: median and min ms. */
  cases: Record<string, { median: number; min: number }>;
  loadBefore: number[];
  loadAfter: number[];
}

/** Times fp32 and the int8 variants (all outputs, then a generation step), interleaved round by round. */
async function childSpeed(dir: string, threads: number, tokens: number, runs: number, warmup: number): Promise<SpeedResult> {
  ort.env.wasm.numThreads = threads;
  const loadBefore = load();
  const sessions: Record<string, ort.InferenceSession> = {};
  const createMs: Record<string, number> = {};
  for (const dtype of ['fp32', ...Object.keys(INT8_VARIANTS)]) {
    const bytes = await readFile(path.join(dir, `${dtype}.onnx`));
    const t0 = performance.now();
    sessions[dtype] = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all', logSeverityLevel: 3 });
    createMs[dtype] = performance.now() - t0;
  }
  const ids = promptIds(1, tokens);
  const input = feeds(ids);
  const step = feeds(ids, []);
  const cases: [string, () => Promise<unknown>][] = [
    ...Object.keys(sessions).map((k): [string, () => Promise<unknown>] => [`${k} all outputs`, () => sessions[k].run(input)]),
    ['fp32 next_logits', () => sessions.fp32.run(step, ['next_logits'])],
    ['int8 next_logits', () => sessions.int8.run(step, ['next_logits'])],
  ];
  const times = cases.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (let i = 0; i < cases.length; i++) {
      const t0 = performance.now();
      await cases[i][1]();
      if (round >= warmup) times[i].push(performance.now() - t0);
    }
  }
  return {
    threads: ort.env.wasm.numThreads as number,
    createMs,
    cases: Object.fromEntries(cases.map(([name], i) => [name, { median: median(times[i]), min: Math.min(...times[i]) }])),
    loadBefore,
    loadAfter: load(),
  };
}

interface Timing {
  median: number;
  min: number;
}

interface StepResult {
  dtype: string;
  threads: number;
  /** Per graph ('before', 'after') and prompt length: a generation step and a layers-page run. */
  rows: { graph: string; tokens: number; step: Timing; layers: Timing }[];
  loadBefore: number[];
  loadAfter: number[];
}

/**
 * One dtype's generation step and layers-page run, this builder's graph (`dir`) against the same
 * model built by an earlier version of the builder (`beforeDir`, optional), runs interleaved round
 * by round. Generation step: fetch next_logits with no lens position. Layers page: the lens at the
 * last token + attention + next_logits. A graph that still has the full `logits` output takes
 * exactly one lens position, so its step runs with [-1] and its layers run fetches lens_logits +
 * attn, as the code of that version did.
 */
async function childStep(dir: string, beforeDir: string | undefined, dtype: string, threads: number, tokenCounts: number[], runs: number, warmup: number): Promise<StepResult> {
  ort.env.wasm.numThreads = threads;
  const loadBefore = load();
  const graphs: [string, string][] = [['after', path.join(dir, `${dtype}.onnx`)]];
  // The earlier builder's int8 had every projection int8: int8-all is its like-for-like successor.
  if (beforeDir) graphs.unshift(['before', path.join(beforeDir, `${dtype === 'int8-all' ? 'int8' : dtype}.onnx`)]);
  const cases: { graph: string; tokens: number; kind: 'step' | 'layers'; run: () => Promise<unknown> }[] = [];
  for (const [graph, file] of graphs) {
    const session = await ort.InferenceSession.create(await readFile(file), { graphOptimizationLevel: 'all', logSeverityLevel: 3 });
    const legacy = session.outputNames.includes('logits');
    for (const tokens of tokenCounts) {
      const ids = promptIds(1, tokens);
      const stepFeeds = feeds(ids, legacy ? [-1] : []);
      const layersFeeds = feeds(ids, [-1]);
      const layersFetches = legacy ? ['lens_logits', 'attn'] : ['next_logits', 'lens_logits', 'attn'];
      cases.push({ graph, tokens, kind: 'step', run: () => session.run(stepFeeds, ['next_logits']) });
      cases.push({ graph, tokens, kind: 'layers', run: () => session.run(layersFeeds, layersFetches) });
    }
  }
  const times = cases.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (let i = 0; i < cases.length; i++) {
      const t0 = performance.now();
      await cases[i].run();
      if (round >= warmup) times[i].push(performance.now() - t0);
    }
  }
  const timing = (graph: string, tokens: number, kind: string) => {
    const ms = times[cases.findIndex((c) => c.graph === graph && c.tokens === tokens && c.kind === kind)];
    return { median: median(ms), min: Math.min(...ms) };
  };
  const rows = graphs.flatMap(([graph]) => tokenCounts.map((tokens) => ({ graph, tokens, step: timing(graph, tokens, 'step'), layers: timing(graph, tokens, 'layers') })));
  return { dtype, threads: ort.env.wasm.numThreads as number, rows, loadBefore, loadAfter: load() };
}

interface ProfileResult {
  /** Per model: op type -> ms per run. */
  ops: Record<string, Record<string, number>>;
  /** Per model: how many nodes of each matmul-like op type ran per run (shows whether the int8 chain was fused). */
  kernels: Record<string, Record<string, number>>;
}

/** Marks where a model's profile starts in the profiling child's stdout. */
const PROFILE = 'PROFILE ';

/**
 * Runs each model with ORT's profiler (1 thread): one warm-up, `runs` profiled runs. ORT-web
 * writes the profile (Chrome trace events, one per line) straight to stdout at endProfiling, after
 * a PROFILE marker line; the parent sums it per op type (summariseProfile).
 */
async function childProfile(dir: string, tokens: number, runs: number): Promise<{ runs: number }> {
  ort.env.wasm.numThreads = 1;
  const input = feeds(promptIds(1, tokens));
  for (const dtype of ['fp32', 'int8']) {
    const session = await ort.InferenceSession.create(await readFile(path.join(dir, `${dtype}.onnx`)), { graphOptimizationLevel: 'all', enableProfiling: true, logSeverityLevel: 3 });
    for (let r = 0; r < runs + 1; r++) await session.run(input);
    console.log(PROFILE + dtype);
    session.endProfiling();
    await session.release();
  }
  return { runs: runs + 1 };
}

/** Each node's median kernel time over the runs (so the first run's one-off costs drop out), summed by op type. */
function summariseProfile(stdout: string): ProfileResult {
  const perNode: Record<string, Map<string, { op: string; ms: number[] }>> = {};
  let model = '';
  for (const raw of stdout.split('\n')) {
    if (raw.startsWith(PROFILE)) {
      model = raw.slice(PROFILE.length).trim();
      perNode[model] = new Map();
      continue;
    }
    const line = raw.trim().replace(/,$/, '');
    if (!model || !line.startsWith('{') || !line.includes('"Node"')) continue;
    const event = JSON.parse(line) as { name: string; dur: number; args: { op_name?: string } };
    const op = event.args.op_name;
    if (!event.name.endsWith('_kernel_time') || !op) continue;
    const node = perNode[model].get(event.name) ?? { op, ms: [] };
    node.ms.push(event.dur / 1000);
    perNode[model].set(event.name, node);
  }
  const result: ProfileResult = { ops: {}, kernels: {} };
  for (const [m, nodes] of Object.entries(perNode)) {
    result.ops[m] = {};
    result.kernels[m] = {};
    for (const { op, ms } of nodes.values()) {
      result.ops[m][op] = (result.ops[m][op] ?? 0) + median(ms);
      if (/MatMul|Quantize|Gemm/.test(op)) result.kernels[m][op] = (result.kernels[m][op] ?? 0) + 1;
    }
  }
  return result;
}

/** Creates one session the given way and runs it once; reports the time and this process's peak RSS. */
async function childSession(dir: string, mode: 'embedded' | 'external', tokens: number) {
  ort.env.wasm.numThreads = 1;
  const t0 = performance.now();
  let session: ort.InferenceSession;
  if (mode === 'embedded') session = await ort.InferenceSession.create(await readFile(path.join(dir, 'fp32.onnx')), { logSeverityLevel: 3 });
  else {
    const data = await readFile(path.join(dir, WEIGHTS_FILE));
    session = await ort.InferenceSession.create(await readFile(path.join(dir, 'external.onnx')), { logSeverityLevel: 3, externalData: [{ path: WEIGHTS_FILE, data }] });
  }
  const createMs = performance.now() - t0;
  const out = await session.run(feeds(promptIds(1, tokens)), ['next_logits']);
  const logits = out.next_logits.data as Float32Array;
  return { mode, createMs, maxRssBytes: process.resourceUsage().maxRSS * 1024, logitsChecksum: logits.reduce((a, b) => a + b, 0) };
}

/** Runs this script as a child with `args`; resolves with its RESULT line parsed (and the whole stdout). */
function child<T>(args: string[]): Promise<T & { stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(TSX, [SCRIPT, ...args], { maxBuffer: 1 << 28 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (error || !line) reject(new Error(`child ${args.join(' ')} failed: ${(stderr || String(error)).trim().split('\n').slice(-3).join(' | ')}`));
      else resolve(Object.defineProperty(JSON.parse(line.slice(RESULT.length)), 'stdout', { value: stdout, enumerable: false }) as T & { stdout: string });
    });
  });
}

// ---- Accuracy ------------------------------------------------------------------------------

interface Accuracy {
  /** RMS(x − fp32) / RMS(fp32) over every position's logits, each centred over the vocabulary. */
  relativeRms: number;
  /** Share of positions whose argmax agrees with fp32. */
  top1: number;
}

/** The logits at every position of each prompt [T, V]: lens row L with the lens at every position. */
async function logitsOf(model: Uint8Array, prompts: number[][]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const out: Float32Array[] = [];
  for (const ids of prompts) {
    const lens = (await session.run(feeds(ids, ids.map((_, t) => t)), ['lens_logits'])).lens_logits.data as Float32Array; // [L+1, T, V]
    out.push(lens.slice(CONFIG.nLayer * ids.length * V));
  }
  await session.release();
  return out;
}

function compare(x: Float32Array[], ref: Float32Array[]): Accuracy {
  let err = 0;
  let total = 0;
  let agree = 0;
  let positions = 0;
  for (let p = 0; p < ref.length; p++) {
    for (let t = 0; t < ref[p].length / V; t++) {
      const a = x[p].subarray(t * V, (t + 1) * V);
      const b = ref[p].subarray(t * V, (t + 1) * V);
      let ma = 0;
      let mb = 0;
      let ia = 0;
      let ib = 0;
      for (let i = 0; i < V; i++) {
        ma += a[i] / V;
        mb += b[i] / V;
        if (a[i] > a[ia]) ia = i;
        if (b[i] > b[ib]) ib = i;
      }
      for (let i = 0; i < V; i++) {
        err += (a[i] - ma - (b[i] - mb)) ** 2;
        total += (b[i] - mb) ** 2;
      }
      agree += ia === ib ? 1 : 0;
      positions++;
    }
  }
  return { relativeRms: Math.sqrt(err / total), top1: agree / positions };
}

/** The weights the int8 graph multiplies by (projections per column, wte per row), back in float32; `only` limits it to matching names. */
function dequantisedWeights(w: Gpt2Weights, only = /./): Gpt2Weights {
  return {
    config: w.config,
    get(name) {
      const t = w.get(name);
      const [rows, cols] = t.shape;
      if (!only.test(name)) return t;
      if (name === 'wte.weight') return { shape: t.shape, data: dequantize(quantizeRows(t.data, rows, cols), rows, cols, 'row') };
      if (/\.c_(attn|proj|fc)\.weight$/.test(name)) return { shape: t.shape, data: dequantize(quantizeColumns(t.data, rows, cols), rows, cols, 'column') };
      return t;
    },
  };
}

/**
 * The same model with c_attn's weights × 0.4: q and k get a standard deviation of 1 instead of
 * 2.5, so attention scores spread over ±1 instead of ±6 and attention is soft rather than nearly
 * one-hot. Shows how much of the int8 error is this random model's sharp attention.
 */
function softAttention(w: Gpt2Weights): Gpt2Weights {
  return { config: w.config, get: (name) => (/\.c_attn\.weight$/.test(name) ? { shape: w.get(name).shape, data: w.get(name).data.map((v) => v * 0.4) } : w.get(name)) };
}

async function accuracy(weights: Gpt2Weights, prompts: number[][], sensitivity: boolean, log: (s: string) => void): Promise<Record<string, Accuracy>> {
  type Base = 'plain' | 'outliers' | 'soft';
  const rows: [string, Gpt2Weights, Gpt2GraphOptions, Base][] = [
    ['fp16 (how much the model amplifies rounding)', weights, { dtype: 'fp16' }, 'plain'],
    ...Object.values(INT8_VARIANTS).map(({ label, options }): [string, Gpt2Weights, Gpt2GraphOptions, Base] => [label, weights, options, 'plain']),
    ['int8, the default without smoothing', weights, { dtype: 'int8', smooth: false }, 'plain'],
    ['int8 weights everywhere, fp32 activations (model sensitivity)', dequantisedWeights(weights), { dtype: 'fp32' }, 'plain'],
  ];
  if (sensitivity) {
    // One quantised weight at a time, everything else fp32: how much this model amplifies a
    // perturbation depending on where it enters.
    rows.push(['int8 weights of wte only (embedding + unembedding)', dequantisedWeights(weights, /^wte\./), { dtype: 'fp32' }, 'plain']);
    for (const l of [0, 1, 6, 11]) rows.push([`int8 weights of h.${l}.attn.c_attn only`, dequantisedWeights(weights, new RegExp(`^h\\.${l}\\.attn\\.c_attn\\.`)), { dtype: 'fp32' }, 'plain']);
    rows.push(['soft attention (c_attn × 0.4): fp16', softAttention(weights), { dtype: 'fp16' }, 'soft'], ['soft attention (c_attn × 0.4): int8, the default', softAttention(weights), { dtype: 'int8' }, 'soft']);
  }
  const outliers = withOutlierChannels(weights);
  rows.push(
    ['×30 outliers: int8, the default (smoothed)', outliers, { dtype: 'int8' }, 'outliers'],
    ['×30 outliers: int8, the default, no smoothing', outliers, { dtype: 'int8', smooth: false }, 'outliers'],
    ['×30 outliers: int8, every projection int8 (smoothed)', outliers, INT8_VARIANTS['int8-all'].options, 'outliers'],
  );
  log('accuracy: fp32 references …');
  const ref: Partial<Record<Base, Float32Array[]>> = { plain: await logitsOf(buildGpt2Graph(weights), prompts), outliers: await logitsOf(buildGpt2Graph(outliers), prompts) };
  if (sensitivity) ref.soft = await logitsOf(buildGpt2Graph(softAttention(weights)), prompts);
  const result: Record<string, Accuracy> = {};
  for (const [name, w, options, base] of rows) {
    log(`accuracy: ${name} …`);
    result[name] = compare(await logitsOf(buildGpt2Graph(w, options), prompts), ref[base]!);
  }
  return result;
}

// ---- Main ----------------------------------------------------------------------------------

runCli('bench-gpt2-int8', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      tokens: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      threads: { type: 'string' },
      prompts: { type: 'string' },
      profile: { type: 'boolean', default: false },
      external: { type: 'boolean', default: false },
      'no-accuracy': { type: 'boolean', default: false },
      sensitivity: { type: 'boolean', default: false },
      model: { type: 'string' },
      step: { type: 'boolean', default: false },
      before: { type: 'string' },
      'step-tokens': { type: 'string' },
      'no-speed': { type: 'boolean', default: false },
      dtype: { type: 'string' },
      json: { type: 'boolean', default: false },
      child: { type: 'string' },
      dir: { type: 'string' },
      mode: { type: 'string' },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const tokens = intFlag(values.tokens, 'tokens', 64);
  if (tokens > CONFIG.nPositions) throw new UsageError(`--tokens ${tokens} is over the model's context (${CONFIG.nPositions})`);
  const runs = intFlag(values.runs, 'runs', 7);
  const warmup = intFlag(values.warmup, 'warmup', 2, 0);
  const threadCounts = (values.threads ?? '1,2').split(',').map((t) => intFlag(t, 'threads', 1));
  const promptCount = intFlag(values.prompts, 'prompts', 3);
  const modelChoice = choiceFlag(values.model, 'model', ['fixture', 'hf', 'both'] as const, 'both');
  const modelNames: ModelName[] = modelChoice === 'both' ? ['fixture', 'hf'] : [modelChoice];
  const stepTokens = (values['step-tokens'] ?? '32,64').split(',').map((t) => intFlag(t, 'step-tokens', 1));
  if (values.before && !values.step && !values.child) throw new UsageError('--before goes with --step');

  if (values.child) {
    const dir = values.dir!;
    const result =
      values.child === 'speed'
        ? await childSpeed(dir, threadCounts[0], tokens, runs, warmup)
        : values.child === 'profile'
          ? await childProfile(dir, tokens, runs)
          : values.child === 'step'
            ? await childStep(dir, values.before, values.dtype!, threadCounts[0], stepTokens, runs, warmup)
            : await childSession(dir, values.mode as 'embedded' | 'external', tokens);
    console.log(RESULT + JSON.stringify(result));
    return;
  }

  const log = (s: string) => (values.json ? console.error(s) : console.error(`  ${s}`));
  const report: Record<string, unknown> = {
    command: `npx tsx scripts/bench-gpt2-int8.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadBefore: load() },
    ort: `onnxruntime-web ${ort.env.versions.web ?? ''} (WASM in Node ${process.version})`,
    model: 'GPT-2-small-shaped (12 layers, 12 heads, 768 dims, vocab 50,257); speed and sizes on the sharp fixture randomGpt2Weights(SMALL_CONFIG, 1)',
    tokens,
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-gpt2-int8-'));
  try {
    log('building fp32, fp16 and int8 graphs …');
    const weights = MODELS.fixture.make();
    const sizes: Record<string, number> = {};
    const buildMs: Record<string, number> = {};
    const builds: [string, Gpt2GraphOptions][] = [['fp32', {}], ['fp16', { dtype: 'fp16' }], ...Object.entries(INT8_VARIANTS).map(([k, v]): [string, Gpt2GraphOptions] => [k, v.options])];
    for (const [name, options] of builds) {
      const t0 = performance.now();
      const bytes = buildGpt2Graph(weights, options);
      buildMs[name] = performance.now() - t0;
      sizes[name] = bytes.length;
      if (name !== 'fp16') await writeFile(path.join(dir, `${name}.onnx`), bytes);
    }
    report.bytes = sizes;
    report.buildMs = buildMs;

    const speed: SpeedResult[] = [];
    for (const threads of values['no-speed'] ? [] : threadCounts) {
      log(`speed with ${threads} thread(s) (own process) …`);
      speed.push(await child<SpeedResult>(['--child', 'speed', '--dir', dir, '--threads', String(threads), '--tokens', String(tokens), '--runs', String(runs), '--warmup', String(warmup)]));
    }
    report.speed = speed;

    if (values.step) {
      const steps: StepResult[] = [];
      for (const dtype of ['fp32', 'int8-all', 'int8']) {
        log(`generation step and layers run, ${dtype}, ${threadCounts[0]} thread(s)${values.before ? `, against ${values.before}` : ''} (own process) …`);
        const args = ['--child', 'step', '--dir', dir, '--dtype', dtype, '--threads', String(threadCounts[0]), '--step-tokens', stepTokens.join(','), '--runs', String(runs), '--warmup', String(warmup)];
        steps.push(await child<StepResult>(values.before ? [...args, '--before', values.before] : args));
      }
      report.step = { before: values.before ?? null, results: steps };
    }

    if (values.profile) {
      log('profiling fp32 and int8 (1 thread) …');
      const profiled = await child<{ runs: number }>(['--child', 'profile', '--dir', dir, '--tokens', String(tokens), '--runs', '3']);
      report.profile = summariseProfile(profiled.stdout);
    }

    if (values.external) {
      log('external data: writing model.safetensors and the graph that points into it …');
      await writeGpt2Folder(dir, weights);
      const fromFile = gpt2WeightsFromSafetensors(await readSafetensorsFile(path.join(dir, WEIGHTS_FILE)), gpt2ConfigJson(CONFIG));
      const graph = buildGpt2Graph(fromFile, { externalData: WEIGHTS_FILE });
      await writeFile(path.join(dir, 'external.onnx'), graph);
      const [embedded, external] = [await child<Awaited<ReturnType<typeof childSession>>>(['--child', 'session', '--mode', 'embedded', '--dir', dir, '--tokens', String(tokens)]), await child<Awaited<ReturnType<typeof childSession>>>(['--child', 'session', '--mode', 'external', '--dir', dir, '--tokens', String(tokens)])];
      report.external = { graphBytes: graph.length, safetensorsBytes: (await readFile(path.join(dir, WEIGHTS_FILE))).length, embedded, external, sameLogits: embedded.logitsChecksum === external.logitsChecksum };
    }

    if (!values['no-accuracy']) {
      ort.env.wasm.numThreads = Math.max(...threadCounts);
      const prompts = Array.from({ length: promptCount }, (_, i) => promptIds(100 + i, tokens));
      const accuracies: Partial<Record<ModelName, Record<string, Accuracy>>> = {};
      for (const name of modelNames) accuracies[name] = await accuracy(name === 'fixture' ? weights : MODELS[name].make(), prompts, values.sensitivity && name === 'fixture', (m) => log(`${name}: ${m}`));
      report.accuracy = accuracies;
      report.prompts = `${promptCount} prompts of ${tokens} seeded random token ids (seeds 100..${99 + promptCount})`;
    }
    report.loadAfter = load();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printTables(report);
});

function printTables(r: Record<string, unknown>): void {
  const machine = r.machine as { cpus: number; model: string; loadBefore: number[] };
  console.log(`${r.ort}; ${machine.cpus} CPUs (${machine.model}); load average before ${machine.loadBefore.join(' ')}, after ${(r.loadAfter as number[]).join(' ')}`);
  console.log(`model: ${r.model}; ${r.tokens} tokens\n`);
  const bytes = r.bytes as Record<string, number>;
  const build = r.buildMs as Record<string, number>;
  console.log('| model.onnx | bytes | size | built in |\n|---|---:|---:|---:|');
  for (const k of Object.keys(bytes)) console.log(`| ${k} | ${bytes[k].toLocaleString('en')} | ${mb(bytes[k])} (${((bytes[k] / bytes.fp32) * 100).toFixed(1)} %) | ${(build[k] / 1000).toFixed(1)} s |`);

  const variants = Object.keys(INT8_VARIANTS);
  if ((r.speed as unknown[]).length) {
    console.log('\nspeed (median ms, min in brackets; speed-up = fp32 median / int8 median; all builds interleaved in one process per thread count; all outputs = the lens at the last token):');
    console.log(`| threads | fp32 all outputs | ${variants.map((v) => `${v} all outputs | ${v} speed-up`).join(' | ')} | load avg before → after |\n|---:|---:|${variants.map(() => '---:|---:|').join('')}---|`);
  }
  for (const s of r.speed as SpeedResult[]) {
    const c = (k: string) => `${s.cases[k].median.toFixed(0)} (${s.cases[k].min.toFixed(0)})`;
    const up = (k: string) => `**${(s.cases['fp32 all outputs'].median / s.cases[`${k} all outputs`].median).toFixed(2)}×**`;
    console.log(`| ${s.threads} | ${c('fp32 all outputs')} | ${variants.map((v) => `${c(`${v} all outputs`)} | ${up(v)}`).join(' | ')} | ${s.loadBefore[0]} → ${s.loadAfter[0]} |`);
  }
  if ((r.speed as unknown[]).length) {
    console.log('\ngeneration step (next_logits, no lens position), median ms (min):\n| threads | fp32 | int8 (default) |\n|---:|---:|---:|');
    for (const s of r.speed as SpeedResult[]) console.log(`| ${s.threads} | ${s.cases['fp32 next_logits'].median.toFixed(0)} (${s.cases['fp32 next_logits'].min.toFixed(0)}) | ${s.cases['int8 next_logits'].median.toFixed(0)} (${s.cases['int8 next_logits'].min.toFixed(0)}) |`);
  }

  if (r.step) {
    const st = r.step as { before: string | null; results: StepResult[] };
    const f = (t: Timing) => `${t.median.toFixed(0)} (${t.min.toFixed(0)})`;
    console.log(`\ngeneration step (fetch next_logits, no lens position) and layers-page run (lens at the last token + attn + next_logits), median ms (min)${st.before ? `; before = ${st.before}` : ''}:`);
    console.log('| dtype | threads | tokens | step before | step after | step speed-up | layers before | layers after | layers speed-up | load avg before → after |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const res of st.results) {
      for (const after of res.rows.filter((row) => row.graph === 'after')) {
        const before = res.rows.find((row) => row.graph === 'before' && row.tokens === after.tokens);
        const ratio = (b: Timing | undefined, a: Timing) => (b ? `${(b.median / a.median).toFixed(2)}×` : '—');
        console.log(`| ${res.dtype} | ${res.threads} | ${after.tokens} | ${before ? f(before.step) : '—'} | ${f(after.step)} | ${ratio(before?.step, after.step)} | ${before ? f(before.layers) : '—'} | ${f(after.layers)} | ${ratio(before?.layers, after.layers)} | ${res.loadBefore[0]} → ${res.loadAfter[0]} |`);
      }
    }
  }

  if (r.profile) {
    const p = r.profile as ProfileResult;
    console.log("\nprofile, ms per run by op type (1 thread; ORT profiler, each node's median over 4 runs):");
    const types = [...new Set([...Object.keys(p.ops.fp32), ...Object.keys(p.ops.int8)])].sort((a, b) => (p.ops.fp32[b] ?? 0) + (p.ops.int8[b] ?? 0) - (p.ops.fp32[a] ?? 0) - (p.ops.int8[a] ?? 0));
    console.log('| op | fp32 | int8 |\n|---|---:|---:|');
    for (const t of types.slice(0, 14)) console.log(`| ${t} | ${(p.ops.fp32[t] ?? 0).toFixed(1)} | ${(p.ops.int8[t] ?? 0).toFixed(1)} |`);
    const total = (d: string) => Object.values(p.ops[d]).reduce((a, b) => a + b, 0);
    console.log(`| total | ${total('fp32').toFixed(1)} | ${total('int8').toFixed(1)} |`);
    console.log(`matmul kernels that ran: fp32 ${JSON.stringify(p.kernels.fp32)}, int8 ${JSON.stringify(p.kernels.int8)}`);
  }

  if (r.external) {
    const e = r.external as { graphBytes: number; safetensorsBytes: number; sameLogits: boolean; embedded: { createMs: number; maxRssBytes: number }; external: { createMs: number; maxRssBytes: number } };
    console.log(`\nfp32 with external data: graph ${e.graphBytes.toLocaleString('en')} bytes + model.safetensors ${mb(e.safetensorsBytes)}; same logits as embedded: ${e.sameLogits}`);
    console.log('| session from | create | peak RSS (own process) |\n|---|---:|---:|');
    console.log(`| model.onnx with embedded weights | ${(e.embedded.createMs / 1000).toFixed(1)} s | ${mb(e.embedded.maxRssBytes)} |`);
    console.log(`| graph + externalData: [model.safetensors] | ${(e.external.createMs / 1000).toFixed(1)} s | ${mb(e.external.maxRssBytes)} |`);
  }

  if (r.accuracy) {
    const acc = r.accuracy as Partial<Record<ModelName, Record<string, Accuracy>>>;
    const models = Object.keys(acc) as ModelName[];
    console.log(`\naccuracy against fp32 on the same model (${r.prompts}); logits at every position, centred per position; relative RMS error (top-1 agreement):`);
    console.log(`| graph | ${models.map((m) => MODELS[m].label).join(' | ')} |\n|---|${models.map(() => '---:|').join('')}`);
    const rows = [...new Set(models.flatMap((m) => Object.keys(acc[m]!)))];
    const cell = (a: Accuracy | undefined) => (a ? `${(a.relativeRms * 100).toFixed(2)} % (${(a.top1 * 100).toFixed(1)} %)` : '—');
    for (const k of rows) console.log(`| ${k} | ${models.map((m) => cell(acc[m]![k])).join(' | ')} |`);
  }
}
