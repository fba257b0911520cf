import { expect, test } from './fixtures';
import { MapPage } from './map-page';

test('a map of king’s neighbours: every point plotted, 2-D then 3-D, click a word for its neighbours', async ({ page }) => {
  test.setTimeout(240_000);
  const map = new MapPage(page);
  await map.open();
  await page.getByTestId('words-query').fill('king');
  await page.getByTestId('words-count').fill('300');
  await page.getByTestId('words-apply').click();
  await expect(page).toHaveURL(/words=neighbors%3Aking%3A300/);
  await map.waitForMap(2);
  await expect(page.getByTestId('map-count')).toHaveText('300');
  const flat = await map.plotted();
  expect(flat).toMatchObject({ type: 'scattergl', points: 300 });
  expect(flat.labels).toBeGreaterThan(10);
  const preservation = await page.getByTestId('preservation').innerText();
  expect(Number.parseFloat(preservation)).toBeGreaterThan(20); // UMAP keeps a good share of 10-NN on 300 words
  await page.screenshot({ path: 'artifacts/map-king-2d.png', fullPage: true });

  await map.clickWord('queen');
  await expect(map.wordPanel.getByRole('heading')).toHaveText('queen');
  await expect(map.wordPanel.getByTestId('map-neighbours').locator('li')).toHaveCount(10);
  await expect(map.wordPanel.getByTestId('map-neighbours')).toContainText('princess');
  await expect(map.wordPanel.getByTestId('word-neighbours').locator('li')).toHaveCount(12); // among all words
  await expect(page).toHaveURL(/sel=queen/);

  await page.getByTestId('dims-3').check();
  await map.waitForMap(3);
  const solid = await map.plotted();
  expect(solid).toMatchObject({ type: 'scatter3d', points: 300 });
  await expect(page).toHaveURL(/dims=3/);
  await page.screenshot({ path: 'artifacts/map-king-3d.png', fullPage: true });
});

test('presets switch the view in place: one download of the vectors for the whole visit', async ({ page }) => {
  const map = new MapPage(page);
  await map.open('?words=list%3Aman%2Cwoman%2Cking%2Cqueen%2Cuncle%2Caunt%2Cbrother%2Csister%2Cnephew%2Cniece%2Cfather%2Cmother%2Cson%2Cdaughter%2Cboy%2Cgirl&method=pca&overlay=gender');
  await map.waitForMap(2);
  expect(await map.plotted()).toMatchObject({ points: 16, annotations: 8 });
  await expect(map.info).toContainText('PC 1');
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true)); // gone after a reload
  await page.screenshot({ path: 'artifacts/map-gender-pairs.png', fullPage: true });

  await page.getByRole('link', { name: 'Occupations on a he → she axis' }).click();
  await expect(page).toHaveURL(/method=axes/);
  await map.waitForMap(2);
  await expect(map.info).toContainText('he → she');
  await expect(page.getByText('not a fact about people')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Occupations on a he → she axis' })).toHaveAttribute('aria-current', 'true');
  await page.screenshot({ path: 'artifacts/map-he-she-axis.png', fullPage: true });

  await page.getByRole('link', { name: 'Countries, capitals, animals' }).click();
  await expect(page).toHaveURL(/words=groups/);
  await map.waitForMap(2);
  expect(await map.legendNames()).toEqual(expect.arrayContaining(['countries', 'capitals', 'animals']));
  await expect(page.getByTestId('map-legend')).toContainText('capitals');

  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'the page was not reloaded').toBe(true);
  expect(map.vectorDownloads, 'requests for vectors.i8').toBe(1);
});

test('an unknown centre word: named once, its suggestions as buttons that redraw, the old map marked as old', async ({ page }) => {
  const map = new MapPage(page);
  await map.open('?words=neighbors%3Aparis%3A50&method=pca');
  await map.waitForMap(2);
  await page.getByTestId('words-query').fill('kingg');
  await page.getByTestId('words-count').fill('50');
  await page.getByTestId('words-apply').click();
  const error = page.getByTestId('map-error');
  await expect(error).toContainText('kingg is not in the vocabulary');
  expect((await error.innerText()).match(/did you mean/gi), 'suggestions are offered once').toHaveLength(1);
  expect(await error.innerText()).not.toContain('column');
  // The paris map stays on screen, but says it is the previous one.
  await expect(map.plot).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('map-stale')).toContainText('previous map: paris and its nearest neighbours (50 words)');
  await page.screenshot({ path: 'artifacts/map-unknown-word.png', fullPage: true });

  const king = page.getByTestId('map-suggestion').filter({ hasText: /^king$/ });
  await expect(king).toBeVisible();
  await king.click();
  await expect(page).toHaveURL(/words=neighbors%3Aking%3A50/);
  await map.waitForMap(2);
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('map-stale')).toHaveCount(0);
  await expect(page.getByTestId('map-source')).toContainText('king and its nearest neighbours (50 words)');
  expect((await map.trace('words')).words[0]).toBe('king');
});

test('without WebGL the map says so instead of drawing a blank plot', async ({ page }) => {
  // Make every WebGL context request fail, as in a browser with WebGL turned off.
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return type.startsWith('webgl') ? null : (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof HTMLCanvasElement.prototype.getContext;
  });
  const map = new MapPage(page);
  await map.open('?words=neighbors%3Acat%3A50&method=pca');
  await expect(page.getByRole('alert').filter({ hasText: 'needs WebGL' })).toBeVisible({ timeout: 90_000 });
  await expect(map.info).toContainText('50');
});
