/**
 * GPT-2 from the hub in Debian's Chromium, on the production build, against the local hub
 * stand-in (302 to a CDN origin, as the real hub): click → first logit lens for a GPT-2-small-
 * shaped random model, cold (download, build, session) and kept (a second visit: no network),
 * peak memory of the tab's renderer process (VmHWM, which holds the page, its workers and their
 * WebAssembly memory), and continuing the IOI prompt by N tokens. Each visit is a new browser on
 * the same profile, so the Origin Private File System persists and the memory peak is per visit.
 *
 * Served as npm start serves it (scripts/serve.ts, with the stand-in's origins allowed).
 *
 * Usage: npm run build && npx tsx scripts/bench-gpt2-browser.ts [--size small|tiny] [--tokens 20] [--dtypes int8,fp32] [--url URL]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { makeRandomRepo, startHubStandIn } from '../lib/node/hub-stand-in';
import { HUB_ORIGINS_ENV } from '../lib/security/origins';
import { choiceFlag, intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/bench-gpt2-browser.ts [--size small|tiny] [--tokens 20] [--dtypes int8,fp32] [--url URL] [--json]';
const IOI = 'When Mary and John went to the store, John gave a drink to';
const APP_PORT = 3198;

runCli('bench-gpt2-browser', USAGE, async () => {
  const { values, positionals } = parseCli(
    { size: { type: 'string' }, tokens: { type: 'string' }, dtypes: { type: 'string' }, url: { type: 'string' }, json: { type: 'boolean', default: false } },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const size = choiceFlag(values.size, 'size', ['small', 'tiny'] as const, 'small');
  const tokens = intFlag(values.tokens, 'tokens', 20);
  const dtypes = (values.dtypes ?? 'int8,fp32').split(',');
  for (const d of dtypes) if (!['int8', 'fp16', 'fp32'].includes(d)) throw new UsageError(`--dtypes takes int8, fp16, fp32 (got "${d}")`);

  const hubRoot = path.join(os.tmpdir(), 'wve-bench-hub');
  const repo = `wve-test/gpt2-${size}-random`;
  console.error(`${repo}: ${(await makeRandomRepo(hubRoot, size, repo)) ? 'written' : 'present'} in ${hubRoot}`);
  const standIn = await startHubStandIn({ root: hubRoot, port: 0, cdnPort: 0 });
  const weightsBytes = (await readFile(path.join(hubRoot, repo, 'model.safetensors'))).byteLength;

  let server: ChildProcess | undefined;
  let url = values.url;
  if (!url) {
    if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run npm run build first (or pass --url)');
    url = `http://127.0.0.1:${APP_PORT}`;
    // The stand-in's origins must be allowed to the GPT-2 loader (the site's hub allowlist).
    const env = { ...process.env, [HUB_ORIGINS_ENV]: `${standIn.hub} ${standIn.cdn}` };
    server = spawn('npx', ['tsx', 'scripts/serve.ts', '--host', '127.0.0.1', '--port', String(APP_PORT)], { stdio: 'ignore', detached: true, env });
    await waitFor(url);
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), 'wve-bench-profile-'));
  const results: Record<string, unknown>[] = [];
  try {
    const query = (dtype: string) => `/layers?hub=${encodeURIComponent(standIn.hub)}&repo=${encodeURIComponent(repo)}&dtype=${dtype}&p=${encodeURIComponent(IOI)}`;
    for (const dtype of dtypes) {
      // Cold: nothing kept for this dtype (the weights may be kept from an earlier dtype: then it is built without network).
      results.push(await visit(profile, `${url}${query(dtype)}`, `${dtype}, first visit`, true, tokens));
      results.push(await visit(profile, `${url}${query(dtype)}`, `${dtype}, second visit (kept)`, false, tokens));
    }
  } finally {
    await standIn.close();
    await rm(profile, { recursive: true, force: true });
    if (server?.pid) {
      try {
        process.kill(-server.pid);
      } catch {
        // already gone
      }
    }
  }
  const summary = { model: `${repo} (random weights, GPT-2-${size} shapes)`, safetensorsMB: +(weightsBytes / 1e6).toFixed(1), loadAverage: os.loadavg().map((v) => +v.toFixed(2)), visits: results };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(`${summary.model}, model.safetensors ${summary.safetensorsMB} MB; load average ${summary.loadAverage.join(' ')}`);
    console.log('visit                          | to first lens | network MB | built | session s | peak renderer MB | continue: total s, ms/token');
    for (const r of results) {
      console.log(
        `${String(r.visit).padEnd(30)} | ${String(r.toFirstLensS).padStart(11)} s | ${String(r.networkMB).padStart(10)} | ${String(r.built).padEnd(5)} | ${String(r.sessionS).padStart(9)} | ${String(r.peakRendererMB).padStart(16)} | ${r.continueS} s, ${r.msPerToken}`,
      );
    }
  }
});

/** One visit in a fresh browser on the shared profile: click (if offered) → first lens, memory peak, then continue the prompt. */
async function visit(profile: string, url: string, name: string, click: boolean, tokens: number): Promise<Record<string, unknown>> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const t0 = Date.now();
    await page.goto(url);
    let start = t0;
    if (click) {
      // Offered unless this dtype can be built from kept weights (then it loads without asking).
      const button = page.getByTestId('hub-load');
      await Promise.race([button.waitFor({ timeout: 60_000 }), page.getByTestId('model-loading').waitFor({ timeout: 60_000 })]);
      if (await button.isVisible()) {
        start = Date.now();
        await button.click();
      }
    }
    await page.getByTestId('lens-row').first().waitFor({ timeout: 600_000 });
    const toFirstLensS = +((Date.now() - start) / 1000).toFixed(2);
    const report = page.getByTestId('load-report');
    const networkMB = +(Number(await report.getAttribute('data-downloaded')) / 1e6).toFixed(1);
    const statusText = (await page.getByTestId('model-status').textContent()) ?? '';
    const session = /session ([\d.]+) s/.exec(statusText);
    const peakAfterLoad = await peakRendererMB(profile);

    await page.getByTestId('continue-count').fill(String(tokens));
    await page.getByTestId('mode-greedy').check();
    await page.getByTestId('continue').click();
    const timing = page.getByTestId('generation-timing');
    await page.waitForFunction((n) => document.querySelector('[data-testid="generation-timing"]')?.getAttribute('data-tokens') === String(n) && /reached|ended|full/.test(document.querySelector('[data-testid="generation-timing"]')?.textContent ?? ''), tokens, { timeout: 600_000 });
    const ms = Number(await timing.getAttribute('data-ms'));
    return {
      visit: name,
      toFirstLensS,
      networkMB,
      built: /graph built here/.test(statusText),
      sessionS: session ? Number(session[1]) : null,
      dtype: await page.getByTestId('backend').getAttribute('data-dtype'),
      provider: await page.getByTestId('backend').getAttribute('data-provider'),
      threads: Number(await page.getByTestId('backend').getAttribute('data-threads')),
      peakRendererMB: peakAfterLoad,
      peakRendererWithContinueMB: await peakRendererMB(profile),
      continueS: +(ms / 1000).toFixed(2),
      msPerToken: Math.round(ms / tokens),
    };
  } finally {
    await context.close();
  }
}

/**
 * The largest peak resident set (VmHWM) among this browser's renderer processes, MB: the browser
 * is the process started with this profile; renderers are its descendants with --type=renderer.
 */
async function peakRendererMB(profile: string): Promise<number | null> {
  const procs = new Map<number, { ppid: number; cmd: string }>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(/\) \S (\d+)/.exec(stat)?.[1]);
    procs.set(Number(entry), { ppid, cmd: (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ') });
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type=')).map(([pid]) => pid);
  const family = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) if (!family.has(pid) && family.has(p.ppid)) (family.add(pid), (grew = true));
  }
  let peak = 0;
  for (const pid of family) {
    if (!procs.get(pid)!.cmd.includes('--type=renderer')) continue;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''));
    if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
  }
  return peak ? +(peak / 1e6).toFixed(0) : null;
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
