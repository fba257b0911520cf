/**
 * Map figures in Debian's Chromium, on the production build (the page's own worker and plot):
 *  - UMAP of the 5,000 most frequent words to 3-D: time from request to finished map, progress
 *    updates per second, and the longest task on the UI thread while it ran (Long Tasks API);
 *  - PCA of the 10,000 most frequent words to 2-D: projection time and the longest UI task.
 *
 * Usage: npm run build && npx tsx scripts/bench-map-browser.ts [--url http://127.0.0.1:3100] [--n 5000]
 * Without --url it starts `next start` on port 3199 from the existing build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-map-browser.ts [--url URL] [--n 5000] [--pca-n 10000]';

interface MapRun {
  seconds: number; // map:start → map:done, as the page saw it
  projectionSeconds: number; // the worker's own projection time (kNN + layout)
  progressUpdates: number;
  progressPerSecond: number;
  longestTaskMs: number;
  longTasksOver100ms: number;
  /** Long tasks in the 5 s after the map arrived (drawing the final plot). */
  longestRenderTaskMs: number;
  points: number;
  preservation: string;
}

runCli('bench-map-browser', USAGE, async () => {
  const { values, positionals } = parseCli({ url: { type: 'string' }, n: { type: 'string' }, 'pca-n': { type: 'string' } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const n = intFlag(values.n, 'n', 5000);
  const pcaN = intFlag(values['pca-n'], 'pca-n', 10000);
  let server: ChildProcess | undefined;
  let url = values.url;
  if (!url) {
    if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run npm run build first (or pass --url)');
    url = 'http://127.0.0.1:3199';
    server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', '3199'], { stdio: 'ignore', detached: true });
    await waitFor(url);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const umap = await runMap(await browser.newPage(), `${url}/map?words=top%3A${n}&method=umap&dims=3&color=none`);
    const umap2d = await runMap(await browser.newPage(), `${url}/map?words=top%3A${n}&method=umap&color=none`);
    const pca = await runMap(await browser.newPage(), `${url}/map?words=top%3A${pcaN}&method=pca&color=none`);
    console.log(JSON.stringify({ umap3d: { n, ...umap }, umap2d: { n, ...umap2d }, pca2d: { n: pcaN, ...pca } }, null, 2));
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
});

/** Opens a map URL, waits for the vectors and the map, and reads the page's marks and long tasks. */
async function runMap(page: Page, url: string): Promise<MapRun> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.getByTestId('map-info').waitFor({ timeout: 300_000 });
  await page.waitForFunction(() => performance.getEntriesByName('map:done').length > 0, undefined, { timeout: 300_000 });
  await page.waitForTimeout(5000); // let the final plot draw: its long tasks are reported separately
  const r = await page.evaluate(() => {
    const start = performance.getEntriesByName('map:start').at(-1)!.startTime;
    const done = performance.getEntriesByName('map:done').at(-1) as PerformanceMark;
    const progress = performance.getEntriesByName('map:progress').filter((e) => e.startTime >= start && e.startTime <= done.startTime).length;
    // UI-thread tasks over 50 ms that overlapped the projection (from request to finished map).
    const tasks = (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([t, d]) => t + d >= start && t <= done.startTime).map(([, d]) => d);
    const render = (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([t]) => t > done.startTime).map(([, d]) => d);
    return { ms: done.startTime - start, detail: done.detail as { seconds: number }, progress, tasks, render };
  });
  const longest = Math.max(0, ...r.tasks);
  const run: MapRun = {
    seconds: round(r.ms / 1000),
    projectionSeconds: round(r.detail.seconds),
    progressUpdates: r.progress,
    progressPerSecond: round(r.progress / (r.ms / 1000)),
    longestTaskMs: Math.round(longest),
    longTasksOver100ms: r.tasks.filter((d) => d > 100).length,
    longestRenderTaskMs: Math.round(Math.max(0, ...r.render)),
    points: Number(await page.getByTestId('map-plot').getAttribute('data-points')),
    preservation: await page.getByTestId('preservation').innerText(),
  };
  await page.close();
  return run;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the server at ${url} did not start`);
}

const round = (v: number) => Number(v.toFixed(3));
