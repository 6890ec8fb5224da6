/** Carries the contract over Electron IPC: `fc:invoke` requests in, `fc:event` events out. */
import type { CoreHost } from '../../src/core/types.js';
import type { Envelope } from '../../src/contract/wire.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/contract/wire.js';

/** The part of `ipcMain` used here; Electron's real object fits it. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of a window's `webContents` used to deliver events. */
export interface EventReceiver {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BindIpcOptions<E> {
  ipcMain: IpcMainLike<E>;
  core: Pick<CoreHost, 'dispatch' | 'subscribe'>;
  /** True when the IPC event comes from one of the app's own pages. */
  isTrustedSender: (event: E) => boolean;
  /** The live windows' webContents that should receive events. */
  webContentsList: () => EventReceiver[];
  /** Where delivery or dispatch failures are reported (defaults to console.error). */
  logError?: (message: string, error: unknown) => void;
}

/** The request shape the preload sends, or null when the message is anything else. */
export function parseInvokeMessage(message: unknown): { name: string; input: unknown } | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const { name, input } = message as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return null;
  return { name, input };
}

/** Registers the invoke handler and event forwarding; returns the function that undoes both. */
export function bindIpc<E>(options: BindIpcOptions<E>): () => void {
  const { ipcMain, core, isTrustedSender, webContentsList } = options;
  const logError = options.logError ?? ((message, error) => console.error(message, error));

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, message): Promise<Envelope<unknown>> => {
    // Only the event's sender is looked at; the event object itself never goes back to the renderer.
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'This page may not call File Connector.' } };
    }
    const request = parseInvokeMessage(message);
    if (request === null) {
      return {
        ok: false,
        error: { code: 'invalid_request', message: 'Expected a message of the form { name: string, input }.' },
      };
    }
    try {
      return await core.dispatch(request.name, request.input);
    } catch (error) {
      // dispatch promises never to throw; if it does, the renderer still gets an envelope.
      logError(`Request ${request.name} failed unexpectedly`, error);
      return { ok: false, error: { code: 'internal', message: 'The request failed unexpectedly.' } };
    }
  });

  const unsubscribe = core.subscribe(({ event, payload }) => {
    for (const contents of webContentsList()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(IPC_EVENT_CHANNEL, { event, payload });
      } catch (error) {
        // A window closing mid-send must not keep the event from the other windows.
        logError(`Could not deliver event ${event}`, error);
      }
    }
  });

  let bound = true;
  return () => {
    if (!bound) return;
    bound = false;
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}

/** The part of an IPC event used to judge the sender: the frame that sent it. */
export interface SenderEvent {
  senderFrame: { url: string } | null;
}

/** Builds `isTrustedSender` from a URL check: the sending frame must be on the app's own origin. */
export function createSenderCheck(isTrustedUrl: (url: string) => boolean): (event: SenderEvent) => boolean {
  // senderFrame is null once the frame has navigated away or been destroyed: not trusted.
  return (event) => event.senderFrame !== null && isTrustedUrl(event.senderFrame.url);
}
