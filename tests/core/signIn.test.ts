import { afterEach, describe, expect, it } from 'vitest';
import type { SignInProgress } from '../../src/contract/model.js';
import { openCore, type Core } from '../../src/core/core.js';
import { memorySecretStore, type SecretStore } from '../../src/core/secrets.js';
import { startFakeDrive, type FakeDriveServer } from '../fakes/googleDrive/server.js';
import { tempDir } from '../helpers/tempDir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The system browser: opens the consent page and follows its redirect to the app's loopback listener. */
async function browser(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (location) await fetch(location);
}

async function setup(openExternal?: (url: string) => Promise<void>) {
  const fake = await startFakeDrive();
  cleanups.push(() => fake.stop());
  fake.tokens.registerClient('desktop.apps.example', 'desktop-secret');
  fake.truth.addFile(fake.truth.myDriveRootId, 'Site plan.pdf');
  const secrets: SecretStore = memorySecretStore();
  const core: Core = await openCore({ dataDir: tempDir('fc-signin-'), host: 'desktop', secrets, openExternal });
  cleanups.push(() => core.close());
  const progress: SignInProgress[] = [];
  core.subscribe((m) => m.event === 'auth.progress' && progress.push(m.payload as SignInProgress));
  const created = await core.dispatch('endpoints.create', driveEndpoint(fake));
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.result as { id: number }).id;
  return { fake, core, secrets, progress, id };
}

function driveEndpoint(fake: FakeDriveServer) {
  return {
    name: 'Design drive',
    type: 'google_drive',
    settings: {
      auth: {
        type: 'oauth',
        clientId: 'desktop.apps.example',
        clientSecret: 'desktop-secret',
        authorizeUrl: `${fake.url}/authorize`,
        tokenUrl: `${fake.url}/token`,
      },
      apiBaseUrl: `${fake.url}/`,
      scope: { myDrive: true, sharedDrives: 'none' },
      pacing: { requestsPerSecond: 1000, burst: 1000 },
    },
  };
}

describe('Sign in with Google, through the contract', () => {
  it('a new Drive endpoint needs a sign-in, and cannot sync before it', async () => {
    const { core, id } = await setup(browser);
    expect(await core.dispatch('endpoints.get', { id })).toMatchObject({ ok: true, result: { signIn: 'needed' } });
    const refused = await core.dispatch('sync.start', { endpointId: id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/not signed in/) },
    });
    // "Sync all" leaves it out instead of failing.
    expect(await core.dispatch('sync.start', {})).toEqual({ ok: true, result: { runIds: [], queued: [] } });
  });

  it('signs in through the system browser, keeps the token in the secret store, then syncs', async () => {
    const { core, secrets, progress, id } = await setup(browser);
    expect(await core.dispatch('auth.signIn', { endpointId: id })).toEqual({ ok: true, result: { signedIn: true } });
    expect(progress.map((p) => p.step)).toEqual(['opening-browser', 'waiting-for-consent', 'exchanging-code', 'done']);
    expect(progress[0]!.authorizeUrl).toMatch(/\/authorize\?.*code_challenge_method=S256/);
    expect(await secrets.has(`google_drive/${id}/refresh_token`)).toBe(true);
    expect(await core.dispatch('endpoints.get', { id })).toMatchObject({ result: { signIn: 'signed-in' } });

    const run = await core.engine.run(id, { trigger: 'manual' });
    expect(run).toMatchObject({ status: 'success', added: 1 });
    expect(await core.dispatch('files.query', { search: 'Site plan' })).toMatchObject({
      result: { rows: [{ path: 'My Drive/Site plan.pdf' }] },
    });
  });

  it('signing out forgets the token; removing the endpoint does too', async () => {
    const { core, secrets, id } = await setup(browser);
    await core.dispatch('auth.signIn', { endpointId: id });
    await core.dispatch('auth.signOut', { endpointId: id });
    expect(await core.dispatch('endpoints.get', { id })).toMatchObject({ result: { signIn: 'needed' } });
    await core.dispatch('auth.signIn', { endpointId: id });
    await core.dispatch('endpoints.remove', { id });
    expect(await secrets.has(`google_drive/${id}/refresh_token`)).toBe(false);
  });

  it('without a desktop shell, hands the consent page to the front end and can be cancelled', async () => {
    const { core, progress, id } = await setup(undefined);
    const pending = core.dispatch('auth.signIn', { endpointId: id });
    await expect.poll(() => progress.map((p) => p.step)).toContain('waiting-for-consent');
    expect(progress[0]!.authorizeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    expect(await core.dispatch('auth.cancel', { endpointId: id })).toEqual({ ok: true, result: { cancelled: true } });
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cancelled/) } });
    expect(progress.at(-1)).toMatchObject({ step: 'failed', message: expect.stringMatching(/cancelled/) });
  });

  it('endpoints that sign in otherwise say so', async () => {
    const { core } = await setup(browser);
    const folder = await core.dispatch('endpoints.create', {
      name: 'Folder',
      type: 'local_folder',
      settings: { path: tempDir() },
    });
    const id = (folder as { ok: true; result: { id: number; signIn: string } }).result;
    expect(id.signIn).toBe('not-needed');
    expect(await core.dispatch('auth.signIn', { endpointId: id.id })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });
});
