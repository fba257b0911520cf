/**
 * A large vector file imported in the browser, against the same file through `npm run import`:
 *  - writes a seeded synthetic GloVe text file (default 400,000 words × 300 dimensions, ≈ 1.1 GB;
 *    numbers like GloVe's "-0.038194", every tenth word long), or takes --file;
 *  - in Debian's Chromium, on the production build: opens the analogy page, picks the file with
 *    "Open a vector file…" and imports it (the import worker streams it into the Origin Private
 *    File System): time from the click to the kept set, rows/s, and the renderer process's memory
 *    (VmRSS sampled during the import, VmHWM before, after the import and after the new set has
 *    loaded: the renderer holds the page, its workers and their WebAssembly memory);
 *  - in Node: `npm run -s import` on the same file (time and peak RSS from /usr/bin/time);
 *  - checks that both kept the same set (the manifest checksums are equal).
 * A screenshot of the page a third of the way through lands in artifacts/import-browser-progress.png.
 *
 * Usage: npm run build && npx tsx scripts/bench-import-browser.ts [--rows 400000] [--dims 300] [--seed 1] [--file PATH] [--keep] [--url URL] [--json]
 * Without --url it serves the existing build as npm start does (scripts/serve.ts) on port 3197.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-import-browser.ts [--rows 400000] [--dims 300] [--seed 1] [--file PATH] [--keep] [--url URL] [--json]';
const APP_PORT = 3197;
const SET = 'bench-import';

runCli('bench-import-browser', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      rows: { type: 'string' },
      dims: { type: 'string' },
      seed: { type: 'string' },
      file: { type: 'string' },
      keep: { type: 'boolean', default: false },
      url: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const rows = intFlag(values.rows, 'rows', 400_000);
  const dims = intFlag(values.dims, 'dims', 300, 1, 4096);
  const seed = intFlag(values.seed, 'seed', 1, 0);
  const loadBefore = os.loadavg();

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-bench-import-browser-'));
  let server: ChildProcess | undefined;
  try {
    let file = values.file;
    if (file === undefined) {
      file = path.join(tmp, `synthetic-${rows}x${dims}-seed${seed}.txt`);
      const t0 = Date.now();
      await generate(file, rows, dims, seed);
      console.error(`generated ${file}: ${(((await stat(file)).size) / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const fileBytes = (await stat(file)).size;

    let url = values.url;
    if (!url) {
      if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run npm run build first (or pass --url)');
      url = `http://127.0.0.1:${APP_PORT}`;
      server = spawn('npx', ['tsx', 'scripts/serve.ts', '--host', '127.0.0.1', '--port', String(APP_PORT)], { stdio: 'ignore', detached: true });
      await waitFor(url);
    }
    console.error('importing in Chromium…');
    const browser = await inBrowser(url, file, path.join(tmp, 'profile'), fileBytes);
    console.error('importing with npm run import…');
    const node = await inNode(file, path.join(tmp, 'models'));

    const summary = {
      file: { path: values.file ?? `(generated, seed ${seed})`, MB: +(fileBytes / 1e6).toFixed(1), rows: browser.rows, dims },
      browser: { ...browser, rowsPerSecond: Math.round(browser.rows / browser.importS) },
      node: { ...node, rowsPerSecond: Math.round(node.rows / node.seconds) },
      sameChecksum: browser.checksum === node.checksum,
      loadAverage: { before: loadBefore.map((v) => +v.toFixed(2)), after: os.loadavg().map((v) => +v.toFixed(2)) },
      cores: os.cpus().length,
    };
    if (values.json) console.log(JSON.stringify(summary));
    else {
      const b = summary.browser;
      console.log(`${summary.file.MB} MB, ${summary.file.rows.toLocaleString('en')} words × ${dims}; load average ${summary.loadAverage.before.join(' ')} → ${summary.loadAverage.after.join(' ')} on ${summary.cores} cores`);
      console.log(`browser (${b.chromium}): ${b.importS} s click → kept, ${b.rowsPerSecond.toLocaleString('en')} rows/s; renderer peak ${b.peakRssDuringImportMB} MB during the import (VmRSS sampled; ${b.rendererBeforeMB} MB before, GloVe loaded), VmHWM ${b.rendererHwmAfterImportMB} MB after it, ${b.rendererHwmAfterOpenMB} MB once the set has loaded (${b.openS} s); kept ${b.keptMB} MB`);
      console.log(`node (npm run -s import): ${node.seconds} s, ${summary.node.rowsPerSecond.toLocaleString('en')} rows/s, peak RSS ${node.peakRssMB} MB`);
      console.log(`same set (manifest checksum): ${summary.sameChecksum}`);
    }
    if (values.keep && values.file === undefined) console.error(`kept ${file}: pass it again with --file`);
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid); // the whole group: npx, tsx and the server
      } catch {
        // already gone
      }
    }
    if (values.keep && values.file === undefined) await rm(path.join(tmp, 'profile'), { recursive: true, force: true }).then(() => rm(path.join(tmp, 'models'), { recursive: true, force: true }));
    else await rm(tmp, { recursive: true, force: true });
  }
});

/** Seeded GloVe-style text: `word v1 … vD` with six-decimal numbers; every tenth word is long (13+ characters). */
async function generate(file: string, rows: number, dims: number, seed: number): Promise<void> {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 0x100000000;
  };
  const pool = Array.from({ length: 65536 }, () => ((rand() * 2 - 1) * (rand() < 0.1 ? 2 : 0.5)).toFixed(6));
  const out = createWriteStream(file);
  let batch: string[] = [];
  let batchBytes = 0;
  for (let i = 0; i < rows; i++) {
    let line = i % 10 === 9 ? `long-compound-word-${i.toString(36)}` : `w${i.toString(36)}`;
    for (let d = 0; d < dims; d++) line += ' ' + pool[(rand() * 65536) | 0];
    line += '\n';
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
}

