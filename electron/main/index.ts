/** Electron main process: one instance, the core, IPC, the window. Logic lives in the small modules it wires. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import type { NativeImage } from 'electron';
import { openCore, type Core } from '../../src/core/core.js';
import { logStrayRejections } from '../../src/logging/strayRejections.js';
import { APP_NAME, defaultDataDir } from '../../src/core/paths.js';
import { HookListenerSwitch, startHookListener } from '../../src/webhooks/listener.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol.js';
import { startBackground, type Background } from './background.js';
import { openExternalUrl } from './externalLinks.js';
import { bindIpc, createSenderCheck } from './ipc.js';
import { createCloseToTray, createQuitGuard, onAllWindowsClosed } from './lifecycle.js';
import { applyStartAtLogin, launchCommand, shouldStartHidden, xdgConfigHome } from './loginItem.js';
import { findNativeBinding } from './nativeBinding.js';
import { APP_SCHEME, createOriginCheck, rendererSource } from './origins.js';
import { createPickFolder } from './pickFolder.js';
import { startScheduling } from './scheduling.js';
import { createSafeSecretStore } from './secretStore.js';
import { trayIconFile } from './tray.js';
import { createMainWindow, focusWindow, lockDownSession } from './window.js';

// Bundled layout: out/main/index.js, out/preload/index.cjs, out/renderer/.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const iconPath = fileURLToPath(new URL('../../resources/icon.png', import.meta.url));
const trayDir = fileURLToPath(new URL('../../resources/tray/', import.meta.url));

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
  let background: Background | undefined;
  let hookListener: HookListenerSwitch | undefined;
  let quitting = false;
  const loginItem = process.platform === 'darwin' ? app.getLoginItemSettings() : {};
  const startHidden = shouldStartHidden(process.argv, loginItem);
  const closeToTray = createCloseToTray({
    platform: process.platform,
    keepRunning: () => background?.hasTray ?? false,
    isQuitting: () => quitting,
  });
  const applyLoginItem = (enabled: boolean) =>
    applyStartAtLogin(enabled, {
      platform: process.platform,
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      launch: launchCommand({
        execPath: process.execPath,
        appPath: app.getAppPath(),
        isPackaged: app.isPackaged,
        env: process.env,
      }),
      fs,
      configHome: xdgConfigHome(process.env, app.getPath('home')),
    });

  const openExternal = (url: string) => {
    openExternalUrl(url, (safe) => shell.openExternal(safe)).catch((error: unknown) => warn(String(error)));
  };

  /** Shows the window, creating it if needed; resolves once its page has loaded (to receive app.navigate). */
  const showWindow = async (): Promise<void> => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      focusWindow(mainWindow);
      return;
    }
    const window = createMainWindow({
      preloadPath,
      source,
      isTrustedUrl,
      openExternal,
      warn,
      ...(fs.existsSync(iconPath) ? { icon: iconPath } : {}),
    });
    mainWindow = window;
    window.on('close', (event) => closeToTray(event, window));
    // Windows does not send before-quit when the session ends: let the window close then.
    window.on('session-end', () => (quitting = true));
    window.on('closed', () => {
      mainWindow = null;
    });
    await new Promise<void>((resolve) => {
      window.webContents.once('did-finish-load', () => resolve());
      window.webContents.once('did-fail-load', () => resolve());
    });
  };
  const show = () => void showWindow().catch((error: unknown) => warn(String(error)));

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
      // A second entry of the main bundle (electron.vite.config.ts), beside this one.
      writeThreadUrl: new URL('./catalogWriteThread.js', import.meta.url),
      // Refresh tokens only ever reach the disk encrypted by the OS.
      secrets: createSafeSecretStore(safeStorage, path.join(dataDir, 'secrets.json')),
      // Sign-in pages open in the system browser: providers refuse embedded windows.
      openExternal: (url) => openExternalUrl(url, (safe) => shell.openExternal(safe)),
      // Shows a folder in the file manager; shell.openPath answers with an error message instead of throwing.
      openPath: async (folder) => {
        const problem = await shell.openPath(folder);
        if (problem) throw new Error(problem);
      },
      applySettings: async (settings) => {
        applyLoginItem(settings.startAtLogin);
        // A port that cannot be opened refuses the change, with the reason, in the settings page.
        await hookListener?.apply(settings.webhookListener);
      },
    });
  });

  // From the first quit on, closing the window really closes it ("Quit" in the tray, Cmd+Q, shutdown).
  app.on('before-quit', () => (quitting = true));
  powerMonitor.on('shutdown', () => (quitting = true));
  // Registered at once so a quit while the core is still opening waits for it and closes it too.
  app.on(
    'before-quit',
    createQuitGuard(app, async () => {
      background?.stop();
      await hookListener?.close();
      unbindIpc?.();
      stopScheduling?.();
      const core = await corePromise.catch(() => undefined);
      await core?.close();
    }),
  );

  app.on('second-instance', (_event, argv) => {
    // A login item starting a second copy must not pop the window up.
    if (app.isReady() && !shouldStartHidden(argv)) show();
  });

  app.on('window-all-closed', () => {
    // With a tray the app keeps syncing in the background.
    if (onAllWindowsClosed(process.platform, background?.hasTray ?? false) === 'quit') app.quit();
  });

  app.on('activate', () => {
    // macOS dock click: the window may only be hidden.
    if (app.isReady()) show();
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
      logStrayRejections(process, core.logger);
      unbindIpc = bindIpc({
        ipcMain,
        core,
        isTrustedSender: createSenderCheck(isTrustedUrl),
        webContentsList: () =>
          BrowserWindow.getAllWindows()
            .map((window) => window.webContents)
            .filter((contents) => !contents.isDestroyed() && isTrustedUrl(contents.getURL())),
      });
      stopScheduling = startScheduling(core.scheduler, powerMonitor, core.health);
      background = startBackground<NativeImage, Menu>({
        core,
        tray: {
          createTray: (image) => new Tray(image),
          buildMenu: (template) => Menu.buildFromTemplate(template),
          loadIcon: (state, variant) => nativeImage.createFromPath(path.join(trayDir, trayIconFile(state, variant))),
          theme: nativeTheme,
        },
        createNotification: Notification.isSupported()
          ? (content) => new Notification({ ...content, ...(fs.existsSync(iconPath) ? { icon: iconPath } : {}) })
          : null,
        showWindow,
        quit: () => app.quit(),
        warn,
      });
      try {
        // The OS entry follows the setting (the executable may have moved since it was written).
        applyLoginItem(core.settings.get().startAtLogin);
      } catch (error) {
        warn(`Could not update the start-at-login entry: ${String(error)}`);
      }
      // The loopback webhook listener, when the user turned it on (the same receiver as `serve`'s /hooks).
      hookListener = new HookListenerSwitch((port) => startHookListener(core, port));
      hookListener
        .apply(core.settings.get().webhookListener)
        .catch((error: unknown) => warn(`The webhook listener is off: ${String(error)}`));
      // Started at login: stay in the tray, unless there is no tray to come back from.
      if (!startHidden || !background.hasTray) show();
    })
    .catch((error: unknown) => {
      // Typically the catalog is held by `file-connector serve`, or the native module is missing.
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('File Connector could not start', message);
      app.exit(1);
    });
}
