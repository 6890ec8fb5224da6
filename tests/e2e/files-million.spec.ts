/**
 * A million catalogued files (generated straight into the database, as after a sync) served to Chromium: the Files
 * table scrolls from top to bottom in steps, by wheel and with End/Home, and a search with a filter and a sort
 * still answers, without a console error. FC_E2E_FILES sets another size for a quick local run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedCatalog } from '../helpers/seedCatalog.js';
import { serveApp, type ServedApp } from './serve.js';

const FILES = Number(process.env.FC_E2E_FILES ?? 1_000_000);
let app: ServedApp;
let entries: number;

test.beforeAll(async () => {
  // Seeding a million rows takes about a minute on a small machine.
  test.setTimeout(360_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-e2e-million-'));
  const started = Date.now();
  const seeded = await seedCatalog(dataDir, { files: FILES, endpoints: 3 });
  entries = seeded.files + seeded.folders;
  console.log(
    `Seeded ${seeded.files.toLocaleString('en-US')} files and ${seeded.folders.toLocaleString('en-US')} folders in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  app = await serveApp([], { dataDir });
});

test.afterAll(async () => {
  await app?.stop();
});

/** The table's body rows now in the DOM that show a file (not a loading placeholder). */
async function loadedRowIndexes(table: Locator): Promise<number[]> {
  return table.evaluate((el) =>
    [...el.querySelectorAll('[role="rowgroup"]:last-child [role="row"]')]
      .filter((r) => !r.hasAttribute('aria-busy'))
      .map((r) => Number(r.getAttribute('aria-rowindex')) - 2),
  );
}

/** Scrolls the table to `fraction` of its height and waits until the rows there have loaded. */
async function scrollTo(table: Locator, fraction: number, total: number): Promise<void> {
  await table.evaluate((el, f) => (el.scrollTop = f * (el.scrollHeight - el.clientHeight)), fraction);
  const expected = Math.round(fraction * (total - 1));
  // The rows around the expected index are there, and loaded.
  await expect
    .poll(async () => {
      const loaded = await loadedRowIndexes(table);
      return loaded.length > 5 && loaded.some((i) => Math.abs(i - expected) <= Math.max(50, total * 0.001));
    })
    .toBe(true);
}

function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test('a million files scroll from top to bottom, and search, filter and sort still answer', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Files/ })
    .click();
  const count = entries.toLocaleString('en-US');
  await expect(page.getByText(`${count} items in the catalog`)).toBeVisible({ timeout: 30_000 });
  const table = page.getByRole('table', { name: 'Files' });
  await expect(table).toHaveAttribute('aria-rowcount', String(entries + 1));

  // Down the whole list in steps, then a few wheel turns.
  for (const fraction of [0.1, 0.25, 0.5, 0.75, 0.9, 1]) await scrollTo(table, fraction, entries);
  await scrollTo(table, 0.5, entries);
  await table.hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 1200);
  await expect.poll(async () => (await loadedRowIndexes(table)).length).toBeGreaterThan(5);

  // The keyboard: End goes to the very last row, Home back to the first.
  await table.evaluate((el) => el.scrollTo({ top: 0 }));
  await table.locator('[role="row"][aria-rowindex="2"]').focus();
  await page.keyboard.press('End');
  const last = table.locator(`[role="row"][aria-rowindex="${entries + 1}"]`);
  await expect(last).toBeFocused();
  await expect(last).not.toHaveAttribute('aria-busy', 'true');
  await page.screenshot({ path: path.join('test-results', 'files-million-end.png') });
  await page.keyboard.press('Home');
  await expect(table.locator('[role="row"][aria-rowindex="2"]')).toBeFocused();

  // A search, a filter and a sort, answered by the core at this size.
  const db = new Database(path.join(app.dataDir, 'catalog.db'), { readonly: true });
  const expected = db
    .prepare(
      `SELECT COUNT(*) FROM files WHERE deleted_at IS NULL AND extension = 'pdf'
       AND id IN (SELECT rowid FROM files_fts WHERE files_fts MATCH '"Foundation" AND "Plan"')`,
    )
    .pluck()
    .get() as number;
  const largest = db
    .prepare(
      `SELECT name FROM files WHERE deleted_at IS NULL AND extension = 'pdf'
       AND id IN (SELECT rowid FROM files_fts WHERE files_fts MATCH '"Foundation" AND "Plan"')
       ORDER BY size DESC, id DESC LIMIT 1`,
    )
    .pluck()
    .get() as string;
  db.close();
  await page.getByRole('searchbox', { name: 'Search files' }).fill('Foundation Plan');
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByRole('group', { name: 'Filters' }).getByRole('checkbox', { name: /^pdf/ }).check();
  await page.keyboard.press('Escape');
  await table.getByRole('button', { name: 'Size' }).click();
  await expect(page.getByText(`${expected.toLocaleString('en-US')} items match`)).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /Size/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.locator('[role="row"][aria-rowindex="2"] [role="cell"]').first()).toHaveText(largest);
  // ... and that list scrolls to its end too.
  await table.locator('[role="row"][aria-rowindex="2"]').focus();
  await page.keyboard.press('End');
  await expect(table.locator(`[role="row"][aria-rowindex="${expected + 1}"]`)).toBeFocused();
  await page.screenshot({ path: path.join('test-results', 'files-million-filtered.png') });

  expect(errors).toEqual([]);
});
