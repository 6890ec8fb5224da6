// @vitest-environment happy-dom
// The core shares this process with the test window; like the real core (plain Node) its calls to the fake Autodesk
// must not be held to the page's same-origin policy.
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/**
 * What a person does with the files the page shows, against a real core: export the current view to CSV, open a
 * file at its source, copy its link or path (from the details and from the row's menu), and see an ACC file's
 * versions read live from the fake Autodesk server.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvColumns } from '../../src/contract/csv';
import { formatCount } from '../../renderer/src/lib/format';
import { FakeApsServer } from '../fakes/autodesk/server';
import { seedCatalog } from '../helpers/seedCatalog';
import { tempDir } from '../helpers/tempDir';
import { projectFolder, request, startCore, syncedEndpoint, type TestCore } from './harness';
import { field, filesTable, openFilesPage, rowNames, rowOf, tallTable } from './filesSteps';

tallTable();
afterEach(() => vi.restoreAllMocks());

type User = ReturnType<typeof userEvent.setup>;

/** Captures what "Export CSV" hands to the browser as a download. */
function captureDownloads(): Blob[] {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:captured';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  // The link's click would have the test window navigate; the Blob is what matters.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  return blobs;
}

/** Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

async function openDetails(user: User, name: string) {
  await waitFor(() => expect(rowNames()).toContain(name));
  await user.click(rowOf(name));
  const panel = await screen.findByRole('complementary', { name: 'File details' });
  await within(panel).findByRole('heading', { name });
  return within(panel);
}

describe('Export CSV', () => {
  it('exports exactly the current view: every matching row, in its order, quoted, with a BOM and ISO times', async () => {
    const core = await startCore();
    const folder = projectFolder({
      'Plans/S-101 Foundation Plan.pdf': 'x'.repeat(300),
      'Plans/Plan, "rev B".pdf': 'x'.repeat(900),
      'Plans/=SUM(A1).pdf': 'x',
      'Plans/A-201 Elevations.dwg': 'x'.repeat(5000),
      'Notes/minutes.txt': 'plan',
    });
    await syncedEndpoint(core, 'Tower A', folder);
    const blobs = captureDownloads();
    const user = userEvent.setup();
    await openFilesPage(user);
    await user.type(screen.getByRole('searchbox', { name: 'Search files' }), 'Plan');
    await user.click(screen.getByRole('button', { name: /^Filters/ }));
    await user.click(await screen.findByRole('radio', { name: 'Files only' }));
    await user.keyboard('{Escape}');
    await user.click(filesTable().getByRole('button', { name: 'Size' }));
    // Everything under Plans/ matches "Plan" by its path; the folder itself is filtered out.
    await screen.findByText('4 items match');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText(/^Exported 4 rows to files-\d{4}-\d\d-\d\d-\d{4}\.csv$/)).toBeTruthy();
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header).toEqual(csvColumns);
    const column = (name: string) => header!.indexOf(name);
    // Largest first, as the table was sorted; a name a spreadsheet would run as a formula is defused.
    expect(rows.map((r) => r[column('name')])).toEqual([
      'A-201 Elevations.dwg',
      'Plan, "rev B".pdf',
      'S-101 Foundation Plan.pdf',
      "'=SUM(A1).pdf",
    ]);
    expect(rows[1]![column('path')]).toBe('Plans/Plan, "rev B".pdf');
    expect(rows[1]![column('size')]).toBe('900');
    expect(rows[1]![column('endpoint')]).toBe('Tower A');
    expect(rows[1]![column('isFolder')]).toBe('false');
    expect(rows[1]![column('modifiedTime')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('fetches a large view page by page with progress, and can be cancelled', async () => {
    const dataDir = tempDir('fc-export-');
    await seedCatalog(dataDir, { files: 12_000, endpoints: 3 });
    const core = await startCore({ dataDir });
    const blobs = captureDownloads();
    // The core answers every page; the second waits until the test has pressed Cancel, as a slow disk would.
    const dispatch = core.dispatch.bind(core);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let pages = 0;
    const spy = vi.spyOn(core, 'dispatch').mockImplementation(async (name, input) => {
      if (name === 'files.query' && (input as { limit?: number }).limit === 5000 && ++pages === 2) await held;
      return dispatch(name, input);
    });
    const user = userEvent.setup();
    await openFilesPage(user);
    const total = core.catalog.files.count({
      includeDeleted: false,
      sort: 'name',
      direction: 'asc',
      offset: 0,
      limit: 1,
    });
    await screen.findByText(`${formatCount(total)} items in the catalog`);

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText(`Exporting 5,000 of ${formatCount(total)} rows…`)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Export progress' }).getAttribute('value')).toBe('5000');
    await user.click(screen.getByRole('button', { name: 'Cancel export' }));
    release();

    expect(await screen.findByText('Export cancelled.')).toBeTruthy();
    expect(blobs).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveProperty('disabled', false);

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText(`Exported ${formatCount(total)} rows to`, { exact: false }, { timeout: 15_000 }),
    ).toBeTruthy();
    const text = new TextDecoder().decode(await blobs[0]!.arrayBuffer());
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(total + 1);
    // Pages of 5,000, the largest the core gives.
    const requested = spy.mock.calls.filter(
      ([name, input]) => name === 'files.query' && (input as { limit: number }).limit === 5000,
    );
    expect(requested.length).toBeGreaterThanOrEqual(Math.ceil(total / 5000));
  });
});

describe('Opening and copying', () => {
  it('opens a Drive file in Google Drive and copies its link, saying "Link copied"', async () => {
    const dataDir = tempDir('fc-links-');
    await seedCatalog(dataDir, { files: 60, endpoints: 3 });
    const core = await startCore({ dataDir });
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const user = userEvent.setup();
    await openFilesPage(user);
    const file = core.catalog.db
      .prepare('SELECT name, web_url FROM files WHERE endpoint_id = 2 AND is_folder = 0 ORDER BY name LIMIT 1')
      .get() as { name: string; web_url: string };
    await user.type(screen.getByRole('searchbox', { name: 'Search files' }), file.name);
    await screen.findByText(/^[\d,]+ items? match(es)?$/);

    const panel = await openDetails(user, file.name);
    await user.click(panel.getByRole('button', { name: 'Open in Google Drive' }));
    expect(open).toHaveBeenCalledWith(file.web_url, '_blank', 'noopener');

    await user.click(panel.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(file.web_url);
    expect(panel.getByRole('status').textContent).toBe('Link copied');
  });

  it("copies a local file's full path; a row's menu and Ctrl+C offer the same from the keyboard", async () => {
    const core = await startCore();
    const folder = projectFolder({ 'Site/Survey.dwg': 'x' });
    await syncedEndpoint(core, 'Site', folder);
    const user = userEvent.setup();
    await openFilesPage(user);

    const panel = await openDetails(user, 'Survey.dwg');
    // No web link for a local file: nothing to open or copy but its path.
    expect(panel.queryByRole('button', { name: /^Open/ })).toBeNull();
    expect(panel.queryByRole('button', { name: 'Copy link' })).toBeNull();
    await user.click(panel.getByRole('button', { name: 'Copy path' }));
    expect(await navigator.clipboard.readText()).toBe(`${folder}/Site/Survey.dwg`);
    expect(panel.getByText('Path copied')).toBeTruthy();
    await user.click(panel.getByRole('button', { name: 'Close details' }));

    // The context-menu key on a focused row.
    rowOf('Site').focus();
    await user.keyboard('{Shift>}{F10}{/Shift}');
    const menu = within(screen.getByRole('menu', { name: 'Actions for Site' }));
    expect(menu.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Show details', 'Copy path']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(await navigator.clipboard.readText()).toBe(`${folder}/Site`);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(rowOf('Site'));

    await user.keyboard('{Control>}c{/Control}');
    expect(await navigator.clipboard.readText()).toBe(`${folder}/Site`);
  });

  it("a right click on a row offers to open the file's link", async () => {
    const dataDir = tempDir('fc-links-');
    await seedCatalog(dataDir, { files: 30, endpoints: 1 });
    const core = await startCore({ dataDir });
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const user = userEvent.setup();
    await openFilesPage(user);
    const file = core.catalog.db
      .prepare('SELECT name, web_url FROM files WHERE is_folder = 0 ORDER BY name LIMIT 1')
      .get() as { name: string; web_url: string };
    await waitFor(() => expect(rowNames()).toContain(file.name));

    await user.pointer({ keys: '[MouseRight]', target: rowOf(file.name) });
    const menu = within(screen.getByRole('menu', { name: `Actions for ${file.name}` }));
    await user.click(menu.getByRole('menuitem', { name: 'Open in ACC' }));

    expect(open).toHaveBeenCalledWith(file.web_url, '_blank', 'noopener');
  });
});

describe('ACC versions in the details', () => {
  const CLIENT_ID = 'fc-versions-app';
  const SECRET = 'versions-secret-9f2c';

  async function accCore(): Promise<{ core: TestCore; fake: FakeApsServer; id: number }> {
    const fake = await new FakeApsServer().start();
    fake.tokens.register({ id: CLIENT_ID, secret: SECRET });
    const hub = fake.truth.addHub('Contoso Build', 'EMEA');
    const tower = fake.truth.addProject(hub.id, 'Tower A');
    const files = fake.truth.addFolder(tower.rootFolderId, 'Project Files');
    fake.truth.addFile(files, 'S-101 Foundation Plan.pdf', { versions: 3, size: 2048 });
    const core = await startCore();
    const endpoint = await request(core, 'endpoints.create', {
      name: 'Tower A',
      type: 'autodesk_acc',
      settings: {
        auth: { type: 'client_credentials', clientId: CLIENT_ID },
        apiBaseUrl: fake.url,
        // Far above what a few requests need, so pacing never waits here.
        rateLimits: { hubs: 6000, projects: 6000, topFolders: 6000, folderContents: 6000, token: 6000 },
      },
    });
    await request(core, 'auth.setSecret', { endpointId: endpoint.id, secret: SECRET });
    const run = await core.engine.run(endpoint.id, { trigger: 'manual' });
    expect(run, run.error ?? '').toMatchObject({ status: 'success', added: 3 });
    return { core, fake, id: endpoint.id };
  }

  it('lists every version with its number, date, author and size', async () => {
    const { fake } = await accCore();
    try {
      const user = userEvent.setup();
      await openFilesPage(user);
      const panel = await openDetails(user, 'S-101 Foundation Plan.pdf');

      const versions = within(await panel.findByRole('region', { name: 'Versions' }));
      const items = await versions.findAllByRole('listitem');
      expect(items.map((li) => li.querySelector('.version-number')?.textContent)).toEqual(['V3', 'V2', 'V1']);
      expect(items[0]!.textContent).toMatch(/2\.0 KB/);
      expect(items[2]!.textContent).toMatch(/2\.0 KB/);
      expect(versions.getAllByRole('button', { name: /^Open version \d in ACC$/ })).toHaveLength(3);
      expect(
        field(panel.getByRole('heading', { name: 'S-101 Foundation Plan.pdf' }).closest('aside')!, 'Version'),
      ).toBe('3');
    } finally {
      await fake.stop();
    }
  });

  it('asks for a new sign-in when the credentials are gone, and leads to the Endpoints page', async () => {
    const { core, fake, id } = await accCore();
    try {
      await request(core, 'auth.signOut', { endpointId: id });
      const user = userEvent.setup();
      await openFilesPage(user);
      const panel = await openDetails(user, 'S-101 Foundation Plan.pdf');

      const alert = await panel.findByRole('alert');
      expect(alert.textContent).toMatch(/^Sign in again to see versions\. "Tower A" has no client secret yet/);
      await user.click(within(alert).getByRole('button', { name: 'Go to Endpoints' }));
      expect(await screen.findByRole('heading', { level: 1, name: 'Endpoints' })).toBeTruthy();
    } finally {
      await fake.stop();
    }
  });
});
