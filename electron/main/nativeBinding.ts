/** Finds the better-sqlite3 native module built for Electron's ABI (scripts/start.mjs builds it). */
import path from 'node:path';
import fs from 'node:fs';

// Keep in step with scripts/electron-native.mjs, which builds this layout (a test checks they agree).
export const NATIVE_DIR = '.electron-native';
export const NATIVE_MODULE = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
export const NATIVE_STAMP = 'better-sqlite3.stamp.json';

export interface NativeBindingFacts {
  /** `app.getAppPath()`: the project root in development. */
  appPath: string;
  /** `app.isPackaged`: packaged apps carry a better-sqlite3 rebuilt for Electron at packaging time. */
  isPackaged: boolean;
  /** `process.versions.electron`. */
  electronVersion: string;
  exists?: (file: string) => boolean;
  readFile?: (file: string) => string;
}

/** Path of the Electron-ABI better_sqlite3.node, or undefined to let better-sqlite3 load its own. */
export function findNativeBinding(facts: NativeBindingFacts): string | undefined {
  if (facts.isPackaged) return undefined;
  const exists = facts.exists ?? fs.existsSync;
  const readFile = facts.readFile ?? ((file: string) => fs.readFileSync(file, 'utf8'));
  const dir = path.join(facts.appPath, NATIVE_DIR);
  const file = path.join(dir, NATIVE_MODULE);
  if (!exists(file)) return undefined;
  try {
    const stamp = JSON.parse(readFile(path.join(dir, NATIVE_STAMP))) as { electron?: unknown };
    // A copy built for another Electron version would fail to load with an ABI error.
    return stamp.electron === facts.electronVersion ? file : undefined;
  } catch {
    return undefined;
  }
}
