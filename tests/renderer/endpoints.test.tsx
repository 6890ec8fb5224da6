// @vitest-environment happy-dom
/** The Endpoints page against a real core: first-run guidance, the add form, live sync progress, removal. */
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { descriptionOf, folderEndpoint, openPage, projectFolder, renderApp, request, startCore } from './harness';
import { tempDir } from '../helpers/tempDir';

const main = () => within(screen.getByRole('main'));

/** The card of endpoint `name` (an article labelled by its name). */
async function card(name: string) {
  return within(await screen.findByRole('article', { name }));
}

/** Opens "Add endpoint", fills the fields given and submits; returns the dialog. */
async function addEndpoint(user: ReturnType<typeof userEvent.setup>, fields: { path?: string; name?: string }) {
  await user.click(await main().findByRole('button', { name: 'Add endpoint' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Add endpoint' }));
  if (fields.path !== undefined) await user.type(dialog.getByLabelText('Folder path'), fields.path);
  if (fields.name !== undefined) {
    await user.clear(dialog.getByLabelText('Name'));
    await user.type(dialog.getByLabelText('Name'), fields.name);
  }
  await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
  return dialog;
}

describe('Endpoints page', () => {
  it('teaches what to do first when nothing is connected yet', async () => {
    await startCore();
    renderApp(<App />);
    await openPage('Endpoints');

    expect(await main().findByRole('heading', { name: 'Add a folder to catalog' })).toBeTruthy();
    const steps = within(main().getByRole('list')).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([
      'Add endpoint and choose a project folder.',
      'Press Sync now to build the catalog.',
      'Find any file on the Files page.',
    ]);
    // The one thing to do is offered right there; "Sync all" makes no sense yet.
    expect(main().getByRole('button', { name: 'Add endpoint' })).toBeTruthy();
    expect(main().queryByRole('button', { name: 'Sync all' })).toBeNull();
  });

  it('asks for the folder before sending anything, and says so next to the field', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await addEndpoint(user, {});

    const folder = dialog.getByLabelText('Folder path');
    expect(folder.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(folder)).toMatch(/^Enter the folder to catalog\./);
    expect(dialog.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    // The dialog stays open and the core was never asked.
    expect(screen.getByRole('dialog', { name: 'Add endpoint' })).toBeTruthy();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
  });

  it("shows the core's reason next to the folder field when the folder does not exist", async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    const missing = path.join(tempDir(), 'no-such-folder');

    const dialog = await addEndpoint(user, { path: missing, name: 'Missing share' });

    const folder = dialog.getByLabelText('Folder path');
    await waitFor(() => expect(folder.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(folder)).toContain(`Folder "${missing}" does not exist or cannot be read.`);
    // Only the field that is wrong is marked.
    expect(dialog.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
  });

  it('adds a real folder and shows its card, named after the folder unless the user names it', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    const folder = projectFolder({ 'Plan.pdf': 'plan' });

    await addEndpoint(user, { path: folder });

    const tower = await card(path.basename(folder));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(tower.getByText(folder)).toBeTruthy();
    expect(tower.getByText('Local folder')).toBeTruthy();
    expect(tower.getByText('Never synced. Press Sync now to build the catalog.')).toBeTruthy();
    expect(main().queryByRole('heading', { name: 'Add a folder to catalog' })).toBeNull();
  });

  it('shows live progress from the sync engine while "Sync now" runs, then how the sync ended', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    // Enough files that the sync lasts several progress intervals.
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`drawings/sheet-${String(i).padStart(4, '0')}.dwg`] = `sheet ${i}`;
    const folder = projectFolder(files);
    await request(core, 'endpoints.create', folderEndpoint('Tower A', folder));
    renderApp(<App />);
    await openPage('Endpoints');

    const tower = await card('Tower A');
    await user.click(tower.getByRole('button', { name: 'Sync now' }));

    const bar = await tower.findByRole('progressbar', { name: 'Sync progress for Tower A' });
    // The bar's value and the line under it follow the core's sync.progress events.
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toMatch(/^[\d,]+ items seen$/));
    expect(tower.getByText(/^(Syncing…|Checking for deletions…) [\d,]+ items · [\d,]+ added/)).toBeTruthy();
    expect(tower.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);
    expect(tower.getByRole('button', { name: 'Remove' }).hasAttribute('disabled')).toBe(true);

    await waitFor(() => expect(tower.queryByRole('progressbar')).toBeNull(), { timeout: 20_000 });
    // 1,500 files and their folder.
    expect(await tower.findByText('Succeeded')).toBeTruthy();
    expect(tower.getByText('1,501 added · 0 updated · 0 deleted · 0 unchanged')).toBeTruthy();
    expect(tower.getByText('1,500')).toBeTruthy();
    expect(tower.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(false);
  });

  it('removes an endpoint only after confirmation, leaving the files on disk alone', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const folder = projectFolder({ 'keep.txt': 'keep me' });
    await request(core, 'endpoints.create', folderEndpoint('Old project', folder));
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Old project')).getByRole('button', { name: 'Remove' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Remove Old project?' }));
    expect(confirm.getByText(/The files themselves are not touched\./)).toBeTruthy();

    // Cancelling keeps it.
    await user.click(confirm.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('article', { name: 'Old project' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Old project' })).toBeNull());
    expect(await main().findByRole('heading', { name: 'Add a folder to catalog' })).toBeTruthy();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
    expect(fs.readFileSync(path.join(folder, 'keep.txt'), 'utf8')).toBe('keep me');
  });
});
