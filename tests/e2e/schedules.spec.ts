import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeProjectFolder, serveApp, type ServedApp } from './serve.js';

let app: ServedApp;
let project: string;

test.beforeAll(async () => {
  project = makeProjectFolder(20);
  app = await serveApp();
});

test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(project, { recursive: true, force: true });
});

test('a person puts a folder on a schedule, previews a cron schedule, and pauses syncing', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add endpoint' }).first().click();
  await page.getByLabel('Folder path').fill(project);
  await page.getByLabel('Name', { exact: true }).fill('Tower A drawings');
  await page.getByRole('dialog').getByRole('button', { name: 'Add endpoint' }).click();
  const card = page.getByRole('article', { name: 'Tower A drawings' });
  await expect(card.getByText('Manual', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByText(/Succeeded/)).toBeVisible();

  // Every 15 minutes: the card says so and counts down to the next sync.
  await card.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Tower A drawings' });
  await dialog.getByRole('combobox', { name: 'Schedule' }).selectOption({ label: 'Every N minutes or hours' });
  await dialog.getByRole('spinbutton', { name: 'Sync every' }).fill('15');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByText('Every 15 minutes')).toBeVisible();
  await expect(card.getByText(/^Next sync in 1[4-6] minutes$/)).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'schedule-card.png') });

  // A cron schedule shows what it means and when it runs before it is saved; the core refuses a bad one.
  await card.getByRole('button', { name: 'Edit' }).click();
  await dialog.getByRole('combobox', { name: 'Schedule' }).selectOption({ label: 'On a schedule (cron)' });
  const expression = dialog.getByRole('textbox', { name: 'Cron expression' });
  await expression.fill('0 */2 * * 1-5');
  await expect(dialog.getByText(/every 2 hours, Monday through Friday/)).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Next runs' }).getByRole('listitem')).toHaveCount(3);
  await page.screenshot({ path: path.join('test-results', 'schedule-cron-form.png') });
  await expression.fill('0 25 * * *');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(expression).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/is not a valid cron expression/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Weekdays at 07:00' }).click();
  await dialog.getByRole('combobox', { name: /^Time zone/ }).fill('Europe/Berlin');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByText(/Monday through Friday \(Europe\/Berlin\)/)).toBeVisible();
  await expect(card.getByText(/^Next sync (in|tomorrow)/)).toBeVisible();

  // Pause and resume this endpoint, then everything.
  await card.getByRole('button', { name: 'Pause' }).click();
  await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(card.getByText('Paused: syncs only when you press Sync now')).toBeVisible();
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card.getByRole('button', { name: 'Pause' })).toBeVisible();

  await page.getByRole('button', { name: 'Pause all' }).click();
  await expect(page.getByText('Automatic syncing is paused')).toBeVisible();
  await expect(card.getByText('Paused with all automatic syncing')).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'schedule-paused-all.png') });
  await page.getByRole('button', { name: 'Resume all' }).click();
  await expect(page.getByText('Automatic syncing is paused')).toHaveCount(0);

  // The one refused save (the bad cron expression) is a 400 the browser logs; nothing else may go wrong.
  expect(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
  expect(consoleErrors).toHaveLength(1);
});
