import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FakeApsServer } from '../fakes/autodesk/server.js';
import { serveApp, type ServedApp } from './serve.js';

// Autodesk cannot be reached here: a fake that speaks APS (OAuth with PKCE and the Data Management API) stands in.
const CLIENT_ID = 'fc-desktop-client';
let aps: FakeApsServer;
let app: ServedApp;
let configDir: string;

test.beforeAll(async () => {
  aps = await new FakeApsServer().start();
  aps.tokens.register({ id: CLIENT_ID });
  // The published limits scaled to one-second windows, as the connector's own tests run them.
  aps.limits = {
    hubs: { limit: 5, windowMs: 1000 },
    projects: { limit: 5, windowMs: 1000 },
    topFolders: { limit: 20, windowMs: 1000 },
    folderContents: { limit: 40, windowMs: 1000 },
    token: { limit: 10, windowMs: 1000 },
  };
  const truth = aps.truth;
  const hub = truth.addHub('Contoso Build', 'EMEA');
  const tower = truth.addProject(hub.id, 'Tower A');
  const towerFiles = truth.addFolder(tower.rootFolderId, 'Project Files');
  const structural = truth.addFolder(towerFiles, 'Structural');
  truth.addFile(structural, 'S-101 Foundation Plan.pdf', { versions: 3, size: 2048 });
  truth.addFile(truth.addFolder(tower.rootFolderId, 'Plans'), 'A-201 Elevations.dwg', { size: 4096 });
  const school = truth.addProject(hub.id, 'École B');
  const schoolFiles = truth.addFolder(school.rootFolderId, 'Project Files');
  truth.addFile(schoolFiles, 'S-101 Foundation Plan.pdf', { versions: 1, size: 1024 });
  truth.addFile(schoolFiles, 'Classroom.rvt', { size: 90_000 });

  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-e2e-acc-'));
  const config = path.join(configDir, 'acc.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      endpoints: [
        {
          name: 'Contoso ACC',
          type: 'autodesk_acc',
          settings: {
            auth: {
              type: 'pkce',
              clientId: CLIENT_ID,
              authorizeUrl: `${aps.url}/authentication/v2/authorize`,
              tokenUrl: `${aps.url}/authentication/v2/token`,
            },
            apiBaseUrl: aps.url,
            // Per-minute rates equal to the fake's scaled limits.
            rateLimits: { hubs: 300, projects: 300, topFolders: 1200, folderContents: 2400, token: 600 },
          },
        },
      ],
    }),
  );
  app = await serveApp(['--config', config]);
});

test.afterAll(async () => {
  await app?.stop();
  await aps?.stop();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

test('a person signs in with Autodesk in the browser, picks a project, syncs it and finds its files', async ({
  page,
  context,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(app.url);
  // The window opens on the Overview; endpoints are added, signed in and edited on the Endpoints page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Endpoints' }).click();
  const card = page.getByRole('article', { name: /Contoso ACC/ });
  await expect(card.getByText('Needs sign-in')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await expect(card.getByRole('button', { name: 'Choose projects' })).toHaveCount(0);

  await card.getByRole('button', { name: 'Sign in with Autodesk' }).click();
  const signIn = page.getByRole('dialog', { name: /Sign in with Autodesk/ });
  await expect(signIn).toBeVisible();
  // Through `serve` the page opens the consent page in a new tab; the fake approves and redirects to the loopback.
  const [consent] = await Promise.all([
    context.waitForEvent('page'),
    signIn.getByRole('button', { name: 'Open Autodesk sign-in' }).click(),
  ]);
  await expect(consent.getByText(/return to File Connector/)).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'acc-consent-returned.png') });
  await consent.close();
  await expect(signIn).toBeHidden({ timeout: 15_000 });
  await expect(card.getByText('Needs sign-in')).toHaveCount(0);
  await page.screenshot({ path: path.join('test-results', 'acc-signed-in.png') });

  await card.getByRole('button', { name: 'Choose projects' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose projects' });
  await expect(picker.getByRole('group', { name: 'Contoso Build (EMEA)' })).toBeVisible();
  await expect(picker.getByRole('checkbox')).toHaveCount(2);
  await expect(picker.getByRole('checkbox', { name: 'Tower A' })).toBeVisible();
  await expect(picker.getByRole('checkbox', { name: 'École B' })).toBeVisible();
  await picker.getByRole('checkbox', { name: 'Tower A' }).check();
  await expect(picker.getByRole('checkbox', { name: 'École B' })).not.toBeChecked();
  await page.screenshot({ path: path.join('test-results', 'acc-projects.png') });
  await picker.getByRole('button', { name: 'Save' }).click();
  await expect(picker).toBeHidden();

  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByText(/Succeeded/)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: path.join('test-results', 'acc-synced.png') });

  await page.keyboard.press('Alt+2');
  const search = page.getByLabel('Search files');
  await search.fill('S-101');
  await expect(page.getByText('1 item matches')).toBeVisible();
  const table = page.getByRole('table', { name: 'Files' });
  await expect(
    table.getByRole('row').filter({ hasText: 'Tower A/Project Files/Structural/S-101 Foundation Plan.pdf' }),
  ).toHaveCount(1);
  // The other project has a file of the same name, but it was not chosen.
  await expect(table.getByRole('row').filter({ hasText: 'École B' })).toHaveCount(0);
  await search.fill('Classroom');
  await expect(page.getByRole('heading', { name: 'No files match "Classroom"' })).toBeVisible();
  await search.fill('S-101');
  const row = table.getByRole('row').filter({ hasText: 'Tower A/Project Files/Structural/S-101 Foundation Plan.pdf' });
  await row.click();

  const details = page.getByRole('complementary', { name: 'File details' });
  await expect(details.getByRole('heading', { name: 'S-101 Foundation Plan.pdf' })).toBeVisible();
  const version = details
    .locator('.details-field')
    .filter({ has: page.getByRole('term').getByText('Version', { exact: true }) })
    .getByRole('definition');
  await expect(version).toHaveText('3');
  await page.screenshot({ path: path.join('test-results', 'acc-details.png') });
  expect(pageErrors).toEqual([]);
});
