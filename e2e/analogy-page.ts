import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the analogy page: the selectors live here, the tests read as steps. */
export class AnalogyPage {
  readonly input: Locator;
  readonly results: Locator;
  readonly items: Locator;
  readonly error: Locator;
  readonly neighbours: Locator;
  readonly expectedRank: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('expression-input');
    this.results = page.getByTestId('results');
    this.items = this.results.getByTestId('result-item');
    this.error = page.getByTestId('error');
    this.neighbours = page.getByTestId('neighbours');
    this.expectedRank = page.getByTestId('expected-rank');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/analogies${query}`);
  }

  /** Waits until all 341,479 words are in, so ranks are final. */
  async waitForAllVectors(): Promise<void> {
    await expect(this.page.getByTestId('load-ready')).toBeVisible({ timeout: 60_000 });
  }

  async ask(expression: string): Promise<void> {
    await this.input.fill(expression);
    await this.input.press('Enter');
  }

  async words(): Promise<string[]> {
    return this.items.evaluateAll((els) => els.map((e) => e.getAttribute('data-word') ?? ''));
  }

  async firstWord(): Promise<string | null> {
    return this.items.first().getAttribute('data-word');
  }
}