/** The import through the page, in a fresh browser profile (an empty Origin Private File System). */
async function inBrowser(url: string, file: string, profile: string, fileBytes: number) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/?q=cat`);
    await page.getByTestId('load-ready').waitFor({ timeout: 120_000 });
    const before = await rendererMemory(profile);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-name').fill(SET);
    const t0 = Date.now();
    await page.getByTestId('import-start').click();
    let peakRss = before.rss;
    let pictured = false;
    const done = page.getByTestId('import-done');
    while (!(await done.isVisible())) {
      const error = page.getByTestId('import-error');
      if (await error.isVisible()) throw new Error(`the import failed: ${await error.textContent()}`);
      peakRss = Math.max(peakRss, (await rendererMemory(profile)).rss);
      const read = await page.getByTestId('import-progress').getAttribute('data-bytes', { timeout: 100 }).catch(() => null);
      if (!pictured && Number(read) > fileBytes / 3) {
        await page.screenshot({ path: 'artifacts/import-browser-progress.png' });
        pictured = true;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const importS = +((Date.now() - t0) / 1000).toFixed(1);
    const afterImport = await rendererMemory(profile);
    const kept = Number(await done.getAttribute('data-rows'));
    const keptBytes = Number(await done.getAttribute('data-bytes'));
    await page.waitForFunction((n) => document.querySelector('[data-testid="load-ready"]')?.textContent?.startsWith(`${n.toLocaleString('en')} words loaded`), kept, { timeout: 600_000 });
    const openS = +((Date.now() - t0) / 1000 - importS).toFixed(1);
    const afterOpen = await rendererMemory(profile);
    return {
      chromium: context.browser()?.version() ?? 'chromium',
      rows: kept,
      importS,
      workerMs: Number(await done.getAttribute('data-ms')),
      openS,
      keptMB: +(keptBytes / 1e6).toFixed(1),
      rendererBeforeMB: mb(before.hwm),
      peakRssDuringImportMB: mb(peakRss),
      rendererHwmAfterImportMB: mb(afterImport.hwm),
      rendererHwmAfterOpenMB: mb(afterOpen.hwm),
      checksum: await keptChecksum(page, SET),
    };
  } finally {
    await context.close();
  }
}

/** The checksum in the kept set's manifest.json, read from the Origin Private File System. */
function keptChecksum(page: Page, name: string): Promise<string> {
  return page.evaluate(async (set) => {
    const root = await navigator.storage.getDirectory();
    const folder = await (await root.getDirectoryHandle('vector-sets')).getDirectoryHandle(set);
    const file = await (await folder.getFileHandle('manifest.json')).getFile();
    return (JSON.parse(await file.text()) as { checksum: string }).checksum;
  }, name);
}

/** `npm run -s import` on the same file, under /usr/bin/time for its peak resident set. */
async function inNode(file: string, models: string) {
  const { stderr } = await promisify(execFile)('/usr/bin/time', ['-f', 'wve-time %e %M', 'npm', 'run', '-s', 'import', '--', file, '--name', SET, '--models-dir', models, '--json'], {
    maxBuffer: 1 << 24,
  });
  const m = /wve-time ([\d.]+) (\d+)/.exec(stderr);
  if (!m) throw new Error(`no timing from /usr/bin/time: ${stderr.slice(-300)}`);
  const manifest = JSON.parse(await readFile(path.join(models, SET, 'manifest.json'), 'utf8')) as { count: number; checksum: string };
  return { rows: manifest.count, seconds: Number(m[1]), peakRssMB: mb(Number(m[2]) * 1024), checksum: manifest.checksum };
}

const mb = (bytes: number) => +(bytes / 1e6).toFixed(0);

/**
 * The largest resident set now (VmRSS) and at its peak (VmHWM) among this browser's renderer
 * processes: the browser is the process started with this profile; renderers are its
 * descendants with --type=renderer.
 */
async function rendererMemory(profile: string): Promise<{ rss: number; hwm: number }> {
  const procs = new Map<number, { ppid: number; cmd: string }>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(/\) \S (\d+)/.exec(status)?.[1]);
    procs.set(Number(entry), { ppid, cmd: (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ') });
  }
  const family = new Set([...procs].filter(([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type=')).map(([pid]) => pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) if (!family.has(pid) && family.has(p.ppid)) (family.add(pid), (grew = true));
  }
  let rss = 0;
  let hwm = 0;
  for (const pid of family) {
    if (!procs.get(pid)!.cmd.includes('--type=renderer')) continue;
    const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    rss = Math.max(rss, Number(/VmRSS:\s+(\d+) kB/.exec(text)?.[1] ?? 0) * 1024);
    hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+) kB/.exec(text)?.[1] ?? 0) * 1024);
  }
  return { rss, hwm };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not start`);
}
