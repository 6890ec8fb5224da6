/** Where File Connector keeps its data, the same for the desktop app and the command. */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'File Connector';

/** The per-user app-data folder (what Electron calls `userData`). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.FILE_CONNECTOR_DATA_DIR) return path.resolve(env.FILE_CONNECTOR_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export const DATABASE_FILE = 'catalog.db';
export const LOG_DIR = 'logs';
