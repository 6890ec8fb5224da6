/** OAuth 2 token endpoint calls (RFC 6749 §4.1.3, §6) with errors that name the cause but never a token. */

export interface TokenResponse {
  accessToken: string;
  /** Absent when the provider keeps the old one (Google) — present and new on every refresh for Autodesk. */
  refreshToken: string | null;
  /** Absolute expiry, milliseconds since the epoch. */
  expiresAt: number;
  scope: string | null;
}

export interface TokenRequestOptions {
  /** Client credentials in a Basic header (some providers refuse them in the body as well). */
  basicAuth?: { clientId: string; clientSecret: string };
  fetch?: typeof fetch;
  now?: () => number;
}

/** Posts `form` to the token endpoint and parses the answer. */
export async function requestToken(
  tokenUrl: string,
  form: Record<string, string>,
  options: TokenRequestOptions = {},
): Promise<TokenResponse> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (options.basicAuth) {
    const { clientId, clientSecret } = options.basicAuth;
    headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(tokenUrl, { method: 'POST', headers, body: new URLSearchParams(form) });
  } catch (error) {
    throw new Error(`Could not reach the sign-in server at ${new URL(tokenUrl).host}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Reported below with the status.
  }
  if (!response.ok) {
    const code = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    const detail = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
    const hint = code === 'invalid_grant' ? ' Sign in again.' : '';
    throw new Error(`The sign-in server refused the request (${code}${detail}).${hint}`);
  }
  if (typeof body.access_token !== 'string' || !body.access_token) {
    throw new Error('The sign-in server answered without an access token.');
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    expiresAt: (options.now ?? Date.now)() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
    scope: typeof body.scope === 'string' ? body.scope : null,
  };
}
