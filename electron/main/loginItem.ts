/**
 * Start at login, hidden in the tray: `setLoginItemSettings` on macOS and Windows, an XDG autostart entry
 * (`~/.config/autostart/file-connector.desktop`) on Linux. Electron's app and the file system are passed in.
 */
import path from 'node:path';

/** The argument that makes the app start without its window. */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'file-connector.desktop';

/** How to launch this app again: the executable and its arguments. */
export interface LaunchCommand {
  path: string;
  args: string[];
}

/** The part of Electron's `app.setLoginItemSettings` options used here. */
export interface LoginItemSettings {
  openAtLogin: boolean;
  openAsHidden?: boolean;
  path?: string;
  args?: string[];
}

/** The part of `node:fs` the autostart entry needs. */
export interface AutostartFs {
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  writeFileSync(file: string, data: string): void;
  renameSync(from: string, to: string): void;
  rmSync(file: string, options: { force: true }): void;
}

export interface LoginItemHost {
  platform: NodeJS.Platform;
  setLoginItemSettings(settings: LoginItemSettings): void;
  launch: LaunchCommand;
  fs: AutostartFs;
  /** `$XDG_CONFIG_HOME`, or `~/.config`. */
  configHome: string;
}

/** The command that starts this app: the AppImage itself, or Electron with the app folder in development. */
export function launchCommand(options: {
  execPath: string;
  appPath: string;
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}): LaunchCommand {
  // Inside an AppImage, execPath points into a mount that is gone after the app quits.
  if (options.env.APPIMAGE) return { path: options.env.APPIMAGE, args: [] };
  return options.isPackaged
    ? { path: options.execPath, args: [] }
    : { path: options.execPath, args: [options.appPath] };
}

/** Where XDG autostart entries live for this user. */
export function xdgConfigHome(env: NodeJS.ProcessEnv, home: string): string {
  const configured = env.XDG_CONFIG_HOME;
  // The spec says a relative value is invalid and must be ignored.
  return configured && path.isAbsolute(configured) ? configured : path.join(home, '.config');
}

/** Starts the app at login (hidden in the tray), or stops doing so. */
export function applyStartAtLogin(enabled: boolean, host: LoginItemHost): void {
  if (host.platform === 'linux') {
    if (enabled) writeAutostartEntry(host.fs, host.configHome, host.launch);
    else removeAutostartEntry(host.fs, host.configHome);
    return;
  }
  if (host.platform === 'darwin') {
    // macOS starts the bundle itself (no arguments); `wasOpenedAsHidden` tells the app to stay hidden.
    host.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
    return;
  }
  host.setLoginItemSettings({ openAtLogin: enabled, path: host.launch.path, args: [...host.launch.args, HIDDEN_ARG] });
}

/** Whether this start should stay in the tray: launched at login, or asked to with `--hidden`. */
export function shouldStartHidden(argv: readonly string[], loginItem: { wasOpenedAsHidden?: boolean } = {}): boolean {
  return argv.includes(HIDDEN_ARG) || loginItem.wasOpenedAsHidden === true;
}

/** The desktop entry that starts the app hidden at login. */
export function autostartEntry(launch: LaunchCommand): string {
  const exec = [launch.path, ...launch.args, HIDDEN_ARG].map(execArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=File Connector',
    'Comment=Keeps the file catalog current in the background',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the autostart entry atomically (write, then rename). */
export function writeAutostartEntry(fs: AutostartFs, configHome: string, launch: LaunchCommand): string {
  const dir = path.join(configHome, 'autostart');
  const file = path.join(dir, AUTOSTART_FILE);
  fs.mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, autostartEntry(launch));
  fs.renameSync(temp, file);
  return file;
}

/** Removes the autostart entry; nothing happens if there is none. */
export function removeAutostartEntry(fs: AutostartFs, configHome: string): void {
  fs.rmSync(path.join(configHome, 'autostart', AUTOSTART_FILE), { force: true });
}

/**
 * Quotes one argument of an `Exec` key (Desktop Entry Specification): reserved characters need double quotes,
 * inside which `"`, `` ` ``, `$` and `\` are escaped; `%` is doubled (field codes); then the string-level
 * escape doubles every backslash again.
 */
export function execArg(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new Error('A launch argument cannot contain a line break.');
  const plain = /^[A-Za-z0-9_./:=+,@-]+$/.test(arg);
  const quoted = plain ? arg : `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}
