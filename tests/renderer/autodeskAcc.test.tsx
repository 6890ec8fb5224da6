// @vitest-environment happy-dom
// The core shares this process with the test window; like the real core (plain Node) its calls to the fake Autodesk's
// token endpoint must not be held to the page's same-origin policy.
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/**
 * Autodesk Construction Cloud from the UI against a real core: the ACC form, a new endpoint waiting for its sign-in,
 * and "Sign in with Autodesk" driving `auth.signIn` through the fake APS (authorize and token endpoints) over real
 * HTTP, then syncs that fail (the app is not a Custom Integration yet) and succeed.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import type { EndpointInput } from '../../src/contract/schemas';
import { FakeApsServer } from '../fakes/autodesk/server';
import { descriptionOf, openPage, renderApp, request, startCore } from './harness';
import { card, consentInBrowser, openEndpointForm } from './endpointSteps';

type User = ReturnType<typeof userEvent.setup>;

const PUBLIC_CLIENT_ID = 'fc-desktop-client';
/** Far above what a few requests need, so the connector's pacing never waits in these tests. */
const fastRateLimits = { hubs: 6000, projects: 6000, topFolders: 6000, folderContents: 6000, token: 6000 };

const fakes: FakeApsServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fake of fakes.splice(0)) await fake.stop();
});

const openAccForm = (user: User) => openEndpointForm(user, 'Autodesk ACC');

/** A fake APS with one public (PKCE) app and a small account, and a PKCE endpoint input pointing at it. */
async function fakeAutodesk() {
  const fake = await new FakeApsServer().start();
  fakes.push(fake);
  fake.tokens.register({ id: PUBLIC_CLIENT_ID });
  const hub = fake.truth.addHub('Contoso Build', 'EMEA');
  const tower = fake.truth.addProject(hub.id, 'Tower A');
  const files = fake.truth.addFolder(tower.rootFolderId, 'Project Files');
  fake.truth.addFile(files, 'S-101 Foundation.pdf', { versions: 2, size: 2048 });
  fake.truth.addFile(files, 'Tower.rvt', { size: 90_000 });
  const endpoint: EndpointInput = {
    name: 'Tower A',
    type: 'autodesk_acc',
    settings: {
      auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID },
      apiBaseUrl: fake.url,
      scope: { projects: ['Tower A'] },
      rateLimits: fastRateLimits,
    },
  };
  return { fake, endpoint };
}

