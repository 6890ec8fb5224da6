/** The one door to the core: the Electron preload's object when present, else the loopback HTTP client. */
import type { FileConnectorApi } from '../../../src/contract/contract';
import { unwrap } from '../../../src/contract/wire';
import { setConnectionState } from './connection';
import { createHttpApi } from './httpApi';
import { takeToken } from './token';

let api: FileConnectorApi | null = null;

/** Returns the process-wide FileConnectorApi, creating it on first use. */
export function getApi(): FileConnectorApi {
  if (api) return api;
  const bridge = window.fileConnector;
  if (bridge) {
    // IPC cannot drop while the window lives.
    setConnectionState('connected');
    // Unwrapped here, not in the preload: errors crossing contextBridge lose their code and issues.
    api = {
      invoke: async (name, input) => unwrap(await bridge.invokeEnvelope(name, input)) as never,
      on: (event, listener) => bridge.on(event, listener),
    };
  } else {
    api = createHttpApi(takeToken());
  }
  return api;
}

/** Replaces the API (tests inject a fake). */
export function setApi(next: FileConnectorApi | null): void {
  api = next;
}

export { ContractError } from '../../../src/contract/wire';
export type { ConnectionState } from './connection';
export { getConnectionState, onConnectionChange } from './connection';
