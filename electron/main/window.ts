/** The main window: locked-down webPreferences, guarded navigation, renderer from dev server or app://. */
import { BrowserWindow } from 'electron';
import type { Session } from 'electron';
import {
  createNavigationGuard,
  createWindowOpenHandler,
  denyAllPermissionChecks,
  denyAllPermissions,
  type Warn,
} from './security.js';
import type { RendererSource } from './origins.js';

export interface MainWindowOptions {
  preloadPath: string;
  source: RendererSource;
  isTrustedUrl: (url: string) => boolean;
  /** Opens a vetted http(s) URL in the system browser. */
  openExternal: (url: string) => void;
  warn: Warn;
  icon?: string;
}

/** Denies every permission request and check on a session (done once, before any window loads). */
export function lockDownSession(session: Session, warn: Warn): void {
  session.setPermissionRequestHandler(denyAllPermissions(warn));
  session.setPermissionCheckHandler(denyAllPermissionChecks());
}

/** Creates and loads the main window; it shows itself once the first paint is ready. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'File Connector',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  const guard = createNavigationGuard(options.isTrustedUrl, options.openExternal, options.warn);
  window.webContents.on('will-navigate', (event, url) => guard(event, url));
  window.webContents.on('will-redirect', (event, url) => guard(event, url));
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(createWindowOpenHandler(options.openExternal, options.warn));
  window.once('ready-to-show', () => window.show());

  window.loadURL(options.source.url).catch((error: unknown) => {
    options.warn(`Could not load the interface from ${options.source.url}: ${String(error)}`);
  });
  return window;
}

/** Brings an existing window to the front (second instance, dock click). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
