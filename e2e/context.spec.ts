import { expect, test } from './fixtures';
import { listGpt2Models } from '../lib/node/gpt2-model-reader';
import { ContextPage } from './context-page';

test.describe('context page (GPT-2 in the browser)', () => {
  test('the bank preset on the tiny random test model computes the heatmap on WASM', async ({ page }) => {
    const app = new ContextPage(page);
    await app.openTestModel();
    // The test-only setting and the random model are both stated on the page.
    await expect(app.testSetting).toContainText('?model=gpt2-tiny-random');
    await expect(app.randomBanner).toContainText('Random test model — not GPT-2: results are meaningless');
    await app.waitForModel();
    // Headless Chromium has no WebGPU adapter: the page must say WASM ran, not claim WebGPU.
    await expect(app.backend).toHaveAttribute('data-provider', 'wasm');
    await expect(app.backend).toContainText('WASM');
    await app.choosePreset('bank');
    await expect(app.heatmap).toHaveAttribute('data-size', '6');
    await expect(app.heatmap.locator('.main-svg').first()).toBeVisible();
    // 36 cells with printed cosines; the diagonal is 1.
    await expect.poll(async () => (await app.heatmapValues()).length).toBe(36);
    const values = await app.heatmapValues();
    expect(values.filter((v) => v === 1).length).toBeGreaterThanOrEqual(6);
    expect(values.every((v) => v >= -1 && v <= 1)).toBe(true);
    await expect(app.pcaMap.locator('.main-svg').first()).toBeVisible();
    await expect(app.layerChart.locator('.main-svg').first()).toBeVisible();
    await expect(page.getByTestId('target-token')).toHaveCount(6);
    await expect(page.getByTestId('timing')).toContainText('6 sentences through the model');
    // The layer slider moves the heatmap to the embeddings, and the URL keeps the state.
    await app.slider.fill('0');
    await expect(app.heatmap).toHaveAttribute('data-layer', '0');
    await expect(page).toHaveURL(/model=gpt2-tiny-random.*target=bank.*layer=0/);
    await app.slider.fill('2');
    await expect(app.heatmap).toHaveAttribute('data-layer', '2');
    await page.screenshot({ path: 'artifacts/context-bank-tiny-random.png', fullPage: true });
    // A second visit reads the model from the browser's storage, not from the network.
    await page.reload();
    await app.waitForModel();
    await expect(page.getByTestId('load-report')).toHaveAttribute('data-from', 'kept');
    await expect(page.getByTestId('model-status')).toContainText('from this browser, no network');
    await expect(app.heatmap).toHaveAttribute('data-layer', '2');
  });

  test('with ten sentences the sense map offers UMAP as well as PCA', async ({ page }) => {
    const app = new ContextPage(page);
    const river = ['We sat on the bank of the river.', 'The river bank was muddy.', 'Fish hid under the bank.', 'Reeds grew along the bank.', 'The boat drifted to the bank.'];
    const money = ['I paid the cheque into the bank.', 'The bank raised its rates.', 'She works at a bank.', 'The bank approved the loan.', 'He robbed a bank.'];
    const query = [...river.map((t) => `&s=${encodeURIComponent(t)}&sense=river`), ...money.map((t) => `&s=${encodeURIComponent(t)}&sense=money`)].join('');
    await app.openTestModel(`&target=bank${query}`);
    await app.waitForModel();
    await expect(app.heatmap).toHaveAttribute('data-size', '10');
    await expect(app.pcaMap).toHaveAttribute('data-method', 'pca');
    // The plot redraws in the same task as the click: wait for the radio rather than expect it at once.
    await page.getByTestId('map-umap').click();
    await expect(page.getByTestId('map-umap')).toBeChecked();
    await expect(app.pcaMap).toHaveAttribute('data-method', 'umap');
    await expect(app.pcaMap.locator('.gtitle')).toContainText('UMAP map');
    await expect(page.getByTestId('timing')).toContainText('UMAP maps in');
  });

  test('an input longer than 1,024 tokens is refused with a message, not truncated', async ({ page }) => {
    const app = new ContextPage(page);
    await app.openTestModel();
    await app.waitForModel();
    await expect(app.heatmap).toBeVisible(); // the default preset has run
    const long = 'the bank '.repeat(600);
    // Fill until the value holds (a re-render under heavy load could still be in flight).
    await expect(async () => {
      await app.sentences.first().fill(long);
      await expect(app.sentences.first()).toHaveValue(long, { timeout: 1000 });
    }).toPass();
    await app.compute.click();
    await expect(app.error).toContainText('Sentence 1 is 1,202 tokens long; this model reads at most 1,024 tokens (n_positions). Shorten it: nothing was truncated.');
    await expect(app.heatmap).toHaveCount(0);
    await page.screenshot({ path: 'artifacts/context-too-long.png', fullPage: true });
  });

  test('by default the page runs only a real GPT-2, or offers to fetch GPT-2 small from the hub', async ({ page }) => {
    const { models } = await listGpt2Models();
    await page.goto('/context');
    if (models.every((m) => m.manifest.random)) {
      // The random test model is installed but never chosen by default; nothing downloads unasked.
      await expect(page.getByTestId('hub-load')).toContainText('Load GPT-2 small (124M) (openai-community/gpt2) from Hugging Face — 548.0 MB once');
      await expect(page.getByTestId('hub-offer')).toContainText('npm run models:gpt2');
      await expect(page.getByTestId('backend')).toHaveCount(0);
    } else {
      await expect(page.getByTestId('model-label')).toBeVisible();
      await expect(page.getByTestId('random-model-banner')).toHaveCount(0);
    }
    await page.screenshot({ path: 'artifacts/context-default.png', fullPage: true });
  });

  test('the "John wants his bank" example says which sense the unlabelled sentence is closest to, layer by layer', async ({ page }) => {
    const app = new ContextPage(page);
    await app.openTestModel();
    await app.waitForModel();
    await app.choosePreset('john-bank');
    const affinity = page.getByTestId('sense-affinity');
    await expect(affinity).toHaveAttribute('data-sentence', '0');
    await expect(affinity).toContainText('Sentence 1 (unlabelled) is closest to the');
    expect(['river', 'money']).toContain(await affinity.getAttribute('data-nearest'));
    await expect(page.getByTestId('summary')).not.toContainText('Label at least two');
    await expect(page.getByTestId('layer-value')).toContainText(/layer \d+ \((embeddings|after block \d+)\)/);
  });
});
