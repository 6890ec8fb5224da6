import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeProjectFolder, serveApp, type ServedApp } from './serve.js';

let app: ServedApp;
let project: string;

/** One contract request to the served core, as the page makes them (serve's token is fixed for e2e). */
async function rpc<T>(name: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${new URL(app.url).origin}/api/rpc/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer e2e-token' },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.result;
}

/** Starts a sync of the endpoint and waits for the core to finish it. */
async function syncToEnd(endpointId: number): Promise<void> {
  const { runIds } = await rpc<{ runIds: number[] }>('sync.start', { endpointId });
  await expect
    .poll(async () => {
      const runs = await rpc<{ id: number; status: string }[]>('runs.list', { endpointId });
      return runs.find((r) => r.id === runIds[0])?.status;
    })
    .toMatch(/success|partial|failed/);
}

async function openPage(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.beforeAll(async () => {
  project = makeProjectFolder(40);
  app = await serveApp();
});

test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(project, { recursive: true, force: true });
});

test('a person sees a sync and its changes in Activity, filters the log, switches theme and exports the configuration', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  const endpoint = await rpc<{ id: number }>('endpoints.create', {
    name: 'Tower A drawings',
    type: 'local_folder',
    settings: { path: project },
    schedule: { type: 'interval', minutes: 60 },
  });
  await syncToEnd(endpoint.id);
  await page.goto(app.url);
  await openPage(page, 'Activity');

  // The drawings are revised while the page is open: the second sync appears live, with what it changed.
  fs.writeFileSync(path.join(project, 'Structural/S-101 Foundation Plan.pdf'), 'pdf, revision B');
  fs.rmSync(path.join(project, 'Specifications/03 30 00 Cast-in-Place Concrete.docx'));
  fs.renameSync(path.join(project, 'Model/Tower A.rvt'), path.join(project, 'Architectural/Tower A (central).rvt'));
  fs.writeFileSync(path.join(project, 'Structural/S-103 Roof Framing.pdf'), 'new sheet');
  await syncToEnd(endpoint.id);

  const runs = page.getByRole('table', { name: 'Sync runs' });
  await expect(runs.getByRole('row')).toHaveCount(3);
  await expect(runs.getByRole('row').nth(1)).toContainText('Incremental');
  await expect(runs.getByRole('row').nth(1)).toContainText('Succeeded');

  // The page opened on the first sync's changes; the one that just finished is chosen.
  await runs
    .getByRole('button', { name: /^Tower A drawings, sync started/ })
    .first()
    .click();
  const changes = page.getByRole('table', { name: 'Changes' });
  await expect(changes.getByRole('row').filter({ hasText: 'S-103 Roof Framing.pdf' })).toContainText('Added');
  await expect(changes.getByRole('row').filter({ hasText: 'S-101 Foundation Plan.pdf' })).toContainText('Modified');
  await expect(changes.getByRole('row').filter({ hasText: 'Cast-in-Place Concrete.docx' })).toContainText('Deleted');
  await expect(changes.getByRole('row').filter({ hasText: 'Tower A (central).rvt' })).toContainText(
    'Model/Tower A.rvt',
  );
  await page
    .getByRole('group', { name: 'Show changes' })
    .getByRole('button', { name: /^Deleted/ })
    .click();
  await expect(changes.getByRole('row')).toHaveCount(2);
  await page.getByRole('group', { name: 'Show changes' }).getByRole('button', { name: /^All/ }).click();
  await expect(changes.getByRole('row').filter({ hasText: 'S-103 Roof Framing.pdf' })).toBeVisible();
  await page.screenshot({ path: path.join('docs', 'screenshot-activity.png') });

  // The log: this endpoint's entries about finished syncs only.
  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Tower A drawings' });
  await page.getByRole('combobox', { name: 'Log level' }).selectOption({ label: 'Info and above' });
  await page.getByRole('searchbox', { name: 'Search the log' }).fill('finished');
  const log = page.getByRole('list', { name: 'Log entries' });
  await expect(log.getByRole('listitem')).toHaveCount(2);
  await expect(log.getByRole('listitem').first()).toContainText('Sync of "Tower A drawings" finished');
  await page.getByRole('combobox', { name: 'Log level' }).selectOption({ label: 'Errors only' });
  await expect(page.getByText(/No log entries match these filters/)).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'activity-log-filtered.png') });

  // Dark and back.
  await openPage(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.getByRole('group', { name: /Theme/ }).getByText('Saved')).toBeVisible();
  await page.screenshot({ path: path.join('docs', 'screenshot-settings-dark.png') });
  // Kept by the core: a new window paints dark again, even one that has never seen the choice.
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openPage(page, 'Settings');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('radio', { name: 'Follow system' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect((await rpc<{ theme: string }>('settings.get')).theme).toBe('system');

  // Export: the endpoint as the YAML the CLI reads.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export configuration' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('file-connector.yaml');
  const yaml = fs.readFileSync((await file.path())!, 'utf8');
  expect(yaml).toContain('- name: Tower A drawings');
  expect(yaml).toContain(`path: ${project}`);
  expect(yaml).toContain('minutes: 60');
  await expect(page.getByText('Saved file-connector.yaml with 1 endpoint.')).toBeVisible();

  expect(consoleErrors).toEqual([]);

  // A broken file is refused with its line, and nothing changes. (Chromium logs the core's 400 answer itself.)
  await page.getByLabel('Import configuration file…').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(yaml.replace('minutes: 60', 'minutes: 0')),
  });
  await expect(
    page.getByRole('list', { name: 'Problems in the file' }).getByText(/^\d+:\d+ endpoints\[0\]\.schedule\.minutes/),
  ).toBeVisible();
  expect((await rpc<{ schedule: unknown }[]>('endpoints.list'))[0]!.schedule).toEqual({
    type: 'interval',
    minutes: 60,
  });
  await page.screenshot({ path: path.join('test-results', 'settings-import-problem.png'), fullPage: true });
  expect(consoleErrors).toEqual([expect.stringMatching(/status of 400 \(Bad Request\)/)]);
});