describe('Autodesk ACC form', () => {
  it('shows the ACC fields when Autodesk ACC is chosen, and the sign-in kind decides which', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openAccForm(user);
    expect(dialog.getByText(/Catalog the files in Autodesk Construction Cloud and BIM 360 projects/)).toBeTruthy();
    expect(dialog.queryByLabelText('Folder path')).toBeNull();
    expect(dialog.getByRole('radio', { name: 'Autodesk account (sign in from this app)' })).toHaveProperty(
      'checked',
      true,
    );
    const clientId = dialog.getByLabelText('Client ID');
    expect(descriptionOf(clientId)).toContain(
      'From aps.autodesk.com → Applications → your Desktop, Mobile, Single-Page App → Client ID',
    );
    expect(dialog.queryByLabelText('Secret environment variable (optional)')).toBeNull();
    expect(dialog.queryByLabelText('Act as user ID (optional)')).toBeNull();
    expect(descriptionOf(dialog.getByLabelText('Hub ID (optional)'))).toMatch(/every hub you can see/);
    expect(descriptionOf(dialog.getByLabelText('Projects (optional)'))).toMatch(
      /^Comma separated project names or IDs/,
    );
    expect(dialog.getByRole('checkbox', { name: 'Include hidden items' })).toHaveProperty('checked', false);
    expect(descriptionOf(dialog.getByLabelText('Only these file types (optional)'))).toMatch(/dwg, rvt, pdf, nwd, ifc/);

    await user.click(dialog.getByRole('radio', { name: 'App credentials (server)' }));
    expect(dialog.getByLabelText('Client ID')).toBeTruthy();
    expect(descriptionOf(dialog.getByLabelText('Secret environment variable (optional)'))).toMatch(
      /^Leave empty to enter the client secret on the endpoint's card.*encrypted by the OS\. A server instead reads it from an environment variable.*The secret itself is never stored in settings\./,
    );
    expect(dialog.getByLabelText('Act as user ID (optional)')).toBeTruthy();

    // Google Drive's fields are its own; back to a folder, its form is as it was.
    await user.click(dialog.getByRole('radio', { name: 'Google Drive' }));
    expect(dialog.getByLabelText('OAuth client ID')).toBeTruthy();
    expect(dialog.queryByLabelText('Secret environment variable (optional)')).toBeNull();
    await user.click(dialog.getByRole('radio', { name: 'Local folder' }));
    expect(dialog.getByLabelText('Folder path')).toBeTruthy();
    expect(dialog.getByLabelText('Only these extensions (optional)')).toBeTruthy();
    expect(dialog.queryByLabelText('Hub ID (optional)')).toBeNull();
  });

  it('asks for what is missing before sending anything, next to each field', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openAccForm(user);
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    const name = dialog.getByLabelText('Name');
    const clientId = dialog.getByLabelText('Client ID');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(name)).toMatch(/^Enter a name, e\.g\. "Tower A on ACC"\./);
    expect(clientId.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(clientId)).toMatch(/^Enter the Client ID of your Autodesk app/);
    await waitFor(() => expect(document.activeElement).toBe(name));

    expect(screen.getByRole('dialog', { name: 'Add endpoint' })).toBeTruthy();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
  });

  it("puts the core's objection next to the field it is about", async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openAccForm(user);
    await user.type(dialog.getByLabelText('Name'), 'Tower A');
    await user.click(dialog.getByRole('radio', { name: 'App credentials (server)' }));
    await user.type(dialog.getByLabelText('Client ID'), 'server-app-id');
    // The secret itself rather than the name of the variable that holds it.
    await user.type(dialog.getByLabelText('Secret environment variable (optional)'), 'p4ss word!');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));

    const secretEnv = dialog.getByLabelText('Secret environment variable (optional)');
    await waitFor(() => expect(secretEnv.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(secretEnv)).toMatch(
      /^Secret environment variable must be the name of an environment variable \(letters, digits and _, e\.g\. APS_CLIENT_SECRET\), not the secret itself\./,
    );
    await waitFor(() => expect(document.activeElement).toBe(secretEnv));
    expect(dialog.getByLabelText('Client ID').getAttribute('aria-invalid')).toBeNull();
    expect(dialog.queryByRole('alert')).toBeNull();
    expect(await request(core, 'endpoints.list', {})).toEqual([]);
  });

  it('adds an ACC endpoint whose card asks for a sign-in, and the dialog says "Sign in with Autodesk"', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openAccForm(user);
    await user.type(dialog.getByLabelText('Name'), 'Tower A');
    await user.type(dialog.getByLabelText('Client ID'), 'aBcD1234eFgH5678');
    await user.type(dialog.getByLabelText('Projects (optional)'), 'Tower A, École B');
    await user.type(dialog.getByLabelText('Only these file types (optional)'), 'dwg, rvt');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));

    const acc = await card('Tower A');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(acc.getByText('Autodesk Construction Cloud')).toBeTruthy();
    expect(acc.getByText('Needs sign-in')).toBeTruthy();
    expect(acc.getByText('Projects: Tower A, École B · Autodesk account')).toBeTruthy();
    const syncNow = acc.getByRole('button', { name: 'Sync now' });
    expect(syncNow.hasAttribute('disabled')).toBe(true);
    expect(descriptionOf(syncNow)).toMatch(/Sign in with an Autodesk account/);
    expect(acc.queryByRole('button', { name: 'Sign out' })).toBeNull();

    const [saved] = await request(core, 'endpoints.list', {});
    expect(saved).toMatchObject({
      type: 'autodesk_acc',
      signIn: 'needed',
      settings: {
        auth: { type: 'pkce', clientId: 'aBcD1234eFgH5678' },
        scope: { projects: ['Tower A', 'École B'] },
        includeHidden: false,
      },
      filters: { extensions: ['dwg', 'rvt'] },
    });

    // The one sign-in dialog, in Autodesk's words.
    vi.spyOn(window, 'open').mockImplementation(() => null);
    await user.click(acc.getByRole('button', { name: 'Sign in with Autodesk' }));
    const signIn = within(await screen.findByRole('dialog', { name: 'Sign in with Autodesk' }));
    const steps = within(signIn.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Open Autodesk's sign-in page in a new tab/),
      expect.stringMatching(/Sign in with your Autodesk ID and select Allow/),
      expect.stringMatching(/Come back here/),
    ]);
    expect(signIn.queryByText(/Google/)).toBeNull();
    // Autodesk rotates refresh tokens: a server needs a token file, not just a variable.
    expect(signIn.getByText(/lasts until the server stops.*set auth\.tokenFile \(and auth\.tokenEnv/)).toBeTruthy();
    const openButton = signIn.getByRole('button', { name: 'Open Autodesk sign-in' });
    await waitFor(() => expect(openButton.hasAttribute('disabled')).toBe(false));
    await user.click(signIn.getAllByRole('button', { name: 'Close' })[0]!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await request(core, 'endpoints.list', {}))[0]).toMatchObject({ signIn: 'needed' });
  });

  it('app credentials without a secret variable are saved as such, and the card asks for the secret', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);

    const dialog = await openAccForm(user);
    await user.type(dialog.getByLabelText('Name'), 'Server ACC');
    await user.click(dialog.getByRole('radio', { name: 'App credentials (server)' }));
    await user.type(dialog.getByLabelText('Client ID'), 'server-app-id');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const acc = await card('Server ACC');
    expect(acc.getByText('Needs sign-in')).toBeTruthy();
    expect(acc.getByRole('button', { name: 'Enter client secret' })).toBeTruthy();
    const [saved] = await request(core, 'endpoints.list', {});
    expect(saved).toMatchObject({ signIn: 'needed', signInKind: 'secret' });
    expect((saved!.settings as { auth: unknown }).auth).toEqual({
      type: 'client_credentials',
      clientId: 'server-app-id',
    });
  });

  it('app credentials need no sign-in', async () => {
    const core = await startCore();
    await request(core, 'endpoints.create', {
      name: 'Server ACC',
      type: 'autodesk_acc',
      settings: {
        auth: { type: 'client_credentials', clientId: 'server-app', clientSecretEnv: 'APS_SECRET', userId: 'U123' },
        scope: { hubId: 'b.contoso' },
        includeHidden: true,
      },
    });
    renderApp(<App />);
    await openPage('Endpoints');

    const acc = await card('Server ACC');
    expect(
      acc.getByText('Hub b.contoso · All projects · hidden items too · App credentials acting as U123'),
    ).toBeTruthy();
    expect(acc.queryByText('Needs sign-in')).toBeNull();
    expect(acc.queryByRole('button', { name: 'Sign in with Autodesk' })).toBeNull();
    expect(acc.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(false);
  });

  it('edits an ACC endpoint, keeping the settings the form does not show', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { endpoint } = await fakeAutodesk();
    const input = {
      ...endpoint,
      settings: {
        ...(endpoint.settings as Record<string, unknown>),
        scope: { projects: ['Tower A'], folders: ['Tower A/Project Files'] },
      },
      filters: { ignore: ['*.tmp'] },
    } as EndpointInput;
    const created = await request(core, 'endpoints.create', input);
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Tower A')).getByRole('button', { name: 'Edit' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit Tower A' }));
    expect(dialog.getByLabelText('Client ID')).toHaveProperty('value', PUBLIC_CLIENT_ID);
    expect(dialog.getByLabelText('Projects (optional)')).toHaveProperty('value', 'Tower A');
    expect(dialog.getByRole('radio', { name: 'Local folder' }).hasAttribute('disabled')).toBe(true);

    const projects = dialog.getByLabelText('Projects (optional)');
    await user.clear(projects);
    await user.type(projects, 'Tower A, Tower B');
    await user.click(dialog.getByRole('checkbox', { name: 'Include hidden items' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const saved = await request(core, 'endpoints.get', { id: created.id });
    // The fake's API root, the rate limits and the folder scope, which the form does not show, are still there.
    expect(saved.settings).toMatchObject({
      auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID },
      apiBaseUrl: (endpoint.settings as { apiBaseUrl: string }).apiBaseUrl,
      rateLimits: fastRateLimits,
      scope: { projects: ['Tower A', 'Tower B'], folders: ['Tower A/Project Files'] },
      includeHidden: true,
    });
    expect(saved.filters).toMatchObject({ ignore: ['*.tmp'] });
  });
});

