import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/catalog/catalog.js';
import { googleDrive } from '../../../src/connectors/google_drive/index.js';
import { createConnector } from '../../../src/connectors/registry.js';
import type { GoogleDriveSettings } from '../../../src/connectors/google_drive/settings.js';
import { refreshTokenKey } from '../../../src/connectors/google_drive/signIn.js';
import { memorySecretStore } from '../../../src/core/secrets.js';
import { createLogger } from '../../../src/logging/logger.js';
import { SyncEngine } from '../../../src/sync/engine.js';
import { tempDir } from '../../helpers/tempDir.js';
import { fakeDriveWithKey, settingsFor } from './helpers.js';
import { populate } from './scenario.js';

const closing: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** A Drive endpoint synced the way the app does it: each run builds its connector through the registry. */
async function appEndpoint(
  fake: Awaited<ReturnType<typeof fakeDriveWithKey>>['fake'],
  keyFile: string,
  settings: GoogleDriveSettings = settingsFor(fake, keyFile),
) {
  const catalog = Catalog.open(path.join(tempDir('fc-gd-reuse-'), 'catalog.db'));
  closing.push(() => catalog.close());
  const endpoint = catalog.endpoints.create({
    name: 'Design drive',
    type: 'google_drive',
    settings,
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
  const { logger, close } = await createLogger({});
  closing.push(close);
  const secrets = memorySecretStore();
  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: (e) => createConnector(e, { secrets }),
    onProgress: () => {},
    onFinished: () => {},
  });
  const sync = () => engine.run(endpoint.id, { trigger: 'manual' });
  return { catalog, endpoint, sync, secrets };
}

describe('Google Drive access tokens between runs', () => {
  it('lets the next run of an endpoint use the access token of the last while it is valid', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const t = await appEndpoint(fake, keyFile);
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'full' });
    expect(fake.count('/token')).toBe(1);

    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(fake.count('/token')).toBe(1);
  });

  it('asks for a new access token once Drive refuses the kept one (401), and keeps that one instead', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const t = await appEndpoint(fake, keyFile);
    expect(await t.sync()).toMatchObject({ status: 'success' });
    expect(fake.count('/token')).toBe(1);

    fake.tokens.revokeAccessTokens();
    expect(await t.sync()).toMatchObject({ status: 'success' });
    expect(fake.count('/token')).toBe(2);

    expect(await t.sync()).toMatchObject({ status: 'success' });
    expect(fake.count('/token')).toBe(2);
  });

  it('does not hand a kept token to other credentials', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const first = await appEndpoint(fake, keyFile);
    expect(await first.sync()).toMatchObject({ status: 'success' });
    expect(fake.count('/token')).toBe(1);

    // The same endpoint signing in as a Workspace user now: the service account's own token is not it.
    first.catalog.endpoints.update(first.endpoint.id, {
      name: first.endpoint.name,
      type: 'google_drive',
      filters: {},
      schedule: { type: 'manual' },
      paused: false,
      settings: settingsFor(fake, keyFile, {
        auth: { type: 'service_account', keyFile, tokenUrl: `${fake.url}/token`, subject: 'dana@example.com' },
      }),
    });
    expect(await first.sync()).toMatchObject({ status: 'success' });
    expect(fake.count('/token')).toBe(2);
    expect(fake.tokens.assertions.at(-1)).toMatchObject({ sub: 'dana@example.com' });
  });

  it('needs the sign-in again after signing out, though the last access token would still be valid', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const refresh = fake.tokens.registerClient('desktop.apps.example', 'client-secret');
    const settings = googleDrive.settingsSchema.parse({
      ...settingsFor(fake, keyFile),
      auth: {
        type: 'oauth',
        clientId: 'desktop.apps.example',
        clientSecret: 'client-secret',
        tokenUrl: `${fake.url}/token`,
      },
    });
    const t = await appEndpoint(fake, keyFile, settings);
    await t.secrets.set(refreshTokenKey(t.endpoint.id), refresh);
    expect(await t.sync()).toMatchObject({ status: 'success' });
    expect(await t.sync()).toMatchObject({ status: 'success' });
    expect(fake.count('/token')).toBe(1);

    await t.secrets.delete(refreshTokenKey(t.endpoint.id));
    const signedOut = await t.sync();
    expect(signedOut).toMatchObject({ status: 'failed' });
    expect(signedOut.error).toMatch(/not signed in: use "Sign in with Google" in the app/);
  });
});
