import { expect, test } from './fixtures';
import { listGpt2Models } from '../lib/node/gpt2-model-reader';
import { LayersPage } from './layers-page';

// The tiny random test model: 2 layers × 4 heads.
const L = 2;
const H = 4;

test.describe('layers page (next token, logit lens, attention, ablations)', () => {
  test('the IOI preset on the tiny random model: next tokens, a lens row per layer, the head grid; ablating a head changes the probabilities', async ({ page }) => {
    const app = new LayersPage(page);
    await app.openTestModel();
    await expect(app.testSetting).toContainText('?model=gpt2-tiny-random');
    await expect(app.randomBanner).toContainText('Random test model — not GPT-2: results are meaningless');
    await app.waitForModel();
    await expect(app.backend).toHaveAttribute('data-provider', 'wasm');
    await app.choosePreset('ioi');

    // Next token: 10 tokens, probabilities in (0, 1], best first.
    await expect(app.nextTokens).toHaveCount(10);
    const plain = await app.nextTokenProbs();
    expect(plain.every(([, p]) => p > 0 && p <= 1)).toBe(true);
    expect(plain.map(([, p]) => p)).toEqual([...plain.map(([, p]) => p)].sort((a, b) => b - a));
    // Candidates " Mary" and " John" are scored, with the logit difference and the reference marked as GPT-2 small's.
    await expect(page.getByTestId('candidate-rank')).toHaveCount(2);
    await expect(app.logitDiff).toContainText('logit(·Mary) − logit(·John)');
    await expect(app.logitDiff).toContainText('Reference, not a result of this page: GPT-2 small (openai-community/gpt2) averages ≈ 3.56');

    // Logit lens: one row per layer, embeddings included (L + 1), five tokens each; the chart is drawn.
    await expect(app.lensRows).toHaveCount(L + 1);
    await expect(app.lensRows.first()).toContainText('embeddings');
    await expect(app.lensRows.last().locator('td')).toHaveCount(1 + 5);
    await expect(page.getByTestId('lens-chart').locator('.main-svg').first()).toBeVisible();

    // Attention: L × H cells; the IOI heads are not claimed on a 2 × 4 model.
    await expect(app.headCells).toHaveCount(L * H);
    await expect(app.referenceNote).toContainText('this model has 2 layers × 4 heads, so they are not available here');
    await expect(page.locator('[data-testid="head-cell"][data-reference]')).toHaveCount(0);
    await expect(app.headView.locator('.main-svg').first()).toBeVisible();
    await page.screenshot({ path: 'artifacts/layers-ioi-tiny-random.png', fullPage: true });

    // Another head is fetched without a rerun; the URL keeps it.
    await app.headCell(1, 2).click();
    await expect(app.headView).toHaveAttribute('data-layer', '1');
    await expect(app.headView).toHaveAttribute('data-head', '2');
    await expect(page).toHaveURL(/layer=1&head=2/);

    // Ablate head 1.2 and layer 0's MLP: the probabilities change, before and after are shown.
    await page.getByTestId('mode-ablate').check();
    await app.headCell(1, 2).click();
    await expect(app.headCell(1, 2)).toHaveAttribute('data-ablated', 'true');
    await page.locator('[data-testid="mlp-toggle"][data-layer="0"]').click();
    await expect(page.getByTestId('ablation-draft')).toHaveText('1.2,mlp0');
    await app.applyAblation.click();
    await expect(app.compare).toBeVisible();
    await expect(app.compare).toContainText('With 1.2,mlp0 switched off');
    const ablated = await app.nextTokenProbs();
    expect(ablated).not.toEqual(plain);
    await expect(page.getByTestId('logit-diff-before')).toBeVisible();
    await expect(page).toHaveURL(/ablate=1\.2%2Cmlp0/);
    await page.screenshot({ path: 'artifacts/layers-ioi-ablated-tiny-random.png', fullPage: true });

    // Clicking a token moves the lens there; a reload restores everything from the URL.
    await app.promptTokens.nth(3).click();
    await expect(app.promptTokens.nth(3)).toHaveAttribute('data-selected', 'true');
    await expect(page).toHaveURL(/pos=3/);
    await expect(page.getByTestId('lens-table')).toBeVisible();
    await page.reload();
    await app.waitForModel();
    await expect(app.promptTokens.nth(3)).toHaveAttribute('data-selected', 'true');
    await expect(app.headCell(1, 2)).toHaveAttribute('data-ablated', 'true');
    await expect(app.compare).toBeVisible();
    expect(await app.nextTokenProbs()).toEqual(ablated);
  });

  test('a typed token shows its tokenisation, rank and probability; a split token says only its first token is scored', async ({ page }) => {
    const app = new LayersPage(page);
    await app.openTestModel();
    await app.waitForModel();
    await app.choosePreset('bank');
    await expect(app.nextTokens).toHaveCount(10);
    const cheque = page.getByTestId('candidate').nth(1);
    await expect(cheque).toContainText('2 tokens: only the first is scored');
    await page.getByTestId('add-candidate').click();
    await page.getByTestId('candidate-input').nth(2).fill(' money');
    await expect(page.getByTestId('candidate-rank').nth(2)).toHaveText(/^[\d,]+$/);
    await expect(page).toHaveURL(/tok=\+money/);
    // Temperature changes the probabilities, not the order.
    const t1 = await app.nextTokenProbs();
    await page.getByTestId('temperature').fill('2');
    await expect.poll(async () => (await app.nextTokenProbs())[0][1]).not.toBe(t1[0][1]);
    expect((await app.nextTokenProbs()).map(([id]) => id)).toEqual(t1.map(([id]) => id));
    await page.screenshot({ path: 'artifacts/layers-bank-tiny-random.png', fullPage: true });
  });

  test('Continue adds tokens one by one: greedy takes the top next token, a seed repeats a sample, Stop stops, a step shows its layers', async ({ page }) => {
    const app = new LayersPage(page);
    const prompt = 'I like my coffee with cream and';
    await app.openTestModel(`&p=${encodeURIComponent(prompt)}`);
    await app.waitForModel();
    await expect(app.nextTokens).toHaveCount(10);
    const top = await app.nextTokens.first().getAttribute('data-token');
    const generated = page.getByTestId('generated-token');
    const ids = () => generated.evaluateAll((els) => els.map((e) => e.getAttribute('data-token')));

    // Greedy: the first new token is the page's top next token; the whole text then becomes the prompt.
    await page.getByTestId('continue-count').fill('6');
    await page.getByTestId('continue').click();
    await expect(generated).toHaveCount(6);
    await expect(page.getByTestId('generation-timing')).toContainText('reached the count');
    expect((await ids())[0]).toBe(top);
    await page.screenshot({ path: 'artifacts/layers-continue.png', fullPage: true });

    // A step shows the layers where that token was chosen: it is the top next token there.
    const third = (await ids())[2];
    await generated.nth(2).click();
    await expect(generated.nth(2)).toHaveAttribute('aria-pressed', 'true');
    await expect(app.nextTokens.first()).toHaveAttribute('data-token', third!);

    // Sampled with a seed: the same seed from the same prompt gives the same tokens.
    await page.getByTestId('mode-sample').check();
    await page.getByTestId('continue-seed').fill('7');
    const sampleFrom = async () => {
      await page.getByTestId('prompt-input').fill(prompt);
      await page.getByTestId('run').click();
      await expect(app.nextTokens.first()).toHaveAttribute('data-token', top!);
      await page.getByTestId('continue').click();
      await expect(page.getByTestId('generation-timing')).toContainText('reached the count');
      return ids();
    };
    const a = await sampleFrom();
    const b = await sampleFrom();
    expect(a).toHaveLength(6);
    expect(b).toEqual(a);
    await expect(page).toHaveURL(/sample=1.*seed=7/);

    // Stop ends a long continuation after the current step.
    await page.getByTestId('continue-count').fill('200');
    await page.getByTestId('continue').click();
    await expect(generated.first()).toBeVisible();
    await page.getByTestId('stop-generation').click();
    await expect(page.getByTestId('generation-timing')).toContainText('stopped');
    expect(await generated.count()).toBeLessThan(200);
  });

  test('Enter runs the prompt, edited text marks old results as out of date, another example switches ablations back on, arrow keys move through the heads', async ({ page }) => {
    const app = new LayersPage(page);
    await app.openTestModel('&p=' + encodeURIComponent('The cat sat on the') + '&ablate=0.1%2Cmlp1');
    await app.waitForModel();
    await expect(app.lensRows.first()).toBeVisible();
    const input = page.getByTestId('prompt-input');
    await input.fill('The dog sat on the');
    await expect(page.getByTestId('results-stale')).toContainText('for the previous prompt');
    await input.press('Enter');
    await expect(page.getByTestId('results-stale')).toHaveCount(0);
    await expect(input).toHaveValue('The dog sat on the'); // Enter ran it instead of adding a line
    await expect(page).toHaveURL(/p=The\+dog\+sat\+on\+the/);
    // Probabilities never print in exponent notation.
    expect((await page.getByTestId('next-tokens').innerText()).includes('e-')).toBe(false);

    await app.choosePreset('coffee');
    await expect(page.getByTestId('ablation-cleared')).toContainText('0.1,mlp1');
    await expect(page).not.toHaveURL(/ablate=/);
    await expect(page.getByTestId('ablation-draft')).toHaveText('nothing');

    // Roving focus: one head in the tab order; arrows move, Enter chooses.
    await app.headCell(0, 0).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(app.headCell(1, 1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app.headView).toHaveAttribute('data-layer', '1');
    await expect(app.headView).toHaveAttribute('data-head', '1');
    expect(await page.locator('[data-testid="head-cell"][tabindex="0"]').count()).toBe(1);
  });

  test('by default the page runs only a real GPT-2, or offers to fetch GPT-2 small from the hub', async ({ page }) => {
    const { models } = await listGpt2Models();
    await page.goto('/layers');
    if (models.every((m) => m.manifest.random)) {
      // The random test model is installed but never chosen by default; nothing downloads unasked.
      await expect(page.getByTestId('hub-load')).toContainText('Load GPT-2 small (124M) (openai-community/gpt2) from Hugging Face — 548.0 MB once');
      await expect(page.getByTestId('hub-offer')).toContainText('npm run models:gpt2');
      await expect(page.getByTestId('backend')).toHaveCount(0);
    } else {
      await expect(page.getByTestId('model-label')).toBeVisible();
      await expect(page.getByTestId('random-model-banner')).toHaveCount(0);
    }
    await page.screenshot({ path: 'artifacts/layers-default.png', fullPage: true });
  });
});
