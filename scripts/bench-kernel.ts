/**
 * Benchmark of the cosine-scoring kernels (lib/vectors/kernel/scorer.ts) on a random store the
 * size of GloVe (341,479 rows x 100 dims, int8 + per-row scale).
 *
 *   npx tsx scripts/bench-kernel.ts [--runs 200]
 *
 * Prints one JSON object: rows, dims, jsMedianMs (JS scorer, 1 query), wasmMedianMs1Query,
 * wasmMedianMs3Queries (3 queries in one pass, the 3CosMul shape), speedup (js / wasm 1 query),
 * plus a few extra fields that help read the numbers (p10/min, 3q/1q ratio, load average: other
 * processes on a 2-core machine move these timings a lot).
 */
import { loadavg } from 'node:os';
import { seededRandom } from '../lib/random';
import { randomStore, randomUnitQuery } from '../lib/vectors/kernel/random-store';
import { createJsScorer, createWasmScorer, type Scorer } from '../lib/vectors/kernel/scorer';

const ROWS = 341_479;
const DIMS = 100;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
const WARMUP = 20;

interface Stats {
  median: number;
  p10: number;
  min: number;
}

function time(scorer: Scorer, queries: Float32Array[], runs: number): Stats {
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += scorer.scores(queries, ROWS)[0][i];
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const out = scorer.scores(queries, ROWS);
    t.push(performance.now() - a);
    sink += out[0][i % ROWS];
  }
  if (Number.isNaN(sink)) throw new Error('NaN score');
  t.sort((x, y) => x - y);
  return { median: t[t.length >> 1], p10: t[Math.floor(t.length / 10)], min: t[0] };
}

const round = (x: number, d = 3) => Number(x.toFixed(d));

async function main(): Promise<void> {
  const rand = seededRandom(42);
  const { q, s } = randomStore(ROWS, DIMS, 41);
  const queries = [randomUnitQuery(DIMS, rand), randomUnitQuery(DIMS, rand), randomUnitQuery(DIMS, rand)];

  const wasm = await createWasmScorer(ROWS, DIMS);
  wasm.setRows(0, q, s);
  const js = createJsScorer(ROWS, DIMS);
  js.setRows(0, q, s);

  // sanity: both agree before anything is timed
  const a = Array.from(wasm.scores(queries, ROWS), (x) => Float32Array.from(x));
  const b = js.scores(queries, ROWS);
  let maxErr = 0;
  for (let j = 0; j < 3; j++) for (let r = 0; r < ROWS; r++) maxErr = Math.max(maxErr, Math.abs(a[j][r] - b[j][r]));

  const load = loadavg()[0];
  const w1 = time(wasm, queries.slice(0, 1), RUNS);
  const w3 = time(wasm, queries, RUNS);
  const j1 = time(js, queries.slice(0, 1), RUNS);

  console.log(
    JSON.stringify({
      rows: ROWS,
      dims: DIMS,
      jsMedianMs: round(j1.median),
      wasmMedianMs1Query: round(w1.median),
      wasmMedianMs3Queries: round(w3.median),
      speedup: round(j1.median / w1.median, 1),
      runs: RUNS,
      wasmP10Ms1Query: round(w1.p10),
      wasmMinMs1Query: round(w1.min),
      wasmP10Ms3Queries: round(w3.p10),
      ratio3to1: round(w3.median / w1.median, 2),
      maxAbsDiffWasmVsJs: Number(maxErr.toExponential(2)),
      loadAvg1mBefore: round(load, 2),
      loadAvg1mAfter: round(loadavg()[0], 2),
    }),
  );
}

void main();
