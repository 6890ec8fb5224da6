/** Window guards (navigation, pop-ups, permissions) written against minimal shapes so they run under plain Node. */
import { safeExternalUrl } from './externalLinks.js';

/** The part of Electron's `will-navigate` event the guard uses. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** Reports what a guard refused, for the log. */
export type Warn = (message: string) => void;

/** `will-navigate` / `will-redirect` handler: stays on the app's origin, sends web links to the browser. */
export function createNavigationGuard(
  isTrustedUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
  warn: Warn,
): (event: PreventableEvent, url: string) => void {
  return (event, url) => {
    if (isTrustedUrl(url)) return;
    event.preventDefault();
    // A link the user clicked to a web page still works, just in the system browser.
    if (safeExternalUrl(url) !== null) openExternal(url);
    else warn(`Blocked navigation to ${url}`);
  };
}

/** `setWindowOpenHandler` handler: never opens an app window; web links go to the system browser. */
export function createWindowOpenHandler(
  openExternal: (url: string) => void,
  warn: Warn,
): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (safeExternalUrl(url) !== null) openExternal(url);
    else warn(`Blocked window.open of ${url}`);
    return { action: 'deny' };
  };
}

/** `setPermissionRequestHandler` handler: the app needs no camera, notifications, geolocation, ... */
export function denyAllPermissions(
  warn: Warn,
): (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void {
  return (_webContents, permission, callback) => {
    warn(`Denied permission request: ${permission}`);
    callback(false);
  };
}

/** `setPermissionCheckHandler` handler: synchronous checks are denied as well. */
export function denyAllPermissionChecks(): () => boolean {
  return () => false;
}

/** Content-Security-Policy for pages served over `app://` (the dev server needs inline scripts, so not there). */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
