/**
 * Benchmark of the map projections on the real GloVe set: UMAP (lib/projection/umap.ts) of the
 * n most frequent words, kNN / graph / layout timed separately, progress cadence, neighbour
 * preservation; optionally plain umap-js (its own kNN, cosine distance, fit) on the same input in
 * the same run; PCA of 10,000 words and PCA's preservation on the same n words; with --chromium,
 * the same UMAP in a Web Worker of Debian's Chromium (lib/projection bundled by esbuild).
 *
 *   npm run -s bench:project -- [--n 5000] [--dims 3] [--seed 42] [--epochs 400[,200,…]] [--umap-js] [--chromium] [--set NAME]
 *
 * Prints one JSON object (timings in seconds). Wall-clock timings on a shared 2-core machine move
 * with the load, so the load average is printed too, and the Node runs also report CPU seconds
 * (process.cpuUsage, user + system), which the load moves much less.
 */
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { UMAP } from 'umap-js';
import { cosine } from 'umap-js/dist/umap';
import { DEFAULT_SET, loadVectorSet } from '../lib/node/vector-set-reader';
import { pca } from '../lib/projection/pca';
import { neighbourPreservationFromKnn } from '../lib/projection/preservation';
import { runUmap } from '../lib/projection/umap';
import { seededRandom } from '../lib/random';
import { dequantiseRows } from '../lib/vectors/kernels';
import { intFlag, parseCli, runCli, setFlag, UsageError } from './cli';

const USAGE = 'usage: npm run -s bench:project -- [--n 5000] [--dims 2|3] [--seed 42] [--epochs N[,N…]] [--umap-js] [--chromium] [--set NAME]';
const PCA_WORDS = 10_000;

const round = (x: number, d = 3) => Number(x.toFixed(d));
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return round((u.user + u.system) / 1e6);
};
const load = () => loadavg().map((x) => round(x, 2));

/** Unit float rows (n × dims) of the int8-rowscale store. */
function unitRows(q: Int8Array, scales: Float32Array, n: number, dims: number): Float32Array {
  return dequantiseRows(q, scales, dims, n);
}

async function benchUmap(q: Int8Array, scales: Float32Array, n: number, dims: number, outDims: 2 | 3, seed: number, nEpochs?: number) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const phaseStart: Record<string, number> = {};
  let layoutReports = 0;
  let maxGap = 0;
  let maxGapAt = '';
  let last = t0;
  const result = await runUmap(q, scales, n, dims, { nComponents: outDims, seed, nEpochs }, {
    onProgress: (p) => {
      const now = performance.now();
      if (now - last > maxGap) {
        maxGap = now - last;
        maxGapAt = `before ${p.phase} ${p.done}/${p.total}`;
      }
      last = now;
      phaseStart[p.phase] ??= now;
      if (p.phase === 'layout') layoutReports++;
    },
  });
  const end = performance.now();
  const cpu = cpuSeconds(cpu0);
  if (end - last > maxGap) {
    maxGap = end - last;
    maxGapAt = 'before the end';
  }
  const layoutSeconds = (end - phaseStart.layout) / 1000;
  return {
    nEpochs: result.nEpochs,
    seconds: {
      knn: round((phaseStart.graph - t0) / 1000),
      graph: round((phaseStart.layout - phaseStart.graph) / 1000),
      layout: round(layoutSeconds),
      total: round((end - t0) / 1000),
      totalCpu: cpu,
    },
    layoutProgressPerSecond: round(layoutReports / layoutSeconds, 1),
    maxProgressGapMs: Math.round(maxGap),
    maxProgressGapAt: maxGapAt,
    preservation10: round(neighbourPreservationFromKnn(result.knn, result.coords, outDims, 10), 4),
    knn: result.knn,
    coords: result.coords,
  };
}

