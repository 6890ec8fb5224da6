import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  electronBinaryPath,
  missingElectronMessage,
  nativeIsCurrent,
  nativeTarget,
  nodeGypArgs,
  nodeGypCandidates,
  planStart,
} from '../../scripts/electron-native.mjs';

const electronDir = path.resolve('/project/node_modules/electron');
const filesystem = (files: Record<string, string>) => ({
  exists: (file: string) => file in files,
  readFile: (file: string) => files[file] ?? '',
});

describe('electronBinaryPath', () => {
  it('is null when the binary was never downloaded (no path.txt, no dist)', () => {
    const fs = filesystem({});
    expect(electronBinaryPath(electronDir, {}, fs.exists, fs.readFile)).toBeNull();
  });

  it('is null when path.txt exists but dist/ does not', () => {
    const fs = filesystem({ [path.join(electronDir, 'path.txt')]: 'electron' });
    expect(electronBinaryPath(electronDir, {}, fs.exists, fs.readFile)).toBeNull();
  });

  it('finds the downloaded binary', () => {
    const binary = path.join(electronDir, 'dist', 'Electron.app/Contents/MacOS/Electron');
    const fs = filesystem({
      [path.join(electronDir, 'path.txt')]: 'Electron.app/Contents/MacOS/Electron',
      [binary]: '',
    });
    expect(electronBinaryPath(electronDir, {}, fs.exists, fs.readFile)).toBe(binary);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH', () => {
    const custom = path.resolve('/opt/electron/electron');
    const fs = filesystem({ [custom]: '' });
    expect(
      electronBinaryPath(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, fs.exists, fs.readFile),
    ).toBe(custom);
    expect(electronBinaryPath(electronDir, { ELECTRON_EXEC_PATH: custom }, fs.exists, fs.readFile)).toBe(custom);
    expect(electronBinaryPath(electronDir, { ELECTRON_EXEC_PATH: '/nope' }, fs.exists, fs.readFile)).toBeNull();
  });
});

describe('planStart', () => {
  it('runs the headless app with an explanation when Electron is missing', () => {
    const plan = planStart({ electronBinary: null, nativeCurrent: false });
    expect(plan.mode).toBe('headless');
    if (plan.mode !== 'headless') return;
    expect(plan.message).toBe(missingElectronMessage());
    expect(plan.message).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(plan.message).toMatch(/install-electron/);
    expect(plan.message).toMatch(/file-connector serve/);
  });

  it('builds the Electron copy of better-sqlite3 only when it is not current', () => {
    expect(planStart({ electronBinary: '/e', nativeCurrent: false })).toEqual({ mode: 'electron', buildNative: true });
    expect(planStart({ electronBinary: '/e', nativeCurrent: true })).toEqual({ mode: 'electron', buildNative: false });
  });

  it('can be forced headless', () => {
    expect(planStart({ electronBinary: '/e', nativeCurrent: true, env: { FILE_CONNECTOR_HEADLESS: '1' } }).mode).toBe(
      'headless',
    );
  });
});

describe('native build stamp', () => {
  const target = nativeTarget('45.5.0', '12.11.1', 'linux', 'x64');

  it('is current only for the same Electron, better-sqlite3, platform and arch with the module present', () => {
    expect(nativeIsCurrent({ ...target }, target, true)).toBe(true);
    expect(nativeIsCurrent({ ...target }, target, false)).toBe(false);
    expect(nativeIsCurrent({ ...target, electron: '44.0.0' }, target, true)).toBe(false);
    expect(nativeIsCurrent({ ...target, betterSqlite3: '12.10.0' }, target, true)).toBe(false);
    expect(nativeIsCurrent({ ...target, arch: 'arm64' }, target, true)).toBe(false);
    expect(nativeIsCurrent(null, target, true)).toBe(false);
  });

  it('builds against Electron headers, not Node', () => {
    expect(nodeGypArgs('45.5.0', 'x64')).toEqual([
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=45.5.0',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it("looks for npm's bundled node-gyp, npm's own hint first", () => {
    const candidates = nodeGypCandidates(
      { npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js' },
      '/usr/bin/node',
    );
    expect(candidates[0]).toBe('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
    expect(candidates).toContain(path.resolve('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
  });
});
