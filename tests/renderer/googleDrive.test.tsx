// @vitest-environment happy-dom
// The core shares this process with the test window; like the real core (plain Node) its calls to the fake Google's
// token endpoint must not be held to the page's same-origin policy.
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/**
 * Google Drive from the UI against a real core: the Drive form, a new endpoint waiting for its sign-in, and the
 * sign-in dialog driving `auth.signIn` through the fake Google (consent page and token endpoint) over real HTTP.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import type { EndpointInput } from '../../src/contract/schemas';
import { startFakeDrive, type FakeDriveServer } from '../fakes/googleDrive/server';
import { descriptionOf, openPage, renderApp, request, startCore } from './harness';
import { card, consentInBrowser, openEndpointForm } from './endpointSteps';

type User = ReturnType<typeof userEvent.setup>;

const fakes: FakeDriveServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fake of fakes.splice(0)) await fake.stop();
});

const openDriveForm = (user: User) => openEndpointForm(user, 'Google Drive');

/** A fake Google with one desktop client, and an endpoint input pointing at it. */
async function fakeGoogle(clientId = 'desktop.apps.example') {
  const fake = await startFakeDrive();
  fakes.push(fake);
  fake.tokens.registerClient('desktop.apps.example', 'desktop-secret');
  const endpoint: EndpointInput = {
    name: 'Design drive',
    type: 'google_drive',
    settings: {
      auth: {
        type: 'oauth',
        clientId,
        clientSecret: 'desktop-secret',
        authorizeUrl: `${fake.url}/authorize`,
        tokenUrl: `${fake.url}/token`,
      },
      apiBaseUrl: `${fake.url}/`,
      scope: { myDrive: true, sharedDrives: 'none' },
    },
  };
  return { fake, endpoint };
}

