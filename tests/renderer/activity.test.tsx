// @vitest-environment happy-dom
/**
 * The Activity page against a real core: sync runs with their counts (live), the changes of a chosen run by kind
 * and page, what to do about a failed run, and the log with its filters applied to live entries too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { projectFolder, renderApp, request, startCore, syncedEndpoint, syncToEnd, type TestCore } from './harness';

/** A table as one record per row, keyed by column header. */
function tableRows(name: string): Record<string, string>[] {
  const table = within(screen.getByRole('table', { name }));
  const headers = table.getAllByRole('columnheader').map((h) => h.textContent ?? '');
  return table
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('cell');
      return Object.fromEntries(headers.map((h, i) => [h, cells[i]?.textContent ?? '']));
    });
}

const runs = () => tableRows('Sync runs');
const changes = () => tableRows('Changes').map((c) => `${c.Change} ${c.Path}`);

/** The log's entries, oldest first. */
function logMessages(): string[] {
  const list = screen.queryByRole('list', { name: 'Log entries' });
  return list
    ? within(list)
        .queryAllByRole('listitem')
        .map((li) => li.textContent ?? '')
    : [];
}

async function openActivityPage() {
  const user = userEvent.setup();
  renderApp(<App />);
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Activity/ }));
  await screen.findByRole('heading', { level: 1, name: 'Activity' });
  return user;
}

/** Writes a log entry through the core's logger, as a sync or the scheduler would. */
function logFromCore(core: TestCore, message: string, endpointId?: number, level: 'info' | 'warn' | 'error' = 'info') {
  const logger = endpointId === undefined ? core.logger : core.logger.child({ endpointId });
  act(() => logger[level](message));
}

