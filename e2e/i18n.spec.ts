import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { LAYERS_PRESETS } from '../app/components/layers/presets';
import { messageAt } from '../lib/i18n/check';
import { AnalogyPage } from './analogy-page';
import { ContextPage } from './context-page';
import { expect, test } from './fixtures';
import { GPT2_STEPS, STEP_IDS, WalkPage } from './walk-page';

/**
 * The walk and the site's shell in English and Chinese: every step of `?lang=zh` in Chinese with
 * its live result; a browser whose language is Chinese gets Chinese without asking; `?lang=en`
 * switches back, and the choice survives a reload and a visit without the parameter; the switch
 * works from the keyboard; a step's link opens its page in the same state and language; and
 * screenshots of every step in both languages at phone and desktop sizes (artifacts/walk-*.png).
 */
const messages = (locale: 'en' | 'zh', namespace: string) => JSON.parse(readFileSync(`messages/${locale}/${namespace}.json`, 'utf8')) as Record<string, unknown>;
const ZH = { walk: messages('zh', 'walk'), site: messages('zh', 'site'), analogy: messages('zh', 'analogy'), context: messages('zh', 'context') };
const EN = { walk: messages('en', 'walk'), site: messages('en', 'site') };
const zh = (ns: keyof typeof ZH, key: string) => String(messageAt(ZH[ns], key));
const en = (ns: keyof typeof EN, key: string) => String(messageAt(EN[ns], key));

const TEST_MODEL = 'model=gpt2-tiny-random';
const RANDOM_ZH = '随机测试模型——不是 GPT-2';

/** The English the walk shows on purpose: GPT-2's prompts (its input) and names of things. */
const ENGLISH_ON_PURPOSE = [...LAYERS_PRESETS.map((p) => p.prompt), 'Hugging Face Hub'];

/**
 * Runs of three or more English words in the walk's text, outside the places where English is
 * meant (words and tokens in monospace, the story GPT-2 reads, the English inputs above).
 */
