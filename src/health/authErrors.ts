/** Recognises, from its message, a failure that only a new sign-in (or new credentials) can fix. */

// Messages the connectors and the shared token endpoint give when the credentials are refused. A refused
// connection or an unreachable sign-in server is not among them: that passes by itself.
const patterns = [
  /\binvalid_grant\b/i,
  /\bnot signed in\b/i,
  /\brefused the sign-in\b/i,
  /\brefused the access token\b/i,
  /\bsign-in has expired\b/i,
  /\bexpired or was revoked\b/i,
  /\bsign in again\b/i,
  /\(401\b/,
];

/** True when `message` says the credentials were refused or are missing. */
export function isAuthFailure(message: string | null | undefined): boolean {
  if (!message) return false;
  return patterns.some((pattern) => pattern.test(message));
}