describe('Activity page: sync runs', () => {
  it('says what to do first before there is any sync', async () => {
    await startCore();
    await openActivityPage();

    expect(await screen.findByRole('heading', { name: 'No syncs yet' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add an endpoint' })).toBeTruthy();
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
      Modified: '0',
      Moved: '0',
      Deleted: '0',
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
    await waitFor(() => expect(runs()[0]).toMatchObject({ Status: 'Succeeded' }));
    expect(runs()[0]).toMatchObject({ Endpoint: 'Tower A', Kind: 'Incremental', Modified: '1', Deleted: '1' });
    await waitFor(() => expect(logMessages().length).toBeGreaterThanOrEqual(before + 2));
    const newest = logMessages().slice(before);
    expect(newest.some((m) => /INFO.*Tower A.*Starting incremental sync of "Tower A"/.test(m))).toBe(true);
    expect(newest.some((m) => /INFO.*Tower A.*Sync of "Tower A" finished/.test(m))).toBe(true);
  });

  it("shows the chosen run's changes, by kind, with the old path of a moved file", async () => {
    const core = await startCore();
    // c.pdf's size is its own, so the sync can tell its move from a deletion and an addition.
    const folder = projectFolder({ 'a.pdf': 'a', 'b.pdf': 'b', 'Plans/c.pdf': 'sheet c', 'd.pdf': 'dd' });
    const endpointId = await syncedEndpoint(core, 'Tower A', folder);
    fs.writeFileSync(path.join(folder, 'a.pdf'), 'a, revised');
    fs.rmSync(path.join(folder, 'b.pdf'));
    fs.renameSync(path.join(folder, 'Plans/c.pdf'), path.join(folder, 'c-moved.pdf'));
    fs.writeFileSync(path.join(folder, 'e.pdf'), 'new');
    await syncToEnd(core, endpointId);
    const user = await openActivityPage();

    // The latest run opens by itself.
    await waitFor(() => expect(screen.getByRole('table', { name: 'Changes' })).toBeTruthy());
    await waitFor(() =>
      expect(changes().sort()).toEqual([
        'Added e.pdf',
        'Deleted b.pdf',
        // The folder whose contents changed.
        'Modified Plans',
        'Modified a.pdf',
        'Moved from Plans/c.pdf → to c-moved.pdf',
      ]),
    );
    const kinds = within(screen.getByRole('group', { name: 'Show changes' }));
    expect(kinds.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'All5',
      'Added1',
      'Modified2',
      'Moved1',
      'Deleted1',
    ]);

    await user.click(kinds.getByRole('button', { name: /^Deleted/ }));
    await waitFor(() => expect(changes()).toEqual(['Deleted b.pdf']));
    expect(kinds.getByRole('button', { name: /^Deleted/ }).getAttribute('aria-pressed')).toBe('true');

    // The first run: everything was added.
    await user.click(screen.getByRole('button', { name: /^Tower A, sync started/, pressed: false }));
    await waitFor(() => expect(changes()).toHaveLength(5));
    expect(changes().every((c) => c.startsWith('Added '))).toBe(true);
    expect(screen.getByRole('button', { name: /^Tower A, sync started/, pressed: true })).toBeTruthy();
  });

  it('pages through a run with many changes', async () => {
    const core = await startCore();
    const files = Object.fromEntries(
      Array.from({ length: 130 }, (_, i) => [`S-${String(i).padStart(3, '0')}.pdf`, 'x']),
    );
    await syncedEndpoint(core, 'Tower A', projectFolder(files));
    const user = await openActivityPage();

    expect(await screen.findByText('1–100 of 130')).toBeTruthy();
    expect(changes()).toHaveLength(100);
    await user.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText('101–130 of 130')).toBeTruthy();
    await waitFor(() => expect(changes()).toHaveLength(30));
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('explains a failed run and what to do about it', async () => {
    const core = await startCore();
    const folder = projectFolder({ 'a.pdf': 'a' });
    const endpointId = await syncedEndpoint(core, 'Tower A', folder);
    fs.rmSync(folder, { recursive: true, force: true });
    await syncToEnd(core, endpointId);
    const user = await openActivityPage();

    const note = await screen.findByRole('note', { name: 'This sync failed' });
    expect(within(note).getByText(/Folder ".*" does not exist/)).toBeTruthy();
    expect(
      within(note).getByText(/Check that its path is right and that the drive or network share is connected/),
    ).toBeTruthy();
    expect(runs()[0]).toMatchObject({ Status: 'Failed', Error: expect.stringMatching(/does not exist/) });

    await user.click(within(note).getByRole('button', { name: 'Open the endpoint' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Endpoints' })).toBeTruthy();
  });
});

describe('Activity page: the log', () => {
  it('filters by level', async () => {
    const core = await startCore();
    await syncedEndpoint(core, 'Tower A', projectFolder({ 'a.pdf': 'a' }));
    const user = await openActivityPage();
    await waitFor(() => expect(logMessages().length).toBeGreaterThan(0));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Log level' }), 'Errors only');

    expect(await screen.findByText(/No log entries match these filters/)).toBeTruthy();
    logFromCore(core, 'Disk is full', undefined, 'error');
    logFromCore(core, 'Just information');
    await waitFor(() => expect(logMessages()).toHaveLength(1));
    expect(logMessages()[0]).toMatch(/ERROR.*Disk is full/);
  });

  it('filters by endpoint, also the entries that arrive while it is open', async () => {
    const core = await startCore();
    const a = await syncedEndpoint(core, 'Tower A', projectFolder({ 'a.pdf': 'a' }));
    const b = await syncedEndpoint(core, 'Tower B', projectFolder({ 'b.pdf': 'b' }));
    const user = await openActivityPage();
    await waitFor(() => expect(logMessages().some((m) => m.includes('"Tower A"'))).toBe(true));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'Tower B');

    await waitFor(() => expect(logMessages().some((m) => m.includes('"Tower A"'))).toBe(false));
    expect(logMessages().some((m) => m.includes('Sync of "Tower B" finished'))).toBe(true);
    const shown = logMessages().length;
    logFromCore(core, 'Something about A', a);
    logFromCore(core, 'Something about B', b);
    logFromCore(core, 'Something about nothing in particular');
    await waitFor(() => expect(logMessages()).toHaveLength(shown + 1));
    expect(logMessages().at(-1)).toMatch(/Tower B.*Something about B/);
  });

  it('searches the text, case-insensitively, in loaded and live entries', async () => {
    const core = await startCore();
    logFromCore(core, 'Checked the Tower A drawings');
    logFromCore(core, 'Checked the site photos');
    const user = await openActivityPage();
    await waitFor(() => expect(logMessages().length).toBeGreaterThanOrEqual(2));

    await user.type(screen.getByRole('searchbox', { name: 'Search the log' }), 'tower a');

    await waitFor(() => expect(logMessages()).toHaveLength(1));
    expect(logMessages()[0]).toMatch(/Checked the Tower A drawings/);
    logFromCore(core, 'TOWER A sheets renamed');
    logFromCore(core, 'Tower B sheets renamed');
    await waitFor(() => expect(logMessages()).toHaveLength(2));
    expect(logMessages()[1]).toMatch(/TOWER A sheets renamed/);

    await user.clear(screen.getByRole('searchbox', { name: 'Search the log' }));
    await waitFor(() => expect(logMessages().some((m) => m.includes('Tower B sheets renamed'))).toBe(true));
  });

  it('pauses following new entries while the reader has scrolled up, until "Jump to latest"', async () => {
    const core = await startCore();
    logFromCore(core, 'First entry');
    const user = await openActivityPage();
    await waitFor(() => expect(logMessages().some((m) => m.includes('First entry'))).toBe(true));
    expect(screen.getByText('Following new entries')).toBeTruthy();

    // happy-dom lays nothing out: give the log a size and scroll it up, as a reader would.
    const scroller = screen.getByRole('region', { name: 'Log messages' });
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
    scroller.scrollTop = 300;
    fireEvent.scroll(scroller);
    expect(await screen.findByText('Autoscroll paused')).toBeTruthy();

    logFromCore(core, 'Arrived while paused');
    const jump = await screen.findByRole('button', { name: 'Jump to latest (1 new)' });
    expect(logMessages().some((m) => m.includes('Arrived while paused'))).toBe(false);

    await user.click(jump);
    await waitFor(() => expect(logMessages().at(-1)).toMatch(/Arrived while paused/));
    expect(screen.getByText('Following new entries')).toBeTruthy();
  });
});
