/**
 * The fake APS token endpoint's state: client credentials (Basic header or body, never both), authorization codes
 * bound to a PKCE challenge, and refresh tokens that rotate (the old one is spent by its first use).
 */
import { createHash, randomBytes } from 'node:crypto';

/** A registered APS app. Public (PKCE) apps have no secret and get no two-legged tokens. */
export interface FakeClient {
  id: string;
  secret?: string;
}

interface Grant {
  clientId: string;
  scope: string;
}

/** An OAuth error the server answers with. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function token(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

/** Issues and checks tokens. */
export class TokenIssuer {
  readonly clients = new Map<string, FakeClient>();
  private readonly access = new Map<string, Grant & { expiresAt: number }>();
  private readonly refresh = new Map<string, Grant & { spent: boolean }>();
  private readonly codes = new Map<string, Grant & { redirectUri: string; challenge: string; used: boolean }>();
  /** Lifetime of new access tokens. */
  expiresInSeconds = 3599;
  /** Grants served, by type. */
  readonly issued = { client_credentials: 0, authorization_code: 0, refresh_token: 0 };

  register(client: FakeClient): void {
    this.clients.set(client.id, client);
  }

  /** Makes every access token issued so far invalid (the API then answers 401). */
  expireAll(): void {
    for (const grant of this.access.values()) grant.expiresAt = 0;
  }

  /** The grant behind a bearer token, or null when unknown or expired. */
  check(accessToken: string): Grant | null {
    const grant = this.access.get(accessToken);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  /** The `/authorize` step: a code bound to the PKCE challenge. */
  authorize(params: URLSearchParams): string {
    const clientId = params.get('client_id') ?? '';
    if (!this.clients.has(clientId)) throw new OAuthError(400, 'invalid_client', 'unknown client_id');
    if (params.get('response_type') !== 'code') throw new OAuthError(400, 'unsupported_response_type', 'code only');
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
      throw new OAuthError(400, 'invalid_request', 'code_challenge with S256 is required');
    }
    const code = token('code');
    this.codes.set(code, {
      clientId,
      scope: params.get('scope') ?? 'data:read',
      redirectUri: params.get('redirect_uri') ?? '',
      challenge: params.get('code_challenge')!,
      used: false,
    });
    return code;
  }

  /** Answers a POST to the token endpoint. */
  grant(body: URLSearchParams, authorization: string | undefined): Record<string, unknown> {
    const basic = authorization?.startsWith('Basic ')
      ? Buffer.from(authorization.slice(6), 'base64').toString().split(':')
      : null;
    const type = body.get('grant_type');
    if (type === 'client_credentials') {
      if (basic && (body.has('client_id') || body.has('client_secret'))) {
        throw new OAuthError(400, 'invalid_request', 'client credentials in both the header and the body');
      }
      const [id, secret] = basic ?? [body.get('client_id') ?? '', body.get('client_secret') ?? ''];
      const client = this.clients.get(id ?? '');
      if (!client?.secret || client.secret !== secret) {
        throw new OAuthError(401, 'invalid_client', 'The client_id or client_secret is invalid');
      }
      this.issued.client_credentials++;
      return this.issue({ clientId: client.id, scope: body.get('scope') ?? 'data:read' }, false);
    }
    if (type === 'authorization_code') {
      const code = this.codes.get(body.get('code') ?? '');
      if (!code || code.used) throw new OAuthError(400, 'invalid_grant', 'The authorization code is invalid');
      code.used = true;
      if (code.clientId !== body.get('client_id')) throw new OAuthError(400, 'invalid_grant', 'client mismatch');
      if (code.redirectUri !== body.get('redirect_uri')) throw new OAuthError(400, 'invalid_grant', 'redirect_uri');
      const verifier = body.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== code.challenge) throw new OAuthError(400, 'invalid_grant', 'PKCE verification failed');
      this.issued.authorization_code++;
      return this.issue(code, true);
    }
    if (type === 'refresh_token') {
      const grant = this.refresh.get(body.get('refresh_token') ?? '');
      if (!grant || grant.spent) throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid or spent');
      if (grant.clientId !== (basic?.[0] ?? body.get('client_id'))) {
        throw new OAuthError(400, 'invalid_grant', 'client mismatch');
      }
      grant.spent = true;
      this.issued.refresh_token++;
      return this.issue(grant, true);
    }
    throw new OAuthError(400, 'unsupported_grant_type', `unsupported grant_type ${type}`);
  }

  /** A refresh token for `clientId`, as if the user had signed in before. */
  seedRefreshToken(clientId: string): string {
    const rt = token('rt');
    this.refresh.set(rt, { clientId, scope: 'data:read', spent: false });
    return rt;
  }

  /** True when this refresh token has been used (and so replaced). */
  isSpent(refreshToken: string): boolean {
    return this.refresh.get(refreshToken)?.spent ?? false;
  }

  private issue(grant: Grant, withRefresh: boolean): Record<string, unknown> {
    const accessToken = token('at');
    this.access.set(accessToken, { ...grant, expiresAt: Date.now() + this.expiresInSeconds * 1000 });
    const reply: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.expiresInSeconds,
    };
    if (withRefresh) {
      const rt = token('rt');
      this.refresh.set(rt, { clientId: grant.clientId, scope: grant.scope, spent: false });
      reply.refresh_token = rt;
    }
    return reply;
  }
}
