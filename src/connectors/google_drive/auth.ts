/**
 * Access tokens for Drive requests, from a service-account key (optionally impersonating a Workspace user) or
 * from a person's refresh token. Token values never appear in errors or logs.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { JWT, OAuth2Client, type AuthClient } from 'google-auth-library';
import type { GoogleDriveAuth } from '../../contract/schemas.js';
import { TransientError } from '../../resilience/index.js';

/** Metadata is all the catalog reads. */
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.metadata.readonly';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Hands out access tokens for one endpoint. */
export interface AccessTokenSource {
  /** A valid access token, fetched or refreshed as needed. */
  token(): Promise<string>;
  /** Drive refused `token` (401): unless a fresh one was fetched meanwhile, the next `token()` fetches one. */
  reset(token: string): void;
  /** Who signs in, for health reports and logs (no secrets). */
  readonly principal: string;
}

/** Where a person's refresh token comes from when the settings do not name a file or variable. */
export type RefreshTokenLoader = () => Promise<string | null>;

/** Seams for where secrets come from (tests, the desktop app). */
export interface AuthOptions {
  env?: NodeJS.ProcessEnv;
  /** The desktop app's encrypted token store, for `oauth` endpoints without tokenFile/tokenEnv. */
  loadRefreshToken?: RefreshTokenLoader;
  /**
   * Longest one request (token or API) may take before it is retried as a dropped connection; default 60 s.
   * A stalled request would otherwise hold the whole run.
   */
  requestTimeoutMs?: number;
  /**
   * Token sources with the same key share their access token in this process (in memory only), so an endpoint's
   * next run reuses a valid one instead of asking Google first. Without a key, each source fetches its own.
   */
  tokenCacheKey?: string;
}

/** An access token kept for the next token source of the same key, while the same credentials are in use. */
interface KeptToken {
  /** A digest of the settings and secrets that obtained the token: other credentials never get it. */
  identity: string;
  token: string;
  expiresAt: number;
}

/** Access tokens by `tokenCacheKey`, in this process's memory only: they are never written anywhere. */
const keptTokens = new Map<string, KeptToken>();
/** A kept token is handed out until this long before it expires (google-auth-library refreshes its own as early). */
const KEPT_TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * Points an auth client's token requests at `tokenUrl`, bounds them by `timeoutMs` and turns its own retries off
 * (the connector retries).
 */
function routeTokenRequests(client: AuthClient, tokenUrl: string | undefined, timeoutMs: number): void {
  client.transporter.interceptors.request.add({
    resolved: async (opts) => {
      if (tokenUrl && String(opts.url) === GOOGLE_TOKEN_URL) opts.url = new URL(tokenUrl);
      opts.timeout = timeoutMs;
      // gtoken asks for POST retries in `retryConfig`, which outranks `retry: false`: both are turned off.
      opts.retry = false;
      opts.retryConfig = { ...opts.retryConfig, retry: 0 };
      return opts;
    },
  });
}

/** Reads a JSON object from a secrets file; errors name the file and the cause, never the content. */
async function readJsonFile(file: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`Cannot read the ${what} "${file}" (${code}).`, { cause: err });
  }
  // JSON.parse's own message quotes the text, which is secret here: it is not passed on.
  const parsed = parseJson(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`The ${what} "${file}" is not a JSON object.`);
  return parsed as Record<string, unknown>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readServiceAccountKey(keyFile: string): Promise<{ email: string; key: string }> {
  const json = await readJsonFile(keyFile, 'service account key file');
  const missing = ['client_email', 'private_key'].filter((k) => typeof json[k] !== 'string' || !json[k]);
  if (missing.length) {
    throw new Error(
      `The service account key file "${keyFile}" has no ${missing.join(' or ')}: is it a Google service account JSON key?`,
    );
  }
  return { email: json.client_email as string, key: json.private_key as string };
}

async function readRefreshToken(auth: Extract<GoogleDriveAuth, { type: 'oauth' }>, options: AuthOptions) {
  if (auth.tokenFile) {
    const parsed = await readJsonFile(auth.tokenFile, 'Google token file');
    if (typeof parsed.refresh_token !== 'string' || !parsed.refresh_token) {
      throw new Error(`The Google token file "${auth.tokenFile}" has no refresh_token.`);
    }
    return parsed.refresh_token;
  }
  if (auth.tokenEnv) {
    const value = (options.env ?? process.env)[auth.tokenEnv];
    if (!value) throw new Error(`The environment variable ${auth.tokenEnv} (auth.tokenEnv) is not set.`);
    return value;
  }
  const stored = await options.loadRefreshToken?.();
  if (!stored) {
    throw new Error(
      'This Google Drive endpoint is not signed in: use "Sign in with Google" in the app, or for headless use set auth.tokenFile or auth.tokenEnv.',
    );
  }
  return stored;
}

