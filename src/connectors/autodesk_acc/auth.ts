/**
 * Access tokens for Autodesk Platform Services: two-legged (client credentials, secret from an environment
 * variable or the app's encrypted store) and three-legged with PKCE (a rotating refresh token kept in a `TokenStore`). Tokens are renewed
 * before they expire and again when the API answers 401.
 */
import type { ResilientCaller } from '../../resilience/index.js';
import type { AccFamily, AutodeskAccSettings } from './settings.js';
import { requestToken, type TokenReply } from './tokenEndpoint.js';
import { inTurn, type TokenStore } from './tokenStore.js';

/** Supplies bearer tokens to the API client. */
export interface TokenSource {
  /** A token valid for at least a little longer. */
  token(signal?: AbortSignal): Promise<string>;
  /** The API refused `token` (401): the next `token()` fetches a new one. */
  invalidate(token: string): void;
}

/** What a connector needs to build its token source. */
export interface AuthDeps {
  caller: ResilientCaller<AccFamily>;
  env: NodeJS.ProcessEnv;
  /** Where the PKCE refresh token lives (the desktop app passes its encrypted store). */
  tokenStore?: TokenStore;
  /** The client secret saved in the app (OS-encrypted), used when the settings name no `clientSecretEnv`. */
  loadClientSecret?: () => Promise<string | null>;
}

/** The token endpoint for the settings. */
export function tokenUrlOf(settings: AutodeskAccSettings): string {
  return settings.auth.tokenUrl ?? new URL('/authentication/v2/token', settings.apiBaseUrl).toString();
}

/** The three-legged authorize endpoint for the settings. */
export function authorizeUrlOf(settings: AutodeskAccSettings): string {
  return settings.auth.authorizeUrl ?? new URL('/authentication/v2/authorize', settings.apiBaseUrl).toString();
}

/** Caches one access token and renews it shortly before expiry; concurrent callers share one renewal. */
abstract class CachedTokenSource implements TokenSource {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  protected abstract fetchToken(signal?: AbortSignal): Promise<TokenReply>;

  token(signal?: AbortSignal): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetchToken(signal)
      .then((reply) => {
        // Renew with 5 minutes (or a tenth of a short lifetime) to spare, so no request carries a dying token.
        const margin = Math.min(300, reply.expiresInSeconds / 10) * 1000;
        this.current = { token: reply.accessToken, renewAt: Date.now() + reply.expiresInSeconds * 1000 - margin };
        return reply.accessToken;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }
}

/** Two-legged tokens: the app's own identity (optionally acting as `x-user-id`). */
export class ClientCredentialsSource extends CachedTokenSource {
  constructor(
    private readonly settings: AutodeskAccSettings & { auth: { type: 'client_credentials' } },
    private readonly deps: AuthDeps,
    /** Space-separated scopes; registering webhooks needs more than reading. */
    private readonly scope = 'data:read',
  ) {
    super();
  }

  protected async fetchToken(signal?: AbortSignal): Promise<TokenReply> {
    const { clientId, clientSecretEnv } = this.settings.auth;
    const secret = await this.clientSecret();
    const where = clientSecretEnv ? `the environment variable ${clientSecretEnv}` : 'File Connector';
    // The credentials go in the Basic header only: Autodesk answers 400 when they are also in the body.
    return requestToken({
      url: tokenUrlOf(this.settings),
      form: { grant_type: 'client_credentials', scope: this.scope },
      basic: `${clientId}:${secret}`,
      caller: this.deps.caller,
      signal,
      refused: (status, code) =>
        `Autodesk refused the client credentials (${status} ${code}): check auth.clientId (${clientId}) and the client secret in ${where}.`,
    });
  }

  /** The secret from the named environment variable, else from the app's store; a clear error when neither has it. */
  private async clientSecret(): Promise<string> {
    const { clientId, clientSecretEnv } = this.settings.auth;
    if (clientSecretEnv) {
      const secret = this.deps.env[clientSecretEnv];
      if (secret) return secret;
      throw new Error(
        `The environment variable ${clientSecretEnv} (named by auth.clientSecretEnv) is not set: set it to the client secret of the Autodesk app ${clientId}.`,
      );
    }
    const secret = (await this.deps.loadClientSecret?.()) ?? null;
    if (secret) return secret;
    throw new Error(
      `No client secret for the Autodesk app ${clientId}. Enter the client secret in File Connector (kept encrypted by the OS), ` +
        'or set auth.clientSecretEnv; a server (file-connector serve or sync) must set auth.clientSecretEnv.',
    );
  }
}

/** Three-legged tokens from a refresh token; every refresh replaces it, and the new one is stored first. */
export class PkceRefreshSource extends CachedTokenSource {
  constructor(
    private readonly settings: AutodeskAccSettings & { auth: { type: 'pkce' } },
    private readonly store: TokenStore,
    private readonly caller: ResilientCaller<AccFamily>,
  ) {
    super();
  }

  protected fetchToken(signal?: AbortSignal): Promise<TokenReply> {
    return inTurn(this.store, () => this.refresh(signal));
  }

  private async refresh(signal?: AbortSignal): Promise<TokenReply> {
    // Read inside the turn: another connector may just have replaced the token.
    const refreshToken = await this.store.load();
    if (!refreshToken) {
      throw new Error(
        `Not signed in to Autodesk: use "Sign in with Autodesk" in the app, or for headless use point auth.tokenFile at a file holding a refresh token.`,
      );
    }
    const reply = await requestToken({
      url: tokenUrlOf(this.settings),
      form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.settings.auth.clientId },
      caller: this.caller,
      signal,
      refused: (status, code) =>
        code === 'invalid_grant'
          ? `The Autodesk sign-in has expired or was revoked (${status} ${code}): refresh tokens last 15 days and each can be used once. Sign in with Autodesk again.`
          : `Autodesk refused to refresh the sign-in (${status} ${code}): check auth.clientId (${this.settings.auth.clientId}).`,
    });
    if (!reply.refreshToken) throw new Error('Autodesk refreshed the sign-in without returning a new refresh token.');
    // The old refresh token is spent now: losing the new one would sign the user out.
    await this.store.save(reply.refreshToken);
    return reply;
  }
}
