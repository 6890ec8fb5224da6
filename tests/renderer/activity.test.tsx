// @vitest-environment happy-dom
/** The Activity page against a real core: sync runs with their counts, and the log, both live. */
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { projectFolder, renderApp, request, startCore, syncedEndpoint } from './harness';

/** The runs table as one record per row, keyed by column header. */
function runs(): Record<string, string>[] {
  const table = within(screen.getByRole('table', { name: 'Sync runs' }));
  const headers = table.getAllByRole('columnheader').map((h) => h.textContent ?? '');
  return table
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('cell');
      return Object.fromEntries(headers.map((h, i) => [h, cells[i]?.textContent ?? '']));
    });
}

/** The log's messages, newest first. */
function logMessages(): string[] {
  return within(screen.getByRole('list', { name: 'Log entries' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

async function openActivityPage() {
  const user = userEvent.setup();
  renderApp(<App />);
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Activity/ }));
  await screen.findByRole('heading', { level: 1, name: 'Activity' });
  return user;
}

describe('Activity page', () => {
  it('says there is nothing yet before the first sync', async () => {
    await startCore();
    await openActivityPage();

    expect(await screen.findByRole('heading', { name: 'No syncs yet' })).toBeTruthy();
  });

  it('shows a finished sync run with its counts', async () => {
    const core = await startCore();
    const folder = projectFolder({ 'a.pdf': 'a', 'b.pdf': 'b', 'docs/c.txt': 'c' });
    await syncedEndpoint(core, 'Tower A', folder);
    await openActivityPage();

    await waitFor(() => expect(runs()).toHaveLength(1));
    expect(runs()[0]).toMatchObject({
      Endpoint: 'Tower A',
      Trigger: 'Manual',
      Kind: 'Full',
      Status: 'Succeeded',
      // Three files and the docs folder.
      Added: '4',
      Updated: '0',
      Deleted: '0',
      Unchanged: '0',
      Error: '',
    });
  });

  it('adds runs and log entries live as the core reports them', async () => {
    const core = await startCore();
    const folder = projectFolder({ 'a.pdf': 'a', 'b.pdf': 'b' });
    const endpointId = await syncedEndpoint(core, 'Tower A', folder);
    await openActivityPage();
    await waitFor(() => expect(runs()).toHaveLength(1));
    await waitFor(() => expect(logMessages().some((m) => m.includes('Sync of "Tower A" finished'))).toBe(true));
    const before = logMessages().length;

    // A sync started elsewhere (another window, the schedule) while this page is open.
    fs.rmSync(path.join(folder, 'b.pdf'));
    fs.writeFileSync(path.join(folder, 'a.pdf'), 'a, revised');
    await request(core, 'sync.start', { endpointId });

    await waitFor(() => expect(runs()).toHaveLength(2));
    expect(runs()[0]).toMatchObject({
      Endpoint: 'Tower A',
      Kind: 'Incremental',
      Status: 'Succeeded',
      Added: '0',
      Updated: '1',
      Deleted: '1',
    });
    await waitFor(() => expect(logMessages().length).toBeGreaterThanOrEqual(before + 2));
    const newest = logMessages().slice(0, logMessages().length - before);
    expect(newest.some((m) => /INFO.*Tower A.*Starting incremental sync of "Tower A"/.test(m))).toBe(true);
    expect(newest.some((m) => /INFO.*Tower A.*Sync of "Tower A" finished/.test(m))).toBe(true);
  });

  it('filters the log by level', async () => {
    const core = await startCore();
    await syncedEndpoint(core, 'Tower A', projectFolder({ 'a.pdf': 'a' }));
    const user = await openActivityPage();
    await waitFor(() => expect(logMessages().length).toBeGreaterThan(0));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Log level' }), 'Errors only');

    expect(await screen.findByText('No log entries at this level yet.')).toBeTruthy();
  });
});
