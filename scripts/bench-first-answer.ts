/**
 * Page open → first answer of /analogies?q=king - man + woman, in Debian's Chromium, against any
 * running copy of the app (npm start, npm run dev, or the static build behind a plain file server):
 *  - cold: a new browser context per visit (empty HTTP cache, no service worker), median of N;
 *  - warm service worker (static build): one visit installs the worker (and its one reload), then
 *    N visits in the same context, served from the worker's cache.
 * The first answer is the page's `analogy:result` mark (it may search only the words loaded so
 * far); the first visit's time is also reported apart (a dev server compiles pages on it).
 *
 * Usage: npx tsx scripts/bench-first-answer.ts --url http://127.0.0.1:3000 [--visits 5] [--service-worker] [--json]
 */
import os from 'node:os';
import { chromium, type BrowserContext } from '@playwright/test';
import { quantile } from '../lib/vectors/latency';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-first-answer.ts --url URL [--visits 5] [--service-worker] [--json]';
const QUERY = '/analogies?q=king+-+man+%2B+woman';

runCli('bench-first-answer', USAGE, async () => {
  const { values, positionals } = parseCli({ url: { type: 'string' }, visits: { type: 'string' }, 'service-worker': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.url) throw new UsageError('missing --url');
  const url = values.url.replace(/\/$/, '') + QUERY;
  const visits = intFlag(values.visits, 'visits', 5);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const cold: number[] = [];
    for (let i = 0; i < visits; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      cold.push(await firstAnswer(context, url));
      await context.close();
    }
    const report: Record<string, unknown> = {
      url,
      loadAverage: os.loadavg().map((v) => +v.toFixed(2)),
      coldFirstVisitMs: Math.round(cold[0]),
      coldMedianMs: Math.round(quantile(cold, 0.5)),
      coldMs: cold.map(Math.round),
    };
    if (values['service-worker']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      // The first visit installs the worker and reloads once; wait until it serves the page.
      await page.waitForFunction(() => crossOriginIsolated && navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
      await page.getByTestId('load-ready').waitFor({ timeout: 120_000 });
      await page.close();
      const warm: number[] = [];
      for (let i = 0; i < visits; i++) warm.push(await firstAnswer(context, url));
      await context.close();
      Object.assign(report, { warmServiceWorkerMedianMs: Math.round(quantile(warm, 0.5)), warmServiceWorkerMs: warm.map(Math.round) });
    }
    console.log(values.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
  }
});

/** Milliseconds from navigation start to the first analogy result on a new page of `context`. */
async function firstAnswer(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url, { timeout: 600_000 });
  await page.getByTestId('result-item').first().waitFor({ timeout: 600_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('analogy:result')[0].startTime);
  await page.close();
  return ms;
}