async function englishRuns(page: Page): Promise<string[]> {
  const text = await page.locator('main').evaluate((main) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('.font-mono, code, kbd, pre, [data-english]') || el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
      out.push(node.textContent ?? '');
    }
    return out.join('\n');
  });
  let rest = text;
  for (const s of ENGLISH_ON_PURPOSE) rest = rest.split(s).join(' ');
  return [...rest.matchAll(/[A-Za-z][a-z]+(?:[ ’'-]+[A-Za-z][a-z]+){2,}/g)].map((m) => m[0]);
}

test.describe('the walk in Chinese', () => {
  test('?lang=zh: every step in Chinese with its live result — the cities, cat’s neighbours, queen first, the bank chart on the random test model labelled as such', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open(`?lang=zh&${TEST_MODEL}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('walk', 'title'));
    await expect(page).toHaveTitle(`${zh('walk', 'docTitle')} · ${zh('site', 'title')}`);
    for (const id of STEP_IDS) await expect(walk.step(id).getByRole('heading', { level: 2 }), id).toHaveText(zh('walk', `steps.${id}.title`));
    await expect(walk.tocLinks.first()).toHaveText(zh('walk', 'steps.cities.title'));

    // Step 1: the numbers and the kilometres, with the cities' Chinese names.
    await page.getByTestId('walk-city-b').selectOption('london');
    await expect(walk.citiesResult).toContainText('华盛顿特区 [38.9, 77] 和伦敦 [51.5, 0.1]');
    await expect(walk.citiesResult).toContainText('公里');
    await expect(page.getByTestId('walk-city-pair').first()).toContainText('华盛顿特区 – 纽约');

    // Steps 2–4 on the word vectors, whose words stay English — and the walk says so, in Chinese.
    await expect(page.getByTestId('walk-english-note')).toHaveText(zh('walk', 'englishNote'));
    await walk.waitForAllWords('neighbours');
    await expect(walk.neighbours.first()).toHaveAttribute('data-word', 'dog');
    await expect(walk.neighbours.first()).toContainText('dog');
    await expect(walk.step('neighbours').getByTestId('expected-rank')).toContainText('第 1 名');
    await walk.waitForAllWords('analogies');
    await expect(walk.analogy('king - man + woman')).toHaveAttribute('data-first', 'queen');
    await expect(walk.analogy('king - man + woman')).toContainText('这里排第一：queen');
    await expect(page.getByTestId('walk-analogies-summary')).toContainText('在这些词向量中成立');
    await walk.waitForAllWords('bias');
    await expect(walk.step('bias').getByTestId('walk-word').first()).toHaveAttribute('data-word', 'nurse');

    // Steps 5–9 on the tiny random model: computed, and never called GPT-2.
    await walk.waitForGpt2Steps();
    for (const id of GPT2_STEPS) await expect(walk.gpt2Widget(id).getByTestId('walk-random-label'), id).toContainText(RANDOM_ZH);
    const chart = page.getByTestId('walk-bank-chart');
    await expect(chart).toHaveAttribute('data-layers', '3');
    await expect(chart.locator('polyline')).toHaveCount(3);
    await expect(chart.locator('svg[role="img"]')).toHaveAttribute('aria-label', zh('walk', 'chart.label'));
    await expect(chart.locator('li')).toHaveText([zh('walk', 'chart.same'), zh('walk', 'chart.different'), zh('walk', 'chart.baseline')]);
    await expect(page.getByTestId('walk-bank-summary')).toContainText(/第 \d+ 层|没有哪一层/);
    await expect(walk.gpt2Widget('ioi').getByTestId('walk-ioi-summary')).toContainText('这里没有关闭名字搬运头');
    await expect(walk.gpt2Widget('capital').getByTestId('walk-capital-model')).toContainText(RANDOM_ZH);
    await expect(walk.gpt2Widget('training').getByTestId('walk-next-token')).toHaveCount(5);
    await expect(walk.gpt2Widget('training').getByTestId('walk-coffee-target')).toContainText(/第 [\d,]+ 名，概率/);
    await expect(walk.gpt2Widget('beliefs').getByTestId('walk-beliefs-summary')).toContainText('模型更倾向');

    // Nothing left in English but what is English on purpose.
    expect(await englishRuns(page), 'English text in the Chinese walk').toEqual([]);
  });

  test('the Chinese walk without GPT-2 offers the one download, in Chinese, with a mirror for readers who cannot reach the hub', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open('?lang=zh');
    await walk.waitForAllWords('neighbours');
    for (const id of GPT2_STEPS) {
      await expect(walk.gpt2Widget(id)).toHaveAttribute('data-status', 'no-model');
      await expect(walk.gpt2Widget(id)).toContainText(zh('walk', `steps.${id}.pending`));
      await expect(walk.gpt2Widget(id).getByTestId('walk-load-gpt2')).toHaveText(zh('walk', 'gpt2.load'));
    }
    await expect(page.getByTestId('hub-load')).toHaveCount(1, { timeout: 30_000 });
    await expect(walk.gpt2Section).toContainText('hf-mirror.com');
    await expect(page.getByTestId('walk-random-label')).toHaveCount(0);
  });
});

test.describe('a browser whose language is Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('gets the walk and the navigation in Chinese with no ?lang', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('walk', 'title'));
    await expect(page.getByRole('navigation', { name: zh('site', 'nav.label') }).getByRole('link', { name: zh('site', 'nav.walk') })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('lang-zh')).toHaveAttribute('aria-pressed', 'true');
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
  });

  test('?lang=en switches to English, the choice survives a reload and a visit without ?lang, and the switch works from the keyboard', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open('?lang=en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('walk', 'title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('walk', 'title'));
    await walk.open(); // no ?lang: the remembered choice beats the browser's language
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('walk', 'title'));
    await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveTitle(`${en('walk', 'docTitle')} · ${en('site', 'title')}`);

    // From the keyboard: Tab through the navigation to 中文 and press Enter.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const zhButton = page.getByTestId('lang-zh');
    for (let i = 0; i < 20 && !(await zhButton.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(zhButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('walk', 'title'));
    await expect(zhButton).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/[?&]lang=zh/);
    await expect(page).toHaveTitle(`${zh('walk', 'docTitle')} · ${zh('site', 'title')}`);
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('lang-en')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('walk', 'title'));
    await expect(page).toHaveURL(/[?&]lang=en/);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('walk', 'title'));
  });
});

test.describe('a step’s link in Chinese', () => {
  test('opens the analogy page on the same expression, in Chinese', async ({ page }) => {
    const walk = new WalkPage(page);
    const analogy = new AnalogyPage(page);
    await walk.open('?lang=zh');
    await expect(walk.link('neighbours')).toContainText(zh('walk', 'steps.neighbours.link'));
    await walk.link('neighbours').click();
    await expect(page).toHaveURL(/\/analogies\?q=cat&lang=zh$/);
    await expect(analogy.input).toHaveValue('cat');
    await expect(analogy.items.first()).toHaveAttribute('data-word', 'dog', { timeout: 60_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('analogy', 'intro.title'));
  });

  test('opens the context page on the bank sentences and the same model, in Chinese', async ({ page }) => {
    const walk = new WalkPage(page);
    await walk.open(`?lang=zh&${TEST_MODEL}`);
    await walk.waitForGpt2Steps();
    await walk.link('bank').click();
    await expect(page).toHaveURL(/\/context\?model=gpt2-tiny-random&target=bank&s=.*&lang=zh$/);
    const context = new ContextPage(page);
    await context.waitForModel();
    await expect(page.getByTestId('target-input')).toHaveValue('bank');
    await expect(context.sentences).toHaveCount(6);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('context', 'intro.title'));
  });
});

const SIZES = [
  { name: '390x844', width: 390, height: 844 },
  { name: '1440x900', width: 1440, height: 900 },
];

for (const lang of ['en', 'zh'] as const) {
  for (const size of SIZES) {
    test(`screenshots of every step in ${lang} at ${size.width}×${size.height}, with no sideways scrolling`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const walk = new WalkPage(page);
      await walk.open(`?lang=${lang}&${TEST_MODEL}`);
      await walk.waitForAllWords('analogies');
      await walk.waitForAllWords('bias');
      await walk.waitForGpt2Steps();
      await page.waitForTimeout(300); // late layout
      const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.document, 'the walk is wider than the screen').toBeLessThanOrEqual(widths.viewport);
      const prefix = `artifacts/walk-${lang}-${size.name}`;
      await page.screenshot({ path: `${prefix}-0-top.png` });
      for (const [i, id] of STEP_IDS.entries()) await walk.step(id).screenshot({ path: `${prefix}-${i + 1}-${id}.png` });
      await walk.gpt2Section.screenshot({ path: `${prefix}-gpt2-loader.png` });
    });
  }
}
