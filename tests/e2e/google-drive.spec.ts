import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startFakeDrive, type FakeDriveServer } from '../fakes/googleDrive/server.js';
import { serveApp, type ServedApp } from './serve.js';

// Google cannot be reached here: a fake that speaks Drive v3 and Google's OAuth endpoints stands in for it.
let drive: FakeDriveServer;
let app: ServedApp;
let configDir: string;

test.beforeAll(async () => {
  drive = await startFakeDrive();
  drive.tokens.registerClient('desktop.apps.example', 'desktop-secret');
  const truth = drive.truth;
  const plans = truth.addFolder(truth.myDriveRootId, 'Plans');
  truth.addFile(plans, 'S-201 Roof Plan.pdf');
  truth.addFile(truth.myDriveRootId, 'Budget 2026', { mimeType: 'application/vnd.google-apps.spreadsheet' });
  const shared = truth.addDrive('Tower A');
  truth.addFile(truth.addFolder(shared, 'Models'), 'Tower A.rvt', { mimeType: 'application/octet-stream' });

  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-e2e-drive-'));
  const config = path.join(configDir, 'drive.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      endpoints: [
        {
          name: 'Design drive',
          type: 'google_drive',
          settings: {
            auth: {
              type: 'oauth',
              clientId: 'desktop.apps.example',
              clientSecret: 'desktop-secret',
              authorizeUrl: `${drive.url}/authorize`,
              tokenUrl: `${drive.url}/token`,
            },
            apiBaseUrl: `${drive.url}/`,
            pacing: { requestsPerSecond: 1000, burst: 1000 },
          },
        },
      ],
    }),
  );
  app = await serveApp(['--config', config]);
});

test.afterAll(async () => {
  await app?.stop();
  await drive?.stop();
  fs.rmSync(configDir, { recursive: true, force: true });
});

test('a person signs in with Google in the browser, syncs the drive and finds its files', async ({ page, context }) => {
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto(app.url);
  // The window opens on the Overview; endpoints are added, signed in and edited on the Endpoints page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Endpoints' }).click();
  const card = page.getByRole('article', { name: /Design drive/ });
  await expect(card.getByText('Needs sign-in')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeDisabled();

  await card.getByRole('button', { name: 'Sign in with Google' }).click();
  const dialog = page.getByRole('dialog', { name: /Sign in with Google/ });
  await expect(dialog).toBeVisible();
  // Through `serve` the page opens Google's consent page in a new tab; the consent redirects to the app.
  const [consent] = await Promise.all([
    context.waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open Google sign-in' }).click(),
  ]);
  await expect(consent.getByText(/return to File Connector/)).toBeVisible();
  await consent.close();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(card.getByText('Needs sign-in')).toHaveCount(0);
  await page.screenshot({ path: path.join('test-results', 'drive-signed-in.png') });

  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByText(/Succeeded/)).toBeVisible({ timeout: 30_000 });

  await page.keyboard.press('Alt+2');
  await page.getByLabel('Search files').fill('roof');
  await expect(page.getByText('1 item matches')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'My Drive/Plans/S-201 Roof Plan.pdf' })).toHaveCount(1);
  await page.getByLabel('Search files').fill('Tower A.rvt');
  await expect(page.getByRole('row').filter({ hasText: 'S-201' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'Tower A/Models/Tower A.rvt' })).toHaveCount(1);
  await page.screenshot({ path: path.join('test-results', 'drive-files.png') });
  expect(consoleErrors).toEqual([]);
});
