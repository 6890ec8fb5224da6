// @vitest-environment happy-dom
// The core shares this process with the test window; its calls to the fake Google must not be held to the page's
// same-origin policy.
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/** The Overview page against a real core: first run, one card per endpoint, live progress, problems, "Sync all". */
import fs from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { EndpointInput } from '../../src/contract/schemas';
import { fakeDriveWithKey } from '../connectors/google_drive/helpers';
import { folderEndpoint, projectFolder, renderApp, request, startCore, syncToEnd } from './harness';

const main = () => within(screen.getByRole('main'));

/** The Overview card of endpoint `name`. */
async function card(name: string) {
  return within(await main().findByRole('article', { name }));
}

/** The value under a card's or the summary's label ("Files" → "1,500"). */
function fact(scope: ReturnType<typeof within>, label: string): string {
  return scope.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
}

describe('Overview page', () => {
  it('is where the window opens, and sends a first-time user to the add form', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(await main().findByRole('heading', { name: 'Nothing to show yet' })).toBeTruthy();
    expect(main().queryByRole('button', { name: 'Sync all' })).toBeNull();

    await user.click(main().getByRole('button', { name: 'Add endpoint' }));

    expect(await screen.findByRole('dialog', { name: 'Add endpoint' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Endpoints', hidden: true })).toBeTruthy();
  });

  it("shows an endpoint's files, size, last and next sync and its disk, with the totals above", async () => {
    const core = await startCore();
    const folder = projectFolder({
      'Plans/A-101.pdf': 'x'.repeat(1000),
      'Plans/A-102.pdf': 'y'.repeat(500),
      'S.dwg': 'z',
    });
    const site = await request(core, 'endpoints.create', {
      ...folderEndpoint('Site documents', folder),
      schedule: { type: 'interval', minutes: 15 },
    });
    await syncToEnd(core, site.id);
    core.scheduler!.start();
    await core.health!.checkAll();
    renderApp(<App />);

    const tile = await card('Site documents');
    expect(tile.getByText('Idle')).toBeTruthy();
    expect(fact(tile, 'Files')).toBe('3');
    expect(fact(tile, 'Total size')).toBe('1.5 KB');
    expect(fact(tile, 'Last sync')).toBe('just now');
    expect(fact(tile, 'Next sync')).toMatch(/^in 1[4-6] minutes$/);
    const disk = tile.getByRole('meter', { name: 'Disk of Site documents' });
    const volume = fs.statfsSync(folder);
    expect(disk.getAttribute('aria-valuetext')).toMatch(/^[\d.]+ [KMGT]B free of [\d.]+ [KMGT]B$/);
    expect(Number(disk.getAttribute('aria-valuenow'))).toBeCloseTo((1 - volume.bavail / volume.blocks) * 100, -1);

    const summary = within(main().getByRole('region', { name: 'Summary' }));
    expect(fact(summary, 'Files')).toBe('3');
    expect(fact(summary, 'Need attention')).toBe('0');
    expect(summary.getByText('All endpoints are fine')).toBeTruthy();
  });

  it('follows a sync from "Sync now" through live counts to its end', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`drawings/sheet-${String(i).padStart(4, '0')}.dwg`] = `sheet ${i}`;
    await request(core, 'endpoints.create', folderEndpoint('Tower A', projectFolder(files)));
    renderApp(<App />);

    const tower = await card('Tower A');
    expect(fact(tower, 'Last sync')).toBe('Never');
    await user.click(tower.getByRole('button', { name: 'Sync Tower A now' }));

    const bar = await tower.findByRole('progressbar', { name: 'Sync progress for Tower A' });
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toMatch(/^[\d,]+ items seen$/));
    expect(tower.getByText(/^(Syncing…|Checking for deletions…) [\d,]+ items · [\d,]+ added/)).toBeTruthy();
    expect(tower.getByText('Syncing')).toBeTruthy();
    expect(tower.getByRole('button', { name: 'Sync Tower A now' }).hasAttribute('disabled')).toBe(true);

    await waitFor(() => expect(tower.queryByRole('progressbar')).toBeNull(), { timeout: 20_000 });
    await waitFor(() => expect(fact(tower, 'Files')).toBe('1,500'));
    expect(tower.getByText('Idle')).toBeTruthy();
    expect(fact(tower, 'Last sync')).toBe('just now');
    expect(tower.getByRole('button', { name: 'Sync Tower A now' }).hasAttribute('disabled')).toBe(false);
  });

  it('names what went wrong and counts the endpoints that need attention', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const gone = projectFolder({ 'a.txt': 'a' });
    const broken = await request(core, 'endpoints.create', folderEndpoint('Old share', gone));
    fs.rmSync(gone, { recursive: true });
    await syncToEnd(core, broken.id);
    const needsSignIn: EndpointInput = {
      name: 'Design drive',
      type: 'google_drive',
      settings: { auth: { type: 'oauth', clientId: 'desktop.apps.example', clientSecret: 'desktop-secret' } },
    };
    const drive = await request(core, 'endpoints.create', needsSignIn);
    await request(core, 'endpoints.create', folderEndpoint('Fine', projectFolder({ 'b.txt': 'b' })));
    renderApp(<App />);

    const share = await card('Old share');
    expect(share.getByText('Error')).toBeTruthy();
    expect(share.getByText(/Folder ".*" does not exist\./)).toBeTruthy();
    expect(fact(share, 'Last sync')).toMatch(/^just now · Failed$/);
    const design = await card('Design drive');
    expect(design.getByText('Needs sign-in')).toBeTruthy();
    expect(design.queryByRole('button', { name: 'Sync Design drive now' })).toBeNull();
    const summary = within(main().getByRole('region', { name: 'Summary' }));
    expect(fact(summary, 'Need attention')).toBe('2');
    expect(summary.getByText('Design drive, Old share')).toBeTruthy();

    // Signing in happens on the endpoint's own card.
    await user.click(design.getByRole('button', { name: 'Sign in to Design drive' }));
    const endpointCard = await screen.findByRole('article', { name: 'Design drive' });
    expect(screen.getByRole('heading', { level: 1, name: 'Endpoints' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(endpointCard));
    expect(within(endpointCard).getByRole('button', { name: 'Sign in with Google' })).toBeTruthy();
    expect(drive.signIn).toBe('needed');
  });

  it('shows the Google account storage the health check found', async () => {
    const core = await startCore();
    const { fake, keyFile } = await fakeDriveWithKey();
    await request(core, 'endpoints.create', {
      name: 'Company drive',
      type: 'google_drive',
      settings: {
        auth: { type: 'service_account', keyFile, tokenUrl: `${fake.url}/token` },
        apiBaseUrl: `${fake.url}/`,
      },
    });
    await core.health!.checkAll();
    renderApp(<App />);

    const drive = await card('Company drive');
    const meter = drive.getByRole('meter', { name: 'Drive storage of Company drive' });
    expect(meter.getAttribute('aria-valuetext')).toBe('1.0 GB of 15.0 GB used');
    expect(meter.getAttribute('aria-valuenow')).toBe('7');
  });

  it('"Sync all" syncs every endpoint and each card ends with its files', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    await request(core, 'endpoints.create', folderEndpoint('North', projectFolder({ 'n1.pdf': 'n', 'n2.pdf': 'n' })));
    await request(core, 'endpoints.create', folderEndpoint('South', projectFolder({ 's1.pdf': 's' })));
    renderApp(<App />);
    await card('North');

    await user.click(main().getByRole('button', { name: 'Sync all' }));

    await waitFor(async () => expect(await request(core, 'runs.list', {})).toHaveLength(2));
    await waitFor(async () => expect(fact(await card('North'), 'Files')).toBe('2'));
    await waitFor(async () => expect(fact(await card('South'), 'Files')).toBe('1'));
    expect(fact(within(main().getByRole('region', { name: 'Summary' })), 'Files')).toBe('3');
  });
});
