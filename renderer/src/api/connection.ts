/** Whether the core is reachable, as seen by the transport (the event stream is the heartbeat). */
export type ConnectionState = 'connecting' | 'connected' | 'offline';

type Listener = (state: ConnectionState) => void;

let state: ConnectionState = 'connecting';
const listeners = new Set<Listener>();

/** Current connection state. */
export function getConnectionState(): ConnectionState {
  return state;
}

/** Called by the transport when the state changes. */
export function setConnectionState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l(next);
}

/** Subscribes to connection changes; returns the unsubscribe function. */
export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
