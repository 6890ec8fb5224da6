// @vitest-environment happy-dom
/** The Settings page against a real core: settings save at once and stay, concurrency, data, and app.navigate. */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
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
  it('opens with Alt+4 / Ctrl+4, after Activity in the sidebar', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Endpoints' });
    const labels = within(screen.getByRole('navigation', { name: 'Main' }))
      .getAllByRole('button')
      .map((b) => b.querySelector('.nav-label')?.textContent);
    expect(labels).toEqual(['Endpoints', 'Files', 'Activity', 'Settings']);

    await user.keyboard('{Alt>}4{/Alt}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    await user.keyboard('{Alt>}1{/Alt}');
    await screen.findByRole('heading', { level: 1, name: 'Endpoints' });
    await user.keyboard('{Control>}4{/Control}');
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

describe('app.navigate', () => {
  it('switches to the page a notification asks for', async () => {
    const core = await startCore();
    renderApp(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Endpoints' });

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
