import { expect, test } from './fixtures';
import { AnalogyPage } from './analogy-page';

test.describe('analogy page on the real GloVe 6B vectors', () => {
  test('king - man + woman puts queen first, typed from the keyboard', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open('?q=cat');
    await app.waitForAllVectors();
    await page.keyboard.press('/'); // focus the expression box without the mouse
    await page.keyboard.press('Control+A');
    await page.keyboard.type('king - man + woman');
    await page.keyboard.press('Enter');
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    await expect(page).toHaveURL(/q=king\+-\+man\+%2B\+woman/);
    const scores = await app.results.getByTestId('result-score').allTextContents();
    expect(scores.length).toBe(10);
    const values = scores.map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a)); // best first
    await page.screenshot({ path: 'artifacts/analogy-king-queen.png', fullPage: true });
  });

  test('the default set starts downloading while the sets are still being listed, in one worker', async ({ page }) => {
    const app = new AnalogyPage(page);
    let listed = false;
    // The listing of sets answers late; the vectors' first request must not wait for it.
    await page.route('**/data/index.json', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      listed = true;
      await route.fulfill({ response });
    });
    const manifests: boolean[] = []; // for each request of the set's manifest: had the listing come?
    page.on('request', (r) => r.url().endsWith('/data/glove-6b-100d/manifest.json') && manifests.push(listed));
    await app.open('?q=king+-+man+%2B+woman');
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    expect(manifests).toEqual([false]);
  });

  test('an unknown word shows "not in vocabulary" and suggestions that fix the query', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open();
    await app.waitForAllVectors();
    await app.ask('kign - man + woman');
    await expect(app.error).toContainText('not in vocabulary');
    const suggestion = app.error.getByTestId('suggestion').filter({ hasText: /^king$/ });
    await expect(suggestion).toBeVisible();
    await suggestion.click();
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    await app.ask('king - + woman');
    await expect(app.error).toContainText('at column');
    await page.screenshot({ path: 'artifacts/analogy-error.png', fullPage: true });
  });

  test('a preset link reproduces its result and shows the article answer rank', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open('?q=biggest+-+big+%2B+small');
    await app.waitForAllVectors();
    // GloVe 100d does not put "smallest" first: the page must say where it ranks instead.
    await expect(app.expectedRank).toContainText('smallest');
    const rank = Number(await app.expectedRank.getAttribute('data-rank'));
    expect(rank).toBeGreaterThan(1);
    const words = await app.words();
    expect(words).not.toContain('biggest');
    // The same preset chosen by clicking gives the same list.
    await app.open('?q=cat');
    await app.waitForAllVectors();
    await page.getByTestId('preset').filter({ hasText: 'biggest − big + small' }).click();
    await expect(app.items.first()).toHaveAttribute('data-word', words[0]);
    expect(await app.words()).toEqual(words);
    await page.screenshot({ path: 'artifacts/analogy-preset-biggest.png', fullPage: true });
  });

  test('clicking a result word shows its neighbours, and honest mode shows the input words', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open('?q=king+-+man+%2B+woman');
    await app.waitForAllVectors();
    await app.items.filter({ hasText: 'queen' }).getByRole('button').click();
    await expect(app.neighbours.getByTestId('result-item').first()).toBeVisible();
    const neighbours = await app.neighbours.getByTestId('result-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-word')));
    expect(neighbours).toContain('princess');
    await expect(page).toHaveURL(/word=queen/);
    await page.getByTestId('honest').check();
    await expect(page).toHaveURL(/honest=1/);
    await expect(app.results.getByText('(input)').first()).toBeVisible();
    expect(await app.words()).toContain('king');
  });

  test('a very long expression is kept in the address fragment, so a reload is not refused by the server', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open();
    await app.waitForAllVectors();
    const long = Array.from({ length: 700 }, () => 'king').join(' + ') + ' - man + woman'; // ≈ 5,000 characters
    await app.ask(long);
    await expect(app.items.first()).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.location.hash.length)).toBeGreaterThan(4000);
    expect(await page.evaluate(() => window.location.search)).toBe('');
    const first = await app.firstWord();
    await page.reload();
    await expect(app.input).toHaveValue(long);
    await expect(app.items.first()).toHaveAttribute('data-word', first!);
  });

  test('a claim that names several words gets each word’s rank; a cleared box clears the last error', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open('?q=cat');
    await app.waitForAllVectors();
    const words = page.getByTestId('claim-word');
    await expect(words).toHaveCount(3);
    expect(await words.evaluateAll((els) => els.map((e) => e.getAttribute('data-word')))).toEqual(['dog', 'kitten', 'pet']);
    for (const w of await words.all()) expect(Number(await w.getAttribute('data-rank'))).toBeGreaterThan(0);
    const held = Number(await app.expectedRank.getAttribute('data-held'));
    const holding = await words.evaluateAll((els) => els.filter((e) => e.getAttribute('data-holds') === 'true').length);
    expect(held).toBe(holding);

    await app.ask('asdfqwer');
    await expect(app.error).toBeVisible();
    await app.ask('');
    await expect(app.error).toHaveCount(0);
    await expect(app.items).toHaveCount(0);
  });
});
