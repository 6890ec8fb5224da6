/**
 * How the contract travels over loopback HTTP (`file-connector serve`) and over
 * Electron IPC: the same envelopes on both. Browser-safe.
 *
 * HTTP: `POST /api/rpc/<request name>` with the input as JSON body and header
 * `Authorization: Bearer <token>`; events as server-sent events from
 * `GET /api/events?token=<token>`, one `event: <name>` / `data: <json>` per event.
 * IPC: channel `fc:invoke` carries `{ name, input }`; channel `fc:event` carries `{ event, payload }`.
 */
import type { EventName, Events } from './contract.js';

export type ContractErrorCode =
  'invalid_request' | 'unknown_request' | 'not_found' | 'conflict' | 'unsupported' | 'unauthorized' | 'internal';

export interface ContractErrorBody {
  code: ContractErrorCode;
  message: string;
  /** For invalid input: each problem with the path inside the input. */
  issues?: { path: string; message: string }[];
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ContractErrorBody };

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

export const IPC_INVOKE_CHANNEL = 'fc:invoke';
export const IPC_EVENT_CHANNEL = 'fc:event';

/** An error a front end receives from a request, carrying the core's code and message. */
export class ContractError extends Error {
  readonly code: ContractErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;
  constructor(body: ContractErrorBody) {
    super(body.message);
    this.name = 'ContractError';
    this.code = body.code;
    this.issues = body.issues;
  }
  toBody(): ContractErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

/** Unwraps an envelope into its result, or throws the ContractError it carries. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new ContractError(envelope.error);
}
