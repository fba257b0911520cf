import { expect, type Locator, type Page } from '@playwright/test';

/** The walk's steps, in order (lib/walk/steps.ts). */
export const STEP_IDS = ['cities', 'neighbours', 'analogies', 'bias', 'bank', 'ioi', 'capital', 'training', 'beliefs'] as const;
export const GPT2_STEPS = ['bank', 'ioi', 'capital', 'training', 'beliefs'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Page object for the front page's walk: the selectors live here, the tests read as steps. */
export class WalkPage {
  readonly citiesResult: Locator;
  readonly neighbours: Locator;
  readonly tocLinks: Locator;
  readonly gpt2Section: Locator;

  constructor(readonly page: Page) {
    this.citiesResult = page.getByTestId('walk-cities-result');
    this.neighbours = page.getByTestId('walk-neighbours').getByTestId('walk-word');
    this.tocLinks = page.getByTestId('walk-toc-link');
    this.gpt2Section = page.getByTestId('walk-gpt2');
  }

  /** Opens the walk; `query` such as "?model=gpt2-tiny-random", `hash` such as "#step-analogies". */
  async open(query = '', hash = ''): Promise<void> {
    await this.page.goto(`/${query}${hash}`);
  }

  step(id: StepId): Locator {
    return this.page.locator(`section[data-testid="walk-step"][data-step="${id}"]`);
  }

  link(id: StepId): Locator {
    return this.step(id).locator('[data-testid="walk-link"]');
  }

  vectorWidget(id: StepId): Locator {
    return this.step(id).getByTestId('walk-vector-widget');
  }

  gpt2Widget(id: StepId): Locator {
    return this.step(id).getByTestId('walk-gpt2-widget');
  }

  analogy(expression: string): Locator {
    return this.page.locator(`[data-testid="walk-analogy"][data-expression="${expression}"]`);
  }

  /** Waits until a vector step has answered over all words (ranks final). */
  async waitForAllWords(id: StepId): Promise<void> {
    await expect(this.vectorWidget(id)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  }

  /** Waits until every GPT-2 step has its result. */
  async waitForGpt2Steps(): Promise<void> {
    for (const id of GPT2_STEPS) await expect(this.gpt2Widget(id), `step ${id}`).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  }
}
