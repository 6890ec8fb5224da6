// @vitest-environment happy-dom
/** The Files page against a real, synced catalog: rows, search, sort, details with history, empty states. */
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TestCore } from './harness';
import { projectFolder, startCore, syncedEndpoint, syncToEnd } from './harness';
import { expectRows, field, openFilesPage, rowNames, tallTable } from './filesSteps';

tallTable();

const project = {
  'Tower A/S-101 Foundation Plan.pdf': 'x'.repeat(300),
  'Tower A/A-201 Elevations.pdf': 'x'.repeat(1200),
  'Tower A/notes.txt': 'first',
  'Site/Survey.dwg': 'x'.repeat(5000),
};

/** A core with `project` synced as endpoint "Tower A". */
async function syncedProject(): Promise<{ core: TestCore; folder: string; endpointId: number }> {
  const core = await startCore();
  const folder = projectFolder(project);
  const endpointId = await syncedEndpoint(core, 'Tower A', folder);
  return { core, folder, endpointId };
}

describe('Files page', () => {
  it('lists every file and folder of a synced folder', async () => {
    await syncedProject();
    const user = userEvent.setup();
    await openFilesPage(user);

    expect(await screen.findByText('6 items in the catalog')).toBeTruthy();
    await expectRows([
      'A-201 Elevations.pdf',
      'notes.txt',
      'S-101 Foundation Plan.pdf',
      'Site',
      'Survey.dwg',
      'Tower A',
    ]);
  });

  it('narrows the rows to what is typed in "Search files", once typing pauses', async () => {
    await syncedProject();
    const user = userEvent.setup();
    await openFilesPage(user);
    await expectRows([
      'A-201 Elevations.pdf',
      'notes.txt',
      'S-101 Foundation Plan.pdf',
      'Site',
      'Survey.dwg',
      'Tower A',
    ]);

    await user.type(screen.getByRole('searchbox', { name: 'Search files' }), 'S-101');

    await expectRows(['S-101 Foundation Plan.pdf']);
    expect(screen.getByText('1 item matches')).toBeTruthy();

    // Escape clears the search and brings every row back.
    await user.keyboard('{Escape}');
    await expectRows([
      'A-201 Elevations.pdf',
      'notes.txt',
      'S-101 Foundation Plan.pdf',
      'Site',
      'Survey.dwg',
      'Tower A',
    ]);
  });

  it('says plainly when nothing matches the search', async () => {
    await syncedProject();
    const user = userEvent.setup();
    await openFilesPage(user);
    await screen.findByText('6 items in the catalog');

    await user.type(screen.getByRole('searchbox', { name: 'Search files' }), 'zebra');

    expect(await screen.findByRole('heading', { name: 'No files match "zebra"' })).toBeTruthy();
    expect(screen.getByText('Try fewer words, part of a file name, or another endpoint or type.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Files' })).toBeNull();
  });

  it('sorts by a column when its header is clicked, and says which way in aria-sort', async () => {
    await syncedProject();
    const user = userEvent.setup();
    await openFilesPage(user);
    const table = within(await screen.findByRole('table', { name: 'Files' }));
    const header = (name: string) => table.getByRole('columnheader', { name });
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Size').getAttribute('aria-sort')).toBe('none');

    // Sizes start with the largest, the one people look for.
    await user.click(table.getByRole('button', { name: 'Size' }));
    await waitFor(() =>
      expect(rowNames().slice(0, 4)).toEqual([
        'Survey.dwg',
        'A-201 Elevations.pdf',
        'S-101 Foundation Plan.pdf',
        'notes.txt',
      ]),
    );
    expect(header('Size').getAttribute('aria-sort')).toBe('descending');
    expect(header('Name').getAttribute('aria-sort')).toBe('none');

    // A second click reverses it.
    await user.click(table.getByRole('button', { name: 'Name' }));
    await user.click(table.getByRole('button', { name: 'Name' }));
    await expectRows([
      'Tower A',
      'Survey.dwg',
      'Site',
      'S-101 Foundation Plan.pdf',
      'notes.txt',
      'A-201 Elevations.pdf',
    ]);
    expect(header('Name').getAttribute('aria-sort')).toBe('descending');
  });

  it('opens a row into the details panel with its fields and its change history', async () => {
    const { core, folder, endpointId } = await syncedProject();
    // A second sync after an edit gives the file a history.
    fs.writeFileSync(path.join(folder, 'Tower A', 'notes.txt'), 'second edit');
    await syncToEnd(core, endpointId);
    const user = userEvent.setup();
    await openFilesPage(user);

    await waitFor(() => expect(rowNames()).toContain('notes.txt'));
    const row = within(screen.getByRole('table', { name: 'Files' }))
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('notes.txt'));
    await user.click(row!);

    const panel = await screen.findByRole('complementary', { name: 'File details' });
    expect(await within(panel).findByRole('heading', { name: 'notes.txt' })).toBeTruthy();
    expect(field(panel, 'Name')).toBe('notes.txt');
    expect(field(panel, 'Path')).toBe('Tower A/notes.txt');
    expect(field(panel, 'Endpoint')).toBe('Tower A');
    expect(field(panel, 'Kind')).toBe('File');
    expect(field(panel, 'Size')).toBe('11 B (11 bytes)');
    expect(field(panel, 'Extension')).toBe('txt');
    expect(field(panel, 'Deleted at source')).toBe('No');
    expect(row!.getAttribute('aria-current')).toBe('true');

    const history = within(within(panel).getByRole('list', { name: 'Change history' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(history).toHaveLength(2);
    // Newest first; the path is said only where it differs from where the file is now.
    expect(history[0]).toMatch(/^Modified/);
    expect(history[1]).toMatch(/^Added/);
    expect(history.join()).not.toContain('Tower A/notes.txt');

    await user.click(within(panel).getByRole('button', { name: 'Close details' }));
    expect(screen.queryByRole('complementary', { name: 'File details' })).toBeNull();
  });

  it('tells a rename from a move in the change history', async () => {
    const { core, folder, endpointId } = await syncedProject();
    fs.renameSync(path.join(folder, 'Tower A', 'notes.txt'), path.join(folder, 'Tower A', 'minutes.txt'));
    await syncToEnd(core, endpointId);
    fs.mkdirSync(path.join(folder, 'Archive'));
    fs.renameSync(path.join(folder, 'Tower A', 'minutes.txt'), path.join(folder, 'Archive', 'minutes.txt'));
    await syncToEnd(core, endpointId);
    const user = userEvent.setup();
    await openFilesPage(user);

    await waitFor(() => expect(rowNames()).toContain('minutes.txt'));
    await user.click(within(screen.getByRole('table', { name: 'Files' })).getByText('minutes.txt'));

    const panel = await screen.findByRole('complementary', { name: 'File details' });
    const list = await within(panel).findByRole('list', { name: 'Change history' });
    const history = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(history).toEqual([
      expect.stringMatching(/^Moved.*from Tower A\/minutes\.txt$/),
      expect.stringMatching(/^Renamed.*from "notes\.txt"$/),
      expect.stringMatching(/^Added.*at Tower A\/notes\.txt$/),
    ]);
  });

  it('sends a person with an empty catalog to the Endpoints page', async () => {
    await startCore();
    const user = userEvent.setup();
    await openFilesPage(user);

    expect(
      await screen.findByRole('heading', { name: 'Nothing catalogued yet — add an endpoint and press Sync now' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Go to Endpoints' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Endpoints' })).toBeTruthy();
  });
});
