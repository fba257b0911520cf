import type { Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { AnalogyPage } from './analogy-page';
import { ContextPage } from './context-page';
import { LayersPage } from './layers-page';
import { STATIC_PORT, waitForIsolation } from './static/static-fixture';
import { GPT2_STEPS, STEP_IDS, WalkPage } from './walk-page';

/**
 * The front page's walk through the explanation: every step's widget answers live (the vector
 * steps on GloVe, the GPT-2 steps on the tiny random test model, labelled as such), `/#step-…`
 * opens at that step, every step's link opens its full page in the same state, old `/?q=…` links
 * land on /analogies, the static build's walk works offline, and screenshots of every step at two
 * sizes and in both schemes land in artifacts/walk/ (without sideways scrolling).
 */
const TEST_MODEL = '?model=gpt2-tiny-random';
const RANDOM = /random test model — not GPT-2/i;

test.describe('the walk', () => {
  test('the vector steps answer live: two cities’ distance, cat’s neighbours, the six analogies with queen first, nurse’s rank', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open();
    await expect(walk.citiesResult).toHaveAttribute('data-numbers', '3.50');
    await page.getByTestId('walk-city-b').selectOption('london');
    await expect(walk.citiesResult).toContainText('Washington DC [38.9, 77] and London [51.5, 0.1]');
    await expect(walk.citiesResult).toHaveAttribute('data-km', /^5[89]\d\d$/);
    await expect(page.getByTestId('walk-city-pair')).toHaveCount(6);

    await expect(walk.neighbours).toHaveCount(10, { timeout: 60_000 });
    await walk.waitForAllWords('neighbours');
    await expect(walk.neighbours.first()).toHaveAttribute('data-word', 'dog');
    const claim = walk.step('neighbours').getByTestId('claim-word');
    await expect(claim).toHaveCount(3);
    expect(await claim.evaluateAll((els) => els.map((e) => e.getAttribute('data-word')))).toEqual(['dog', 'kitten', 'pet']);
    await expect(claim.first()).toHaveAttribute('data-rank', '1');

    await walk.waitForAllWords('analogies');
    await expect(page.getByTestId('walk-analogy')).toHaveCount(6);
    await expect(walk.analogy('king - man + woman')).toHaveAttribute('data-first', 'queen');
    await expect(walk.analogy('king - man + woman')).toHaveAttribute('data-rank', '1');
    // An analogy that does not hold on GloVe says so with its real rank.
    expect(Number(await walk.analogy('biggest - big + small').getAttribute('data-rank'))).toBeGreaterThan(1);
    expect(Number(await walk.analogy('king - man + woman').getAttribute('data-honest-rank'))).toBeGreaterThan(1); // king itself comes first in honest mode

    await walk.waitForAllWords('bias');
    await expect(walk.step('bias').getByTestId('expected-rank')).toHaveAttribute('data-rank', '1');
    await expect(walk.step('bias').getByTestId('walk-word').first()).toHaveAttribute('data-word', 'nurse');

    // Without a model named in the address, the GPT-2 steps say what they would compute and offer the one download.
    for (const id of GPT2_STEPS) {
      await expect(walk.gpt2Widget(id)).toHaveAttribute('data-status', 'no-model');
      await expect(walk.gpt2Widget(id).getByTestId('walk-load-gpt2')).toBeVisible();
    }
    await expect(page.getByTestId('hub-load')).toHaveCount(1, { timeout: 30_000 });
    await walk.gpt2Section.screenshot({ path: 'artifacts/walk/no-model-gpt2-loader.png' });
    await walk.step('bank').screenshot({ path: 'artifacts/walk/no-model-5-bank.png' });
    await walk.gpt2Widget('ioi').getByTestId('walk-load-gpt2').click();
    await expect(page.getByTestId('hub-load')).toBeFocused();
    await expect(page.getByTestId('walk-random-label')).toHaveCount(0);
  });

  test('on ?model=gpt2-tiny-random every GPT-2 step computes, and every one says “random test model — not GPT-2” by its numbers', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open(TEST_MODEL);
    await expect(page.getByTestId('random-model-banner')).toHaveCount(1, { timeout: 60_000 });
    await walk.waitForGpt2Steps();
    for (const id of GPT2_STEPS) {
      await expect(walk.gpt2Widget(id).getByTestId('walk-random-label'), `step ${id}`).toContainText(RANDOM);
      await expect(walk.gpt2Widget(id).getByTestId('walk-model-label')).toHaveCount(0);
    }
    await expect(page.getByTestId('walk-bank-chart')).toHaveAttribute('data-layers', '3'); // embeddings + 2 blocks
    await expect(page.getByTestId('walk-bank-chart').locator('polyline')).toHaveCount(3);
    const ioi = walk.gpt2Widget('ioi');
    await expect(ioi.getByTestId('walk-pair-row')).toHaveCount(2);
    expect(Number.isFinite(Number(await ioi.getByTestId('walk-ioi-summary').getAttribute('data-diff')))).toBe(true);
    await expect(ioi.getByTestId('walk-ioi-summary')).toContainText('not switched off here'); // the tiny model has no head 9.9
    await expect(walk.gpt2Widget('capital').getByTestId('walk-lens-row')).toHaveCount(3);
    await expect(walk.gpt2Widget('capital').getByTestId('walk-capital-model')).toContainText('24 layers');
    const probs = await walk.gpt2Widget('training').getByTestId('walk-next-token').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
    expect(probs).toHaveLength(5);
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
    await expect(walk.gpt2Widget('beliefs').getByTestId('walk-pair-row')).toHaveCount(2);
  });

  test('/#step-analogies opens at that step, with the keyboard on its heading', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open('', '#step-analogies');
    const section = walk.step('analogies');
    await expect(section.getByRole('heading', { level: 2 })).toBeFocused();
    await walk.waitForAllWords('analogies'); // the steps above have grown by now
    const top = await section.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(-5);
    expect(top).toBeLessThan(150);
    // The contents and next links move along the steps.
    await section.getByTestId('walk-next').click();
    await expect(page).toHaveURL(/#step-bias$/);
    await expect(walk.step('bias').getByRole('heading', { level: 2 })).toBeFocused();
    await expect(walk.tocLinks).toHaveCount(STEP_IDS.length);
  });

  test('each vector step’s link opens the analogy page (or the map) in the same state', async ({ page }) => {
    const walk = new WalkPage(page);
    const analogy = new AnalogyPage(page);
    const cases = [
      { id: 'neighbours', q: 'cat', first: 'dog' },
      { id: 'analogies', q: 'king - man + woman', first: 'queen' },
      { id: 'bias', q: 'doctor - man + woman', first: 'nurse' },
    ] as const;
    for (const c of cases) {
      await walk.open();
      await walk.link(c.id).click();
      await expect(page).toHaveURL(/\/analogies\?q=/);
      await expect(analogy.input).toHaveValue(c.q);
      await expect(analogy.items.first()).toHaveAttribute('data-word', c.first, { timeout: 60_000 });
    }
    await walk.open();
    await walk.link('cities').click();
    await expect(page).toHaveURL(/\/map\?words=neighbors%3Acat%3A100$/);
    await expect(page.getByTestId('map-count')).toHaveText('100', { timeout: 90_000 });
  });

  test('each GPT-2 step’s link opens the context or layers page in the same state, on the same model', async ({ page }) => {
    test.setTimeout(240_000); // the model loads six times, once per page opened
    const walk = new WalkPage(page);
    await walk.open(TEST_MODEL);
    await walk.waitForGpt2Steps();
    const hrefs = Object.fromEntries(await Promise.all(GPT2_STEPS.map(async (id) => [id, await walk.link(id).getAttribute('href')] as const)));

    const context = new ContextPage(page);
    await walk.link('bank').click();
    await expect(page).toHaveURL(/\/context\?model=gpt2-tiny-random&target=bank&s=/);
    await context.waitForModel();
    await expect(page.getByTestId('target-input')).toHaveValue('bank');
    await expect(context.sentences).toHaveCount(6);
    await expect(context.sentences.first()).toHaveValue('We had a picnic on the bank of the river.');
    await expect(page.getByTestId('sense-input').first()).toHaveValue('river');
    await expect(context.randomBanner).toBeVisible();

    const layers = new LayersPage(page);
    const prompts = {
      ioi: 'When Mary and John went to the store, John gave a drink to',
      capital: 'Q: What is the capital of France? A: Paris. Q: What is the capital of Poland? A:',
      training: 'I like my coffee with cream and',
      beliefs: 'There is a bag filled with popcorn.',
    } as const;
    for (const [id, prompt] of Object.entries(prompts)) {
      await page.goto(hrefs[id]!);
      await layers.waitForModel();
      await expect(page.getByTestId('prompt-input'), id).toHaveValue(id === 'beliefs' ? new RegExp(`^${prompt}`) : prompt);
      await expect(layers.randomBanner).toBeVisible();
    }
    expect(new URL(hrefs.ioi!, 'http://x').searchParams.getAll('tok')).toEqual([' Mary', ' John']);
    expect(new URL(hrefs.ioi!, 'http://x').searchParams.has('ablate')).toBe(false); // the tiny model has no name movers to switch off
  });

  test('old links to the front page’s analogies land on /analogies with the same state, replacing the old address', async ({ page }) => {
    const analogy = new AnalogyPage(page);
    await page.goto('/glossary');
    await page.goto('/?q=king+-+man+%2B+woman');
    await expect(page).toHaveURL(/\/analogies\?q=king\+-\+man\+%2B\+woman$/);
    await expect(analogy.items.first()).toHaveAttribute('data-word', 'queen', { timeout: 60_000 });
    await expect(analogy.input).toHaveValue('king - man + woman');
    await page.goBack();
    await expect(page).toHaveURL(/\/glossary$/);

    await page.goto('/?q=cat&word=kitten&honest=1');
    await expect(page).toHaveURL(/\/analogies\?/);
    const search = new URL(page.url()).searchParams; // the analogy page writes its parameters in its own order
    expect([search.get('q'), search.get('word'), search.get('honest')]).toEqual(['cat', 'kitten', '1']);
    await expect(page.getByTestId('honest')).toBeChecked();
    await expect(analogy.neighbours.getByTestId('result-item').first()).toBeVisible({ timeout: 60_000 });
    await page.goto('/#q=paris+-+france+%2B+germany'); // a long expression's state in the fragment
    await expect(page).toHaveURL(/\/analogies[?#]q=paris/); // the analogy page then writes a short one in the query
    await expect(analogy.input).toHaveValue('paris - france + germany');
  });
});

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`the walk at ${size.width}×${size.height} in the ${scheme} scheme: no sideways scrolling; a screenshot of every step`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      const walk = new WalkPage(page);
      await walk.open(TEST_MODEL);
      await walk.waitForAllWords('analogies');
      await walk.waitForGpt2Steps();
      await page.waitForTimeout(300); // late layout
      const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.document, 'the walk is wider than the screen').toBeLessThanOrEqual(widths.viewport);
      const prefix = `artifacts/walk/${size.name}-${scheme}`;
      await page.screenshot({ path: `${prefix}-0-top.png` });
      for (const [i, id] of STEP_IDS.entries()) await walk.step(id).screenshot({ path: `${prefix}-${i + 1}-${id}.png` });
      await walk.gpt2Section.screenshot({ path: `${prefix}-gpt2-loader.png` });
    });
  }
}

