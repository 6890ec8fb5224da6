/**
 * Autodesk app credentials whose secret the desktop app keeps (`auth.setSecret`), and the project picker's listing
 * (`endpoints.browse`), through the contract against the fake APS server over real HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core/core.js';
import { memorySecretStore, type SecretStore } from '../../src/core/secrets.js';
import { tempDir } from '../helpers/tempDir.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PUBLIC_CLIENT_ID,
  scaledRateLimits,
  smallAccount,
  startFake,
} from '../connectors/autodesk_acc/helpers.js';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function setup(auth: Record<string, unknown> = { type: 'client_credentials', clientId: CLIENT_ID }) {
  const fake = await startFake();
  smallAccount(fake.truth);
  const secrets: SecretStore = memorySecretStore();
  const dataDir = tempDir('fc-acc-secret-');
  core = await openCore({ dataDir, host: 'desktop', secrets, env: {} });
  const c = core;
  const call = async (name: string, input: unknown) => c.dispatch(name, input);
  const created = await call('endpoints.create', {
    name: 'Towers',
    type: 'autodesk_acc',
    settings: { auth, apiBaseUrl: fake.url, rateLimits: scaledRateLimits },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.result as { id: number }).id;
  return { fake, secrets, dataDir, core: c, call, id };
}

/** Everything the core wrote to its log files. */
function logText(dataDir: string): string {
  const dir = path.join(dataDir, 'logs');
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('auth.setSecret', () => {
  it('app credentials without clientSecretEnv wait for a secret, then sync with it; signing out forgets it', async () => {
    const { fake, secrets, dataDir, core, call, id } = await setup();
    expect(await call('endpoints.get', { id })).toMatchObject({
      result: { signIn: 'needed', signInKind: 'secret' },
    });
    expect(await call('sync.start', { endpointId: id })).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/"Towers" has no client secret yet: enter the client secret/),
      },
    });
    // It is no browser sign-in.
    expect(await call('auth.signIn', { endpointId: id })).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringMatching(/enter its client secret instead/) },
    });

    const saved = await call('auth.setSecret', { endpointId: id, secret: ` ${CLIENT_SECRET} ` });
    // The answer does not carry the secret back.
    expect(saved).toEqual({ ok: true, result: { saved: true } });
    expect(await secrets.get(`autodesk_acc/${id}/client_secret`)).toBe(CLIENT_SECRET);
    expect(await call('endpoints.get', { id })).toMatchObject({
      result: { signIn: 'signed-in', signInKind: 'secret' },
    });

    const run = await core.engine.run(id, { trigger: 'manual' });
    expect(run).toMatchObject({ status: 'success', added: fake.truth.entries().length });
    expect(fake.tokens.issued.client_credentials).toBeGreaterThanOrEqual(1);
    expect(logText(dataDir)).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(await call('logs.recent', { limit: 5000, level: 'debug' }))).not.toContain(CLIENT_SECRET);

    expect(await call('auth.signOut', { endpointId: id })).toEqual({ ok: true, result: { signedOut: true } });
    expect(await secrets.has(`autodesk_acc/${id}/client_secret`)).toBe(false);
    expect(await call('endpoints.get', { id })).toMatchObject({ result: { signIn: 'needed' } });
  });

  it('refuses an empty or overlong secret without echoing it, and endpoints that take none', async () => {
    const { call, id } = await setup();
    const long = 'x'.repeat(501);
    const tooLong = await call('auth.setSecret', { endpointId: id, secret: long });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: 'secret', message: 'must be at most 500 characters' }] },
    });
    expect(JSON.stringify(tooLong)).not.toContain(long);
    expect(await call('auth.setSecret', { endpointId: id, secret: '   ' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'secret', message: 'must not be empty' }] },
    });

    const env = await call('endpoints.create', {
      name: 'Server',
      type: 'autodesk_acc',
      settings: { auth: { type: 'client_credentials', clientId: CLIENT_ID, clientSecretEnv: 'APS_SECRET' } },
    });
    const envId = (env as { result: { id: number; signInKind: unknown } }).result;
    expect(envId.signInKind).toBeNull();
    expect(await call('auth.setSecret', { endpointId: envId.id, secret: 'abc' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('a PKCE endpoint is a browser sign-in', async () => {
    const { call, id } = await setup({ type: 'pkce', clientId: PUBLIC_CLIENT_ID });
    expect(await call('endpoints.get', { id })).toMatchObject({ result: { signIn: 'needed', signInKind: 'browser' } });
  });
});

describe('endpoints.browse', () => {
  it('lists every hub and its projects, marking those the scope names', async () => {
    const { fake, call, id } = await setup();
    const other = fake.truth.addHub('Fabrikam', 'US');
    fake.truth.addProject(other.id, 'Depot');

    // Not before the secret is there.
    expect(await call('endpoints.browse', { endpointId: id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/no client secret yet.*then choose projects/) },
    });
    await call('auth.setSecret', { endpointId: id, secret: CLIENT_SECRET });

    const endpoint = (await call('endpoints.get', { id })) as { result: { settings: Record<string, unknown> } };
    const settings = { ...endpoint.result.settings, scope: { projects: ['école b'], hubId: 'b.somewhere-else' } };
    await call('endpoints.update', { id, endpoint: { name: 'Towers', type: 'autodesk_acc', settings } });

    const listed = await call('endpoints.browse', { endpointId: id });
    expect(listed).toEqual({
      ok: true,
      result: {
        hubs: [
          {
            id: expect.any(String),
            name: 'Contoso Build',
            region: 'EMEA',
            projects: [
              { id: expect.any(String), name: 'Tower A', selected: false },
              { id: expect.any(String), name: 'École B', selected: true },
            ],
          },
          {
            id: other.id,
            name: 'Fabrikam',
            region: 'US',
            projects: [{ id: expect.any(String), name: 'Depot', selected: false }],
          },
        ],
      },
    });
  });

  it('says what an admin must do when the app is not a Custom Integration, and refuses other types', async () => {
    const { fake, call, id } = await setup();
    await call('auth.setSecret', { endpointId: id, secret: CLIENT_SECRET });
    fake.hubsMode = 'forbidden';
    expect(await call('endpoints.browse', { endpointId: id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/Custom Integrations.*client id fc-test-client/) },
    });

    const folder = await call('endpoints.create', {
      name: 'Folder',
      type: 'local_folder',
      settings: { path: tempDir() },
    });
    const folderId = (folder as { result: { id: number } }).result.id;
    expect(await call('endpoints.browse', { endpointId: folderId })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });
});
