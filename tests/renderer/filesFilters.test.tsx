// @vitest-environment happy-dom
/**
 * The Files page's filters and column chooser against a real core over a seeded catalog (an ACC, a Drive and a
 * local endpoint, realistic names, sizes, dates and people): every filter is answered by the core, shows as a chip
 * that removes it, and the count says how many match; chosen columns are remembered.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCount } from '../../renderer/src/lib/format';
import {
  COLUMNS_STORAGE_KEY,
  localDayEnd,
  localDayStart,
  readColumns,
  useFilesStore,
} from '../../renderer/src/store/files';
import { seedCatalog } from '../helpers/seedCatalog';
import { tempDir } from '../helpers/tempDir';
import { startCore, type TestCore } from './harness';
import { filesTable, openFilesPage, rowCells, tallTable } from './filesSteps';

tallTable();
afterEach(() => window.localStorage.clear());

type User = ReturnType<typeof userEvent.setup>;

/** A core over a seeded catalog of 600 files in three endpoints. */
async function seededCore(): Promise<{ core: TestCore; endpointIds: number[] }> {
  const dataDir = tempDir('fc-files-filters-');
  const { endpointIds } = await seedCatalog(dataDir, { files: 600, endpoints: 3, seed: 11 });
  return { core: await startCore({ dataDir }), endpointIds };
}

/** How many live entries the catalog holds where `where` (SQL over `files`) holds. */
function count(core: TestCore, where: string, ...params: unknown[]): number {
  return core.catalog.db
    .prepare(`SELECT COUNT(*) FROM files WHERE deleted_at IS NULL AND ${where}`)
    .pluck()
    .get(...params) as number;
}

/** Waits for the page's summary to say `n` entries match. */
async function expectMatches(n: number) {
  expect(await screen.findByText(`${formatCount(n)} ${n === 1 ? 'item matches' : 'items match'}`)).toBeTruthy();
}

async function openFilters(user: User) {
  await user.click(screen.getByRole('button', { name: /^Filters/ }));
  return within(await screen.findByRole('group', { name: 'Filters' }));
}