/** The credentials an auth client is built from, and a digest that tells them apart from any others. */
interface Credentials {
  identity: string;
  client(): AuthClient;
}

/** A one-way digest of credentials: compared in memory to keep tokens apart, never stored. */
function digest(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64');
}

/** Reads the key or refresh token the settings point at; the auth client is built on demand. */
async function readCredentials(auth: GoogleDriveAuth, options: AuthOptions, timeoutMs: number): Promise<Credentials> {
  if (auth.type === 'service_account') {
    const { email, key } = await readServiceAccountKey(auth.keyFile);
    return {
      identity: digest(auth, email, key),
      client() {
        const jwt = new JWT({ email, key, scopes: [DRIVE_SCOPE], subject: auth.subject });
        routeTokenRequests(jwt, auth.tokenUrl, timeoutMs);
        return jwt;
      },
    };
  }
  const refreshToken = await readRefreshToken(auth, options);
  return {
    identity: digest(auth, refreshToken),
    client() {
      const oauth = new OAuth2Client({
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        ...(auth.tokenUrl ? { endpoints: { oauth2TokenUrl: auth.tokenUrl } } : {}),
      });
      oauth.setCredentials({ refresh_token: refreshToken });
      routeTokenRequests(oauth, undefined, timeoutMs);
      return oauth;
    },
  };
}

/**
 * Builds the token source for the endpoint's `auth` settings; reads key or token files lazily. With a
 * `tokenCacheKey`, a token still valid from an earlier source of the same key and credentials is used first.
 */
export function createAccessTokenSource(auth: GoogleDriveAuth, options: AuthOptions = {}): AccessTokenSource {
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const keepKey = options.tokenCacheKey;
  let credentials: Promise<Credentials> | null = null;
  let client: AuthClient | null = null;
  let lastToken: string | null = null;
  const keptFor = (identity: string): string | null => {
    const kept = keepKey === undefined ? undefined : keptTokens.get(keepKey);
    const valid = kept && kept.identity === identity && Date.now() < kept.expiresAt - KEPT_TOKEN_MARGIN_MS;
    return valid ? kept.token : null;
  };
  return {
    principal:
      auth.type === 'service_account'
        ? `service account (${auth.keyFile})${auth.subject ? ` as ${auth.subject}` : ''}`
        : `OAuth client ${auth.clientId}`,
    async token() {
      credentials ??= readCredentials(auth, options, timeoutMs);
      const attempt = credentials;
      try {
        // Read first even when a token is kept: a signed-out endpoint or changed credentials must not reuse it.
        const { identity, client: build } = await attempt;
        const kept = keptFor(identity);
        if (kept) return (lastToken = kept);
        client ??= build();
        const current = client;
        const { token } = await current.getAccessToken();
        // A reply cut off on the way reads as one without a token: worth another try, like a dropped connection.
        if (!token)
          throw new TransientError('Google returned no access token (the reply was cut off or unreadable).', null);
        lastToken = token;
        const expiresAt = current.credentials.expiry_date;
        if (keepKey !== undefined && typeof expiresAt === 'number')
          keptTokens.set(keepKey, { identity, token, expiresAt });
        return token;
      } catch (err) {
        // A failed read or token fetch must not stick: the next call starts over.
        if (credentials === attempt) {
          credentials = null;
          client = null;
        }
        throw signInError(err);
      }
    },
    reset(refused) {
      // The JWT client keeps handing back a cached token that Drive refused, so a fresh client is built;
      // concurrent requests refused with the same token build it once.
      if (refused === lastToken) {
        credentials = null;
        client = null;
        lastToken = null;
      }
      if (keepKey !== undefined && keptTokens.get(keepKey)?.token === refused) keptTokens.delete(keepKey);
    },
  };
}

/** A sign-in failure described by Google's error code and description, never by the request that carried secrets. */
export function signInError(err: unknown): Error {
  const e = err as {
    response?: { status?: number; data?: { error?: unknown; error_description?: unknown } };
    code?: string;
  };
  const data = e.response?.data;
  if (data && typeof data.error === 'string') {
    const description = typeof data.error_description === 'string' ? `: ${data.error_description}` : '';
    const error = new Error(`Google sign-in failed (${data.error}${description}).`);
    (error as { status?: number }).status = e.response?.status;
    return error;
  }
  if (err instanceof Error && !e.response) return err;
  const error = new Error(`Google sign-in failed (HTTP ${e.response?.status ?? 'error'}).`);
  (error as { status?: number }).status = e.response?.status;
  return error;
}
