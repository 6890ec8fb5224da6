import { describe, expect, it, vi } from 'vitest';
import {
  createNavigationGuard,
  createWindowOpenHandler,
  denyAllPermissionChecks,
  denyAllPermissions,
} from '../../electron/main/security.js';
import { createOriginCheck, originOf, rendererSource } from '../../electron/main/origins.js';
import { createSenderCheck } from '../../electron/main/ipc.js';

const appCheck = createOriginCheck(rendererSource({}, false));
const devCheck = createOriginCheck(rendererSource({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false));

describe('rendererSource', () => {
  it('uses the dev server only in development', () => {
    expect(rendererSource({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173',
    });
    expect(rendererSource({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toEqual({
      kind: 'app',
      url: 'app://renderer/index.html',
    });
    expect(rendererSource({ ELECTRON_RENDERER_URL: 'file:///tmp/x.html' }, false).kind).toBe('app');
    expect(rendererSource({}, false).kind).toBe('app');
  });
});

describe('origin checks', () => {
  it('rebuilds origins for the app scheme, which URL.origin reports as "null"', () => {
    expect(new URL('app://renderer/x').origin).toBe('null');
    expect(originOf('app://renderer/x')).toBe('app://renderer');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });

  it.each([
    ['app://renderer/index.html', true, false],
    ['app://renderer/#/files?x=1', true, false],
    ['app://other/index.html', false, false],
    ['http://localhost:5173/', false, true],
    ['http://localhost:5173/src/main.tsx', false, true],
    ['http://localhost:5174/', false, false],
    ['http://localhost.evil.com:5173/', false, false],
    ['https://localhost:5173/', false, false],
    ['file:///tmp/index.html', false, false],
    ['about:blank', false, false],
  ])('%s: trusted by app %s, by dev %s', (url, app, dev) => {
    expect(appCheck(url)).toBe(app);
    expect(devCheck(url)).toBe(dev);
  });

  it('sender check needs a live frame on the trusted origin', () => {
    const check = createSenderCheck(appCheck);
    expect(check({ senderFrame: { url: 'app://renderer/index.html' } })).toBe(true);
    expect(check({ senderFrame: { url: 'https://example.com/' } })).toBe(false);
    expect(check({ senderFrame: null })).toBe(false);
  });
});

describe('navigation guard', () => {
  it('lets in-app navigation through', () => {
    const open = vi.fn();
    const event = { preventDefault: vi.fn() };
    createNavigationGuard(appCheck, open, vi.fn())(event, 'app://renderer/index.html#/logs');
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('stops foreign navigation and opens web links in the browser instead', () => {
    const open = vi.fn();
    const event = { preventDefault: vi.fn() };
    createNavigationGuard(appCheck, open, vi.fn())(event, 'https://drive.google.com/file/d/1');
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(open).toHaveBeenCalledWith('https://drive.google.com/file/d/1');
  });

  it('stops other schemes without opening anything', () => {
    const open = vi.fn();
    const warn = vi.fn();
    const event = { preventDefault: vi.fn() };
    createNavigationGuard(appCheck, open, warn)(event, 'file:///etc/passwd');
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(open).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('window open handler', () => {
  it('always denies, sending web links to the browser', () => {
    const open = vi.fn();
    const handler = createWindowOpenHandler(open, vi.fn());
    expect(handler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://example.com/help');
    expect(handler({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledOnce();
  });
});

describe('permissions', () => {
  it('denies every request and check', () => {
    const callback = vi.fn();
    denyAllPermissions(vi.fn())({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(denyAllPermissionChecks()()).toBe(false);
  });
});
