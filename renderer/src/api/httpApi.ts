/** FileConnectorApi over loopback HTTP (`file-connector serve`): JSON-RPC-ish POSTs plus server-sent events. */
import type {
  EventName,
  Events,
  FileConnectorApi,
  RequestInput,
  RequestName,
  RequestOutput,
} from '../../../src/contract/contract';
import { ContractError, unwrap } from '../../../src/contract/wire';
import type { Envelope } from '../../../src/contract/wire';
import { setConnectionState } from './connection';

const UNREACHABLE = 'File Connector is not reachable. Is `file-connector serve` still running?';

/** Builds the HTTP client for the given token (null when the page was opened without one). */
export function createHttpApi(token: string | null, baseUrl = ''): FileConnectorApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const attached = new Set<EventName>();
  let source: EventSource | null = null;

  function ensureSource(): EventSource {
    if (source) return source;
    const url = `${baseUrl}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    source = new EventSource(url);
    source.onopen = () => setConnectionState('connected');
    // EventSource reconnects on its own; we only reflect the state.
    source.onerror = () => setConnectionState(source?.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return source;
  }

  function attach(event: EventName): void {
    if (attached.has(event)) return;
    attached.add(event);
    ensureSource().addEventListener(event, (message) => {
      const set = listeners.get(event);
      if (!set || set.size === 0) return;
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const l of [...set]) l(payload);
    });
  }

  return {
    async invoke<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/rpc/${name}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        setConnectionState('offline');
        throw new ContractError({ code: 'internal', message: UNREACHABLE });
      }
      let envelope: Envelope<RequestOutput<K>>;
      try {
        envelope = (await response.json()) as Envelope<RequestOutput<K>>;
      } catch {
        const code = response.status === 401 || response.status === 403 ? 'unauthorized' : 'internal';
        const message =
          code === 'unauthorized'
            ? 'This page is not authorised. Open the address printed by `file-connector serve` (it carries the token).'
            : `File Connector answered ${response.status} ${response.statusText} without a readable body.`;
        throw new ContractError({ code, message });
      }
      return unwrap(envelope);
    },

    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      attach(event);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