/** Plain umap-js 1.4.0: its own approximate kNN (NN-descent, cosine), graph and SGD. */
function benchUmapJs(rows: Float32Array, n: number, dims: number, outDims: 2 | 3, seed: number) {
  const X = Array.from({ length: n }, (_, i) => Array.from(rows.subarray(i * dims, (i + 1) * dims)));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const umap = new UMAP({ nComponents: outDims, nNeighbors: 15, minDist: 0.1, distanceFn: cosine, random: seededRandom(seed) });
  const nEpochs = umap.initializeFit(X);
  const t1 = performance.now();
  for (let e = 0; e < nEpochs; e++) umap.step();
  const t2 = performance.now();
  const totalCpu = cpuSeconds(cpu0);
  return {
    nEpochs,
    seconds: { initializeFit: round((t1 - t0) / 1000), layout: round((t2 - t1) / 1000), total: round((t2 - t0) / 1000), totalCpu },
    coords: Float32Array.from(umap.getEmbedding().flat()),
  };
}

/** Worker code: runs runUmap on the posted set and posts back the same figures as benchUmap. */
const WORKER_ENTRY = `
import { runUmap } from './lib/projection/umap';
self.onmessage = async (e) => {
  const { q, scales, n, dims, outDims, seed, nEpochs } = e.data;
  const t0 = performance.now();
  const phaseStart = {};
  let layoutReports = 0, maxGap = 0, maxGapAt = '', last = t0;
  const r = await runUmap(q, scales, n, dims, { nComponents: outDims, seed, nEpochs }, {
    onProgress: (p) => {
      const now = performance.now();
      if (now - last > maxGap) {
        maxGap = now - last;
        maxGapAt = 'before ' + p.phase + ' ' + p.done + '/' + p.total;
      }
      last = now;
      phaseStart[p.phase] ??= now;
      if (p.phase === 'layout') layoutReports++;
    },
  });
  const end = performance.now();
  if (end - last > maxGap) {
    maxGap = end - last;
    maxGapAt = 'before the end';
  }
  self.postMessage({ t0, end, phaseStart, layoutReports, maxGap, maxGapAt, nEpochs: r.nEpochs, coords: r.coords });
};
`;

interface ChromiumRun {
  t0: number;
  end: number;
  phaseStart: Record<string, number>;
  layoutReports: number;
  maxGap: number;
  maxGapAt: string;
  nEpochs: number;
  coords: number[];
}

/** Page code: starts the worker from a Blob, posts the set, returns the worker's figures (coords as a plain array). */
const PAGE_RUN = `async ({ code, q64, scales64, n, dims, outDims, seed, nEpochs }) => {
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
  const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  const done = new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
  });
  worker.postMessage({ q: new Int8Array(bytes(q64)), scales: new Float32Array(bytes(scales64)), n, dims, outDims, seed, nEpochs });
  const out = await done;
  worker.terminate();
  return { ...out, coords: Array.from(out.coords) };
}`;

