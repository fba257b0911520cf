import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the context page: the selectors live here, the tests read as steps. */
export class ContextPage {
  readonly backend: Locator;
  readonly heatmap: Locator;
  readonly pcaMap: Locator;
  readonly layerChart: Locator;
  readonly error: Locator;
  readonly sentences: Locator;
  readonly compute: Locator;
  readonly randomBanner: Locator;
  readonly testSetting: Locator;
  readonly slider: Locator;

  constructor(readonly page: Page) {
    this.backend = page.getByTestId('backend');
    this.heatmap = page.getByTestId('heatmap');
    this.pcaMap = page.getByTestId('pca-map');
    this.layerChart = page.getByTestId('layer-chart');
    this.error = page.getByTestId('context-error');
    this.sentences = page.getByTestId('sentence-input');
    this.compute = page.getByTestId('compute');
    this.randomBanner = page.getByTestId('random-model-banner');
    this.testSetting = page.getByTestId('test-setting');
    this.slider = page.getByTestId('layer-slider');
  }

  /** Opens the page on the tiny random test model (the explicit test-only setting). */
  async openTestModel(query = ''): Promise<void> {
    await this.page.goto(`/context?model=gpt2-tiny-random${query}`);
  }

  async waitForModel(): Promise<void> {
    await expect(this.backend).toBeVisible({ timeout: 60_000 });
  }

  async choosePreset(id: string): Promise<void> {
    await this.page.locator(`[data-testid="preset"][data-preset="${id}"]`).click();
  }

  /** The numbers printed in the heatmap's cells. */
  async heatmapValues(): Promise<number[]> {
    const texts = await this.heatmap.locator('g.heatmap-label text').allTextContents();
    return texts.map(Number).filter((v) => Number.isFinite(v));
  }
}
