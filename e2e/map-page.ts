import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the map page; reads what plotly actually plotted from its graph div. */
export class MapPage {
  readonly info: Locator;
  readonly plot: Locator;
  readonly wordPanel: Locator;

  constructor(readonly page: Page) {
    this.info = page.getByTestId('map-info');
    this.plot = page.getByTestId('map-plot');
    this.wordPanel = page.getByTestId('word-panel');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/map${query}`);
  }

  /** Waits for a finished map of `dims` dimensions (no projection running). */
  async waitForMap(dims: 2 | 3, timeout = 90_000): Promise<void> {
    await expect(this.plot).toHaveAttribute('data-dims', String(dims), { timeout });
    await expect(this.plot).toHaveAttribute('aria-busy', 'false', { timeout });
    await expect(this.info).toBeVisible();
  }

  /** The first trace as plotly holds it: its type and how many points it draws. */
  async plotted(): Promise<{ type: string; points: number; labels: number; annotations: number }> {
    return this.plot.locator('.js-plotly-plot').evaluate((gd) => {
      const g = gd as unknown as { data: { type: string; x: unknown[] }[]; layout: { annotations?: unknown[] } };
      return { type: g.data[0].type, points: g.data[0].x.length, labels: g.data[1].x.length, annotations: g.layout.annotations?.length ?? 0 };
    });
  }

  /** Clicks the 2-D point of `word`, at the pixel where plotly drew it. */
  async clickWord(word: string): Promise<void> {
    await this.plot.scrollIntoViewIfNeeded();
    const box = await this.plot.locator('.js-plotly-plot').evaluate((gd, w) => {
      const g = gd as unknown as {
        data: { x: number[]; y: number[]; text: string[] }[];
        _fullLayout: { xaxis: { l2p(v: number): number }; yaxis: { l2p(v: number): number }; _size: { l: number; t: number } };
      };
      const i = g.data[0].text.indexOf(w);
      const rect = (gd as HTMLElement).getBoundingClientRect();
      const L = g._fullLayout;
      return { x: rect.left + L._size.l + L.xaxis.l2p(g.data[0].x[i]), y: rect.top + L._size.t + L.yaxis.l2p(g.data[0].y[i]), found: i >= 0 };
    }, word);
    expect(box.found, `${word} is on the map`).toBe(true);
    // Hover first: plotly picks the clicked point from its hover state.
    await this.page.mouse.move(box.x, box.y);
    await expect(this.plot.locator('.hoverlayer .hovertext')).toContainText(word);
    await this.page.mouse.click(box.x, box.y);
  }
}
