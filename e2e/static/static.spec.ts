import { expect, test } from '../fixtures';
import { AnalogyPage } from '../analogy-page';
import { LayersPage } from '../layers-page';
import { MapPage } from '../map-page';
import { SUBPATH_URL, waitForIsolation } from './static-fixture';

/**
 * The static build (npm run build:static) served by Python's http.server, which sends no
 * COOP/COEP headers: the service worker supplies them after one reload, keeps the site for
 * offline use, and everything runs from plain files — vectors, onnxruntime, GPT-2 in parts.
 */

test.describe('the static build on a plain static server', () => {
  test('king - man + woman puts queen first; the service worker makes the page cross-origin isolated; offline, a reload still answers', async ({ page, context }) => {
    const app = new AnalogyPage(page);
    const t0 = Date.now();
    await app.open('?q=king+-+man+%2B+woman');
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    test.info().annotations.push({ type: 'first answer', description: `${Date.now() - t0} ms after navigation (first visit)` });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false); // no headers from this server…
    await waitForIsolation(page); // …until the service worker serves the page (it reloads once)
    await app.waitForAllVectors();
    await page.screenshot({ path: 'artifacts/static-analogy.png', fullPage: true });

    await context.setOffline(true);
    await page.reload();
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await app.ask('paris - france + germany');
    await expect(app.items.first()).toHaveAttribute('data-word', 'berlin');
  });

  test('a map of king’s neighbours from the static files', async ({ page }) => {
    const map = new MapPage(page);
    await map.open('?words=neighbors%3Aking%3A200');
    await map.waitForMap(2);
    await expect(page.getByTestId('map-count')).toHaveText('200');
    expect(await map.plotted()).toMatchObject({ type: 'scattergl', points: 200 });
  });

  test('GPT-2 pages run the tiny random model copied into the build (model.onnx in parts), isolated and with threads available', async ({ page }) => {
    const app = new LayersPage(page);
    await page.goto('/layers/?model=gpt2-tiny-random');
    await waitForIsolation(page);
    await app.waitForModel();
    await expect(app.randomBanner).toContainText('Random test model — not GPT-2');
    await expect(app.backend).toHaveAttribute('data-provider', 'wasm');
    expect(Number(await app.backend.getAttribute('data-threads'))).toBe(await page.evaluate(() => Math.min(4, navigator.hardwareConcurrency)));
    await expect(app.lensRows).toHaveCount(3);
    await page.goto('/context/?model=gpt2-tiny-random');
    await expect(page.getByTestId('heatmap').locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });
    // The second page load read the model from the browser's storage, not the site.
    await expect(page.getByTestId('load-report')).toHaveAttribute('data-from', 'kept');
  });

  test('favicon, web app manifest and the content types a static host sends', async ({ request }) => {
    const type = async (path: string) => (await request.get(path)).headers()['content-type'];
    expect((await request.get('/favicon.ico')).status()).toBe(200);
    expect(await type('/manifest.webmanifest')).toContain('manifest+json');
    expect(await type('/ort/ort.min.mjs')).toContain('javascript');
    expect(await type('/ort/ort-wasm-simd-threaded.jsep.wasm')).toBe('application/wasm');
    expect(await type('/data/index.json')).toContain('json');
    const manifest = await (await request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ name: 'Word vector explorer', start_url: '/' });
  });

  test('without a service worker the app still answers, on one thread, and says so', async ({ browser }) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const app = new AnalogyPage(page);
    await app.open('?q=king+-+man+%2B+woman');
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    await expect(page.getByTestId('site-setup')).toContainText('WebAssembly runs on one thread');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await context.close();
  });
});

test.describe('the sub-path build (BASE_PATH=/wve), as on a GitHub Pages project site', () => {
  test('answers under /wve/, becomes cross-origin isolated, and its links stay under /wve/', async ({ page }) => {
    const app = new AnalogyPage(page);
    await page.goto(`${SUBPATH_URL}/analogies/?q=king+-+man+%2B+woman`);
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    await waitForIsolation(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Layers' }).click();
    await expect(page).toHaveURL(`${SUBPATH_URL}/layers/`);
    await page.goto(`${SUBPATH_URL}/layers/?model=gpt2-tiny-random`);
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: 'artifacts/static-subpath-layers.png', fullPage: true });
  });
});