describe('Google Drive form', () => {
  it('shows the Drive fields when Google Drive is chosen, and the sign-in kind decides which', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openDriveForm(user);
    expect(dialog.queryByLabelText('Folder path')).toBeNull();
    expect(dialog.getByRole('radio', { name: 'Google account (sign in from this app)' })).toHaveProperty(
      'checked',
      true,
    );
    const clientId = dialog.getByLabelText('OAuth client ID');
    expect(descriptionOf(clientId)).toContain(
      'From Google Cloud Console → APIs & Services → Credentials → Create credentials → OAuth client ID → Desktop app',
    );
    expect(dialog.getByLabelText('Client secret (optional)')).toBeTruthy();
    expect(dialog.getByRole('checkbox', { name: 'My Drive' })).toHaveProperty('checked', true);
    expect(dialog.getByRole('radio', { name: 'All' })).toHaveProperty('checked', true);
    expect(dialog.getByLabelText('Only these extensions (optional)')).toBeTruthy();

    await user.click(dialog.getByRole('radio', { name: 'Service account key' }));
    expect(dialog.queryByLabelText('OAuth client ID')).toBeNull();
    expect(dialog.getByLabelText('Key file')).toBeTruthy();
    expect(dialog.getByLabelText('Act as user (optional)')).toBeTruthy();

    await user.click(dialog.getByRole('radio', { name: 'Only these' }));
    expect(dialog.getByLabelText('Shared drive names or IDs')).toBeTruthy();

    // Back to a folder: its form is as it was.
    await user.click(dialog.getByRole('radio', { name: 'Local folder' }));
    expect(dialog.getByLabelText('Folder path')).toBeTruthy();
    expect(dialog.queryByLabelText('Key file')).toBeNull();
  });

  it('asks for what is missing before sending anything, next to each field', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openDriveForm(user);
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    const name = dialog.getByLabelText('Name');
    const clientId = dialog.getByLabelText('OAuth client ID');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(clientId.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(clientId)).toMatch(/^Enter the OAuth client ID/);
    await waitFor(() => expect(document.activeElement).toBe(name));

    // Nothing to catalog.
    await user.click(dialog.getByRole('checkbox', { name: 'My Drive' }));
    await user.click(dialog.getByRole('radio', { name: 'None' }));
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    expect(descriptionOf(dialog.getByRole('checkbox', { name: 'My Drive' }))).toMatch(
      /^Choose something to catalog: My Drive, shared drives, or both\./,
    );

    // "Only these" needs at least one drive.
    await user.click(dialog.getByRole('radio', { name: 'Only these' }));
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    expect(descriptionOf(dialog.getByLabelText('Shared drive names or IDs'))).toMatch(
      /^Enter at least one shared drive/,
    );

    await user.click(dialog.getByRole('radio', { name: 'Service account key' }));
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    expect(descriptionOf(dialog.getByLabelText('Key file'))).toMatch(/^Enter the path of the service account key/);

    expect(screen.getByRole('dialog', { name: 'Add endpoint' })).toBeTruthy();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
  });

  it("puts the core's objection next to the field it is about", async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openDriveForm(user);
    await user.type(dialog.getByLabelText('Name'), 'Workspace drive');
    await user.click(dialog.getByRole('radio', { name: 'Service account key' }));
    await user.type(dialog.getByLabelText('Key file'), '/keys/sa.json');
    // Looks like an address to the form; the core's email check knows better.
    await user.type(dialog.getByLabelText('Act as user (optional)'), 'alex@example..com');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));

    const subject = dialog.getByLabelText('Act as user (optional)');
    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(subject)).toMatch(/^Act as user must be an email address\./);
    expect(dialog.getByLabelText('Key file').getAttribute('aria-invalid')).toBeNull();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
  });

  it('adds a Drive endpoint whose card asks for a sign-in before it can sync', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openDriveForm(user);
    await user.type(dialog.getByLabelText('Name'), 'Design drive');
    await user.type(dialog.getByLabelText('OAuth client ID'), '123-abc.apps.googleusercontent.com');
    await user.click(dialog.getByRole('radio', { name: 'Only these' }));
    await user.type(dialog.getByLabelText('Shared drive names or IDs'), 'Projects, Tower A');
    await user.type(dialog.getByLabelText('Only these extensions (optional)'), 'pdf, dwg');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));

    const drive = await card('Design drive');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(drive.getByText('Google Drive')).toBeTruthy();
    expect(drive.getByText('Needs sign-in')).toBeTruthy();
    expect(drive.getByText('My Drive and shared drives: Projects, Tower A · Google account')).toBeTruthy();
    expect(drive.getByRole('button', { name: 'Sign in with Google' })).toBeTruthy();
    const syncNow = drive.getByRole('button', { name: 'Sync now' });
    expect(syncNow.hasAttribute('disabled')).toBe(true);
    expect(descriptionOf(syncNow)).toMatch(/Sign in with a Google account/);
    expect(drive.queryByRole('button', { name: 'Sign out' })).toBeNull();

    const [saved] = await request(core, 'endpoints.list', {});
    expect(saved).toMatchObject({
      type: 'google_drive',
      signIn: 'needed',
      settings: {
        auth: { type: 'oauth', clientId: '123-abc.apps.googleusercontent.com' },
        scope: { myDrive: true, sharedDrives: ['Projects', 'Tower A'] },
      },
      filters: { extensions: ['pdf', 'dwg'] },
    });
  });

  it('a service-account endpoint needs no sign-in', async () => {
    const core = await startCore();
    await request(core, 'endpoints.create', {
      name: 'IT drive',
      type: 'google_drive',
      settings: { auth: { type: 'service_account', keyFile: '/keys/sa.json', subject: 'it@example.com' } },
    });
    renderApp(<App />);
    await openPage('Endpoints');

    const drive = await card('IT drive');
    expect(drive.getByText('My Drive and all shared drives · Service account acting as it@example.com')).toBeTruthy();
    expect(drive.queryByText('Needs sign-in')).toBeNull();
    expect(drive.queryByRole('button', { name: 'Sign in with Google' })).toBeNull();
    expect(drive.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(false);
  });

  it('edits a Drive endpoint, keeping the settings the form does not show', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { endpoint } = await fakeGoogle();
    const created = await request(core, 'endpoints.create', endpoint);
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Design drive')).getByRole('button', { name: 'Edit' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit Design drive' }));
    expect(dialog.getByLabelText('OAuth client ID')).toHaveProperty('value', 'desktop.apps.example');
    expect(dialog.getByRole('radio', { name: 'None' })).toHaveProperty('checked', true);
    // The type of an existing endpoint stays.
    expect(dialog.getByRole('radio', { name: 'Local folder' }).hasAttribute('disabled')).toBe(true);

    await user.click(dialog.getByRole('radio', { name: 'All' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const saved = await request(core, 'endpoints.get', { id: created.id });
    // The fake's sign-in hosts and API root, which the form does not show, are still there.
    expect(saved.settings).toMatchObject({
      ...(endpoint.settings as Record<string, unknown>),
      scope: { myDrive: true, sharedDrives: 'all' },
    });
  });
});

