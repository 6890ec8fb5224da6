import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeProjectFolder, serveApp, type ServedApp } from './serve.js';

let app: ServedApp;
let project: string;

test.beforeAll(async () => {
  // Enough files that the sync runs for a few seconds and its progress can be watched.
  project = makeProjectFolder(20_000);
  app = await serveApp();
});

test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(project, { recursive: true, force: true });
});

test('a person adds a folder, syncs it, watches progress and finds a file', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto(app.url);
  // The token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);

  await page.getByRole('button', { name: 'Add endpoint' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Tower A drawings');
  await page.getByLabel('Folder path').fill(project);
  await page
    .getByRole('button', { name: /^(Add endpoint|Save)$/ })
    .last()
    .click();

  await expect(page.getByText('Tower A drawings').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).first().click();

  // Progress shows while it runs, with live counts, then the outcome.
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(/Syncing… [\d,]+ items/).first()).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByText(/Succeeded/).first()).toBeVisible();
  await expect(page.getByText('20,006', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'endpoints.png') });

  await page
    .getByRole('link', { name: /Files/ })
    .or(page.getByRole('button', { name: /^Files/ }))
    .first()
    .click();
  // 20,006 files in 46 folders.
  await expect(page.getByText('20,052 items in the catalog')).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'files.png') });
  const search = page.getByRole('searchbox', { name: 'Search files' }).or(page.getByLabel('Search files'));
  await search.first().fill('S-101');
  await expect(page.getByRole('row').filter({ hasText: 'S-101 Foundation Plan.pdf' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'A-201 Elevations.pdf' })).toHaveCount(0);
  await page.screenshot({ path: path.join('test-results', 'files-search.png') });

  expect(consoleErrors).toEqual([]);
});

test('a folder that does not exist is refused with the reason next to the field', async ({ page }) => {
  await page.goto(app.url);
  // The window opens on the Overview; endpoints are added, signed in and edited on the Endpoints page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Endpoints' }).click();
  await page.getByRole('button', { name: 'Add endpoint' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Missing share');
  await page.getByLabel('Folder path').fill(path.join(project, 'no-such-folder'));
  await page
    .getByRole('button', { name: /^(Add endpoint|Save)$/ })
    .last()
    .click();
  await expect(page.getByText(/does not exist/).first()).toBeVisible();
});
