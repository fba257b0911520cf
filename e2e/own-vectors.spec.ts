import { expect, test } from './fixtures';
import { AnalogyPage } from './analogy-page';
import { MapPage } from './map-page';
import { OwnVectorsPage } from './own-vectors-page';

// Vector files opened or dropped in the browser become sets kept there (never uploaded): listed
// apart in the set menu, answering queries, still there after a reload, removable.

const DIMS = 10;

/**
 * A GloVe text file of `count` words × 10 dims (seeded): man, woman, king and queen lie in the
 * first three dimensions so that king − man + woman points at queen; the other words mostly elsewhere.
 */
function royalVectors(count = 2000): string {
  let seed = 7;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 0x100000000 - 0.5;
  };
  const e = (...dims: number[]) => Array.from({ length: DIMS }, (_, d) => (dims.includes(d) ? 3 : 0.05 * rand()));
  const rows: [string, number[]][] = [
    ['man', e(0)],
    ['woman', e(0, 1)],
    ['king', e(0, 2)],
    ['queen', e(0, 1, 2)],
  ];
  for (let i = 0; rows.length < count; i++) rows.push([`w${i}`, Array.from({ length: DIMS }, (_, d) => (d < 3 ? 0.3 : 2) * rand())]);
  return rows.map(([w, v]) => `${w} ${v.map((x) => x.toFixed(5)).join(' ')}\n`).join('');
}

test.describe('vectors of your own, imported in the browser', () => {
  test('an opened file is kept, answers king − man + woman, survives a reload and can be removed', async ({ page }) => {
    const app = new AnalogyPage(page);
    const own = new OwnVectorsPage(page);
    await app.open('?q=king+-+man+%2B+woman');
    await own.openFile('royal-vectors.txt', royalVectors());
    await expect(page.getByTestId('import-privacy')).toContainText('never leaves this browser');
    await expect(own.name).toHaveValue('royal-vectors');
    await page.screenshot({ path: 'artifacts/own-vectors-dialog.png', fullPage: true });
    await own.start.click();

    await expect(own.dialog).toBeHidden({ timeout: 60_000 });
    await expect(own.done).toContainText('2,000 words × 10 dimensions');
    await expect(page).toHaveURL(/set=royal-vectors/);
    await expect(own.localOption('royal-vectors.txt')).toHaveCount(1);
    await expect(own.setSelect).toHaveValue('royal-vectors');
    await expect(page.getByTestId('load-ready')).toContainText('2,000 words loaded');
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    await page.screenshot({ path: 'artifacts/own-vectors-answer.png', fullPage: true });

    // The same name again replaces the set only when asked to; the page then opens the new one.
    await own.openFile('royal-vectors.txt', royalVectors(1500));
    await expect(own.problem).toContainText('already kept in this browser');
    await page.getByTestId('import-replace').check();
    await own.start.click();
    await expect(own.dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId('load-ready')).toContainText('1,500 words loaded');

    // Kept in this browser: a reload opens it again from there.
    await page.reload();
    await expect(page.getByTestId('load-ready')).toContainText('1,500 words loaded');
    await expect(own.setSelect).toHaveValue('royal-vectors');
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen');
    await own.localSets.locator('summary').click();
    await expect(own.localSets.getByTestId('local-set')).toContainText(['royal-vectors.txt royal-vectors · 1,500 × 10']);

    // The map page's menu is the same, and it maps the kept set.
    const map = new MapPage(page);
    await map.open('?set=royal-vectors&words=neighbors:king:40&method=pca');
    await map.waitForMap(2);
    await expect(own.setSelect).toHaveValue('royal-vectors');
    await expect(own.openButton).toBeVisible();
    await page.screenshot({ path: 'artifacts/own-vectors-map.png', fullPage: true });

    // Removing it takes it out of the menu and back to the site's vectors.
    await app.open('?set=royal-vectors&q=king+-+man+%2B+woman');
    await expect(page.getByTestId('load-ready')).toContainText('1,500 words loaded');
    await own.remove('royal-vectors');
    await expect(own.localOption('royal-vectors.txt')).toHaveCount(0);
    await expect(own.localSets).toHaveCount(0);
    await expect(page).not.toHaveURL(/set=royal-vectors/);
    await app.waitForAllVectors();
    await expect(app.items.first()).toHaveAttribute('data-word', 'queen'); // GloVe's answer now

    // An address that names it says it is gone.
    await app.open('?set=royal-vectors&q=cat');
    await expect(page.getByTestId('set-gone')).toContainText('“royal-vectors”, which is neither on this site nor kept in this browser');
    await page.screenshot({ path: 'artifacts/own-vectors-gone.png', fullPage: true });
  });

  test('a malformed dropped file is refused with its line number, and nothing is kept', async ({ page }) => {
    const app = new AnalogyPage(page);
    const own = new OwnVectorsPage(page);
    await app.open('?q=cat');
    const lines = royalVectors().split('\n');
    lines[2] = lines[2].split(' ').slice(0, DIMS).join(' '); // line 3: nine numbers
    await own.dropFile('broken.txt', lines.join('\n'));

    // A name the site uses is refused before anything is read.
    await own.name.fill('glove-6b-100d');
    await expect(own.problem).toContainText('is the name of a set on this site');
    await expect(own.start).toBeDisabled();
    await own.name.fill('broken');
    await own.start.click();

    await expect(own.error).toHaveAttribute('data-where', 'line 3');
    await expect(own.error).toContainText('Could not import broken.txt at line 3: expected 10 numbers after the word, found 9');
    await page.screenshot({ path: 'artifacts/own-vectors-error.png', fullPage: true });
    await page.getByTestId('import-close').click();
    await expect(own.dialog).toBeHidden();
    await expect(own.localSets).toHaveCount(0);
    await expect(page.locator('optgroup[label="In this browser"]')).toHaveCount(0);
  });
});
