/**
 * "Sign in with Autodesk" for an ACC endpoint: the shared desktop sign-in (PKCE, state, loopback redirect, system
 * browser) with Autodesk's URLs, for a "Desktop, Mobile, Single-Page App" client (no secret). The refresh token
 * it returns is kept in the app's SecretStore; Autodesk replaces it on every refresh, and the connector saves
 * each new one back through `secretTokenStore`.
 */
import { signInForRefreshToken, type SignInStep } from '../../auth/signIn.js';
import type { SecretStore } from '../../core/secrets.js';
import { DEFAULT_API_BASE_URL } from './settings.js';
import type { TokenStore } from './tokenStore.js';

/** The scope the connector needs: read project data. */
export const ACC_SCOPE = 'data:read';

/** Who signs in where, and how the browser is opened. */
export interface AutodeskSignInOptions {
  clientId: string;
  /** Default: `${DEFAULT_API_BASE_URL}/authentication/v2/authorize`. */
  authorizeUrl?: string;
  /** Default: `${DEFAULT_API_BASE_URL}/authentication/v2/token`. */
  tokenUrl?: string;
  openBrowser(url: string): Promise<void>;
  onStep?(step: SignInStep): void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs the sign-in and returns the refresh token Autodesk granted. */
export function signInWithAutodesk(options: AutodeskSignInOptions): Promise<{ refreshToken: string }> {
  return signInForRefreshToken({
    ...options,
    provider: 'Autodesk',
    authorizeUrl: options.authorizeUrl ?? `${DEFAULT_API_BASE_URL}/authentication/v2/authorize`,
    tokenUrl: options.tokenUrl ?? `${DEFAULT_API_BASE_URL}/authentication/v2/token`,
    scope: ACC_SCOPE,
  });
}

/** The SecretStore key of an endpoint's Autodesk refresh token. */
export function refreshTokenKey(endpointId: number): string {
  return `autodesk_acc/${endpointId}/refresh_token`;
}

/** The SecretStore key of an endpoint's client secret (app credentials without `clientSecretEnv`). */
export function clientSecretKey(endpointId: number): string {
  return `autodesk_acc/${endpointId}/client_secret`;
}

/** The endpoint's refresh token in the app's SecretStore (OS-encrypted), which replaces it atomically. */
export function secretTokenStore(store: SecretStore, endpointId: number): TokenStore {
  const key = refreshTokenKey(endpointId);
  return { id: `secret:${key}`, load: () => store.get(key), save: (token) => store.set(key, token) };
}
