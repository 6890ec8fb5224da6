/** PKCE (RFC 7636) and `state` values for the desktop sign-in. */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** A fresh code verifier (43 characters of base64url) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

/** An unguessable `state` value that ties the redirect to this sign-in. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
