import { expect, test } from './fixtures';
import { AnalogyPage } from './analogy-page';
import { TrainPage } from './train-page';

test('word2vec in the browser: the loss falls, probe neighbours change, pause and resume, keep the set and query it', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const train = new TrainPage(page);
  await train.open();
  await expect(page.getByTestId('corpus')).toContainText('redistribution permitted');

  await train.start('1/4', 12);
  await expect(train.neighbours).toBeVisible();
  const before = await train.neighboursOf('king');
  expect(before.progress).toBe(0);

  // The loss falls from its first batches and the neighbours of "king" are re-computed and change.
  await expect.poll(async () => (await train.losses()).now, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const { now, first } = await train.losses();
      return first - now;
    }, { timeout: 90_000 })
    .toBeGreaterThan(0.1);
  await expect.poll(async () => (await train.neighboursOf('king')).progress, { timeout: 60_000 }).toBeGreaterThan(0.05);
  expect((await train.neighboursOf('king')).words).not.toBe(before.words);

  // Pause: nothing moves; resume: it goes on.
  await page.getByTestId('w2v-pause').click();
  await expect(train.w2v).toHaveAttribute('data-status', 'paused');
  const paused = await train.neighboursOf('king');
  const progressBar = page.getByTestId('w2v-status').getByRole('progressbar');
  const at = await progressBar.getAttribute('aria-valuenow');
  await page.waitForTimeout(2500);
  expect(await progressBar.getAttribute('aria-valuenow')).toBe(at);
  expect((await train.neighboursOf('king')).progress).toBe(paused.progress);
  await page.getByTestId('w2v-resume').click();
  await expect(train.w2v).toHaveAttribute('data-status', /training|done/);
  await expect(train.w2v).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  expect(Number(await progressBar.getAttribute('aria-valuenow'))).toBe(100);

  // After training: an analogy figure over the questions in the vocabulary, a map with a frame per epoch.
  await expect(page.getByTestId('w2v-analogy')).toContainText(/after epoch 12 — \d+ right of [\d,]+ questions/);
  await expect(page.getByTestId('word-map')).toHaveAttribute('data-frames', '13');
  await page.screenshot({ path: 'artifacts/train-w2v-1440.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'artifacts/train-w2v-1440-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Keep the vectors in this browser, then ask the analogy page about them.
  await page.getByTestId('w2v-keep-name').fill('e2e-brown-quarter');
  await page.getByTestId('w2v-keep').click();
  await expect(page.getByTestId('w2v-kept')).toContainText('e2e-brown-quarter', { timeout: 60_000 });
  await page.getByTestId('w2v-kept-analogy').click();
  await expect(page).toHaveURL(/\/analogies\?set=e2e-brown-quarter/);
  const analogy = new AnalogyPage(page);
  await analogy.ask('king - man + woman');
  await expect(analogy.items.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('set-select')).toHaveValue('e2e-brown-quarter');
  await page.screenshot({ path: 'artifacts/train-kept-set-analogy.png', fullPage: true });
});

test('the page fits a phone (390 px, no sideways scroll), light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const train = new TrainPage(page);
  await train.open();
  await train.start('1/8', 1);
  await expect(train.w2v).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('word-map')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'artifacts/train-390.png', fullPage: true });
  await page.getByTestId('word-map').screenshot({ path: 'artifacts/train-390-map.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'artifacts/train-390-dark.png', fullPage: true });
});

test('the next-word model: held-out perplexity falls and the guesses after a prompt change', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const train = new TrainPage(page);
  await train.open();
  await page.getByTestId('nw-prompts').fill('i like my coffee with cream and');
  await page.getByTestId('nw-start').click();
  const predictions = page.getByTestId('nw-predictions');
  await expect(predictions).toContainText('i like my coffee with cream and ___', { timeout: 60_000 });
  const untrained = await predictions.innerText();
  const perplexity = page.getByTestId('nw-perplexity-now');
  await expect
    .poll(async () => Number(await perplexity.getAttribute('data-before')) - Number(await perplexity.getAttribute('data-now')), { timeout: 240_000 })
    .toBeGreaterThan(20);
  await expect.poll(() => predictions.innerText(), { timeout: 30_000 }).not.toBe(untrained);
  await page.getByTestId('nw').screenshot({ path: 'artifacts/train-nextword-1440.png' });
});
