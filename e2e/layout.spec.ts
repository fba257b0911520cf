import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Every page on a phone and in dark mode: no sideways scrolling at 390 × 844, no plot area
 * lighter than the page in dark mode, and chart toolbars without any link to an outside service.
 * Screenshots of every page in both sizes and both schemes land in artifacts/screens/.
 */
const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'walk', path: '/?model=gpt2-tiny-random', ready: (p) => expect(p.getByTestId('walk-cities-result')).toBeVisible({ timeout: 60_000 }) },
  { name: 'analogy', path: '/analogies?q=king+-+man+%2B+woman', ready: (p) => expect(p.getByTestId('result-item').first()).toBeVisible({ timeout: 60_000 }) },
  { name: 'map', path: '/map?words=neighbors%3Aking%3A100', ready: (p) => expect(p.getByTestId('map-count')).toHaveText('100', { timeout: 90_000 }) },
  { name: 'context', path: '/context?model=gpt2-tiny-random', ready: (p) => expect(p.getByTestId('layer-chart').locator('.main-svg').first()).toBeVisible({ timeout: 60_000 }) },
  { name: 'layers', path: '/layers?model=gpt2-tiny-random', ready: (p) => expect(p.getByTestId('lens-row').first()).toBeVisible({ timeout: 60_000 }) },
  { name: 'speed', path: '/speed', ready: (p) => expect(p.getByTestId('load-ready')).toBeVisible({ timeout: 60_000 }) },
  { name: 'train', path: '/train', ready: (p) => expect(p.getByTestId('w2v-start')).toBeEnabled({ timeout: 60_000 }) },
  { name: 'glossary', path: '/glossary', ready: (p) => expect(p.getByTestId('glossary-entry').first()).toBeVisible() },
];

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/** Relative luminance of an [r, g, b, a] colour (0–255); transparent counts as the page showing through (-1). */
function luminance([r8, g8, b8, a]: number[]): number {
  if (a === 0) return -1;
  const [r, g, b] = [r8, g8, b8].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page's body background and every plot area's, as [r, g, b, a]: a canvas resolves any CSS colour (Tailwind's oklch too). */
function backgrounds(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return { css, rgba: [...ctx.getImageData(0, 0, 1, 1).data] };
    };
    const plots = [...document.querySelectorAll('svg.main-svg')].flatMap((svg) => [
      getComputedStyle(svg).backgroundColor,
      ...[...svg.querySelectorAll('.bglayer .bg')].map((r) => getComputedStyle(r).fill),
    ]);
    return { body: rgba(getComputedStyle(document.body).backgroundColor), plots: plots.map(rgba) };
  });
}

for (const scheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`every page at ${size.width}×${size.height} in the ${scheme} scheme: no sideways scrolling${scheme === 'dark' ? ', no plot lighter than the page' : ''}`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of PAGES) {
        await page.goto(p.path);
        await p.ready(page);
        await page.waitForTimeout(300); // late layout (fonts, plots resizing)
        const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
        expect(widths.document, `${p.name}: the page is wider than the screen`).toBeLessThanOrEqual(widths.viewport);
        if (scheme === 'dark') {
          const { body, plots } = await backgrounds(page);
          expect(luminance(body.rgba), `${p.name}: the page's own background (${body.css}) is dark`).toBeGreaterThanOrEqual(0);
          expect(luminance(body.rgba), `${p.name}: the page's own background (${body.css}) is dark`).toBeLessThan(0.05);
          for (const bg of plots) expect(luminance(bg.rgba), `${p.name}: a plot area (${bg.css}) is lighter than the page`).toBeLessThanOrEqual(luminance(body.rgba) + 0.01);
        }
        // Toolbars: nothing that uploads to or links to an outside service.
        const titles = await page.locator('.modebar-btn').evaluateAll((els) => els.map((e) => e.getAttribute('data-title') ?? ''));
        for (const t of titles) expect(t, `${p.name}: toolbar button "${t}"`).not.toMatch(/share|cloud|chart studio|edit in|plotly/i);
        expect(await page.locator('.modebar a[href], a[href*="plot.ly"], a[href*="plotly.com"]').count(), `${p.name}: a link to Plotly`).toBe(0);
        await page.screenshot({ path: `artifacts/screens/${p.name}-${size.name}-${scheme}.png`, fullPage: true });
      }
    });
  }
}

test('chart toolbars keep zoom, reset and both downloads (PNG and SVG)', async ({ page }) => {
  await page.goto('/context?model=gpt2-tiny-random');
  const chart = page.getByTestId('layer-chart');
  await expect(chart.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });
  await chart.hover();
  const titles = await chart.locator('.modebar-btn').evaluateAll((els) => els.map((e) => e.getAttribute('data-title') ?? ''));
  for (const wanted of [/download plot as a png/i, /download plot as svg/i, /zoom/i, /reset axes|autoscale/i]) expect(titles.some((t) => wanted.test(t)), `${wanted} among ${titles.join(', ')}`).toBe(true);
});

test('the current page is marked in the navigation, and the glossary explains a term on focus', async ({ page }) => {
  await page.goto('/layers?model=gpt2-tiny-random');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Layers' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Maps' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('lens-row').first()).toBeVisible({ timeout: 60_000 });
  const term = page.locator('[data-term="logitLens"]');
  await term.focus();
  const tip = page.locator(`#${await term.getAttribute('aria-describedby')}`.replace(/:/g, '\\:'));
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('what the model would predict if it stopped there');
});
