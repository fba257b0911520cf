import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { HUB, HUB_PORT, HUB_REPO } from './e2e/hub-fixture';
import { googleQuestionsFile } from './lib/node/analogy-questions-file';
import { HUB_ORIGINS_ENV } from './lib/security/headers';
import { STATIC_PORT, STATIC_SUBPATH, SUBPATH_PORT } from './e2e/static/static-fixture';

/**
 * End-to-end tests in Debian's Chromium (no browser download here): CHROMIUM_PATH overrides
 * /usr/bin/chromium. Screenshots go to artifacts/ for a human to look at.
 *  - project "server": the production server (scripts/serve.ts, as npm start runs it) on the real data;
 *  - project "static": the static build (out/, then a sub-path build) served by Python's plain
 *    http.server, which sends no special headers, with the tiny random GPT-2 copied in.
 * A stand-in for the Hugging Face hub (and its CDN, on the next port) serves a random GPT-2.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const HUB_ROOT = path.join(os.tmpdir(), 'wve-e2e-hub');
// The /train page scores its vectors on the Google analogy test set when the server has it
// (questions-words.txt in the data folder beside the project); elsewhere a small hand-written
// set in the same format stands in, so the page's analogy figure is tested on any machine.
const GOOGLE_QUESTIONS = googleQuestionsFile(process.cwd());
const QUESTIONS = process.env.WVE_QUESTIONS || (existsSync(GOOGLE_QUESTIONS) ? GOOGLE_QUESTIONS : path.resolve('e2e/data/analogy-questions-sample.txt'));
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  },
};
// The builds run one after another (the static build sets the server build aside while it works).
const staticSites =
  `npm run -s build:static -- --with-model gpt2-tiny-random --out .static/root && ` +
  `BASE_PATH=/${STATIC_SUBPATH} npm run -s build:static -- --with-model gpt2-tiny-random --out .static/subpath/${STATIC_SUBPATH}`;
const serveStatic = `(/usr/bin/python3 -m http.server ${STATIC_PORT} -b 127.0.0.1 -d .static/root >/dev/null 2>&1 &) && (/usr/bin/python3 -m http.server ${SUBPATH_PORT} -b 127.0.0.1 -d .static/subpath >/dev/null 2>&1 &)`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 180_000, // GPT-2 pages load a model (10–20 s each on a busy two-core machine)
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'server', testIgnore: 'static/**', use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}` } },
    { name: 'static', testMatch: 'static/**/*.spec.ts', use: { ...chromium, baseURL: `http://127.0.0.1:${STATIC_PORT}` } },
  ],
  webServer: [
    {
      command: `npm run build && ${staticSites} && ${serveStatic} && WVE_QUESTIONS="${QUESTIONS}" ${HUB_ORIGINS_ENV}="${HUB} http://127.0.0.1:${HUB_PORT + 1}" npx tsx scripts/serve.ts --host 127.0.0.1 --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}`,
      timeout: 900_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
    },
    {
      command: `npx tsx scripts/hub-stand-in.ts --root ${HUB_ROOT} --port ${HUB_PORT} --cdn-port ${HUB_PORT + 1} --make-random tiny:${HUB_REPO}`,
      url: `http://127.0.0.1:${HUB_PORT}/__log`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