test('the static build’s walk works offline after one visit, and fetches nothing it does not keep', async ({ page, context }) => {
  const site = `http://127.0.0.1:${STATIC_PORT}`;
  const walk = new WalkPage(page);
  await page.goto(`${site}/`);
  await waitForIsolation(page);
  await expect(page.getByTestId('load-ready')).toBeVisible({ timeout: 90_000 });
  await walk.waitForAllWords('analogies');
  await expect(page.getByTestId('hub-load')).toHaveCount(1, { timeout: 30_000 }); // the GPT-2 gate has asked for its listings too

  await context.setOffline(true);
  const failed: string[] = [];
  const onFailed = (r: Request) => {
    const error = r.failure()?.errorText ?? '';
    // The hub (another origin) is GPT-2's, not the walk's; ERR_ABORTED is a request cut short by the next navigation.
    if (new URL(r.url()).origin === site && error !== 'net::ERR_ABORTED') failed.push(`${r.url()} (${error})`);
  };
  page.on('requestfailed', onFailed);
  await page.reload();
  await expect(walk.citiesResult).toContainText('3.5 apart');
  await walk.waitForAllWords('neighbours');
  await expect(walk.neighbours.first()).toHaveAttribute('data-word', 'dog');
  await walk.waitForAllWords('analogies');
  await expect(walk.analogy('king - man + woman')).toHaveAttribute('data-first', 'queen');
  await walk.waitForAllWords('bias');
  await expect(page.getByTestId('hub-load')).toHaveCount(1, { timeout: 30_000 });
  expect(await walk.link('neighbours').getAttribute('href')).toBe('/analogies/?q=cat'); // the static build's page addresses end in "/"
  // An old analogy link, still offline: the walk sends it on to the kept analogy page.
  await page.goto(`${site}/?q=king+-+man+%2B+woman`);
  await expect(page).toHaveURL(`${site}/analogies/?q=king+-+man+%2B+woman`);
  await expect(page.getByTestId('result-item').first()).toHaveAttribute('data-word', 'queen', { timeout: 60_000 });
  page.off('requestfailed', onFailed);
  expect(failed, 'same-origin requests that failed offline').toEqual([]);
  await context.setOffline(false);
});
