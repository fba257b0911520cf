import { readFile } from 'node:fs/promises';
import { parseTsvExport } from '../lib/maps/export-coords';
import { expect, test } from './fixtures';
import { MapPage } from './map-page';

/** King's 300 nearest neighbours, UMAP 2-D (the default projection). */
const KING_300 = '?words=neighbors%3Aking%3A300';

test('a click rings the word and its k nearest on the map (the panel\'s list), k from the slider and the URL; isolate makes them a map', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const map = new MapPage(page);
  await map.open(KING_300);
  await map.waitForMap(2);
  await map.clickWord('queen');
  await expect(page).toHaveURL(/sel=queen/);
  await expect(map.plot).toHaveAttribute('data-highlighted', '11');
  const listed = () => map.wordPanel.getByTestId('map-neighbours').locator('li button').allInnerTexts();
  let ringed = await map.trace('highlighted');
  expect(ringed.words).toHaveLength(11); // k + 1
  expect(ringed.words[0]).toBe('queen');
  expect(ringed.words.slice(1)).toEqual(await listed());
  // The same neighbours as the worker's search over all words finds, where those are on the map.
  const onMap = new Set((await map.trace('words')).words);
  const overall = (await map.wordPanel.getByTestId('word-neighbours').locator('li button').allTextContents()).filter((w) => onMap.has(w));
  expect(ringed.words.slice(1, 6)).toEqual(overall.slice(0, 5));
  // Everything else is dimmed.
  const colours = await map.plot.locator('.js-plotly-plot').evaluate((gd) => (gd as unknown as { data: { name: string; marker: { color: string[] } }[] }).data.find((t) => t.name === 'words')!.marker.color);
  expect(colours.filter((c) => !c.startsWith('rgba'))).toHaveLength(11);
  await page.screenshot({ path: 'artifacts/map-neighbours-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'artifacts/map-neighbours-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByTestId('neighbours-k').fill('5');
  await expect(page).toHaveURL(/nk=5/);
  await expect(map.plot).toHaveAttribute('data-highlighted', '6');
  ringed = await map.trace('highlighted');
  expect(ringed.words.slice(1)).toEqual(await listed());
  expect(ringed.words).toHaveLength(6);

  await page.getByTestId('isolate-selection').click();
  await expect(page).toHaveURL(new RegExp(`words=list%3A${ringed.words.join('%2C')}(&|$)`));
  await map.waitForMap(2);
  await expect(page.getByTestId('map-count')).toHaveText('6');
  expect((await map.trace('words')).words.sort()).toEqual([...ringed.words].sort());
  // The selection stays, and its 5 nearest are now the rest of the map.
  await expect(map.plot).toHaveAttribute('data-highlighted', '6');
  await page.screenshot({ path: 'artifacts/map-isolated.png', fullPage: true });
});

test('export: the TSV download parses back to the plotted words and coordinates, with the cluster of each', async ({ page }) => {
  const map = new MapPage(page);
  await map.open(`${KING_300}&color=cluster&k=6`);
  await map.waitForMap(2);
  const legend = page.getByTestId('map-legend');
  await expect(legend.locator('li')).toHaveCount(6);
  const names = await legend.locator('li > span:nth-child(2)').allInnerTexts();
  for (const [c, name] of names.entries()) expect(name).toMatch(new RegExp(`^cluster ${c + 1}: [^,]+, [^,]+, [^,]+$`));
  expect(await map.legendNames()).toEqual(names);
  await expect(page.getByTestId('map-export')).toContainText('PNG');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-tsv').click()]);
  expect(download.suggestedFilename()).toBe('map-neighbors-king-300-umap-2d.tsv');
  const { header, rows } = parseTsvExport(await readFile((await download.path())!, 'utf8'));
  expect(header).toEqual(['word', 'x', 'y', 'cluster']);
  const plotted = await map.trace('words');
  expect(rows.map((r) => r[0])).toEqual(plotted.words);
  expect(rows.map((r) => Math.fround(Number(r[1])))).toEqual(plotted.x);
  expect(rows.map((r) => Math.fround(Number(r[2])))).toEqual(plotted.y);
  expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(names));

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const parsed = JSON.parse(await readFile((await json.path())!, 'utf8')) as { points: { word: string }[] };
  expect(parsed.points.map((p) => p.word)).toEqual(plotted.words);
});

