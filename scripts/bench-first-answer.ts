/**
 * Page open → first answer, in Debian's Chromium, against any
 * running copy of the app (npm start, npm run dev, or the static build behind a plain file server):
 *  - cold: a new browser context per visit (empty HTTP cache, no service worker), median of N;
 *  - warm service worker (static build): one visit installs the worker (and its one reload), then
 *    N visits in the same context, served from the worker's cache.
 * Pages: `analogies` (/analogies?q=king - man + woman; its `analogy:result` mark, which may
 * search only the words loaded so far) or `walk` (the front page; the first widget's
 * `walk:cities` mark, with the second's, `walk:neighbours`, reported beside it). The first visit's
 * time is also reported apart (a dev server compiles pages on it).
 *
 * Usage: npx tsx scripts/bench-first-answer.ts --url http://127.0.0.1:3000 [--page analogies|walk] [--visits 5] [--service-worker] [--json]
 */
import os from 'node:os';
import { chromium, type BrowserContext } from '@playwright/test';
import { quantile } from '../lib/vectors/latency';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-first-answer.ts --url URL [--page analogies|walk] [--visits 5] [--service-worker] [--json]';

/** Each page's address, the mark of its first answer, and any later marks worth reporting. */
const PAGES = {
  analogies: { path: '/analogies?q=king+-+man+%2B+woman', mark: 'analogy:result', also: [] as string[] },
  walk: { path: '/', mark: 'walk:cities', also: ['walk:neighbours'] },
};
type PageName = keyof typeof PAGES;

runCli('bench-first-answer', USAGE, async () => {
  const { values, positionals } = parseCli({ url: { type: 'string' }, page: { type: 'string', default: 'analogies' }, visits: { type: 'string' }, 'service-worker': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.url) throw new UsageError('missing --url');
  if (!(values.page! in PAGES)) throw new UsageError(`--page must be one of ${Object.keys(PAGES).join(', ')}`);
  const target = PAGES[values.page as PageName];
  const url = values.url.replace(/\/$/, '') + target.path;
  const visits = intFlag(values.visits, 'visits', 5);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const cold: number[] = [];
    const later: Record<string, number[]> = Object.fromEntries(target.also.map((m) => [m, []]));
    for (let i = 0; i < visits; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const marks = await firstAnswer(context, url, [target.mark, ...target.also]);
      cold.push(marks[0]);
      target.also.forEach((m, j) => later[m].push(marks[j + 1]));
      await context.close();
    }
    const report: Record<string, unknown> = {
      url,
      mark: target.mark,
      loadAverage: os.loadavg().map((v) => +v.toFixed(2)),
      coldFirstVisitMs: Math.round(cold[0]),
      coldMedianMs: Math.round(quantile(cold, 0.5)),
      coldMs: cold.map(Math.round),
      ...Object.fromEntries(target.also.map((m) => [`${m} coldMedianMs`, Math.round(quantile(later[m], 0.5))])),
    };
    if (values['service-worker']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      // The first visit installs the worker and reloads once; wait until it serves the page.
      await page.waitForFunction(() => crossOriginIsolated && navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, target.mark, { timeout: 120_000 });
      await page.waitForLoadState('networkidle', { timeout: 300_000 }); // everything fetched, so kept by the worker
      await page.close();
      const warm: number[] = [];
      for (let i = 0; i < visits; i++) warm.push((await firstAnswer(context, url, [target.mark]))[0]);
      await context.close();
      Object.assign(report, { warmServiceWorkerMedianMs: Math.round(quantile(warm, 0.5)), warmServiceWorkerMs: warm.map(Math.round) });
    }
    console.log(values.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
  }
});

/** Milliseconds from navigation start to each of `marks` on a new page of `context`. */
async function firstAnswer(context: BrowserContext, url: string, marks: string[]): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(url, { timeout: 600_000 });
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0), marks, { timeout: 600_000 });
  const ms = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0].startTime), marks);
  await page.close();
  return ms;
}
