import { describe, expect, it } from 'vitest';
import { SignInError } from '../../../src/auth/loopback.js';
import { memorySecretStore } from '../../../src/core/secrets.js';
import { googleDrive } from '../../../src/connectors/google_drive/index.js';
import { refreshTokenKey, signInWithGoogle, storedRefreshToken } from '../../../src/connectors/google_drive/signIn.js';
import type { FakeDriveServer } from '../../fakes/googleDrive/server.js';
import { fakeDriveWithKey } from './helpers.js';

/** The system browser: follows the consent page's redirect back to the loopback listener. */
function browser(opened: URL[]) {
  return async (url: string) => {
    opened.push(new URL(url));
    const consent = await fetch(url, { redirect: 'manual' });
    await fetch(consent.headers.get('location')!);
  };
}

function signInOptions(fake: FakeDriveServer, clientId: string, opened: URL[]) {
  return {
    clientId,
    clientSecret: 'desktop-secret',
    authorizeUrl: `${fake.url}/authorize`,
    tokenUrl: `${fake.url}/token`,
    openBrowser: browser(opened),
    timeoutMs: 5000,
  };
}

describe('Sign in with Google', () => {
  it('asks for offline Drive metadata access with PKCE, then reaches Drive with the stored refresh token', async () => {
    const { fake } = await fakeDriveWithKey();
    fake.tokens.registerClient('desktop.apps.example', 'desktop-secret');
    const opened: URL[] = [];
    const steps: string[] = [];
    const { refreshToken } = await signInWithGoogle({
      ...signInOptions(fake, 'desktop.apps.example', opened),
      onStep: (s) => steps.push(s),
    });
    expect(steps).toEqual(['opening-browser', 'waiting-for-consent', 'exchanging-code', 'done']);
    const q = opened[0]!.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: 'desktop.apps.example',
      scope: 'https://www.googleapis.com/auth/drive.metadata.readonly',
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      response_type: 'code',
    });
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const store = memorySecretStore();
    await store.set(refreshTokenKey(7), refreshToken);
    const settings = googleDrive.settingsSchema.parse({
      auth: {
        type: 'oauth',
        clientId: 'desktop.apps.example',
        clientSecret: 'desktop-secret',
        tokenUrl: `${fake.url}/token`,
      },
      apiBaseUrl: fake.url,
    });
    const health = await googleDrive
      .create(settings, {}, { loadRefreshToken: storedRefreshToken(store, 7) })
      .checkHealth();
    expect(health).toMatchObject({ ok: true, details: { account: { email: 'dana@example.com' } } });
  });

  it('reports a client the provider does not know as a refused sign-in', async () => {
    const { fake } = await fakeDriveWithKey();
    const attempt = signInWithGoogle(signInOptions(fake, 'unknown.apps.example', []));
    await expect(attempt).rejects.toBeInstanceOf(SignInError);
    await expect(attempt).rejects.toThrow(/The provider refused the sign-in \(invalid_request\)/);
  });
});
