/** Checks that a webhook call comes from someone who holds the endpoint's secret. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HookHeaders = Record<string, string | string[] | undefined>;

/** Which kind of caller signed a delivery, or why none did. */
export type HookVerdict = { ok: true; source: 'autodesk' | 'google' | 'bearer' } | { ok: false; reason: string };

function header(headers: HookHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function same(a: string | Buffer, b: string | Buffer): boolean {
  const x = Buffer.isBuffer(a) ? a : Buffer.from(a);
  const y = Buffer.isBuffer(b) ? b : Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Autodesk's `x-adsk-signature` value for `body`: `sha1hash=` and the hex HMAC-SHA1 keyed by the secret. */
export function autodeskSignature(body: Buffer | string, secret: string): string {
  return `sha1hash=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

/**
 * Verifies a delivery: Autodesk's HMAC signature of the raw body, a Google Drive channel token, or
 * `Authorization: Bearer <secret>` from any other caller. Comparisons take constant time.
 */
export function verifyDelivery(headers: HookHeaders, body: Buffer, secret: string): HookVerdict {
  const adsk = header(headers, 'x-adsk-signature');
  if (adsk !== undefined) {
    return same(adsk.trim().toLowerCase(), autodeskSignature(body, secret))
      ? { ok: true, source: 'autodesk' }
      : { ok: false, reason: 'the x-adsk-signature does not match the body and the secret' };
  }
  const channelToken = header(headers, 'x-goog-channel-token');
  if (channelToken !== undefined) {
    return same(channelToken, secret)
      ? { ok: true, source: 'google' }
      : { ok: false, reason: 'the X-Goog-Channel-Token is not the secret' };
  }
  const bearer = /^Bearer (.+)$/.exec(header(headers, 'authorization') ?? '')?.[1];
  if (bearer !== undefined) {
    return same(bearer, secret)
      ? { ok: true, source: 'bearer' }
      : { ok: false, reason: 'the bearer token is not the secret' };
  }
  return { ok: false, reason: 'it carries no x-adsk-signature, X-Goog-Channel-Token or bearer token' };
}

/** A short fingerprint of a delivery, to recognise it when it is delivered again. */
export function deliveryDigest(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}

export { header as hookHeader };
