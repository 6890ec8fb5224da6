/**
 * A fake OAuth 2 authorization server (authorize + token endpoints) over real HTTP,
 * enforcing what real providers enforce for native apps: registered client, loopback
 * redirect, PKCE S256, single-use codes, rotating refresh tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOAuthServer {
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** What the fake's "user" answers on the consent page. */
  consent: 'allow' | 'deny' | 'wrong-state' | 'ignore';
  issuedRefreshTokens: string[];
  close(): Promise<void>;
}

export async function startFakeOAuthServer(clientId = 'desktop-client'): Promise<FakeOAuthServer> {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const refreshTokens = new Set<string>();
  const fake = { consent: 'allow' as FakeOAuthServer['consent'], issuedRefreshTokens: [] as string[] };

  const tokens = () => {
    const refresh = `r-${randomBytes(8).toString('hex')}`;
    refreshTokens.add(refresh);
    fake.issuedRefreshTokens.push(refresh);
    return {
      access_token: `a-${randomBytes(8).toString('hex')}`,
      refresh_token: refresh,
      expires_in: 3600,
      token_type: 'Bearer',
    };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const redirect = p.get('redirect_uri') ?? '';
      if (p.get('client_id') !== clientId) return json(400, { error: 'invalid_client' });
      if (!/^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(redirect)) return json(400, { error: 'invalid_redirect_uri' });
      if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge'))
        return json(400, { error: 'pkce_required' });
      const back = new URL(redirect);
      back.searchParams.set('state', fake.consent === 'wrong-state' ? 'forged' : (p.get('state') ?? ''));
      if (fake.consent === 'ignore') return json(200, { waiting: true });
      if (fake.consent === 'deny') back.searchParams.set('error', 'access_denied');
      else {
        const code = randomBytes(8).toString('hex');
        codes.set(code, { challenge: p.get('code_challenge')!, redirectUri: redirect });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') === 'authorization_code') {
          const entry = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!entry) return json(400, { error: 'invalid_grant', error_description: 'code unknown or used' });
          const challenge = createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url');
          if (challenge !== entry.challenge)
            return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          if (form.get('redirect_uri') !== entry.redirectUri)
            return json(400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
          return json(200, tokens());
        }
        if (form.get('grant_type') === 'refresh_token') {
          const old = form.get('refresh_token') ?? '';
          // Rotation: every refresh spends the old token.
          if (!refreshTokens.delete(old))
            return json(400, { error: 'invalid_grant', error_description: 'refresh token spent' });
          return json(200, tokens());
        }
        return json(400, { error: 'unsupported_grant_type' });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url: base,
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Plays the system browser: opens the consent page and follows its redirect to the loopback listener. */
export async function browser(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (location) await fetch(location);
}
