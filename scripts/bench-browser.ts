/**
 * Browser-side figures in Debian's Chromium, on the production build:
 *  - first answer: from navigation start to the first result of /analogies?q=king - man + woman
 *    (warm server, cold browser cache; it may search only the words loaded so far), to the
 *    complete answer over all words, and to all words loaded; median of 5 visits;
 *  - single-query latency in the worker (the /speed page: median of 200 queries);
 *  - memory of the page and of the vectors worker (performance.measureUserAgentSpecificMemory).
 *
 * Usage: npm run build && npx tsx scripts/bench-browser.ts [--url http://127.0.0.1:3100]
 * Without --url it starts `next start` on port 3199 from the existing build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { quantile } from '../lib/vectors/latency';
import { parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-browser.ts [--url URL] [--visits 5]';

runCli('bench-browser', USAGE, async () => {
  const { values, positionals } = parseCli({ url: { type: 'string' }, visits: { type: 'string' } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const visits = Number(values.visits ?? 5);
  let server: ChildProcess | undefined;
  let url = values.url;
  if (!url) {
    if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run npm run build first (or pass --url)');
    url = 'http://127.0.0.1:3199';
    if (await isUp(url)) throw new Error(`something already listens on ${url}: stop it or pass --url`);
    server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', '3199'], { stdio: 'ignore', detached: true });
    await waitFor(url);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--enable-blink-features=ForceEagerMeasureMemory'],
  });
  try {
    const warm = await browser.newPage();
    await warm.goto(`${url}/analogies?q=cat`); // warms the server's routes
    await warm.getByTestId('load-ready').waitFor({ timeout: 120_000 });
    await warm.close();

    const firstAnswer: number[] = [];
    const completeAnswer: number[] = [];
    const firstSearched: number[] = [];
    const allLoaded: number[] = [];
    let memory: unknown;
    let marks: Record<string, number> = {};
    for (let i = 0; i < visits; i++) {
      const context = await browser.newContext(); // cold browser cache each visit
      const page = await context.newPage();
      await page.goto(`${url}/analogies?q=king+-+man+%2B+woman`);
      await page.getByTestId('result-item').first().waitFor({ timeout: 60_000 });
      // The page marks each answer as it arrives (app/components/analogy-explorer.tsx): the first
      // may search only the rows loaded so far; the complete one searched every word.
      firstAnswer.push(await page.evaluate(() => performance.getEntriesByName('analogy:result')[0].startTime));
      await page.getByTestId('load-ready').waitFor({ timeout: 120_000 });
      completeAnswer.push(
        // No named functions inside evaluate: tsx would wrap them in a helper the page lacks.
        await page.evaluate(async () => {
          for (;;) {
            const marks = performance.getEntriesByName('analogy:result') as PerformanceMark[];
            const done = marks.find((m) => (m.detail as { searched: number; total: number }).searched === (m.detail as { total: number }).total);
            if (done) return done.startTime;
            await new Promise((r) => setTimeout(r, 20));
          }
        }),
      );
      firstSearched.push(await page.evaluate(() => ((performance.getEntriesByName('analogy:result')[0] as PerformanceMark).detail as { searched: number }).searched));
      if (i === 0) marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
      allLoaded.push(await page.evaluate(() => performance.getEntriesByName('vectors:ready')[0].startTime));
      if (i === visits - 1) {
        // measureUserAgentSpecificMemory counts ArrayBuffers but not WebAssembly memory, so the
        // worker's own account of its kernel memory is reported beside it.
        const held = await page.evaluate(() => (performance.getEntriesByName('vectors:ready')[0] as PerformanceMark).detail as { rows: number; kernel: number });
        memory = { ...(await measureMemory(page)), workerHeldMB: { int8RowsAndScales: +(held.rows / 1e6).toFixed(1), wasmKernel: +(held.kernel / 1e6).toFixed(1) } };
      }
      await context.close();
    }

    const page = await browser.newPage();
    await page.goto(`${url}/speed`);
    await page.getByTestId('load-ready').waitFor({ timeout: 120_000 });
    await page.getByTestId('run-3cosadd').click();
    const report = JSON.parse((await page.getByTestId('latency-report').getAttribute('data-report', { timeout: 120_000 })) ?? '{}');
    console.log(
      JSON.stringify({
        browser: `chromium ${browser.version()}`,
        firstAnswerMedianMs: median(firstAnswer),
        firstAnswerMs: firstAnswer.map(Math.round),
        firstAnswerWordsSearched: firstSearched,
        completeAnswerMedianMs: median(completeAnswer),
        allWordsLoadedMedianMs: median(allLoaded),
        firstVisitMarks: marks,
        memory,
        latency: report,
      }),
    );
  } finally {
    await browser.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid); // the whole group: npx and next
      } catch {
        // already gone
      }
    }
  }
});

/** Bytes used by the page's JS and by each worker, from the browser's own memory measurement. */
async function measureMemory(page: import('@playwright/test').Page) {
  return page.evaluate(async () => {
    const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: { bytes: number; types: string[]; attribution: { scope: string; url: string }[] }[] }> };
    if (!crossOriginIsolated || !perf.measureUserAgentSpecificMemory) return { error: 'measureUserAgentSpecificMemory unavailable (needs cross-origin isolation)' };
    const m = await perf.measureUserAgentSpecificMemory();
    const byScope: Record<string, number> = {};
    for (const b of m.breakdown) {
      const scope = b.attribution[0]?.scope ?? (b.types.join('+') || 'other');
      byScope[scope] = (byScope[scope] ?? 0) + b.bytes;
    }
    return { totalMB: +(m.bytes / 1e6).toFixed(1), byScopeMB: Object.fromEntries(Object.entries(byScope).map(([k, v]) => [k, +(v / 1e6).toFixed(1)])) };
  });
}

async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await isUp(url)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not start`);
}

const median = (xs: number[]) => Math.round(quantile(xs, 0.5));
