import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { HUB, HUB_REPO, hubControl } from './hub-fixture';
import { LayersPage } from './layers-page';

/**
 * GPT-2 from the hub inside the browser, against the local stand-in (a 302 to a CDN origin,
 * Range, ETag, CORS): the offer with its size, a download cut halfway and resumed after a reload,
 * a second visit with no request at all, and the same lens as the model the CLI built.
 */
const hubQuery = `hub=${encodeURIComponent(HUB)}&repo=${encodeURIComponent(HUB_REPO)}`;
const PROMPT = 'When Mary and John went to the store, John gave a drink to';

/** Every lens cell as token id and logit, row by row. */
async function lensCells(page: Page): Promise<[string, number][]> {
  const cells = page.getByTestId('lens-cell');
  await expect(cells.first()).toBeVisible();
  return cells.evaluateAll((els) => els.map((e) => [e.getAttribute('data-token') ?? '', Number(e.getAttribute('data-logit'))] as [string, number]));
}

test.describe('GPT-2 from the hub, in the browser', () => {
  test.beforeEach(async ({ request }) => hubControl.reset(request));

  test('offer, cut download resumed after a reload, kept for the next visit, same lens as the CLI build', async ({ page, request }) => {
    test.setTimeout(240_000); // five model loads, each 10–20 s on a busy two-core machine
    const size = Number((await request.fetch(`${HUB}/${HUB_REPO}/resolve/main/model.safetensors`, { method: 'HEAD' })).headers()['content-length']);
    expect(size).toBeGreaterThan(1e6);
    const app = new LayersPage(page);

    await test.step('the page offers the download with its size; nothing starts unasked', async () => {
      await page.goto(`/layers?${hubQuery}&p=${encodeURIComponent(PROMPT)}`);
      await expect(page.getByTestId('hub-load')).toContainText(`${(size / 1e6).toFixed(1)} MB once, then kept in this browser`);
      await expect(page.getByTestId('hub-load')).toContainText('127.0.0.1');
      expect((await hubControl.log(request)).filter((r) => r.method === 'GET')).toEqual([]);
      await page.screenshot({ path: 'artifacts/hub-offer.png', fullPage: true });
    });

    await test.step('a download cut halfway fails with a message that says it resumes', async () => {
      // The connection goes quiet before it drops, as a failing one often does: the page reads
      // what arrived (bytes not yet read are lost with the connection), so a part is kept.
      await hubControl.set(request, { cutAfter: Math.floor(size / 2), cutTimes: 1, cutPauseMs: 5000 });
      await page.getByTestId('hub-load').click();
      await expect(page.getByTestId('hub-error')).toContainText('the download resumes');
      await expect(page.getByTestId('hub-load')).toContainText('Try again');
    });

    await test.step('after a reload it resumes: the second request fetches only the rest', async () => {
      await hubControl.clearLog(request);
      await page.reload();
      await page.getByTestId('hub-load').click();
      await app.waitForModel();
      await expect(app.backend).toHaveAttribute('data-provider', 'wasm');
      await expect(app.backend).toHaveAttribute('data-dtype', 'int8');
      await expect(app.randomBanner).toContainText('Random test model — not GPT-2');
      await expect(page.getByTestId('model-label')).toContainText(`${HUB_REPO} (random test model — not GPT-2)`);
      const report = page.getByTestId('load-report');
      await expect(report).toHaveAttribute('data-from', 'network');
      const resumedFrom = Number(await report.getAttribute('data-resumed'));
      expect(resumedFrom).toBeGreaterThan(0);
      const cdn = (await hubControl.log(request)).filter((r) => r.origin === 'cdn' && r.method === 'GET');
      expect(cdn).toHaveLength(1);
      expect(cdn[0].range).toBe(`bytes=${resumedFrom}-`);
      expect(cdn[0].bytes).toBe(size - resumedFrom);
      expect(cdn[0].bytes).toBeLessThan(size);
      await expect(app.nextTokens).toHaveCount(10);
      await page.screenshot({ path: 'artifacts/hub-loaded-int8.png', fullPage: true });
    });

    await test.step('a reload loads the kept model without any request to the hub', async () => {
      await hubControl.clearLog(request);
      await page.reload();
      await app.waitForModel();
      await expect(page.getByTestId('load-report')).toHaveAttribute('data-from', 'kept');
      await expect(app.nextTokens).toHaveCount(10);
      expect(await hubControl.log(request)).toEqual([]);
      // The library lists it with the space it takes.
      await page.getByTestId('model-library').locator('summary').click();
      await expect(page.locator(`[data-testid="kept-model"][data-repo="${HUB_REPO}"]`)).toContainText('built: int8');
      expect(Number(await page.getByTestId('storage-usage').getAttribute('data-bytes'))).toBeGreaterThan(size);
    });

    await test.step('fp32 ("exact") is built from the kept weights and its lens equals the CLI-built model', async () => {
      await page.goto(`/layers?${hubQuery}&dtype=fp32&p=${encodeURIComponent(PROMPT)}`);
      await app.waitForModel();
      await expect(app.backend).toHaveAttribute('data-dtype', 'fp32');
      const fromHub = await lensCells(page);
      expect(await hubControl.log(request)).toEqual([]);
      await page.goto(`/layers?model=gpt2-tiny-random&p=${encodeURIComponent(PROMPT)}`);
      await app.waitForModel();
      const fromCli = await lensCells(page);
      expect(fromHub.length).toBe(3 * 5);
      expect(fromHub).toEqual(fromCli);
    });

    await test.step('remove forgets the model: the page offers the download again', async () => {
      await page.goto(`/layers?${hubQuery}`);
      await app.waitForModel();
      await page.getByTestId('model-library').locator('summary').click();
      await page.locator(`[data-testid="kept-model"][data-repo="${HUB_REPO}"]`).getByTestId('hub-remove').click();
      await expect(page.locator(`[data-testid="kept-model"][data-repo="${HUB_REPO}"]`)).toHaveCount(0);
      await page.reload();
      await expect(page.getByTestId('hub-load')).toBeVisible();
    });
  });

  test('the context page loads from ?hub= and ?repo= and computes the heatmap', async ({ page }) => {
    await page.goto(`/context?${hubQuery}`);
    await page.getByTestId('hub-load').click();
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('random-model-banner')).toBeVisible();
    await expect(page.getByTestId('heatmap').locator('.main-svg').first()).toBeVisible();
  });

  test('offline with nothing kept: the offer says the hub did not answer, and the load says why it failed', async ({ page, request }) => {
    await hubControl.set(request, { offline: true });
    await page.goto(`/layers?${hubQuery}`);
    await expect(page.getByTestId('hub-offer')).toContainText('127.0.0.1:');
    await expect(page.getByTestId('hub-offer')).toContainText('did not answer');
    await page.getByTestId('hub-load').click();
    await expect(page.getByTestId('hub-error')).toContainText('cannot reach 127.0.0.1');
  });

  test('a repository that does not exist gets the hub’s answer in words', async ({ page }) => {
    await page.goto(`/layers?hub=${encodeURIComponent(HUB)}&repo=nobody/nothing`);
    await page.getByTestId('hub-load').click();
    await expect(page.getByTestId('hub-error')).toContainText('nobody/nothing');
  });

  test('a ?hub= outside the site’s security policy is explained, not tried', async ({ page }) => {
    await page.goto('/layers?hub=http%3A%2F%2F127.0.0.1%3A9&repo=a%2Fb');
    await expect(page.getByTestId('hub-blocked')).toContainText('not from http://127.0.0.1:9');
    await expect(page.getByTestId('hub-blocked')).toContainText('WVE_HUB_ORIGINS="http://127.0.0.1:9"');
    await expect(page.getByTestId('hub-load')).toHaveCount(0);
  });
});
