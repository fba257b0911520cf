import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for /train: the word2vec panel's controls and what it reports. */
export class TrainPage {
  readonly w2v: Locator;
  readonly neighbours: Locator;
  readonly lossNow: Locator;

  constructor(readonly page: Page) {
    this.w2v = page.getByTestId('w2v');
    this.neighbours = page.getByTestId('w2v-neighbours');
    this.lossNow = page.getByTestId('w2v-loss-now');
  }

  async open(): Promise<void> {
    await this.page.goto('/train');
    await expect(this.page.getByTestId('train-page')).toBeVisible();
  }

  /** Starts word2vec on a share of the corpus ('1/8' … 'all') for `epochs` epochs. */
  async start(share: string, epochs: number): Promise<void> {
    await this.page.getByTestId('w2v-fraction').selectOption({ label: share });
    await this.page.getByTestId('w2v-epochs').fill(String(epochs));
    await this.page.getByTestId('w2v-start').click();
    await expect(this.w2v).toHaveAttribute('data-status', /training|done/, { timeout: 60_000 });
  }

  /** The loss shown now and the first batches' loss. */
  async losses(): Promise<{ now: number; first: number }> {
    const text = await this.lossNow.innerText();
    const [now, first] = [...text.matchAll(/(\d+\.\d+)/g)].map((m) => Number(m[1]));
    return { now, first };
  }

  /** The neighbours listed for `word`, and the training progress they were taken at. */
  async neighboursOf(word: string): Promise<{ progress: number; words: string }> {
    const progress = Number(await this.neighbours.getAttribute('data-progress'));
    const line = await this.page.getByTestId(`nb-${word}`).innerText();
    return { progress, words: line.replace(/^[^:]*:\s*/, '') };
  }

  async status(): Promise<string> {
    return (await this.w2v.getAttribute('data-status')) ?? '';
  }
}
