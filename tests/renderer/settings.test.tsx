// @vitest-environment happy-dom
/**
 * The Settings page against a real core: settings save at once and stay, concurrency, theme, data and its retention,
 * the configuration file both ways, and app.navigate.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { App } from '../../renderer/src/App';
import { useSettingsStore } from '../../renderer/src/store/settings';
import { folderEndpoint, projectFolder, renderApp, request, startCore } from './harness';

async function openSettingsPage() {
  const user = userEvent.setup();
  const view = renderApp(<App />);
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Settings/ }));
  await screen.findByRole('heading', { level: 1, name: 'Settings' });
  return { user, view };
}

function checkbox(name: string): HTMLInputElement {
  return screen.getByRole('checkbox', { name }) as HTMLInputElement;
}

describe('Settings page', () => {
  it('is the last page in the sidebar and opens with its Alt / Ctrl shortcut', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    const first = await screen.findByRole('heading', { level: 1 });
    const labels = within(screen.getByRole('navigation', { name: 'Main' }))
      .getAllByRole('button')
      .map((b) => b.querySelector('.nav-label')?.textContent);
    expect(labels.at(-1)).toBe('Settings');
    const key = labels.length;

    await user.keyboard(`{Alt>}${key}{/Alt}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    await user.keyboard('{Alt>}1{/Alt}');
    await screen.findByRole('heading', { level: 1, name: first.textContent ?? '' });
    await user.keyboard(`{Control>}${key}{/Control}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(document.title).toBe('Settings · File Connector');
  });

  it('saves "Tell me when a sync fails" at once, and it stays after a reload', async () => {
    const core = await startCore();
    const { user, view } = await openSettingsPage();
    const box = await waitFor(() => checkbox('Tell me when a sync fails'));
    expect(box.checked).toBe(true);

    await user.click(box);

    await waitFor(() => expect(checkbox('Tell me when a sync fails').checked).toBe(false));
    expect(await screen.findByText('Saved')).toBeTruthy();
    expect((await request(core, 'settings.get', {})).notifyOnFailure).toBe(false);

    // A fresh window: the store starts empty and reads the core again.
    view.unmount();
    act(() => useSettingsStore.setState(useSettingsStore.getInitialState(), true));
    renderApp(<App />);
    await user.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Settings/ }),
    );
    await waitFor(() => expect(checkbox('Tell me when a sync fails').checked).toBe(false));
  });

  it('follows settings changed elsewhere (settings.changed), without polling', async () => {
    const core = await startCore();
    await openSettingsPage();
    await waitFor(() => expect(checkbox('Tell me when files change in watched endpoints').checked).toBe(false));

    await request(core, 'settings.update', { notifyOnChanges: true });

    await waitFor(() => expect(checkbox('Tell me when files change in watched endpoints').checked).toBe(true));
  });

  it('keeps the endpoints to watch', async () => {
    const core = await startCore();
    const a = await request(core, 'endpoints.create', folderEndpoint('Tower A', projectFolder({ 'a.txt': 'a' })));
    await request(core, 'endpoints.create', folderEndpoint('Tower B', projectFolder({ 'b.txt': 'b' })));
    const { user } = await openSettingsPage();
    const watch = await screen.findByRole('group', { name: /Endpoints to watch/ });
    await waitFor(() => expect(within(watch).getAllByRole('checkbox')).toHaveLength(2));
    expect((within(watch).getByRole('checkbox', { name: 'Tower A' }) as HTMLInputElement).disabled).toBe(true);

    await user.click(checkbox('Tell me when files change in watched endpoints'));
    await waitFor(() =>
      expect((within(watch).getByRole('checkbox', { name: 'Tower A' }) as HTMLInputElement).disabled).toBe(false),
    );
    await user.click(within(watch).getByRole('checkbox', { name: 'Tower A' }));

    await waitFor(async () => expect((await request(core, 'settings.get', {})).watchedEndpointIds).toEqual([a.id]));
    expect((await request(core, 'settings.get', {})).notifyOnChanges).toBe(true);
  });

  it('shows start-at-sign-in disabled, with the reason, in a browser', async () => {
    await startCore(); // the test core is hosted as 'browser'
    await openSettingsPage();
    const box = await waitFor(() => checkbox('Start File Connector when I sign in to this computer'));
    await waitFor(() => expect(box.disabled).toBe(true));
    expect(screen.getByText(/Only the desktop app can start by itself/)).toBeTruthy();
  });

  it("leaves the desktop webhook listener to the desktop app, pointing a browser at serve's own hooks", async () => {
    await startCore();
    await openSettingsPage();
    const box = await waitFor(() => checkbox('Receive webhook calls on this computer (127.0.0.1:4320)'));
    await waitFor(() => expect(box.disabled).toBe(true));
    expect(box.checked).toBe(false);
    expect(screen.getByText(/already receives them at \/hooks\/<endpoint name>/)).toBeTruthy();
  });

  it('sets the syncs at the same time through scheduler.configure', async () => {
    const core = await startCore();
    const { user } = await openSettingsPage();
    const field = (await screen.findByRole('spinbutton', { name: 'Syncs at the same time' })) as HTMLInputElement;
    const before = await request(core, 'scheduler.status', {});
    await waitFor(() => expect(field.value).toBe(String(before.maxConcurrentSyncs)));
    const wanted = before.maxConcurrentSyncs === 3 ? 5 : 3;

    await user.clear(field);
    expect(await screen.findByText('Choose a whole number from 1 to 8.')).toBeTruthy();
    await user.type(field, String(wanted));

    await waitFor(async () => expect((await request(core, 'scheduler.status', {})).maxConcurrentSyncs).toBe(wanted));
    expect(await screen.findByText('Saved')).toBeTruthy();
    expect(screen.queryByText('Choose a whole number from 1 to 8.')).toBeNull();

    // Out of range: not sent, explained next to the field.
    await user.clear(field);
    await user.type(field, '9');
    expect(await screen.findByText('Choose a whole number from 1 to 8.')).toBeTruthy();
    expect((await request(core, 'scheduler.status', {})).maxConcurrentSyncs).toBe(wanted);
  });

  it('shows the data folder, the database and the catalog counts', async () => {
    const core = await startCore();
    const info = await request(core, 'app.info', {});
    await openSettingsPage();

    expect(await screen.findByText(info.dataDir)).toBeTruthy();
    expect(screen.getByText(info.databasePath)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy path of the data folder' })).toBeTruthy();
    expect(await screen.findByText(/0 endpoints · 0 files/)).toBeTruthy();
    // The desktop keychain is not there in a test core: the page says what that means.
    expect(screen.getByRole('heading', { name: 'Sign-in secrets' })).toBeTruthy();
  });
});

describe('Settings page: theme', () => {
  afterEach(() => {
    delete document.documentElement.dataset.theme;
    localStorage.clear();
  });

  it('switches the window to dark and back at once, and keeps the choice', async () => {
    const core = await startCore();
    const { user } = await openSettingsPage();
    const system = (await screen.findByRole('radio', { name: 'Follow system' })) as HTMLInputElement;
    expect(system.checked).toBe(true);
    // happy-dom's system appearance is light.
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));

    await user.click(screen.getByRole('radio', { name: 'Dark' }));

    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(async () => expect((await request(core, 'settings.get', {})).theme).toBe('dark'));
    expect(localStorage.getItem('file-connector.theme')).toBe('dark');

    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    await waitFor(async () => expect((await request(core, 'settings.get', {})).theme).toBe('light'));
  });

  it('shows the theme the core keeps as soon as the settings are read', async () => {
    const core = await startCore();
    await request(core, 'settings.update', { theme: 'dark' });
    expect(document.documentElement.dataset.theme).not.toBe('dark');

    await act(() => useSettingsStore.getState().load());

    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('follows a theme chosen in another window', async () => {
    const core = await startCore();
    await openSettingsPage();
    await screen.findByRole('radio', { name: 'Dark' });

    await request(core, 'settings.update', { theme: 'dark' });

    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('Settings page: history retention', () => {
  it('saves the days to keep, and the core removes older history at once', async () => {
    const core = await startCore();
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    for (const message of ['ten days old', 'also ten days old'])
      core.catalog.logs.insert({ at: old, level: 'info', message, endpointId: null, runId: null, data: null });
    const { user } = await openSettingsPage();
    const logDays = (await screen.findByRole('spinbutton', { name: 'Keep log entries for' })) as HTMLInputElement;
    const runDays = screen.getByRole('spinbutton', {
      name: 'Keep sync runs and their changes for',
    }) as HTMLInputElement;
    expect([logDays.value, runDays.value]).toEqual(['30', '90']);
    const save = screen.getByRole('button', { name: 'Save retention' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await screen.findByText(/2 log entries/);

    await user.clear(logDays);
    await user.type(logDays, '7');
    await user.clear(runDays);
    await user.type(runDays, '14');
    // Typing alone changes nothing: on the way to "14", "1" must not cost two weeks of runs.
    expect((await request(core, 'settings.get', {})).retention).toEqual({ logDays: 30, runDays: 90 });
    expect(screen.getByText(/Saving removes older history at once/)).toBeTruthy();
    await user.click(save);

    await waitFor(async () =>
      expect((await request(core, 'settings.get', {})).retention).toEqual({ logDays: 7, runDays: 14 }),
    );
    expect(core.catalog.logs.recent({ limit: 10, search: 'ten days old' })).toEqual([]);
    expect(await screen.findByText('Saved')).toBeTruthy();
    // The counts below the folder follow.
    await waitFor(() => expect(screen.queryByText(/ 2 log entries/)).toBeNull());
  });

  it('explains a number of days it cannot keep, and does not save it', async () => {
    await startCore();
    const { user } = await openSettingsPage();
    const logDays = await screen.findByRole('spinbutton', { name: 'Keep log entries for' });

    await user.clear(logDays);
    await user.type(logDays, '0');

    expect(await screen.findByText('Enter a whole number of days from 1 to 3650.')).toBeTruthy();
    expect(logDays.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Save retention' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Settings page: data and syncing', () => {
  it('offers no Open button for the data folder in a browser, only Copy path', async () => {
    await startCore();
    await openSettingsPage();
    expect(await screen.findByRole('button', { name: 'Copy path of the data folder' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open the data folder' })).toBeNull();
  });

  it("shows each cloud endpoint's request pace and where to change it", async () => {
    const core = await startCore();
    await request(core, 'endpoints.create', {
      name: 'Drive',
      type: 'google_drive',
      settings: {
        auth: { type: 'oauth', clientId: 'app.apps.googleusercontent.com' },
        pacing: { requestsPerSecond: 4, burst: 8 },
      },
    });
    await openSettingsPage();

    const table = await screen.findByRole('table', { name: 'Request pace' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe('DriveGoogle Drive4 requests a second, bursts of 8');
  });
});

/** Clicks Export and returns the text of the file the page handed to the browser. */
async function exportedFile(user: ReturnType<typeof userEvent.setup>): Promise<{ name: string; text: string }> {
  const blobs: Blob[] = [];
  const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:exported';
  });
  let name = '';
  // happy-dom would try to navigate to the link; a browser saves the file instead.
  const onClick = (event: MouseEvent) => {
    const link = event.target as HTMLAnchorElement;
    if (link.download) {
      name = link.download;
      event.preventDefault();
    }
  };
  document.addEventListener('click', onClick, true);
  try {
    await user.click(screen.getByRole('button', { name: 'Export configuration' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    return { name, text: await blobs[0]!.text() };
  } finally {
    document.removeEventListener('click', onClick, true);
    createObjectURL.mockRestore();
  }
}

function yamlFile(name: string, lines: string[]): File {
  return new File([lines.join('\n')], name, { type: 'application/yaml' });
}

describe('Settings page: configuration file', () => {
  it('exports the endpoints as file-connector.yaml, without secrets', async () => {
    const core = await startCore();
    const folder = projectFolder({ 'a.txt': 'a' });
    await request(core, 'endpoints.create', {
      ...folderEndpoint('Tower A', folder),
      schedule: { type: 'webhook', secret: 'a-webhook-secret-of-some-length' },
    });
    const { user } = await openSettingsPage();
    await screen.findByRole('button', { name: 'Export configuration' });

    const file = await exportedFile(user);

    expect(file.name).toBe('file-connector.yaml');
    expect(file.text).not.toContain('a-webhook-secret-of-some-length');
    expect(parseYaml(file.text)).toEqual({
      version: 1,
      endpoints: [{ name: 'Tower A', type: 'local_folder', settings: { path: folder }, schedule: { type: 'webhook' } }],
    });
    expect(await screen.findByText(/Saved file-connector.yaml with 1 endpoint\./)).toBeTruthy();
  });

  it('imports a file after showing what it will change', async () => {
    const core = await startCore();
    await request(core, 'endpoints.create', folderEndpoint('Tower A', projectFolder({ 'a.txt': 'a' })));
    const towerB = projectFolder({ 'b.txt': 'b' });
    const { user } = await openSettingsPage();
    const input = await screen.findByLabelText('Import configuration file…');

    await user.upload(
      input,
      yamlFile('site.yaml', [
        'endpoints:',
        '  - name: Tower B',
        '    type: local_folder',
        `    settings: { path: ${JSON.stringify(towerB)} }`,
        '    schedule: { type: interval, minutes: 30 }',
      ]),
    );

    const preview = await screen.findByRole('group', { name: 'Import preview' });
    expect(preview.textContent).toContain('site.yaml will create 1 endpoint (Tower B) and update 0.');
    // Nothing yet.
    expect((await request(core, 'endpoints.list', {})).map((e) => e.name)).toEqual(['Tower A']);

    await user.click(within(preview).getByRole('button', { name: 'Import 1 endpoint' }));

    expect(await screen.findByText(/Imported site.yaml: 1 created \(Tower B\), 0 updated\./)).toBeTruthy();
    const endpoints = await request(core, 'endpoints.list', {});
    expect(endpoints.map((e) => [e.name, e.schedule])).toEqual([
      ['Tower A', { type: 'manual' }],
      ['Tower B', { type: 'interval', minutes: 30 }],
    ]);
  });

  it('refuses a file with problems, naming each by line and column, and changes nothing', async () => {
    const core = await startCore();
    await request(core, 'endpoints.create', folderEndpoint('Tower A', projectFolder({ 'a.txt': 'a' })));
    const before = await request(core, 'endpoints.list', {});
    const { user } = await openSettingsPage();
    const input = await screen.findByLabelText('Import configuration file…');

    await user.upload(
      input,
      yamlFile('broken.yaml', [
        'endpoints:',
        '  - name: Tower B',
        '    type: local_folder',
        '    settings: { path: /tmp }',
        '    schedule: { type: interval, minutes: 0 }',
        '  - name: Tower A',
        '    type: local_foldr',
        '    settings: { path: /tmp }',
      ]),
    );

    const problems = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '5:33 endpoints[0].schedule.minutes: must be at least 1 minute',
      '7:5 endpoints[1].type: must be one of "local_folder", "google_drive", "autodesk_acc", got the string "local_foldr"',
    ]);
    expect(screen.getByRole('alert').textContent).toMatch(
      /^broken\.yaml: The file has 2 problems; nothing was imported\./,
    );
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull();
    expect(await request(core, 'endpoints.list', {})).toEqual(before);
  });
});

describe('app.navigate', () => {
  it('switches to the page a notification asks for', async () => {
    const core = await startCore();
    renderApp(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Overview' });

    act(() => core.events.emit('app.navigate', { page: 'activity' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Activity' })).toBeTruthy();

    act(() => core.events.emit('app.navigate', { page: 'files' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Files' })).toBeTruthy();
  });

  it("brings the endpoint's card into view and focuses it", async () => {
    const core = await startCore();
    await request(core, 'endpoints.create', folderEndpoint('Tower A', projectFolder({ 'a.txt': 'a' })));
    const b = await request(core, 'endpoints.create', folderEndpoint('Tower B', projectFolder({ 'b.txt': 'b' })));
    await openSettingsPage();

    act(() => core.events.emit('app.navigate', { page: 'endpoints', endpointId: b.id }));

    await screen.findByRole('heading', { level: 1, name: 'Endpoints' });
    const card = await screen.findByRole('article', { name: 'Tower B' });
    await waitFor(() => expect(document.activeElement).toBe(card));
  });
});
