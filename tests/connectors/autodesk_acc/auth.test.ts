import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clientSecretKey,
  refreshTokenKey,
  secretTokenStore,
  signInWithAutodesk,
} from '../../../src/connectors/autodesk_acc/index.js';
import { memorySecretStore } from '../../../src/core/secrets.js';
import { tempDir } from '../../helpers/tempDir.js';
import { CLIENT_ID, CLIENT_SECRET, PUBLIC_CLIENT_ID, setup, smallAccount, startFake } from './helpers.js';

const pkceSettings = (tokenFile: string, tokenEnv?: string) => ({
  auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID, tokenFile, ...(tokenEnv ? { tokenEnv } : {}) },
});

describe('autodesk_acc sign-in', () => {
  it('signs in through the shared desktop flow (PKCE, state, loopback) and syncs from the app store', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const opened: URL[] = [];
    const { refreshToken } = await signInWithAutodesk({
      clientId: PUBLIC_CLIENT_ID,
      authorizeUrl: `${fake.url}/authentication/v2/authorize`,
      tokenUrl: `${fake.url}/authentication/v2/token`,
      // The system browser: Autodesk's consent page redirects to the loopback listener.
      openBrowser: async (url) => {
        opened.push(new URL(url));
        const consent = await fetch(url, { redirect: 'manual' });
        await fetch(consent.headers.get('location')!);
      },
    });
    expect(opened[0]!.searchParams.get('code_challenge_method')).toBe('S256');
    expect(opened[0]!.searchParams.get('scope')).toBe('data:read');
    expect(fake.tokens.issued.authorization_code).toBe(1);

    // The desktop app keeps the token in its SecretStore; each sync rotates it there.
    const secrets = memorySecretStore();
    await secrets.set(refreshTokenKey(7), refreshToken);
    const t = await setup(fake, {
      settings: { auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID } },
      connector: { tokenStore: secretTokenStore(secrets, 7) },
    });
    expect((await t.sync()).status).toBe('success');
    expect(t.live()).toEqual(fake.truth.entries());
    expect(fake.tokens.isSpent(refreshToken)).toBe(true);
    const rotated = await secrets.get(refreshTokenKey(7));
    expect(rotated).not.toBe(refreshToken);
    expect((await t.sync()).status).toBe('success');
    expect(fake.tokens.isSpent(rotated!)).toBe(true);
  });

  it('the fake checks the PKCE verifier', async () => {
    const fake = await startFake();
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: PUBLIC_CLIENT_ID,
      redirect_uri: 'http://127.0.0.1:1/cb',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const consent = await fetch(`${fake.url}/authentication/v2/authorize?${params}`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const exchange = (verifier: string) =>
      fetch(`${fake.url}/authentication/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: PUBLIC_CLIENT_ID,
          code,
          redirect_uri: 'http://127.0.0.1:1/cb',
          code_verifier: verifier,
        }),
      });
    const wrong = await exchange('not-the-verifier');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('syncs with a refresh token file, storing each rotated token atomically', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const dir = tempDir('fc-acc-token-');
    const file = path.join(dir, 'acc-token.json');
    const first = fake.tokens.seedRefreshToken(PUBLIC_CLIENT_ID);
    fs.writeFileSync(file, JSON.stringify({ refreshToken: first }));
    const t = await setup(fake, { settings: pkceSettings(file) });

    expect((await t.sync()).status).toBe('success');
    const second = (JSON.parse(fs.readFileSync(file, 'utf8')) as { refreshToken: string }).refreshToken;
    expect(second).not.toBe(first);
    expect(fake.tokens.isSpent(first)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['acc-token.json']);

    expect((await t.sync()).status).toBe('success');
    expect(fake.tokens.isSpent(second)).toBe(true);
    expect(fake.tokens.issued.refresh_token).toBe(2);
    expect(t.live()).toEqual(fake.truth.entries());
    expect(t.logs.join('\n')).not.toContain(second);
  });

  it('takes the first refresh token from tokenEnv, then keeps the rotated one in tokenFile', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const file = path.join(tempDir('fc-acc-token-'), 'nested', 'acc.json');
    const seed = fake.tokens.seedRefreshToken(PUBLIC_CLIENT_ID);
    const t = await setup(fake, {
      settings: pkceSettings(file, 'ACC_RT'),
      connector: { env: { ACC_RT: seed } },
    });
    expect((await t.sync()).status).toBe('success');
    expect(fs.existsSync(file)).toBe(true);
    // The seed is spent; the run after uses the file, not the variable.
    expect((await t.sync()).status).toBe('success');
  });

  it('says to sign in again when the refresh token is spent, without showing it', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const file = path.join(tempDir('fc-acc-token-'), 'acc.json');
    const spent = fake.tokens.seedRefreshToken(PUBLIC_CLIENT_ID);
    fake.tokens.grant(
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: spent, client_id: PUBLIC_CLIENT_ID }),
      undefined,
    );
    fs.writeFileSync(file, JSON.stringify({ refreshToken: spent }));
    const t = await setup(fake, { settings: pkceSettings(file) });
    const run = await t.sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/sign-in has expired or was revoked \(400 invalid_grant\).*Sign in with Autodesk again/);
    expect(run.error).not.toContain(spent);

    const none = await setup(fake, { settings: pkceSettings(path.join(tempDir(), 'missing.json')) });
    expect((await none.sync()).error).toMatch(/Not signed in to Autodesk/);
  });

  it('renews a two-legged token before it expires, without a 401', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    // A chain of 25 nested folders takes over 2.5 s to walk, beyond the tokens' 2 s lifetime.
    let chain = acc.schoolFiles;
    for (let i = 0; i < 25; i++) chain = fake.truth.addFolder(chain, `level ${i}`);
    fake.tokens.expiresInSeconds = 2;
    fake.latencyMs = 100;
    const t = await setup(fake);
    expect((await t.sync()).status).toBe('success');
    expect(fake.tokens.issued.client_credentials).toBeGreaterThanOrEqual(2);
    expect(fake.requests.some((r) => r.status === 401)).toBe(false);
  });

  it('two connectors sharing a stored sign-in (a sync and a health check) refresh in turn, so neither is refused', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const { refreshToken } = await signInWithAutodesk({
      clientId: PUBLIC_CLIENT_ID,
      authorizeUrl: `${fake.url}/authentication/v2/authorize`,
      tokenUrl: `${fake.url}/authentication/v2/token`,
      openBrowser: async (url) => {
        const consent = await fetch(url, { redirect: 'manual' });
        await fetch(consent.headers.get('location')!);
      },
    });
    const secrets = memorySecretStore();
    await secrets.set(refreshTokenKey(7), refreshToken);
    const settings = { auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID } };
    const a = await setup(fake, { settings, connector: { tokenStore: secretTokenStore(secrets, 7) } });
    const b = await setup(fake, { settings, connector: { tokenStore: secretTokenStore(secrets, 7) } });
    const runs = await Promise.all([a.sync(), b.sync()]);
    expect(runs.map((r) => r.error)).toEqual([null, null]);
    expect(fake.tokens.issued.refresh_token).toBe(2);
  });

  it("takes the client secret from the app's store when no clientSecretEnv is named", async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const noEnv = { auth: { type: 'client_credentials', clientId: CLIENT_ID } };
    const secrets = memorySecretStore();
    const loadClientSecret = () => secrets.get(clientSecretKey(3));

    const missing = await setup(fake, { settings: noEnv, connector: { env: {}, loadClientSecret } });
    const refused = await missing.sync();
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(
      /Enter the client secret in File Connector \(kept encrypted by the OS\), or set auth\.clientSecretEnv; a server .* must set auth\.clientSecretEnv/,
    );
    expect(fake.tokens.issued.client_credentials ?? 0).toBe(0);

    await secrets.set(clientSecretKey(3), CLIENT_SECRET);
    const t = await setup(fake, { settings: noEnv, connector: { env: {}, loadClientSecret } });
    expect(await t.sync()).toMatchObject({ status: 'success', added: fake.truth.entries().length });

    // A wrong secret is refused without being shown.
    await secrets.set(clientSecretKey(3), 'wrong-secret-9d1e');
    const wrong = await (await setup(fake, { settings: noEnv, connector: { env: {}, loadClientSecret } })).sync();
    expect(wrong.error).toMatch(/refused the client credentials.*the client secret in File Connector/);
    expect(wrong.error).not.toContain('wrong-secret-9d1e');
  });

  it('a named clientSecretEnv wins over the store, and says when it is not set', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake, { connector: { env: {}, loadClientSecret: async () => CLIENT_SECRET } });
    expect((await t.sync()).error).toMatch(/The environment variable FC_TEST_ACC_SECRET .* is not set/);
  });

  it('the fake refuses client credentials in both the header and the body', async () => {
    const fake = await startFake();
    const res = await fetch(`${fake.url}/authentication/v2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    expect(res.status).toBe(400);
  });
});