describe('Sign in with Google', () => {
  it('explains the steps, offers the consent page in a new tab, and Cancel stops the sign-in', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { endpoint } = await fakeGoogle();
    await request(core, 'endpoints.create', endpoint);
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Design drive')).getByRole('button', { name: 'Sign in with Google' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Sign in with Google' }));
    const steps = within(dialog.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Open Google's sign-in page in a new tab/),
      expect.stringMatching(/Choose your Google account and allow File Connector to see file information/),
      expect.stringMatching(/Come back here/),
    ]);
    // A server through `serve` keeps the sign-in in memory only, and says what to do instead.
    expect(dialog.getByText(/lasts until the server stops.*auth\.tokenFile or auth\.tokenEnv/)).toBeTruthy();

    // The core is waiting for the person: the second step is current and the consent page can be opened.
    const openButton = dialog.getByRole('button', { name: 'Open Google sign-in' });
    await waitFor(() => expect(openButton.hasAttribute('disabled')).toBe(false));
    await waitFor(() => expect(steps[1]!.getAttribute('aria-current')).toBe('step'));
    expect(dialog.getByRole('status').textContent).toBe('Waiting for you to finish in the browser…');
    await user.click(openButton);
    expect(open).toHaveBeenCalledWith(
      expect.stringMatching(/\/authorize\?.*client_id=desktop\.apps\.example/),
      '_blank',
      'noopener',
    );

    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(await dialog.findByText('Sign-in cancelled. Nothing was saved.')).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect((await request(core, 'endpoints.list', {}))[0]).toMatchObject({ signIn: 'needed' });

    // The footer's Close (the header has its own).
    await user.click(dialog.getAllByRole('button', { name: 'Close' }).at(-1)!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await card('Design drive')).getByText('Needs sign-in')).toBeTruthy();
  });

  it('signs in through the consent page, then the card can sync and sign out', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { endpoint } = await fakeGoogle();
    await request(core, 'endpoints.create', endpoint);
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Design drive')).getByRole('button', { name: 'Sign in with Google' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Sign in with Google' }));
    const openButton = dialog.getByRole('button', { name: 'Open Google sign-in' });
    await waitFor(() => expect(openButton.hasAttribute('disabled')).toBe(false));
    await user.click(openButton);
    await consentInBrowser(String(open.mock.calls[0]![0]));

    expect(await dialog.findByText('Signed in.')).toBeTruthy();
    // It closes itself, and the card follows the core's endpoints.changed.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 5000 });
    const drive = await card('Design drive');
    await waitFor(() => expect(drive.queryByText('Needs sign-in')).toBeNull());
    expect(drive.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(false);

    await user.click(drive.getByRole('button', { name: 'Sign out' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Sign out of Design drive?' }));
    await user.click(confirm.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await drive.findByText('Needs sign-in')).toBeTruthy();
    expect((await request(core, 'endpoints.list', {}))[0]).toMatchObject({ signIn: 'needed' });
  });

  it('says what went wrong when Google refuses, and lets the person try again', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    // Google does not know this client: its consent page sends the person back with an error.
    const { endpoint } = await fakeGoogle('unknown.apps.example');
    await request(core, 'endpoints.create', endpoint);
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Design drive')).getByRole('button', { name: 'Sign in with Google' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Sign in with Google' }));
    const openButton = dialog.getByRole('button', { name: 'Open Google sign-in' });
    await waitFor(() => expect(openButton.hasAttribute('disabled')).toBe(false));
    await user.click(openButton);
    await consentInBrowser(String(open.mock.calls[0]![0]));

    const alert = await dialog.findByRole('alert');
    expect(alert.textContent).toMatch(/^Signing in to Google did not finish: /);
    expect(dialog.queryByRole('button', { name: 'Cancel' })).toBeNull();

    // Trying again starts a new sign-in with a new consent page.
    await user.click(dialog.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(dialog.getByRole('button', { name: 'Open Google sign-in' }).hasAttribute('disabled')).toBe(false),
    );
    expect(dialog.queryByRole('alert')).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(await dialog.findByText('Sign-in cancelled. Nothing was saved.')).toBeTruthy();
  });
});
