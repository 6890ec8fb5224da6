/** One call to Autodesk's OAuth token endpoint, paced and retried, with errors that never carry a secret. */
import { z } from 'zod';
import { isTransientStatus, parseRetryAfter, TransientError, type ResilientCaller } from '../../resilience/index.js';
import type { AccFamily } from './settings.js';
import { parseWire } from './wire.js';

const tokenReplySchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
});

/** A token endpoint reply. */
export interface TokenReply {
  accessToken: string;
  expiresInSeconds: number;
  refreshToken?: string;
}

/** The token endpoint refused the request (bad credentials, spent refresh token...). */
export class TokenRejectedError extends Error {
  constructor(
    readonly status: number,
    /** The OAuth error code, e.g. `invalid_client` or `invalid_grant`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

/** The OAuth error code of a rejection body (`{error}` or Autodesk's `{errorCode}`), never its free text. */
function errorCodeOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; errorCode?: unknown };
    const code = body.error ?? body.errorCode;
    return typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : 'unknown_error';
  } catch {
    return 'unknown_error';
  }
}

/** POSTs a form to the token endpoint; `basic` is `clientId:secret` for the Authorization header. */
export async function requestToken(options: {
  url: string;
  form: Record<string, string>;
  basic?: string;
  caller: ResilientCaller<AccFamily>;
  signal?: AbortSignal;
  /** Builds the message of a refusal from its status and OAuth code. */
  refused: (status: number, code: string) => string;
}): Promise<TokenReply> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (options.basic) headers.authorization = `Basic ${Buffer.from(options.basic).toString('base64')}`;
  const json = await options.caller.call(
    'token',
    async (signal) => {
      const res = await fetch(options.url, {
        method: 'POST',
        headers,
        body: new URLSearchParams(options.form).toString(),
        signal,
      });
      const body = await res.text();
      options.caller.received('token', Buffer.byteLength(body));
      if (isTransientStatus(res.status)) {
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        throw new TransientError(`Autodesk's token endpoint answered ${res.status}`, res.status, retryAfter);
      }
      if (!res.ok) {
        const code = errorCodeOf(body);
        throw new TokenRejectedError(res.status, code, options.refused(res.status, code));
      }
      // Parsed inside the retry: a reply cut off on the way is worth another try.
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new TransientError(
          `Autodesk's token endpoint (${options.url}) answered with something that is not JSON`,
          null,
        );
      }
    },
    options.signal,
  );
  const reply = parseWire(tokenReplySchema, json, 'token endpoint reply');
  return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in, refreshToken: reply.refresh_token };
}
