import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { AnalogyPage } from './analogy-page';

// A set imported with the CLI appears in the app's Vectors menu and can be queried.
const SET = 'e2e-tiny-set';

test.describe('switching vector sets', () => {
  test.beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wve-e2e-'));
    const file = path.join(dir, 'tiny.txt');
    // GloVe text format: "red" and "crimson" point the same way, "blue" elsewhere.
    writeFileSync(file, ['red 1 0.1 0', 'crimson 0.9 0.15 0', 'blue 0 0 1', 'navy 0 0.1 0.9', 'green 0 1 0'].join('\n') + '\n');
    execFileSync('npx', ['tsx', 'scripts/import-vectors.ts', file, '--name', SET, '--title', 'Tiny e2e colours', '--force'], { stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
  });

  test.afterAll(() => {
    rmSync(path.join('models', SET), { recursive: true, force: true });
  });

  test('an imported set is listed, loads in the worker and answers', async ({ page }) => {
    const app = new AnalogyPage(page);
    await app.open('?q=cat');
    await app.waitForAllVectors();
    const select = page.getByTestId('set-select');
    await expect(select.locator('option', { hasText: 'Tiny e2e colours' })).toHaveCount(1);
    await select.selectOption(SET);
    await expect(page).toHaveURL(new RegExp(`set=${SET}`));
    await expect(page.getByTestId('load-ready')).toContainText('5 words loaded');
    await app.ask('red');
    await expect(app.items.first()).toHaveAttribute('data-word', 'crimson');
    await app.ask('king');
    await expect(app.error).toContainText('not in vocabulary');
  });
});
