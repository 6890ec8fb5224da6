/** Turns anything thrown into a message a user can act on. */
import { ContractError } from '../../../src/contract/wire';

/** The ContractError's message (the core's words), or a generic fallback. */
export function errorMessage(error: unknown): string {
  if (error instanceof ContractError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

/** True for errors that mean "the core is not running". */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'internal' && /not reachable/.test(error.message);
}
