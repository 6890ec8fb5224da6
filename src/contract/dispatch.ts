/** Validates a request at the edge and runs its handler, always answering with an envelope. */
import type { z } from 'zod';
import { isRequestName, requests, type Handlers } from './contract.js';
import { ContractError, type Envelope } from './wire.js';

/** Turns zod issues into `path: message` pairs a person can act on. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}

/**
 * Runs request `name` with untrusted `input`. Never throws: unknown names, bad
 * input and handler failures all come back as `{ ok: false, error }`.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  input: unknown,
  onInternalError?: (name: string, error: unknown) => void,
): Promise<Envelope<unknown>> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown_request', message: `There is no request named "${name}".` } };
  }
  const parsed = requests[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_request', message: `Invalid ${name} request: ${summary}`, issues } };
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ContractError) return { ok: false, error: error.toBody() };
    onInternalError?.(name, error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${message}` } };
  }
}
