import { expect, type Locator, type Page } from '@playwright/test';

/** A trace of the map as plotly holds it (the names come from app/components/map/figure.ts). */
export interface PlottedTrace {
  type: string;
  words: string[];
  x: number[];
  y: number[];
}

/** Page object for the map page; reads what plotly actually plotted from its graph div. */
export class MapPage {
  readonly info: Locator;
  readonly plot: Locator;
  readonly wordPanel: Locator;
  readonly wordList: Locator;
  /** Requests for a vector set's rows (the 38 MB file), counted since the page object was made. */
  vectorDownloads = 0;

  constructor(readonly page: Page) {
    this.info = page.getByTestId('map-info');
    this.plot = page.getByTestId('map-plot');
    this.wordPanel = page.getByTestId('word-panel');
    this.wordList = page.getByTestId('word-list');
    page.on('request', (r) => {
      if (/\/data\/[^/?]+\/vectors\.i8(\?|$)/.test(r.url())) this.vectorDownloads++;
    });
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/map${query}`);
  }

  /** Waits for a finished map of `dims` dimensions (no projection running). */
  async waitForMap(dims: 2 | 3, timeout = 90_000): Promise<void> {
    await expect(this.plot).toHaveAttribute('data-dims', String(dims), { timeout });
    await expect(this.plot).toHaveAttribute('aria-busy', 'false', { timeout });
    await expect(this.plot).toHaveAttribute('data-stale', 'false', { timeout });
    await expect(this.info).toBeVisible();
  }

  /** The words trace's type and size, how many labels and 2-D annotations (arrows) are drawn. */
  async plotted(): Promise<{ type: string; points: number; labels: number; annotations: number }> {
    return this.plot.locator('.js-plotly-plot').evaluate((gd) => {
      const g = gd as unknown as { data: { name: string; type: string; x: unknown[] }[]; layout: { annotations?: unknown[] } };
      const named = (name: string) => g.data.find((t) => t.name === name)!;
      return { type: named('words').type, points: named('words').x.length, labels: named('labels').x.length, annotations: g.layout.annotations?.length ?? 0 };
    });
  }

  /** One trace by name ('words', 'highlighted', 'labels'): its words and 2-D coordinates. */
  async trace(name: string): Promise<PlottedTrace> {
    return this.plot.locator('.js-plotly-plot').evaluate((gd, traceName) => {
      const g = gd as unknown as { data: { name: string; type: string; text: string[]; x: number[]; y: number[] }[] };
      const t = g.data.find((d) => d.name === traceName);
      if (!t) throw new Error(`no trace named ${traceName}`);
      return { type: t.type, words: [...t.text], x: [...t.x], y: [...t.y] };
    }, name);
  }

  /** Names of the legend entries plotly draws. */
  async legendNames(): Promise<string[]> {
    return this.plot.locator('.js-plotly-plot').evaluate((gd) => (gd as unknown as { data: { name: string; showlegend?: boolean }[] }).data.filter((t) => t.showlegend !== false).map((t) => t.name));
  }

  /** Clicks the 2-D point of `word`, at the pixel where plotly drew it. */
  async clickWord(word: string): Promise<void> {
    await this.plot.scrollIntoViewIfNeeded();
    const box = await this.plot.locator('.js-plotly-plot').evaluate((gd, w) => {
      const g = gd as unknown as {
        data: { name: string; x: number[]; y: number[]; text: string[] }[];
        _fullLayout: { xaxis: { l2p(v: number): number }; yaxis: { l2p(v: number): number }; _size: { l: number; t: number } };
      };
      const points = g.data.find((t) => t.name === 'words')!;
      const i = points.text.indexOf(w);
      const rect = (gd as HTMLElement).getBoundingClientRect();
      const L = g._fullLayout;
      return { x: rect.left + L._size.l + L.xaxis.l2p(points.x[i]), y: rect.top + L._size.t + L.yaxis.l2p(points.y[i]), found: i >= 0 };
    }, word);
    expect(box.found, `${word} is on the map`).toBe(true);
    // Hover first: plotly picks the clicked point from its hover state.
    await this.page.mouse.move(box.x, box.y);
    await expect(this.plot.locator('.hoverlayer .hovertext')).toContainText(word);
    await this.page.mouse.click(box.x, box.y);
  }
}
