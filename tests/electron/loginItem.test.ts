import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  applyStartAtLogin,
  autostartEntry,
  execArg,
  launchCommand,
  shouldStartHidden,
  xdgConfigHome,
  type LoginItemSettings,
} from '../../electron/main/loginItem.js';
import { tempDir } from '../helpers/tempDir.js';

const launch = { path: '/opt/File Connector/file-connector', args: [] };

function host(platform: NodeJS.Platform, configHome = tempDir('fc-autostart-')) {
  const calls: LoginItemSettings[] = [];
  return {
    calls,
    configHome,
    host: { platform, setLoginItemSettings: (s: LoginItemSettings) => calls.push(s), launch, fs, configHome },
  };
}

describe('start at login', () => {
  it('on Linux writes an XDG autostart entry that starts the app hidden, and removes it', () => {
    const t = host('linux');
    applyStartAtLogin(true, t.host);
    const file = path.join(t.configHome, 'autostart', 'file-connector.desktop');
    const entry = fs.readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('Exec="/opt/File Connector/file-connector" --hidden\n');
    expect(entry).toContain('Name=File Connector\n');
    // Written atomically: no temporary file is left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['file-connector.desktop']);
    expect(t.calls).toEqual([]);

    applyStartAtLogin(false, t.host);
    expect(fs.existsSync(file)).toBe(false);
    // Turning it off twice is fine.
    expect(() => applyStartAtLogin(false, t.host)).not.toThrow();
  });

  it('on Windows registers the executable with --hidden', () => {
    const t = host('win32');
    applyStartAtLogin(true, { ...t.host, launch: { path: 'C:\\Apps\\electron.exe', args: ['C:\\src\\app'] } });
    applyStartAtLogin(false, t.host);
    expect(t.calls).toEqual([
      { openAtLogin: true, path: 'C:\\Apps\\electron.exe', args: ['C:\\src\\app', '--hidden'] },
      { openAtLogin: false, path: launch.path, args: ['--hidden'] },
    ]);
  });

  it('on macOS registers the app to open hidden', () => {
    const t = host('darwin');
    applyStartAtLogin(true, t.host);
    expect(t.calls).toEqual([{ openAtLogin: true, openAsHidden: true }]);
    expect(fs.readdirSync(t.configHome)).toEqual([]);
  });

  it('starts hidden with --hidden or when macOS opened it as hidden', () => {
    expect(shouldStartHidden(['/usr/bin/file-connector', '--hidden'])).toBe(true);
    expect(shouldStartHidden(['/usr/bin/file-connector'])).toBe(false);
    expect(shouldStartHidden(['/Applications/File Connector.app'], { wasOpenedAsHidden: true })).toBe(true);
  });

  it('launches the AppImage, the packaged executable, or Electron with the app folder', () => {
    const base = { execPath: '/tmp/.mount_x/file-connector', appPath: '/work/app', isPackaged: true };
    expect(launchCommand({ ...base, env: { APPIMAGE: '/home/me/File-Connector.AppImage' } })).toEqual({
      path: '/home/me/File-Connector.AppImage',
      args: [],
    });
    expect(launchCommand({ ...base, env: {} })).toEqual({ path: base.execPath, args: [] });
    expect(launchCommand({ ...base, isPackaged: false, env: {} })).toEqual({
      path: base.execPath,
      args: ['/work/app'],
    });
  });

  it('honours an absolute XDG_CONFIG_HOME only', () => {
    expect(xdgConfigHome({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe('/cfg');
    expect(xdgConfigHome({ XDG_CONFIG_HOME: 'relative' }, '/home/me')).toBe('/home/me/.config');
    expect(xdgConfigHome({}, '/home/me')).toBe('/home/me/.config');
  });

  it('quotes Exec arguments as the desktop entry specification says', () => {
    expect(execArg('/usr/bin/app')).toBe('/usr/bin/app');
    expect(execArg('/opt/My App/app')).toBe('"/opt/My App/app"');
    expect(execArg('/opt/100%/app')).toBe('"/opt/100%%/app"');
    expect(execArg('/opt/a"b$c/app')).toBe('"/opt/a\\\\"b\\\\$c/app"');
    expect(() => execArg('a\nb')).toThrow(/line break/);
    expect(autostartEntry({ path: '/usr/bin/electron', args: ['/src/app'] })).toContain(
      'Exec=/usr/bin/electron /src/app --hidden\n',
    );
  });

  it('reports a folder it cannot write', () => {
    const failing = {
      ...fs,
      mkdirSync: vi.fn(() => {
        throw new Error('EACCES');
      }),
    };
    const t = host('linux');
    expect(() => applyStartAtLogin(true, { ...t.host, fs: failing })).toThrow(/EACCES/);
  });
});
