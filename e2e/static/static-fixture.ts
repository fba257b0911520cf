import { expect, type Page } from '@playwright/test';

/** The static sites the e2e run builds and serves with Python's http.server (playwright.config.ts). */
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 3300);
export const SUBPATH_PORT = STATIC_PORT + 1;
/** The sub-path build's base path, as a GitHub Pages project site would have it. */
export const STATIC_SUBPATH = 'wve';
export const SUBPATH_URL = `http://127.0.0.1:${SUBPATH_PORT}/${STATIC_SUBPATH}`;

/** Waits until the static build's service worker controls the page and the page is cross-origin isolated (one reload on a first visit). */
export async function waitForIsolation(page: Page): Promise<void> {
  const isolated = () =>
    page.evaluate(() => crossOriginIsolated && navigator.serviceWorker.controller !== null).catch(() => false); // the reload may land mid-check
  await expect.poll(isolated, { timeout: 60_000 }).toBe(true);
}
