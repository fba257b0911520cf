import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for a vector file imported in the browser: the set menu's import, its dialog, and the sets kept in this browser. */
export class OwnVectorsPage {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly name: Locator;
  readonly start: Locator;
  readonly problem: Locator;
  readonly error: Locator;
  readonly done: Locator;
  readonly setSelect: Locator;
  readonly localSets: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('import-open');
    this.dialog = page.getByTestId('import-dialog');
    this.name = page.getByTestId('import-name');
    this.start = page.getByTestId('import-start');
    this.problem = page.getByTestId('import-problem');
    this.error = page.getByTestId('import-error');
    this.done = page.getByTestId('import-done');
    this.setSelect = page.getByTestId('set-select');
    this.localSets = page.getByTestId('local-sets');
  }

  /** Picks a file through "Open a vector file…" (the browser's file chooser). */
  async openFile(name: string, contents: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.openButton.click()]);
    await chooser.setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(contents) });
    await expect(this.dialog).toBeVisible();
  }

  /** Drops a file on the page, as dragging it from the desktop does. */
  async dropFile(name: string, contents: string): Promise<void> {
    await expect(this.openButton).toBeVisible(); // the page listens for drops once its set menu is there
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, contents }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([contents], name, { type: 'text/plain' }));
        return dt;
      },
      { name, contents },
    );
    await this.page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await expect(this.page.getByTestId('import-drop-zone')).toBeVisible();
    await this.page.dispatchEvent('main', 'drop', { dataTransfer });
    await expect(this.dialog).toBeVisible();
  }

  /** The menu's option for a set kept in this browser. */
  localOption(title: string): Locator {
    return this.setSelect.locator('optgroup[label="In this browser"] option', { hasText: title });
  }

  /** Removes a kept set through the list's two-step button. */
  async remove(name: string): Promise<void> {
    await this.localSets.locator('summary').click();
    const item = this.localSets.locator(`[data-testid="local-set"][data-name="${name}"]`);
    await item.getByTestId('local-remove').click();
    await item.getByTestId('local-remove-confirm').click();
  }
}
