import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackRedirect } from '../../src/auth/loopback.js';
import { createPkcePair } from '../../src/auth/pkce.js';
import { signIn, type SignInRequest, type SignInStep } from '../../src/auth/signIn.js';
import { requestToken, type TokenResponse } from '../../src/auth/tokenEndpoint.js';
import { browser, startFakeOAuthServer, type FakeOAuthServer } from '../fakes/oauth/server.js';

let server: FakeOAuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function desktopSignIn(s: FakeOAuthServer, extra: Partial<SignInRequest<TokenResponse>> = {}) {
  return signIn<TokenResponse>({
    authorizeUrl: s.authorizeUrl,
    clientId: 'desktop-client',
    scope: 'data:read',
    openBrowser: browser,
    exchangeCode: ({ code, codeVerifier, redirectUri }) =>
      requestToken(s.tokenUrl, {
        grant_type: 'authorization_code',
        client_id: 'desktop-client',
        code,
        code_verifier: codeVerifier,
        redirect_uri: redirectUri,
      }),
    ...extra,
  });
}

describe('desktop sign-in', () => {
  it('signs in through the system browser with PKCE and returns the tokens, step by step', async () => {
    server = await startFakeOAuthServer();
    const steps: SignInStep[] = [];
    const tokens = await desktopSignIn(server, { onStep: (s) => steps.push(s) });
    expect(tokens.accessToken).toMatch(/^a-/);
    expect(tokens.refreshToken).toBe(server.issuedRefreshTokens[0]);
    expect(steps).toEqual(['opening-browser', 'waiting-for-consent', 'exchanging-code', 'done']);
  });

  it('tells the person when they did not grant access', async () => {
    server = await startFakeOAuthServer();
    server.consent = 'deny';
    await expect(desktopSignIn(server)).rejects.toThrow(/Access was not granted/);
  });

  it('ignores a redirect with a foreign state and times out waiting for the real one', async () => {
    server = await startFakeOAuthServer();
    server.consent = 'wrong-state';
    await expect(desktopSignIn(server, { timeoutMs: 300 })).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('can be cancelled while waiting for the browser', async () => {
    server = await startFakeOAuthServer();
    server.consent = 'ignore';
    const controller = new AbortController();
    const pending = desktopSignIn(server, {
      signal: controller.signal,
      onStep: (s) => s === 'waiting-for-consent' && controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('reports a code the provider refuses (wrong verifier) without leaking it', async () => {
    server = await startFakeOAuthServer();
    const s = server;
    const attempt = desktopSignIn(s, {
      exchangeCode: ({ code, redirectUri }) =>
        requestToken(s.tokenUrl, {
          grant_type: 'authorization_code',
          code,
          code_verifier: createPkcePair().verifier,
          redirect_uri: redirectUri,
        }),
    });
    await expect(attempt).rejects.toThrow(/did not accept the sign-in: .*invalid_grant: PKCE verification failed/);
  });

  it('refresh tokens rotate: the new one works, the spent one is refused with a hint to sign in again', async () => {
    server = await startFakeOAuthServer();
    const first = await desktopSignIn(server);
    const second = await requestToken(server.tokenUrl, {
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken!,
    });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(
      requestToken(server.tokenUrl, { grant_type: 'refresh_token', refresh_token: first.refreshToken! }),
    ).rejects.toThrow(/invalid_grant: refresh token spent\)\. Sign in again\./);
  });
});

describe('loopback listener', () => {
  function get(port: number, path: string, host = `127.0.0.1:${port}`) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        })
        .on('error', reject);
    });
  }

  it('listens on 127.0.0.1 with a random port, refuses foreign Host headers and never lets the page be cached', async () => {
    const redirect = await startLoopbackRedirect({ state: 's1', timeoutMs: 5000 });
    const port = Number(new URL(redirect.redirectUri).port);
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect((await get(port, '/callback?state=s1&code=x', 'evil.example')).status).toBe(400);
    const ok = await get(port, '/callback?state=s1&code=the-code');
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.body).toContain('return to File Connector');
    await expect(redirect.code).resolves.toBe('the-code');
  });

  it('escapes what the provider sends back before showing it', async () => {
    const redirect = await startLoopbackRedirect({ state: 's2' });
    const port = Number(new URL(redirect.redirectUri).port);
    const res = await get(
      port,
      `/callback?state=s2&error=server_error&error_description=${encodeURIComponent('<script>x</script>')}`,
    );
    expect(res.body).not.toContain('<script>x');
    await expect(redirect.code).rejects.toThrow(/refused the sign-in \(server_error/);
  });
});
