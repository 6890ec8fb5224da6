import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src/core/core.js';
import { memorySecretStore } from '../../../src/core/secrets.js';
import { tempDir } from '../../helpers/tempDir.js';
import { PUBLIC_CLIENT_ID, scaledRateLimits, smallAccount, startFake } from './helpers.js';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** The system browser: opens the consent page and follows its redirect to the app's loopback listener. */
async function browser(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (location) await fetch(location);
}

describe('Sign in with Autodesk, through the contract', () => {
  it('a PKCE endpoint needs a sign-in, then syncs with the token kept in the secret store', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const secrets = memorySecretStore();
    core = await openCore({ dataDir: tempDir('fc-acc-core-'), host: 'desktop', secrets, openExternal: browser });
    const created = await core.dispatch('endpoints.create', {
      name: 'Towers',
      type: 'autodesk_acc',
      settings: {
        auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID },
        apiBaseUrl: fake.url,
        rateLimits: scaledRateLimits,
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.result as { id: number }).id;
    expect(await core.dispatch('endpoints.get', { id })).toMatchObject({ result: { signIn: 'needed' } });

    expect(await core.dispatch('auth.signIn', { endpointId: id })).toEqual({ ok: true, result: { signedIn: true } });
    const key = `autodesk_acc/${id}/refresh_token`;
    const first = await secrets.get(key);
    expect(first).toMatch(/^rt-/);
    expect(await core.dispatch('endpoints.get', { id })).toMatchObject({ result: { signIn: 'signed-in' } });

    const run = await core.engine.run(id, { trigger: 'manual' });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'success', added: fake.truth.entries().length });
    // Autodesk rotated the refresh token; the new one replaced the spent one in the store.
    expect(fake.tokens.isSpent(first!)).toBe(true);
    expect(await secrets.get(key)).not.toBe(first);
  });
});
