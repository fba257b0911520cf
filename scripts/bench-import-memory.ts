/**
 * Memory benchmark for `npm run -s import`: writes a large synthetic GloVe-style text file
 * (default ~300 MB) to a temp folder, imports it in a child process into a temp models folder,
 * and prints JSON {fileMB, rows, dims, seconds, peakRssMB}, where peakRssMB is the child's peak
 * resident set size (process.resourceUsage().maxRSS). The import streams, so peakRssMB should
 * stay far below fileMB. Temp files are deleted afterwards.
 *
 *   npx tsx scripts/bench-import-memory.ts [--mb 300] [--dims 100] [--keep]
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importVectorFile } from '../lib/node/import/import-file';

const SELF = fileURLToPath(import.meta.url);
/** The child resolves `--import tsx` from its working directory: the project root. */
const PROJECT_ROOT = path.resolve(path.dirname(SELF), '..');

/** Writes `word v1 … vD` lines like GloVe's ("-0.038194") until the file reaches `targetBytes`. */
async function generate(file: string, targetBytes: number, dims: number): Promise<number> {
  // A pool of pre-formatted numbers keeps generation fast; rows still differ from each other.
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 0x100000000;
  };
  const pool = Array.from({ length: 65536 }, () => (rand() * 2 - 1).toFixed(6));
  const out = createWriteStream(file);
  let bytes = 0;
  let rows = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  while (bytes < targetBytes) {
    // Every tenth word is long (13+ characters), like real vocabularies' compounds and URLs.
    let line = rows % 10 === 9 ? `long-compound-word-${rows.toString(36)}` : `w${rows.toString(36)}`;
    for (let d = 0; d < dims; d++) line += ' ' + pool[(rand() * 65536) | 0];
    line += '\n';
    rows++;
    bytes += line.length; // ASCII
    batch.push(line);
    batchBytes += line.length;
    if (batchBytes >= 4 << 20) {
      if (!out.write(batch.join(''))) await once(out, 'drain');
      batch = [];
      batchBytes = 0;
    }
  }
  out.end(batch.join(''));
  await once(out, 'finish');
  return rows;
}

/** Child mode: import and report rows, time and peak RSS on stdout. */
async function child(file: string, models: string): Promise<void> {
  const start = process.hrtime.bigint();
  const manifest = await importVectorFile(file, { name: 'bench', modelsDir: models });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const maxRssKB = process.resourceUsage().maxRSS; // kilobytes
  process.stdout.write(JSON.stringify({ rows: manifest.count, dims: manifest.dims, seconds, peakRssMB: maxRssKB / 1024 }) + '\n');
}

async function runChild(file: string, models: string): Promise<{ rows: number; dims: number; seconds: number; peakRssMB: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', file, models], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  proc.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  const [code] = (await once(proc, 'close')) as [number | null];
  if (code !== 0) throw new Error(`import child exited with ${code}`);
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mb: { type: 'string', default: '300' },
      dims: { type: 'string', default: '100' },
      keep: { type: 'boolean', default: false },
      child: { type: 'boolean', default: false },
    },
  });
  if (values.child) return child(positionals[0], positionals[1]);

  const mb = Number(values.mb);
  const dims = Number(values.dims);
  if (!(mb > 0) || !Number.isInteger(dims) || dims < 1 || dims > 4096) {
    process.stderr.write('usage: npx tsx scripts/bench-import-memory.ts [--mb 300] [--dims 100] [--keep]\n');
    process.exitCode = 2;
    return;
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-bench-import-'));
  try {
    const file = path.join(tmp, 'synthetic-glove.txt');
    const genStart = Date.now();
    const generated = await generate(file, mb * 1e6, dims);
    const fileBytes = (await stat(file)).size;
    process.stderr.write(`generated ${generated} rows, ${(fileBytes / 1e6).toFixed(1)} MB in ${((Date.now() - genStart) / 1000).toFixed(1)} s; importing…\n`);
    const r = await runChild(file, path.join(tmp, 'models'));
    if (r.rows !== generated) throw new Error(`imported ${r.rows} rows, generated ${generated}`);
    const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
    const result = {
      fileMB: round(fileBytes / 1e6),
      rows: r.rows,
      dims: r.dims,
      seconds: round(r.seconds, 2),
      peakRssMB: round(r.peakRssMB),
    };
    process.stdout.write(JSON.stringify(result) + '\n');
    if (values.keep) process.stderr.write(`kept ${tmp}\n`);
  } finally {
    if (!values.keep) await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench-import-memory: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
