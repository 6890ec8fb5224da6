/**
 * The fake's OAuth side: verifies service-account assertions (RS256, with the public half of a key made at test
 * time), exchanges refresh tokens and PKCE authorization codes, and issues access tokens it can later revoke.
 */
import { createHash, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A service-account key pair made for one test, and the JSON key file Google would hand out for it. */
export function makeServiceAccountKey(email = 'catalog@fc-test.iam.gserviceaccount.com') {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const json = {
    type: 'service_account',
    project_id: 'fc-test',
    private_key_id: randomBytes(8).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: email,
    client_id: '1234567890',
    token_uri: 'https://oauth2.googleapis.com/token',
  };
  return { email, publicKey, json };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (error: string, description: string, status = 400): Answer => ({
  status,
  body: { error, error_description: description },
});

function decodeSegment(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Issues and checks tokens for one fake account. */
export class TokenIssuer {
  private readonly serviceAccounts = new Map<string, KeyObject>();
  private readonly clients = new Map<string, string | undefined>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly accessTokens = new Map<string, number>();
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string }>();
  /** Claims of every verified assertion, newest last (tests check `sub`, `scope`). */
  readonly assertions: Record<string, unknown>[] = [];
  accessTokenLifetimeSeconds = 3600;

  registerServiceAccount(email: string, publicKey: KeyObject): void {
    this.serviceAccounts.set(email, publicKey);
  }

  /** Registers an OAuth client (a "desktop app" client may have a secret) and returns a refresh token for it. */
  registerClient(clientId: string, clientSecret?: string): string {
    this.clients.set(clientId, clientSecret);
    const refresh = `1//refresh-${randomBytes(12).toString('base64url')}`;
    this.refreshTokens.set(refresh, clientId);
    return refresh;
  }

  /** Makes every access token issued so far invalid (revoked, or the server restarted). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  validAccessToken(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const expires = token ? this.accessTokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  }

  private issue(extra: Record<string, unknown> = {}): Answer {
    const token = `ya29.fake-${randomBytes(16).toString('base64url')}`;
    this.accessTokens.set(token, Date.now() + this.accessTokenLifetimeSeconds * 1000);
    return {
      status: 200,
      body: { access_token: token, expires_in: this.accessTokenLifetimeSeconds, token_type: 'Bearer', ...extra },
    };
  }

  /** Answers a POST to the token endpoint. */
  grant(form: URLSearchParams): Answer {
    const type = form.get('grant_type');
    if (type === JWT_BEARER) return this.jwtBearer(form.get('assertion') ?? '');
    if (type === 'refresh_token' || type === 'authorization_code') {
      const clientId = form.get('client_id') ?? '';
      if (!this.clients.has(clientId)) return oauthError('invalid_client', 'The OAuth client was not found.', 401);
      const secret = this.clients.get(clientId);
      if (secret !== undefined && form.get('client_secret') !== secret) {
        return oauthError('invalid_client', 'Unauthorized', 401);
      }
      if (type === 'refresh_token') {
        if (this.refreshTokens.get(form.get('refresh_token') ?? '') !== clientId) {
          return oauthError('invalid_grant', 'Token has been expired or revoked.');
        }
        return this.issue({ scope: 'https://www.googleapis.com/auth/drive.metadata.readonly' });
      }
      return this.exchangeCode(form, clientId);
    }
    return oauthError('unsupported_grant_type', `Invalid grant_type: ${type}`);
  }

  private jwtBearer(assertion: string): Answer {
    const [h, p, s] = assertion.split('.');
    if (!h || !p || !s) return oauthError('invalid_grant', 'Invalid JWT: not three segments.');
    const header = decodeSegment(h);
    const claims = decodeSegment(p);
    if (header.alg !== 'RS256') return oauthError('invalid_grant', `Invalid JWT: alg ${String(header.alg)}.`);
    const key = this.serviceAccounts.get(String(claims.iss));
    if (!key) return oauthError('invalid_grant', 'Invalid JWT: unknown issuer.');
    const verifier = createVerify('RSA-SHA256').update(`${h}.${p}`);
    if (!verifier.verify(key, Buffer.from(s, 'base64url')))
      return oauthError('invalid_grant', 'Invalid JWT Signature.');
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now || typeof claims.iat !== 'number' || claims.iat > now + 60) {
      return oauthError(
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.',
      );
    }
    if (typeof claims.scope !== 'string' || !claims.scope.includes('https://www.googleapis.com/auth/drive')) {
      return oauthError('invalid_scope', 'Invalid JWT: no Drive scope.');
    }
    this.assertions.push(claims);
    return this.issue();
  }

  /** The consent page, auto-approving: redirects back with a code bound to the PKCE challenge. */
  authorize(q: URLSearchParams): string {
    const redirectUri = q.get('redirect_uri') ?? '';
    const clientId = q.get('client_id') ?? '';
    const challenge = q.get('code_challenge') ?? '';
    const back = new URL(redirectUri);
    if (!this.clients.has(clientId) || q.get('code_challenge_method') !== 'S256' || !challenge) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const code = `4/code-${randomBytes(12).toString('base64url')}`;
      this.codes.set(code, { clientId, redirectUri, challenge });
      back.searchParams.set('code', code);
    }
    if (q.has('state')) back.searchParams.set('state', q.get('state')!);
    return back.href;
  }

  private exchangeCode(form: URLSearchParams, clientId: string): Answer {
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.clientId !== clientId) return oauthError('invalid_grant', 'Malformed auth code.');
    this.codes.delete(form.get('code')!);
    if (form.get('redirect_uri') !== code.redirectUri) return oauthError('redirect_uri_mismatch', 'Bad redirect_uri.');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
      return oauthError('invalid_grant', 'Invalid code verifier.');
    }
    const refresh = `1//refresh-${randomBytes(12).toString('base64url')}`;
    this.refreshTokens.set(refresh, clientId);
    return this.issue({ refresh_token: refresh });
  }
}