describe('Sign in with Autodesk', () => {
  it('signs in through the consent page; a sync Autodesk refuses says what to do, and the next one works', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { fake, endpoint } = await fakeAutodesk();
    await request(core, 'endpoints.create', endpoint);
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Tower A')).getByRole('button', { name: 'Sign in with Autodesk' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Sign in with Autodesk' }));
    const openButton = dialog.getByRole('button', { name: 'Open Autodesk sign-in' });
    await waitFor(() => expect(openButton.hasAttribute('disabled')).toBe(false));
    expect(dialog.getByRole('status').textContent).toBe('Waiting for you to finish in the browser…');
    await user.click(openButton);
    const url = String(open.mock.calls[0]![0]);
    expect(url).toMatch(/\/authentication\/v2\/authorize\?.*client_id=fc-desktop-client/);
    await consentInBrowser(url);

    expect(await dialog.findByText('Signed in.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 5000 });
    const acc = await card('Tower A');
    await waitFor(() => expect(acc.queryByText('Needs sign-in')).toBeNull());
    expect(acc.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(fake.tokens.issued.authorization_code).toBe(1);

    // The app is not a Custom Integration of the account yet: the card says what an admin must do.
    fake.hubsMode = 'forbidden';
    await user.click(acc.getByRole('button', { name: 'Sync now' }));
    expect(await acc.findByText('Failed', {}, { timeout: 10_000 })).toBeTruthy();
    const error = acc.getByRole('alert');
    expect(error.textContent).toMatch(/Custom Integrations.*client id fc-desktop-client\. Then sync again\./);

    fake.hubsMode = 'ok';
    await user.click(acc.getByRole('button', { name: 'Sync now' }));
    expect(await acc.findByText('Succeeded', {}, { timeout: 10_000 })).toBeTruthy();
    expect(acc.queryByRole('alert')).toBeNull();
    const listed = (await request(core, 'endpoints.list', {}))[0]!;
    expect(listed).toMatchObject({ signIn: 'signed-in', fileCount: 2 });

    await user.click(acc.getByRole('button', { name: 'Sign out' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Sign out of Tower A?' }));
    await user.click(confirm.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await acc.findByText('Needs sign-in')).toBeTruthy();
    expect(acc.getByRole('button', { name: 'Sign in with Autodesk' })).toBeTruthy();
  });
});

describe('App credentials with the secret kept by the app', () => {
  const SERVER_CLIENT_ID = 'fc-server-client';
  const SERVER_SECRET = 'server-secret-71c2a9';

  /** The fake account of `fakeAutodesk` plus a second project, and a server app whose secret the app keeps. */
  async function serverAccount(core: Awaited<ReturnType<typeof startCore>>) {
    const { fake } = await fakeAutodesk();
    fake.tokens.register({ id: SERVER_CLIENT_ID, secret: SERVER_SECRET });
    const [hub] = fake.truth.hubs;
    const school = fake.truth.addProject(hub!.id, 'École B');
    fake.truth.addFile(fake.truth.addFolder(school.rootFolderId, 'Project Files'), 'Plan.dwg', { size: 512 });
    const created = await request(core, 'endpoints.create', {
      name: 'Server ACC',
      type: 'autodesk_acc',
      settings: {
        auth: { type: 'client_credentials', clientId: SERVER_CLIENT_ID },
        apiBaseUrl: fake.url,
        rateLimits: fastRateLimits,
      },
    });
    return { fake, hubId: hub!.id, id: created.id };
  }

  it('"Enter client secret" on the card keeps the secret, and the sync then works', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { id } = await serverAccount(core);
    renderApp(<App />);
    await openPage('Endpoints');

    const acc = await card('Server ACC');
    expect(acc.getByText('Needs sign-in')).toBeTruthy();
    expect(acc.getByText(/^Enter the client secret of the Autodesk app so File Connector can read/)).toBeTruthy();
    expect(acc.queryByRole('button', { name: 'Sign in with Autodesk' })).toBeNull();
    expect(acc.queryByRole('button', { name: 'Choose projects' })).toBeNull();
    expect(acc.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);

    await user.click(acc.getByRole('button', { name: 'Enter client secret' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Enter client secret' }));
    // This core keeps secrets in memory only (as `serve` does): the dialog says what a server should do instead.
    expect(dialog.getByText(/keeps the client secret in memory only.*set auth\.clientSecretEnv/)).toBeTruthy();
    const field = dialog.getByLabelText('Client secret');
    expect(field.getAttribute('type')).toBe('password');
    await user.click(dialog.getByRole('button', { name: 'Save secret' }));
    expect(descriptionOf(field)).toMatch(/^Enter the client secret of the Autodesk app\./);
    await user.type(field, SERVER_SECRET);
    await user.click(dialog.getByRole('button', { name: 'Save secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await waitFor(() => expect(acc.queryByText('Needs sign-in')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SERVER_SECRET);
    expect(await request(core, 'endpoints.get', { id })).toMatchObject({ signIn: 'signed-in', signInKind: 'secret' });
    await user.click(acc.getByRole('button', { name: 'Sync now' }));
    expect(await acc.findByText('Succeeded', {}, { timeout: 10_000 })).toBeTruthy();
    expect(await request(core, 'endpoints.get', { id })).toMatchObject({ fileCount: 3 });
  });

  it('"Choose projects" lists the hub\'s projects, and the next sync catalogs only the chosen one', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { hubId, id } = await serverAccount(core);
    await request(core, 'auth.setSecret', { endpointId: id, secret: SERVER_SECRET });
    renderApp(<App />);
    await openPage('Endpoints');

    const acc = await card('Server ACC');
    expect(acc.getByText('All projects · App credentials')).toBeTruthy();
    await user.click(acc.getByRole('button', { name: 'Choose projects' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Choose projects' }));
    const hub = within(await dialog.findByRole('group', { name: 'Contoso Build (EMEA)' }));
    const boxes = hub.getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual(['Tower A', 'École B']);
    expect(boxes.every((b) => !(b as HTMLInputElement).checked)).toBe(true);

    await user.click(hub.getByRole('checkbox', { name: 'École B' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await acc.findByText(`Hub ${hubId} · Projects: École B · App credentials`)).toBeTruthy();
    expect((await request(core, 'endpoints.get', { id })).settings).toMatchObject({
      scope: { hubId, projects: ['École B'] },
      apiBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1/),
      rateLimits: fastRateLimits,
    });

    await user.click(acc.getByRole('button', { name: 'Sync now' }));
    expect(await acc.findByText('Succeeded', {}, { timeout: 10_000 })).toBeTruthy();
    const files = await request(core, 'files.query', { endpointIds: [id], isFolder: false });
    expect(files.rows.map((f) => f.path)).toEqual(['École B/Project Files/Plan.dwg']);

    // Opened again, the picker shows the saved choice.
    await user.click(acc.getByRole('button', { name: 'Choose projects' }));
    const again = within(await screen.findByRole('dialog', { name: 'Choose projects' }));
    expect(await again.findByRole('checkbox', { name: 'École B' })).toHaveProperty('checked', true);
    expect(again.getByRole('checkbox', { name: 'Tower A' })).toHaveProperty('checked', false);
  });

  it('"Choose projects" shows what Autodesk refused', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const { fake, id } = await serverAccount(core);
    await request(core, 'auth.setSecret', { endpointId: id, secret: SERVER_SECRET });
    fake.hubsMode = 'forbidden';
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click((await card('Server ACC')).getByRole('button', { name: 'Choose projects' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Choose projects' }));
    expect((await dialog.findByRole('alert')).textContent).toMatch(/Custom Integrations.*client id fc-server-client/);
    expect(dialog.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
  });
});
