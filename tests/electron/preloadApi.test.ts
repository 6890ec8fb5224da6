import { describe, expect, it, vi } from 'vitest';
import { createIpcApi } from '../../electron/preload/api.js';
import type { IpcRendererLike } from '../../electron/preload/api.js';
import { ContractError } from '../../src/contract/wire.js';
import type { FileConnectorApi } from '../../src/contract/contract.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer(reply: (channel: string, message: unknown) => unknown = () => ({ ok: true, result: null })) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => reply(channel, args[0])),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => void listeners.get(channel)?.delete(listener)),
  } satisfies IpcRendererLike;
  // What Electron does on `webContents.send`: every listener gets (event, ...args).
  const deliver = (channel: string, message: unknown) =>
    listeners.get(channel)?.forEach((l) => l({ sender: 'ipc-event-object', ports: [] }, message));
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { ipc, deliver, count };
}

describe('createIpcApi', () => {
  it('is a FileConnectorApi', () => {
    const api: FileConnectorApi = createIpcApi(fakeIpcRenderer().ipc);
    expect(typeof api.invoke).toBe('function');
  });

  it('invoke sends { name, input } on fc:invoke and unwraps the result', async () => {
    const { ipc } = fakeIpcRenderer(() => ({ ok: true, result: { removed: true } }));
    const api = createIpcApi(ipc);
    await expect(api.invoke('endpoints.remove', { id: 4 })).resolves.toEqual({ removed: true });
    expect(ipc.invoke).toHaveBeenCalledWith('fc:invoke', { name: 'endpoints.remove', input: { id: 4 } });
  });

  it('invoke throws a ContractError carrying code and issues', async () => {
    const error = { code: 'invalid_request', message: 'bad id', issues: [{ path: 'id', message: 'too small' }] };
    const api = createIpcApi(fakeIpcRenderer(() => ({ ok: false, error })).ipc);
    const thrown = await api.invoke('endpoints.get', { id: 0 }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ContractError);
    expect(thrown).toMatchObject({ code: 'invalid_request', message: 'bad id', issues: error.issues });
  });

  it('a malformed reply becomes an internal ContractError', async () => {
    const api = createIpcApi(fakeIpcRenderer(() => 'surprise').ipc);
    await expect(api.invoke('app.info', {})).rejects.toMatchObject({ name: 'ContractError', code: 'internal' });
  });

  it('invokeEnvelope returns the envelope without throwing (codes survive contextBridge)', async () => {
    const error = { code: 'not_found', message: 'gone' };
    const api = createIpcApi(fakeIpcRenderer(() => ({ ok: false, error })).ipc);
    await expect(api.invokeEnvelope('endpoints.get', { id: 9 })).resolves.toEqual({ ok: false, error });
  });

  it('on registers one dispatcher, passes only the payload, and unsubscribes', () => {
    const { ipc, deliver, count } = fakeIpcRenderer();
    const api = createIpcApi(ipc);
    const progress = vi.fn();
    const changed = vi.fn();
    const offProgress = api.on('sync.progress', progress);
    const offChanged = api.on('endpoints.changed', changed);
    expect(ipc.on).toHaveBeenCalledOnce();
    expect(count('fc:event')).toBe(1);

    deliver('fc:event', { event: 'endpoints.changed', payload: { endpointId: 2 } });
    expect(changed).toHaveBeenCalledExactlyOnceWith({ endpointId: 2 });
    expect(progress).not.toHaveBeenCalled();

    offChanged();
    offChanged();
    deliver('fc:event', { event: 'endpoints.changed', payload: { endpointId: 3 } });
    expect(changed).toHaveBeenCalledOnce();
    expect(count('fc:event')).toBe(1);

    offProgress();
    expect(count('fc:event')).toBe(0);
    // Subscribing again re-attaches the dispatcher.
    api.on('log.entry', vi.fn());
    expect(count('fc:event')).toBe(1);
  });

  it('ignores malformed event messages and survives a throwing listener', () => {
    const { ipc, deliver } = fakeIpcRenderer();
    const logError = vi.fn();
    const api = createIpcApi(ipc, logError);
    const good = vi.fn();
    api.on('endpoints.changed', () => {
      throw new Error('listener bug');
    });
    api.on('endpoints.changed', good);
    deliver('fc:event', null);
    deliver('fc:event', { payload: 1 });
    deliver('fc:event', { event: 'endpoints.changed', payload: { endpointId: null } });
    expect(good).toHaveBeenCalledExactlyOnceWith({ endpointId: null });
    expect(logError).toHaveBeenCalledOnce();
  });

  it('the same listener registered twice gets two independent subscriptions', () => {
    const { ipc, deliver } = fakeIpcRenderer();
    const api = createIpcApi(ipc);
    const listener = vi.fn();
    const off1 = api.on('endpoints.changed', listener);
    api.on('endpoints.changed', listener);
    off1();
    deliver('fc:event', { event: 'endpoints.changed', payload: { endpointId: 1 } });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('exposes only functions, nothing of ipcRenderer', () => {
    const { ipc } = fakeIpcRenderer();
    const api = createIpcApi(ipc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'invokeEnvelope', 'on']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipc);
  });
});
