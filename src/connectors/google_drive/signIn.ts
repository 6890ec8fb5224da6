/**
 * "Sign in with Google" for a Drive endpoint: the shared desktop sign-in (PKCE, state, loopback redirect, system
 * browser) with Google's URLs and parameters, and the refresh token kept in the app's SecretStore.
 */
import { signInForRefreshToken, type SignInStep } from '../../auth/signIn.js';
import type { SecretStore } from '../../core/secrets.js';
import { DRIVE_SCOPE, type RefreshTokenLoader } from './auth.js';

/** Google's consent page. */
export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
/** Google's token endpoint. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Who signs in where, and how the browser is opened. */
export interface GoogleSignInOptions {
  clientId: string;
  /** Google's "desktop app" clients have a secret (not confidential in an installed app, but required). */
  clientSecret?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  /** Opens the consent page in the system browser (Google refuses embedded browser windows). */
  openBrowser(url: string): Promise<void>;
  onStep?(step: SignInStep): void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs the sign-in and returns the refresh token Google granted. */
export function signInWithGoogle(options: GoogleSignInOptions): Promise<{ refreshToken: string }> {
  return signInForRefreshToken({
    ...options,
    provider: 'Google',
    authorizeUrl: options.authorizeUrl ?? GOOGLE_AUTHORIZE_URL,
    tokenUrl: options.tokenUrl ?? GOOGLE_TOKEN_URL,
    scope: DRIVE_SCOPE,
    // Google grants a refresh token offline, and only on a consent screen: ask for one every time.
    extraParams: { access_type: 'offline', prompt: 'consent' },
  });
}

/** The SecretStore key of an endpoint's Google refresh token. */
export function refreshTokenKey(endpointId: number): string {
  return `google_drive/${endpointId}/refresh_token`;
}

/** Reads the endpoint's refresh token from the SecretStore, for the connector's `loadRefreshToken`. */
export function storedRefreshToken(store: SecretStore, endpointId: number): RefreshTokenLoader {
  return () => store.get(refreshTokenKey(endpointId));
}
