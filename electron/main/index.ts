/** Electron main process: one instance, the core, IPC, the window. Logic lives in the small modules it wires. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { openCore, type Core } from '../../src/core/core.js';
import { APP_NAME, defaultDataDir } from '../../src/core/paths.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol.js';
import { openExternalUrl } from './externalLinks.js';
import { bindIpc, createSenderCheck } from './ipc.js';
import { createQuitGuard, onAllWindowsClosed } from './lifecycle.js';
import { findNativeBinding } from './nativeBinding.js';
import { APP_SCHEME, createOriginCheck, rendererSource } from './origins.js';
import { createPickFolder } from './pickFolder.js';
import { startScheduling } from './scheduling.js';
import { createSafeSecretStore } from './secretStore.js';
import { createMainWindow, focusWindow, lockDownSession } from './window.js';

// Bundled layout: out/main/index.js, out/preload/index.cjs, out/renderer/.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const iconPath = fileURLToPath(new URL('../../resources/icon.png', import.meta.url));

const warn = (message: string) => console.warn(`[file-connector] ${message}`);

// Must happen before `ready`: app:// then behaves like https (secure origin, fetch, relative URLs).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// The desktop app and `file-connector serve` share one catalog folder, and Electron's userData is that folder.
app.setName(APP_NAME);
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main();
}

function main(): void {
  const source = rendererSource(process.env, app.isPackaged);
  const isTrustedUrl = createOriginCheck(source);
  let mainWindow: BrowserWindow | null = null;
  let unbindIpc: (() => void) | undefined;
  let stopScheduling: (() => void) | undefined;

  const openExternal = (url: string) => {
    openExternalUrl(url, (safe) => shell.openExternal(safe)).catch((error: unknown) => warn(String(error)));
  };

  const showWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      focusWindow(mainWindow);
      return;
    }
    mainWindow = createMainWindow({
      preloadPath,
      source,
      isTrustedUrl,
      openExternal,
      warn,
      ...(fs.existsSync(iconPath) ? { icon: iconPath } : {}),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  const corePromise: Promise<Core> = app.whenReady().then(() => {
    const nativeBinding = findNativeBinding({
      appPath: app.getAppPath(),
      isPackaged: app.isPackaged,
      electronVersion: process.versions.electron,
    });
    if (!nativeBinding && !app.isPackaged) {
      warn('No Electron build of better-sqlite3 in .electron-native/; start the app with `npm start` to build it.');
    }
    return openCore({
      dataDir,
      host: 'desktop',
      pickFolder: createPickFolder((options) =>
        mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
      ),
      nativeBinding,
      // Refresh tokens only ever reach the disk encrypted by the OS.
      secrets: createSafeSecretStore(safeStorage, path.join(dataDir, 'secrets.json')),
      // Sign-in pages open in the system browser: providers refuse embedded windows.
      openExternal: (url) => openExternalUrl(url, (safe) => shell.openExternal(safe)),
    });
  });

  // Registered at once so a quit while the core is still opening waits for it and closes it too.
  app.on(
    'before-quit',
    createQuitGuard(app, async () => {
      unbindIpc?.();
      stopScheduling?.();
      const core = await corePromise.catch(() => undefined);
      await core?.close();
    }),
  );

  app.on('second-instance', () => {
    if (app.isReady()) showWindow();
  });

  app.on('window-all-closed', () => {
    // The tray (later) keeps the app running in the background by passing true here.
    if (onAllWindowsClosed(process.platform) === 'quit') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) showWindow();
  });

  app
    .whenReady()
    .then(async () => {
      lockDownSession(session.defaultSession, warn);
      if (source.kind === 'app') {
        protocol.handle(
          APP_SCHEME,
          createAppProtocolHandler(rendererDir, (url) => net.fetch(url)),
        );
      }
      const core = await corePromise;
      unbindIpc = bindIpc({
        ipcMain,
        core,
        isTrustedSender: createSenderCheck(isTrustedUrl),
        webContentsList: () =>
          BrowserWindow.getAllWindows()
            .map((window) => window.webContents)
            .filter((contents) => !contents.isDestroyed() && isTrustedUrl(contents.getURL())),
      });
      stopScheduling = startScheduling(core.scheduler, powerMonitor);
      showWindow();
    })
    .catch((error: unknown) => {
      // Typically the catalog is held by `file-connector serve`, or the native module is missing.
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('File Connector could not start', message);
      app.exit(1);
    });
}
