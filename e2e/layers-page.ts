import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the layers page: the selectors live here, the tests read as steps. */
export class LayersPage {
  readonly backend: Locator;
  readonly randomBanner: Locator;
  readonly testSetting: Locator;
  readonly nextTokens: Locator;
  readonly lensRows: Locator;
  readonly headCells: Locator;
  readonly headView: Locator;
  readonly promptTokens: Locator;
  readonly applyAblation: Locator;
  readonly compare: Locator;
  readonly logitDiff: Locator;
  readonly referenceNote: Locator;
  readonly timing: Locator;

  constructor(readonly page: Page) {
    this.backend = page.getByTestId('backend');
    this.randomBanner = page.getByTestId('random-model-banner');
    this.testSetting = page.getByTestId('test-setting');
    this.nextTokens = page.getByTestId('next-token');
    this.lensRows = page.getByTestId('lens-row');
    this.headCells = page.getByTestId('head-cell');
    this.headView = page.getByTestId('head-view');
    this.promptTokens = page.getByTestId('prompt-token');
    this.applyAblation = page.getByTestId('apply-ablation');
    this.compare = page.getByTestId('ablation-compare');
    this.logitDiff = page.getByTestId('logit-diff');
    this.referenceNote = page.getByTestId('reference-heads-note');
    this.timing = page.getByTestId('timing');
  }

  /** Opens the page on the tiny random test model (the explicit test-only setting). */
  async openTestModel(query = ''): Promise<void> {
    await this.page.goto(`/layers?model=gpt2-tiny-random${query}`);
  }

  async waitForModel(): Promise<void> {
    await expect(this.backend).toBeVisible({ timeout: 60_000 });
  }

  async choosePreset(id: string): Promise<void> {
    await this.page.locator(`[data-testid="preset"][data-preset="${id}"]`).click();
  }

  headCell(layer: number, head: number): Locator {
    return this.page.locator(`[data-testid="head-cell"][data-layer="${layer}"][data-head="${head}"]`);
  }

  /** The next-token list as [token id, probability] pairs, best first. */
  async nextTokenProbs(): Promise<[string, number][]> {
    return this.nextTokens.evaluateAll((els) => els.map((e) => [e.getAttribute('data-token') ?? '', Number(e.getAttribute('data-prob'))] as [string, number]));
  }
}