test('search: a prefix or a regular expression highlights and lists the matches; a bad pattern says so; matches can be isolated', async ({ page }) => {
  const map = new MapPage(page);
  await map.open(KING_300);
  await map.waitForMap(2);
  const words = (await map.trace('words')).words;
  const search = page.getByTestId('map-search');

  await search.fill('/(ing|ess)$/');
  const expected = words.filter((w) => /(ing|ess)$/.test(w));
  expect(expected.length).toBeGreaterThan(1);
  await expect(page.getByTestId('match-count')).toHaveText(`${expected.length} matching`);
  await expect(map.wordList.getByRole('option')).toHaveCount(expected.length);
  expect(await map.wordList.getByRole('option').evaluateAll((os) => os.map((o) => o.getAttribute('data-word')))).toEqual(expected);
  await expect(page).toHaveURL(/q=%2F%28ing%7Cess%29%24%2F/);

  await search.fill('/(/');
  await expect(page.getByTestId('search-error')).toContainText('invalid regular expression');
  await expect(page.getByTestId('match-count')).toHaveCount(0);
  await expect(map.plot).toBeVisible();

  await search.fill('prin');
  const princes = words.filter((w) => w.startsWith('prin'));
  await expect(page.getByTestId('match-count')).toHaveText(`${princes.length} matching`);
  await page.getByTestId('isolate-matches').click();
  await map.waitForMap(2);
  expect((await map.trace('words')).words).toEqual(princes);
  await expect(search).toHaveValue('');
});

test('keyboard: Tab reaches the word list, arrows and typing move through the points, Enter selects one on the map', async ({ page }) => {
  const map = new MapPage(page);
  await map.open('?words=neighbors%3Aking%3A50&method=pca');
  await map.waitForMap(2);
  const words = (await map.trace('words')).words;

  await page.getByTestId('map-search').focus();
  const listFocused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'word-list');
  for (let i = 0; i < 60 && !(await listFocused()); i++) await page.keyboard.press('Tab');
  expect(await listFocused(), 'Tab reaches the word list').toBe(true);
  const active = map.wordList.locator('[role=option][data-active]');
  await expect(active).toHaveAttribute('data-word', words[0]);
  // A visible focus: the current option is outlined while the list has focus.
  expect(await active.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(active).toHaveAttribute('data-word', words[2]);
  // The map points at the word under the cursor.
  await expect.poll(() => map.plot.locator('.js-plotly-plot').evaluate((gd) => ((gd as unknown as { layout: { annotations?: { text: string }[] } }).layout.annotations ?? []).map((a) => a.text))).toContain(words[2]);
  await page.screenshot({ path: 'artifacts/map-keyboard.png' });

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`sel=${encodeURIComponent(words[2])}(&|$)`));
  await expect(map.wordPanel.getByRole('heading')).toHaveText(words[2]);
  expect((await map.trace('highlighted')).words[0]).toBe(words[2]);
  await expect(map.wordList.locator('[aria-selected=true]')).toHaveAttribute('data-word', words[2]);

  const target = words.find((w) => w.startsWith('qu'))!;
  await page.keyboard.type('qu');
  await expect(active).toHaveAttribute('data-word', target);
  await page.keyboard.press('End');
  await expect(active).toHaveAttribute('data-word', words[words.length - 1]);
  await page.keyboard.press('Enter');
  await expect(map.wordPanel.getByRole('heading')).toHaveText(words[words.length - 1]);
});

test('at 390 × 844 the page does not scroll sideways and the plot fits; screenshots light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const map = new MapPage(page);
  await map.open(`${KING_300}&sel=queen&color=cluster`);
  await map.waitForMap(2);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, 'no sideways scrolling').toBeLessThanOrEqual(widths.inner);
  const plot = (await map.plot.boundingBox())!;
  expect(plot.x).toBeGreaterThanOrEqual(0);
  expect(plot.x + plot.width).toBeLessThanOrEqual(390);
  for (const id of ['words-apply', 'map-search', 'export-tsv', 'word-list']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.x + box.width, `${id} fits the width`).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: 'artifacts/map-phone-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'artifacts/map-phone-dark.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
