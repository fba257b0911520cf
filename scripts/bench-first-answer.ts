/**
 * Page open → first answer, in Debian's Chromium, against any
 * running copy of the app (npm start, npm run dev, or the static build behind a plain file server):
 *  - cold: a new browser context per visit (empty HTTP cache, no service worker), median of N;
 *  - warm service worker (static build): one visit installs the worker (and its one reload), then
 *    N visits in the same context, served from the worker's cache.
 * Pages: `analogies` (/analogies?q=king - man + woman; its `analogy:result` mark, which may
 * search only the words loaded so far) or `walk` (the front page; the first widget's
 * `walk:cities` mark, with the second's, `walk:neighbours`, reported beside it). The first visit's
 * time is also reported apart (a dev server compiles pages on it). Several --url flags compare
 * copies in one run: their visits alternate, and each median (cold, and warm service
 * worker) is also given as a ratio to the first's.
 *
 * Usage: npx tsx scripts/bench-first-answer.ts --url http://127.0.0.1:3000 [--url …] [--page analogies|walk] [--visits 5] [--service-worker] [--json]
 */
import os from 'node:os';
import { chromium, type BrowserContext } from '@playwright/test';
import { quantile } from '../lib/vectors/latency';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-first-answer.ts --url URL [--url URL2 …] [--page analogies|walk] [--visits 5] [--service-worker] [--json]';

/** Each page's address, the mark of its first answer, and any later marks worth reporting. */
const PAGES = {
  analogies: { path: '/analogies?q=king+-+man+%2B+woman', mark: 'analogy:result', also: [] as string[] },
  walk: { path: '/', mark: 'walk:cities', also: ['walk:neighbours'] },
};
type PageName = keyof typeof PAGES;

runCli('bench-first-answer', USAGE, async () => {
  const { values, positionals } = parseCli({ url: { type: 'string', multiple: true }, page: { type: 'string', default: 'analogies' }, visits: { type: 'string' }, 'service-worker': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.url?.length) throw new UsageError('missing --url');
  if (!(values.page! in PAGES)) throw new UsageError(`--page must be one of ${Object.keys(PAGES).join(', ')}`);
  const target = PAGES[values.page as PageName];
  const urls = values.url.map((u) => u.replace(/\/$/, '') + target.path);
  const visits = intFlag(values.visits, 'visits', 5);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const cold = urls.map(() => [] as number[]);
    const later = urls.map(() => Object.fromEntries(target.also.map((m) => [m, [] as number[]])));
    // Round by round, each copy once: a busy spell of the machine slows them alike.
    for (let i = 0; i < visits; i++) {
      for (const [u, url] of urls.entries()) {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const marks = await firstAnswer(context, url, [target.mark, ...target.also]);
        cold[u].push(marks[0]);
        target.also.forEach((m, j) => later[u][m].push(marks[j + 1]));
        await context.close();
      }
    }
    const reports: Record<string, unknown>[] = urls.map((url, u) => ({
      url,
      mark: target.mark,
      loadAverage: os.loadavg().map((v) => +v.toFixed(2)),
      coldFirstVisitMs: Math.round(cold[u][0]),
      coldMedianMs: Math.round(quantile(cold[u], 0.5)),
      coldMs: cold[u].map(Math.round),
      ...Object.fromEntries(target.also.map((m) => [`${m} coldMedianMs`, Math.round(quantile(later[u][m], 0.5))])),
    }));
    if (values['service-worker']) {
      const contexts = await Promise.all(urls.map(() => browser.newContext()));
      const install: number[] = [];
      for (const [u, url] of urls.entries()) install.push(await installServiceWorker(contexts[u], url, target.mark));
      const warm = urls.map(() => [] as number[]);
      for (let i = 0; i < visits; i++) for (const [u, url] of urls.entries()) warm[u].push((await firstAnswer(contexts[u], url, [target.mark]))[0]);
      for (const context of contexts) await context.close();
      const warmBase = quantile(warm[0], 0.5);
      reports.forEach((r, u) => {
        Object.assign(r, { firstVisitUntilIsolatedAnswerMs: install[u], warmServiceWorkerMedianMs: Math.round(quantile(warm[u], 0.5)), warmServiceWorkerMs: warm[u].map(Math.round) });
        if (urls.length > 1) r.warmMedianRatioToFirst = +(quantile(warm[u], 0.5) / warmBase).toFixed(3);
      });
    }
    // Several copies: each one's median beside the first's.
    const base = quantile(cold[0], 0.5);
    if (urls.length > 1) reports.forEach((r, u) => (r.coldMedianRatioToFirst = +(quantile(cold[u], 0.5) / base).toFixed(3)));
    const report = urls.length === 1 ? reports[0] : reports;
    console.log(values.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
  }
});

/**
 * A first visit of `url` in `context`: it installs the service worker, which reloads the page once
 * and keeps what it fetches. Returns the wall time from the first navigation to the answer on
 * the reloaded page (the one served by the worker).
 */
async function installServiceWorker(context: BrowserContext, url: string, mark: string): Promise<number> {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => crossOriginIsolated && navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: 120_000 });
  const ms = Date.now() - t0;
  await page.waitForLoadState('networkidle', { timeout: 300_000 }); // everything fetched, so kept by the worker
  await page.close();
  return ms;
}

/** Milliseconds from navigation start to each of `marks` on a new page of `context`. */
async function firstAnswer(context: BrowserContext, url: string, marks: string[]): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(url, { timeout: 600_000 });
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0), marks, { timeout: 600_000 });
  const ms = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0].startTime), marks);
  await page.close();
  return ms;
}
