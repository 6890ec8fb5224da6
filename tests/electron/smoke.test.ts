/**
 * Launches the real desktop app with Playwright's `_electron` where the Electron binary exists; elsewhere
 * (machines that installed electron with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says plainly why it skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import type { ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NATIVE_DIR,
  NATIVE_MODULE,
  buildElectronNative,
  electronBinaryPath,
  nativeIsCurrent,
  nativeTarget,
  readStamp,
} from '../../scripts/electron-native.mjs';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
const version = (name: string) =>
  (JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;

const electronBinary = electronBinaryPath(packageDir('electron'));
const skipReason =
  'Electron smoke test skipped: node_modules/electron has no Electron binary on this machine ' +
  '(installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?). Run `npx install-electron --no` where downloads work to run it.';
if (!electronBinary) console.warn(skipReason);

describe('desktop app (Electron)', () => {
  let app: ElectronApplication | undefined;
  let dataDir: string;

  beforeAll(async () => {
    if (!electronBinary) return;
    // The app loads better-sqlite3 built for Electron and the bundled out/ folder: make sure both exist.
    const target = nativeTarget(version('electron'), version('better-sqlite3'));
    const current = nativeIsCurrent(readStamp(root), target, fs.existsSync(path.join(root, NATIVE_DIR, NATIVE_MODULE)));
    if (!current) buildElectronNative({ root, target });
    const build = spawnSync(
      process.execPath,
      [path.join(packageDir('electron-vite'), 'bin', 'electron-vite.js'), 'build'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('electron-vite build failed');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-smoke-'));
    const env = { ...process.env, FILE_CONNECTOR_DATA_DIR: dataDir } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL;
    app = await _electron.launch({ executablePath: electronBinary, args: [root], cwd: root, env });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!electronBinary)('opens a locked-down window that reaches the core over IPC', async () => {
    const electronApp = app!;
    expect(await electronApp.evaluate(({ app: main }) => main.getName())).toBe('File Connector');
    const window = await electronApp.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    expect(window.url()).toBe('app://renderer/index.html');
    expect(await window.title()).toBe('File Connector');
    // No Node in the page; only the two contract functions (and the raw envelope call).
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const info = await window.evaluate(async () => {
      const api = (globalThis as unknown as { fileConnector: { invoke(n: string, i: unknown): Promise<unknown> } })
        .fileConnector;
      return api.invoke('app.info', {});
    });
    expect(info).toMatchObject({ host: 'desktop', dataDir, canPickFolder: true });
  });
});
