/**
 * `npm run build && npm run -s bench:train-browser [-- --url URL] [--runs 3] [--json]`: word2vec on
 * the whole Brown corpus (gensim's defaults, seed 1) in Debian's Chromium, driving the /train
 * page's own worker, against the same training in Node in this process, run for run:
 *  - words per second (corpus tokens × epochs ÷ training seconds) in each, and their ratio;
 *  - the page's main thread while it trains (from the click on Start to the end): Long Tasks
 *    (PerformanceObserver 'longtask', every task over 50 ms), their count and the longest; also
 *    for 30 s of next-word training;
 *  - the 1-minute load average around each figure.
 * Without --url it starts the production server (scripts/serve.ts) on port 3198 from the existing build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { Word2Vec } from '../lib/train/word2vec';
import { intFlag, parseCli, runCli, UsageError } from './cli';
import { loadCorpus } from './train-common';

const USAGE = 'usage: npm run build && npm run -s bench:train-browser [-- --url URL] [--runs 3] [--json]';

interface LongTasks {
  count: number;
  longest: number;
}

runCli('bench:train-browser', USAGE, async () => {
  const { values, positionals } = parseCli({ url: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const runs = intFlag(values.runs, 'runs', 3, 1, 20);
  const log = (s: string) => values.json || console.error(s);
  let server: ChildProcess | undefined;
  let url = values.url;
  if (!url) {
    if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run npm run build first (or pass --url)');
    url = 'http://127.0.0.1:3198';
    server = spawn('npx', ['tsx', 'scripts/serve.ts', '--host', '127.0.0.1', '--port', '3198'], { stdio: 'ignore', detached: true });
    await waitFor(url);
  }
  const { corpus } = await loadCorpus('brown');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const results: { run: number; node: number; nodeLoad: number; chromium: number; chromiumLoad: number; ratio: number; longTasks: LongTasks }[] = [];
  let nextWord: { longTasks: LongTasks; wordsPerSecond: number; load: number } | undefined;
  try {
    for (let run = 1; run <= runs; run++) {
      const nodeLoad = os.loadavg()[0];
      const model = await Word2Vec.create(corpus, { seed: 1 });
      model.trainAll();
      const node = model.wordsPerSecond;

      const page = await browser.newPage();
      await watchLongTasks(page);
      await page.goto(`${url}/train`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
      const chromiumLoad = os.loadavg()[0];
      await page.getByTestId('w2v-fraction').selectOption({ label: 'all' });
      // count only what happens while it trains
      await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.splice(0));
      await page.getByTestId('w2v-start').click();
      await page.locator('[data-testid="w2v"][data-status="done"]').waitFor({ timeout: 600_000 });
      const wps = Number(await page.getByTestId('w2v-status').getAttribute('data-words-per-second'));
      const longTasks = await readLongTasks(page);
      results.push({ run, node: Math.round(node), nodeLoad, chromium: wps, chromiumLoad: Math.max(chromiumLoad, os.loadavg()[0]), ratio: node / wps, longTasks });
      log(`run ${run}: Node ${Math.round(node).toLocaleString('en')} words/s (load ${nodeLoad.toFixed(2)}), Chromium ${wps.toLocaleString('en')} (load ${chromiumLoad.toFixed(2)}): Node/Chromium ${(node / wps).toFixed(2)}; long tasks ${longTasks.count}, longest ${longTasks.longest} ms`);

      if (run === runs) {
        await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.splice(0));
        const load = os.loadavg()[0];
        await page.getByTestId('nw-start').click();
        await page.getByTestId('nw-status').waitFor({ timeout: 120_000 });
        await page.waitForTimeout(30_000);
        const label = await page.getByTestId('nw-status').innerText();
        nextWord = { longTasks: await readLongTasks(page), wordsPerSecond: Number(/([\d,]+) words\/s/.exec(label)?.[1].replace(/,/g, '') ?? NaN), load };
        log(`next-word model, 30 s: ${nextWord.wordsPerSecond.toLocaleString('en')} words/s; long tasks ${nextWord.longTasks.count}, longest ${nextWord.longTasks.longest} ms`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = {
    chromium: await chromiumVersion(),
    node: process.version,
    medianNode: median(results.map((r) => r.node)),
    medianChromium: median(results.map((r) => r.chromium)),
    medianRatio: median(results.map((r) => r.ratio)),
    longestTask: Math.max(...results.map((r) => r.longTasks.longest), nextWord?.longTasks.longest ?? 0),
    runs: results,
    nextWord,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else console.log(JSON.stringify(summary, null, 2));
});

/** Collects every long task of the page's main thread from the start. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as { __longTasks: number[] };
    g.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) g.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function readLongTasks(page: Page): Promise<LongTasks> {
  const tasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.slice());
  return { count: tasks.length, longest: Math.round(Math.max(0, ...tasks)) };
}

async function chromiumVersion(): Promise<string> {
  const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const v = b.version();
  await b.close();
  return v;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within 5 minutes`);
}
