import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeProjectFolder, serveApp, type ServedApp } from './serve.js';

let app: ServedApp;
const projects: string[] = [];

test.beforeAll(async () => {
  // One folder big enough that its sync can be watched, two small ones to fill the Overview.
  projects.push(makeProjectFolder(12_000), makeProjectFolder(400), makeProjectFolder(40));
  app = await serveApp();
});

test.afterAll(async () => {
  await app?.stop();
  for (const project of projects) fs.rmSync(project, { recursive: true, force: true });
});

async function openPage(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function addFolder(page: Page, name: string, folder: string, everyMinutes?: number) {
  await openPage(page, 'Endpoints');
  await page.getByRole('button', { name: 'Add endpoint' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add endpoint' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Folder path').fill(folder);
  if (everyMinutes) {
    await dialog.getByRole('combobox', { name: 'Schedule' }).selectOption({ label: 'Every N minutes or hours' });
    await dialog.getByRole('spinbutton', { name: 'Sync every' }).fill(String(everyMinutes));
  }
  await dialog.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(dialog).toHaveCount(0);
}

test('the Overview follows a sync to its end, and Performance charts the runs and the app', async ({ page }) => {
  test.setTimeout(120_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nothing to show yet' })).toBeVisible();

  await addFolder(page, 'Site documents', projects[0]!, 30);
  await addFolder(page, 'Tower B drawings', projects[1]!);
  await addFolder(page, 'Handover', projects[2]!);

  await openPage(page, 'Overview');
  const site = page.getByRole('article', { name: 'Site documents' });
  await expect(site.getByText('Never', { exact: true })).toBeVisible();
  await site.getByRole('button', { name: 'Sync Site documents now' }).click();

  // Syncing, with live counts from sync.progress, then idle with what it found.
  await expect(site.getByText('Syncing', { exact: true })).toBeVisible();
  await expect(site.getByRole('progressbar', { name: 'Sync progress for Site documents' })).toBeVisible();
  await expect(site.getByText(/^(Syncing…|Checking for deletions…) [\d,]+ items · [\d,]+ added/)).toBeVisible();
  await expect(site.getByText('Idle', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(site.getByRole('progressbar')).toHaveCount(0);
  await expect(site.getByText('12,006', { exact: true })).toBeVisible();
  await expect(site.getByText('just now', { exact: true })).toBeVisible();
  await expect(site.getByText(/^in (29|3[0-2]) minutes$/)).toBeVisible();

  await page.getByRole('button', { name: 'Sync all' }).click();
  for (const name of ['Tower B drawings', 'Handover']) {
    await expect(page.getByRole('article', { name }).getByText('Idle', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
  }
  await expect(page.getByRole('article', { name: 'Tower B drawings' }).getByText('406', { exact: true })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  // 12,006 + 406 + 46 files.
  await expect(summary.getByText('12,458', { exact: true })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Site documents' }).getByRole('meter')).toBeVisible();
  await page.screenshot({ path: path.join('docs', 'screenshot-overview.png') });

  await openPage(page, 'Performance');
  const speed = page.getByRole('img', {
    name: /^Files per second: [4-6] runs in the last day\. Latest [\d,.]+ files\/s/,
  });
  await expect(speed).toBeVisible();
  await expect(page.getByRole('img', { name: /^Duration per run: [4-6] runs/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Requests and retries: [4-6] runs/ })).toBeVisible();
  // The core samples itself every 10 seconds; the charts take each round as it comes.
  await expect(page.getByRole('img', { name: /^CPU in the last day\. Latest: [\d.,]+ %\.$/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('img', { name: /^Catalog size in the last day\. Latest: 12,458\.$/ })).toBeVisible({
    timeout: 30_000,
  });
  // A second round, so the app's charts draw a line rather than a dot.
  await page.waitForTimeout(11_000);
  await page.getByRole('radio', { name: 'Last hour' }).check();
  await expect(page.getByRole('img', { name: /^Memory in the last hour\. Latest: Resident/ })).toBeVisible();
  await page.screenshot({ path: path.join('docs', 'screenshot-performance.png') });
  await page.getByRole('img', { name: /^Data folder on disk/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join('test-results', 'performance-app.png') });
  // The dark palette reaches the canvas too (the charts repaint when <html data-theme> changes).
  await page.evaluate("document.documentElement.dataset.theme = 'dark'");
  await page.screenshot({ path: path.join('test-results', 'performance-app-dark.png') });

  expect(consoleErrors).toEqual([]);
});
