import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { HUB_PORT, HUB_REPO } from './e2e/hub-fixture';

/**
 * End-to-end tests drive the production build in Debian's Chromium (no browser download here):
 * CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to artifacts/ for a human to look at.
 * A stand-in for the Hugging Face hub (and its CDN, on the next port) serves a random GPT-2.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const HUB_ROOT = path.join(os.tmpdir(), 'wve-e2e-hub');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npm run build && npx next start -H 127.0.0.1 -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}`,
      timeout: 600_000,
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
