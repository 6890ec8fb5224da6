import { describe, expect, it, vi } from 'vitest';
import { bindIpc, createSenderCheck, parseInvokeMessage } from '../../electron/main/ipc.js';
import type { EventReceiver } from '../../electron/main/ipc.js';
import type { CoreHost } from '../../src/core/types.js';
import type { EventMessage } from '../../src/contract/wire.js';

type FakeEvent = { senderFrame: { url: string } | null };
type Handler = (event: FakeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, listener: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
    invoke: (event: FakeEvent, message: unknown) => handlers.get('fc:invoke')!(event, message),
  };
}

function fakeCore() {
  const listeners = new Set<(message: EventMessage) => void>();
  const core = {
    dispatch: vi.fn<CoreHost['dispatch']>(async (name, input) => ({ ok: true, result: { name, input } })),
    subscribe: vi.fn((listener: (message: EventMessage) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }),
  };
  const emit = (message: EventMessage) => listeners.forEach((l) => l(message));
  return { core, listeners, emit };
}

function fakeContents(destroyed = false): EventReceiver & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return { sent, send: (...args: unknown[]) => void sent.push(args), isDestroyed: () => destroyed };
}

const trusted: FakeEvent = { senderFrame: { url: 'app://renderer/index.html' } };
const isTrustedSender = createSenderCheck((url) => url.startsWith('app://renderer/'));

describe('bindIpc', () => {
  it('dispatches a well-formed request from a trusted page', async () => {
    const ipcMain = fakeIpcMain();
    const { core } = fakeCore();
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [] });
    const reply = await ipcMain.invoke(trusted, { name: 'app.info', input: {} });
    expect(reply).toEqual({ ok: true, result: { name: 'app.info', input: {} } });
    expect(core.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it.each([
    ['a foreign page', { senderFrame: { url: 'https://evil.example/' } }],
    ['a file page', { senderFrame: { url: 'file:///tmp/x.html' } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('answers unauthorized to %s without dispatching', async (_label, event) => {
    const ipcMain = fakeIpcMain();
    const { core } = fakeCore();
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [] });
    const reply = await ipcMain.invoke(event, { name: 'app.info', input: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it.each([null, undefined, 'app.info', 42, [], ['app.info', {}], {}, { name: 3 }, { name: '' }, { input: {} }])(
    'answers invalid_request to the message %j instead of throwing',
    async (message) => {
      const ipcMain = fakeIpcMain();
      const { core } = fakeCore();
      bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [] });
      await expect(ipcMain.invoke(trusted, message)).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
      expect(core.dispatch).not.toHaveBeenCalled();
    },
  );

  it('still answers with an envelope if dispatch throws', async () => {
    const ipcMain = fakeIpcMain();
    const { core } = fakeCore();
    core.dispatch.mockRejectedValueOnce(new Error('boom'));
    const logError = vi.fn();
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [], logError });
    await expect(ipcMain.invoke(trusted, { name: 'app.info', input: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logError).toHaveBeenCalled();
  });

  it('never hands the IPC event to the core or back in the reply', async () => {
    const ipcMain = fakeIpcMain();
    const { core } = fakeCore();
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [] });
    const reply = await ipcMain.invoke(trusted, { name: 'x', input: 1 });
    expect(core.dispatch.mock.calls[0]).toEqual(['x', 1]);
    expect(JSON.stringify(reply)).not.toContain('senderFrame');
  });

  it('forwards core events to every live window and skips destroyed ones', () => {
    const ipcMain = fakeIpcMain();
    const { core, emit } = fakeCore();
    const a = fakeContents();
    const b = fakeContents();
    const gone = fakeContents(true);
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [a, gone, b] });
    emit({ event: 'endpoints.changed', payload: { endpointId: 3 } });
    const expected = [['fc:event', { event: 'endpoints.changed', payload: { endpointId: 3 } }]];
    expect(a.sent).toEqual(expected);
    expect(b.sent).toEqual(expected);
    expect(gone.sent).toEqual([]);
  });

  it('keeps delivering to other windows when one send throws', () => {
    const ipcMain = fakeIpcMain();
    const { core, emit } = fakeCore();
    const broken: EventReceiver = {
      send: () => {
        throw new Error('Object has been destroyed');
      },
      isDestroyed: () => false,
    };
    const ok = fakeContents();
    const logError = vi.fn();
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [broken, ok], logError });
    emit({ event: 'endpoints.changed', payload: { endpointId: null } });
    expect(ok.sent).toHaveLength(1);
    expect(logError).toHaveBeenCalledOnce();
  });

  it('unbind removes the handler and the subscription, once', () => {
    const ipcMain = fakeIpcMain();
    const { core, listeners, emit } = fakeCore();
    const a = fakeContents();
    const unbind = bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [a] });
    expect(ipcMain.handlers.has('fc:invoke')).toBe(true);
    unbind();
    unbind();
    expect(ipcMain.handlers.has('fc:invoke')).toBe(false);
    expect(ipcMain.removeHandler).toHaveBeenCalledOnce();
    expect(listeners.size).toBe(0);
    emit({ event: 'endpoints.changed', payload: { endpointId: 1 } });
    expect(a.sent).toEqual([]);
    // A fresh bind works after unbinding (e.g. the core is reopened).
    bindIpc({ ipcMain, core, isTrustedSender, webContentsList: () => [] });
  });
});

describe('parseInvokeMessage', () => {
  it('accepts a missing input as undefined', () => {
    expect(parseInvokeMessage({ name: 'app.info' })).toEqual({ name: 'app.info', input: undefined });
  });
});
