/**
 * The desktop sign-in flow shared by every provider: PKCE, state, loopback
 * redirect, the consent page in the system browser, then the code exchange.
 * Providers differ only in their URLs, parameters and token exchange.
 */
import { startLoopbackRedirect, SignInError } from './loopback.js';
import { createPkcePair, createState } from './pkce.js';
import { requestToken } from './tokenEndpoint.js';

export type SignInStep = 'opening-browser' | 'waiting-for-consent' | 'exchanging-code' | 'done';

export interface SignInRequest<T> {
  authorizeUrl: string;
  clientId: string;
  scope: string;
  /** Provider-specific parameters, e.g. Google's `access_type=offline`. */
  extraParams?: Record<string, string>;
  /** Opens the consent page in the system browser (never an embedded window: providers refuse those). */
  openBrowser(url: string): Promise<void>;
  /** Trades the code for tokens at the provider's token endpoint. */
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<T>;
  onStep?(step: SignInStep): void;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs one sign-in to its end and returns what the provider's token exchange gave. */
export async function signIn<T>(request: SignInRequest<T>): Promise<T> {
  const pkce = createPkcePair();
  const state = createState();
  const redirect = await startLoopbackRedirect({ state, timeoutMs: request.timeoutMs, signal: request.signal });
  try {
    const url = new URL(request.authorizeUrl);
    const params = {
      response_type: 'code',
      client_id: request.clientId,
      redirect_uri: redirect.redirectUri,
      scope: request.scope,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
      ...request.extraParams,
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    request.onStep?.('opening-browser');
    await request.openBrowser(url.toString());
    request.onStep?.('waiting-for-consent');
    const code = await redirect.code;
    request.onStep?.('exchanging-code');
    let tokens: T;
    try {
      tokens = await request.exchangeCode({ code, codeVerifier: pkce.verifier, redirectUri: redirect.redirectUri });
    } catch (error) {
      throw new SignInError(
        `The provider did not accept the sign-in: ${error instanceof Error ? error.message : String(error)}`,
        'exchange_failed',
      );
    }
    request.onStep?.('done');
    return tokens;
  } finally {
    await redirect.close();
  }
}

export interface RefreshTokenSignIn
  extends
    Pick<SignInRequest<never>, 'authorizeUrl' | 'clientId' | 'scope' | 'extraParams' | 'openBrowser'>,
    Pick<SignInRequest<never>, 'onStep' | 'timeoutMs' | 'signal'> {
  tokenUrl: string;
  /** Sent with the code when the provider's desktop clients have one (Google); omitted otherwise (Autodesk). */
  clientSecret?: string;
  /** "Google", for the message when no refresh token comes back. */
  provider: string;
}

/** Signs in with the authorization-code grant and returns the refresh token to keep (the app stays signed in). */
export async function signInForRefreshToken(request: RefreshTokenSignIn): Promise<{ refreshToken: string }> {
  const { tokenUrl, clientSecret, provider, ...rest } = request;
  const tokens = await signIn({
    ...rest,
    exchangeCode: ({ code, codeVerifier, redirectUri }) =>
      requestToken(tokenUrl, {
        grant_type: 'authorization_code',
        client_id: request.clientId,
        code,
        code_verifier: codeVerifier,
        redirect_uri: redirectUri,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
      }),
  });
  if (!tokens.refreshToken) {
    throw new Error(
      `${provider} granted access but no refresh token, so File Connector could not stay signed in. Sign in again.`,
    );
  }
  return { refreshToken: tokens.refreshToken };
}