/** The same UMAP in a Web Worker of Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium). */
async function benchChromium(q: Int8Array, scales: Float32Array, n: number, dims: number, outDims: 2 | 3, seed: number, nEpochs?: number) {
  const bundle = await build({ stdin: { contents: WORKER_ENTRY, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'error' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const version = browser.version();
    const args = {
      code: bundle.outputFiles[0].text,
      q64: Buffer.from(q.buffer, q.byteOffset, n * dims).toString('base64'),
      scales64: Buffer.from(scales.buffer, scales.byteOffset, n * 4).toString('base64'),
      n,
      dims,
      outDims,
      seed,
      nEpochs,
    };
    // A string, not a function: tsx's transform would add helpers the page does not have.
    const r = (await page.evaluate(`(${PAGE_RUN})(${JSON.stringify(args)})`)) as ChromiumRun;
    const layoutSeconds = (r.end - r.phaseStart.layout) / 1000;
    return {
      browser: `chromium ${version}`,
      nEpochs: r.nEpochs,
      seconds: {
        knn: round((r.phaseStart.graph - r.t0) / 1000),
        graph: round((r.phaseStart.layout - r.phaseStart.graph) / 1000),
        layout: round(layoutSeconds),
        total: round((r.end - r.t0) / 1000),
      },
      layoutProgressPerSecond: round(r.layoutReports / layoutSeconds, 1),
      maxProgressGapMs: Math.round(r.maxGap),
      maxProgressGapAt: r.maxGapAt,
      coords: Float32Array.from(r.coords),
    };
  } finally {
    await browser.close();
  }
}

runCli('bench:project', USAGE, async () => {
  const { values, positionals } = parseCli(
    { n: { type: 'string' }, dims: { type: 'string' }, seed: { type: 'string' }, epochs: { type: 'string' }, 'umap-js': { type: 'boolean' }, chromium: { type: 'boolean' }, set: { type: 'string' } },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const n = intFlag(values.n, 'n', 5000, 3);
  const outDims = intFlag(values.dims, 'dims', 3, 2);
  if (outDims !== 2 && outDims !== 3) throw new UsageError(`--dims must be 2 or 3, got "${values.dims}"`);
  const seed = intFlag(values.seed, 'seed', 42, 0);
  const epochList = values.epochs === undefined ? [undefined] : values.epochs.split(',').map((e) => intFlag(e, 'epochs', 0));

  const set = await loadVectorSet(setFlag(values.set, DEFAULT_SET));
  const { dims, count } = set.manifest;
  if (n > count) throw new UsageError(`--n ${n} exceeds the ${count} words of the set`);
  const loadBefore = load();

  const umapRuns = [];
  for (const nEpochs of epochList) umapRuns.push(await benchUmap(set.q, set.scales, n, dims, outDims, seed, nEpochs));
  const knn = umapRuns[0].knn;

  const pcaN = Math.min(PCA_WORDS, count);
  const pcaRows = unitRows(set.q, set.scales, pcaN, dims);
  const tp = performance.now();
  pca(pcaRows, pcaN, dims, outDims);
  const pcaSeconds = (performance.now() - tp) / 1000;
  const pcaSame = pca(pcaRows, n, dims, outDims); // the n most frequent words, as UMAP
  const pcaPreservation = neighbourPreservationFromKnn(knn, pcaSame.coords, outDims, 10);

  let inChromium;
  if (values.chromium) {
    const { coords, ...r } = await benchChromium(set.q, set.scales, n, dims, outDims, seed, epochList[0]);
    const nodeCoords = umapRuns[0].coords;
    inChromium = {
      ...r,
      preservation10: round(neighbourPreservationFromKnn(knn, coords, outDims, 10), 4),
      sameCoordsAsNode: coords.length === nodeCoords.length && coords.every((v, i) => v === nodeCoords[i]),
    };
  }

  let umapJs;
  if (values['umap-js']) {
    const r = benchUmapJs(pcaRows.length >= n * dims ? pcaRows : unitRows(set.q, set.scales, n, dims), n, dims, outDims, seed);
    umapJs = {
      nEpochs: r.nEpochs,
      seconds: r.seconds,
      preservation10: round(neighbourPreservationFromKnn(knn, r.coords, outDims, 10), 4),
      oursOverUmapJs: round(umapRuns[0].seconds.total / r.seconds.total),
      oursOverUmapJsCpu: round(umapRuns[0].seconds.totalCpu / r.seconds.totalCpu),
    };
  }

  console.log(
    JSON.stringify(
      {
        runtime: `node ${process.version}`,
        set: set.manifest.name,
        n,
        outDims,
        seed,
        loadAverage: { before: loadBefore, after: load() },
        umap: umapRuns.map(({ knn: _, coords: __, ...r }) => r),
        pca: { words: pcaN, seconds: round(pcaSeconds), preservation10: round(pcaPreservation, 4) },
        chromium: inChromium,
        umapJs,
      },
      null,
      2,
    ),
  );
});
