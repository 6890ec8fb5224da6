/** The renderer's `FileConnectorApi` over Electron IPC, built from an ipcRenderer-like object (tested under Node). */
// Type-only from contract.ts: its values pull in zod, which the sandboxed preload bundle does not need.
import type { DesktopBridge, EventName, Events, RequestName, RequestOutput } from '../../src/contract/contract.js';
import type { Envelope } from '../../src/contract/wire.js';
import { ContractError, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, unwrap } from '../../src/contract/wire.js';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of `ipcRenderer` used here; Electron's real object fits it. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/** What the preload exposes: the contract API, plus the raw envelope call (see `DesktopBridge`). */
export type IpcApi = DesktopBridge;

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'result' in candidate;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  const error = candidate.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}

// Main only forwards contract events; a name with no listeners is simply dropped.
const isEventName = (value: unknown): value is EventName => typeof value === 'string' && value.length > 0;

/** Builds the API on top of `ipcRenderer`; nothing of ipcRenderer or its events leaks through it. */
export function createIpcApi(
  ipc: IpcRendererLike,
  logError: (message: string, error: unknown) => void = console.error,
) {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let dispatcherOn = false;

  // One IPC listener for all events; the IPC event object stays here.
  const dispatcher: IpcListener = (_event, message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        (listener as (payload: unknown) => void)(payload);
      } catch (error) {
        // One failing page listener must not starve the others.
        logError(`A listener for ${event} failed`, error);
      }
    }
  };

  const invokeEnvelope = async (name: RequestName, input: unknown): Promise<Envelope<unknown>> => {
    const reply = await ipc.invoke(IPC_INVOKE_CHANNEL, { name, input });
    if (isEnvelope(reply)) return reply;
    return { ok: false, error: { code: 'internal', message: 'The app returned a malformed reply.' } };
  };

  const api = {
    async invoke<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> {
      return unwrap(await invokeEnvelope(name, input)) as RequestOutput<K>;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!isEventName(event))
        throw new ContractError({ code: 'invalid_request', message: `Expected an event name, got ${String(event)}` });
      if (typeof listener !== 'function') {
        throw new ContractError({ code: 'invalid_request', message: 'The listener must be a function.' });
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped so the same function registered twice gets two independent subscriptions.
      const entry = (payload: never) => listener(payload);
      set.add(entry);
      if (!dispatcherOn) {
        ipc.on(IPC_EVENT_CHANNEL, dispatcher);
        dispatcherOn = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(entry);
        if (set.size === 0) listeners.delete(event);
        if (listeners.size === 0 && dispatcherOn) {
          ipc.removeListener(IPC_EVENT_CHANNEL, dispatcher);
          dispatcherOn = false;
        }
      };
    },
    invokeEnvelope,
  } satisfies IpcApi;
  return api;
}
