import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { googleDrive } from '../../../src/connectors/google_drive/index.js';
import { tempDir } from '../../helpers/tempDir.js';
import { driveEndpoint, expectedCatalog, fakeDriveWithKey, fastRetry, settingsFor } from './helpers.js';
import { populate } from './scenario.js';

describe('Google Drive sign-in and health check', () => {
  it('signs a service-account assertion the token endpoint verifies, impersonating the subject', async () => {
    const { fake, keyFile, key } = await fakeDriveWithKey();
    const settings = settingsFor(fake, keyFile);
    const connector = googleDrive.create(
      { ...settings, auth: { ...settings.auth, type: 'service_account', keyFile, subject: 'dana@example.com' } },
      {},
    );
    const health = await connector.checkHealth();
    expect(health).toEqual({
      ok: true,
      message: 'Signed in as Dana Designer <dana@example.com>; 1.0 GB of 15.0 GB used',
      details: {
        account: { name: 'Dana Designer', email: 'dana@example.com' },
        storageQuota: { limit: 16106127360, usage: 1073741824, usageInDrive: 536870912, usageInDriveTrash: 1024 },
        principal: `service account (${keyFile}) as dana@example.com`,
      },
      quota: { kind: 'account', usedBytes: 1073741824, totalBytes: 16106127360, freeBytes: 15032385536 },
    });
    expect(fake.tokens.assertions).toHaveLength(1);
    expect(fake.tokens.assertions[0]).toMatchObject({
      iss: key.email,
      sub: 'dana@example.com',
      scope: 'https://www.googleapis.com/auth/drive.metadata.readonly',
    });
  });

  it('refuses a key that is not the registered one, without retrying or quoting the key', async () => {
    const { fake } = await fakeDriveWithKey();
    const other = await fakeDriveWithKey(); // a different key pair under the same email
    const connector = googleDrive.create(settingsFor(fake, other.keyFile), {}, { retry: fastRetry });
    const health = await connector.checkHealth();
    expect(health.ok).toBe(false);
    expect(health.message).toBe(
      'Drive about.get failed (HTTP 400): Google sign-in failed (invalid_grant: Invalid JWT Signature.).',
    );
    expect(fake.count('/token')).toBe(1);
  });

  it('names what is wrong with a key file', async () => {
    const { fake } = await fakeDriveWithKey();
    const dir = tempDir('fc-gd-badkey-');
    const cases: [string, string, RegExp][] = [
      [
        'missing.json',
        '',
        /^Drive about\.get failed: Cannot read the service account key file ".*missing\.json" \(ENOENT\)\.$/,
      ],
      ['garbage.json', 'secret-garbage{', /is not a JSON object\.$/],
      [
        'wrong.json',
        '{"type":"authorized_user","client_secret":"s3cr3t"}',
        /has no client_email or private_key: is it a Google service account JSON key\?$/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name);
      if (content) fs.writeFileSync(file, content);
      const health = await googleDrive.create(settingsFor(fake, file), {}).checkHealth();
      expect(health.ok).toBe(false);
      expect(health.message).toMatch(message);
      expect(health.message).not.toMatch(/secret-garbage|s3cr3t/);
    }
  });

  it('syncs with a person’s refresh token from a token file or an environment variable', async () => {
    const { fake } = await fakeDriveWithKey();
    populate(fake);
    const refresh = fake.tokens.registerClient('desktop.apps.example', 'client-secret');
    const tokenFile = path.join(tempDir('fc-gd-token-'), 'token.json');
    fs.writeFileSync(tokenFile, JSON.stringify({ refresh_token: refresh }));
    const oauth = {
      type: 'oauth',
      clientId: 'desktop.apps.example',
      clientSecret: 'client-secret',
      tokenUrl: `${fake.url}/token`,
    };
    const fromFile = googleDrive.settingsSchema.parse({
      auth: { ...oauth, tokenFile },
      apiBaseUrl: fake.url,
      pacing: { requestsPerSecond: 1000, burst: 1000 },
    });
    const t = await driveEndpoint(fake, fromFile);
    expect(await t.sync()).toMatchObject({ status: 'success' });
    expect(t.live()).toEqual(expectedCatalog(fake));

    const fromEnv = { ...fromFile, auth: { ...oauth, type: 'oauth' as const, tokenEnv: 'DRIVE_REFRESH' } };
    const ok = await googleDrive.create(fromEnv, {}, { env: { DRIVE_REFRESH: refresh } }).checkHealth();
    expect(ok.ok).toBe(true);
    const unset = await googleDrive.create(fromEnv, {}, { env: {} }).checkHealth();
    expect(unset.message).toMatch(/The environment variable DRIVE_REFRESH \(auth\.tokenEnv\) is not set\./);
    const revoked = await googleDrive.create(fromEnv, {}, { env: { DRIVE_REFRESH: 'revoked-token' } }).checkHealth();
    expect(revoked.message).toBe(
      'Drive about.get failed (HTTP 400): Google sign-in failed (invalid_grant: Token has been expired or revoked.).',
    );
    expect(revoked.message).not.toContain('revoked-token');
    const none = { ...fromFile, auth: { type: 'oauth' as const, clientId: 'desktop.apps.example' } };
    const notSignedIn = await googleDrive.create(none, {}).checkHealth();
    expect(notSignedIn.message).toMatch(
      /not signed in: use "Sign in with Google" in the app, or for headless use set auth\.tokenFile or auth\.tokenEnv/,
    );
  });

  it('rejects ignore patterns, which Drive endpoints do not support, instead of dropping them', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    expect(() => googleDrive.create(settingsFor(fake, keyFile), { ignore: ['*.tmp'] })).toThrow(
      /filters\.ignore\) are not supported/,
    );
  });
});