const chips = () =>
  within(screen.getByRole('list', { name: 'Active filters' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent ?? '')
    .filter((t) => t !== 'Clear filters');

describe('Files filters', () => {
  it('narrows by extension, type and endpoint, each a chip, the count from the core', async () => {
    const { core, endpointIds } = await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    const all = count(core, '1');
    await screen.findByText(`${formatCount(all)} items in the catalog`);

    const panel = await openFilters(user);
    expect(screen.getByRole('button', { name: /^Filters/ }).getAttribute('aria-expanded')).toBe('true');
    // The extensions offered are the catalog's, most common first, with their counts.
    const pdfCount = count(core, "extension = 'pdf'");
    const pdf = await panel.findByRole('checkbox', { name: `pdf ${formatCount(pdfCount)}` });
    const offered = panel.getAllByRole('checkbox').filter((c) => c.closest('.facet-list'));
    expect(offered[0]).toBe(pdf);

    await user.click(panel.getByRole('checkbox', { name: /^dwg/ }));
    await expectMatches(count(core, "extension = 'dwg'"));
    expect(chips()).toEqual(['Extension: dwg']);
    await waitFor(() => expect(rowCells().every((cells) => cells.at(-1) === 'dwg')).toBe(true));

    await user.click(pdf);
    await expectMatches(count(core, "extension IN ('dwg', 'pdf')"));
    expect(chips()).toEqual(['Extension: dwg', 'Extension: pdf']);

    await user.click(panel.getByRole('checkbox', { name: 'Design team Drive' }));
    await expectMatches(count(core, "extension IN ('dwg', 'pdf') AND endpoint_id = ?", endpointIds[1]));
    expect(chips()).toContain('Endpoint: Design team Drive');

    // Removing one chip removes exactly that filter.
    await user.click(screen.getByRole('button', { name: 'Remove filter Extension: dwg' }));
    await expectMatches(count(core, "extension = 'pdf' AND endpoint_id = ?", endpointIds[1]));
    expect(chips()).toEqual(['Endpoint: Design team Drive', 'Extension: pdf']);

    await user.click(panel.getByRole('radio', { name: 'Folders only' }));
    await expectMatches(count(core, "extension = 'pdf' AND endpoint_id = ? AND is_folder = 1", endpointIds[1]));
    expect(await screen.findByRole('heading', { name: 'No files match these filters' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText(`${formatCount(all)} items in the catalog`);
    expect(screen.queryByRole('list', { name: 'Active filters' })).toBeNull();
    await user.click(panel.getByRole('radio', { name: 'Folders only' }));
    await expectMatches(count(core, 'is_folder = 1'));
    await waitFor(() => expect(rowCells().every((cells) => cells.at(-1) === 'Folder')).toBe(true));
  });

  it('narrows by who modified, from the names the catalog holds', async () => {
    const { core } = await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    const panel = await openFilters(user);

    const select = panel.getByRole('combobox', { name: 'Modified by' });
    const ana = count(core, "modified_by = 'Ana Souza'");
    await within(select).findByRole('option', { name: `Ana Souza (${formatCount(ana)})` });
    await user.selectOptions(select, 'Ana Souza');

    await expectMatches(ana);
    expect(chips()).toEqual(['Modified by: Ana Souza']);
    // Only the local folder chosen: it records no names, and says so.
    await user.click(panel.getByRole('checkbox', { name: 'Site server' }));
    expect(await panel.findByText('These endpoints record no names (local folders do not).')).toBeTruthy();
  });

  it('narrows by a size range in any unit, and says when the range cannot match', async () => {
    const { core } = await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    const panel = await openFilters(user);

    await user.type(panel.getByLabelText('Minimum size'), '1');
    await user.type(panel.getByLabelText('Maximum size'), '5');
    await expectMatches(count(core, 'size >= ? AND size <= ?', 1024 ** 2, 5 * 1024 ** 2));
    expect(chips()).toEqual(['Size: 1.0 MB – 5.0 MB']);

    await user.selectOptions(panel.getByRole('combobox', { name: 'Size unit' }), 'GB');
    await expectMatches(count(core, 'size >= ? AND size <= ?', 1024 ** 3, 5 * 1024 ** 3));

    await user.clear(panel.getByLabelText('Maximum size'));
    await user.type(panel.getByLabelText('Maximum size'), '0.5');
    expect(await panel.findByText('The minimum is larger than the maximum')).toBeTruthy();
    expect(panel.getByLabelText('Maximum size').getAttribute('aria-invalid')).toBe('true');

    // The chip's remove button empties the fields too.
    await user.click(screen.getByRole('button', { name: /^Remove filter Size/ }));
    await waitFor(() => expect((panel.getByLabelText('Minimum size') as HTMLInputElement).value).toBe(''));
    await screen.findByText(`${formatCount(count(core, '1'))} items in the catalog`);
  });

  it('narrows by the days a file was modified, both days included', async () => {
    const { core } = await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    const panel = await openFilters(user);

    await user.type(panel.getByLabelText('Modified from'), '2024-03-01');
    await user.type(panel.getByLabelText('Modified to'), '2024-03-31');

    await expectMatches(
      count(core, 'modified_time >= ? AND modified_time < ?', localDayStart('2024-03-01'), localDayEnd('2024-03-31')),
    );
    expect(chips()).toEqual([expect.stringMatching(/^Modified: .*2024 – .*2024$/)]);
  });

  it('combines a search, filters and a sort, all answered by the core', async () => {
    const { core } = await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    const panel = await openFilters(user);
    await user.click(await panel.findByRole('checkbox', { name: /^pdf/ }));
    await user.keyboard('{Escape}');
    // Escape closes the panel and gives focus back to its button.
    expect(screen.queryByRole('group', { name: 'Filters' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Filters/ }));

    await user.type(screen.getByRole('searchbox', { name: 'Search files' }), 'Plan');
    await user.click(filesTable().getByRole('button', { name: 'Size' }));

    const expected = core.catalog.db
      .prepare(
        `SELECT name FROM files WHERE deleted_at IS NULL AND extension = 'pdf'
         AND (name LIKE '%plan%' OR path LIKE '%plan%') ORDER BY size DESC, id DESC LIMIT 5`,
      )
      .pluck()
      .all() as string[];
    await waitFor(() =>
      expect(
        rowCells()
          .map((c) => c[0])
          .slice(0, 5),
      ).toEqual(expected),
    );
    await expectMatches(count(core, "extension = 'pdf' AND (name LIKE '%plan%' OR path LIKE '%plan%')"));
  });
});

describe('Files columns', () => {
  const headers = () =>
    filesTable()
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.replace(/[▲▼]/g, ''));

  it('shows the chosen columns and remembers them for the next start', async () => {
    await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    expect(headers()).toEqual(['Name', 'Path', 'Endpoint', 'Size', 'Modified', 'Type']);

    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const menu = within(screen.getByRole('menu', { name: 'Visible columns' }));
    // The name always shows: its item cannot be unticked.
    const name = menu.getByRole('menuitemcheckbox', { name: 'Name' });
    expect(name.getAttribute('aria-checked')).toBe('true');
    expect(name.getAttribute('aria-disabled')).toBe('true');
    await user.click(name);
    await user.click(menu.getByRole('menuitemcheckbox', { name: 'Path' }));
    await user.click(menu.getByRole('menuitemcheckbox', { name: 'Modified by' }));
    await user.click(menu.getByRole('menuitemcheckbox', { name: 'Version' }));
    expect(menu.getByRole('menuitemcheckbox', { name: 'Path' }).getAttribute('aria-checked')).toBe('false');

    expect(headers()).toEqual(['Name', 'Endpoint', 'Size', 'Modified', 'Modified by', 'Type', 'Version']);
    await waitFor(() => expect(rowCells()[0]).toHaveLength(7));
    expect(JSON.parse(window.localStorage.getItem(COLUMNS_STORAGE_KEY)!)).toEqual([
      'name',
      'endpoint',
      'size',
      'modified',
      'modifiedBy',
      'type',
      'version',
    ]);

    // A new window reads the same choice back.
    act(() => useFilesStore.setState({ columns: readColumns() }));
    expect(headers()).toEqual(['Name', 'Endpoint', 'Size', 'Modified', 'Modified by', 'Type', 'Version']);
  });

  it('is used from the keyboard: arrows move, Space ticks, Escape closes back to the button', async () => {
    await seededCore();
    const user = userEvent.setup();
    await openFilesPage(user);
    const button = screen.getByRole('button', { name: 'Columns' });
    button.focus();

    await user.keyboard('{ArrowDown}');
    const menu = within(screen.getByRole('menu', { name: 'Visible columns' }));
    // Focus starts on the first item that can change.
    expect(document.activeElement).toBe(menu.getByRole('menuitemcheckbox', { name: 'Path' }));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(menu.getByRole('menuitemcheckbox', { name: 'Modified by' }));
    await user.keyboard(' ');
    expect(menu.getByRole('menuitemcheckbox', { name: 'Modified by' }).getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(headers()).toContain('Modified by');
  });

  it('falls back to the default columns when what is stored is unreadable', () => {
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, '{not json');
    expect(readColumns()).toEqual(['name', 'path', 'endpoint', 'size', 'modified', 'type']);
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(['size', 'bogus']));
    expect(readColumns()).toEqual(['name', 'size']);
  });
});
