/**
 * What `npm start` needs to know and do about Electron: is the binary installed, is the Electron-ABI copy
 * of better-sqlite3 in .electron-native/ current, and how to build it. Decisions are pure and tested
 * (tests/electron/start.test.ts); node_modules' own better-sqlite3 stays built for Node (tests, CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// Keep in step with electron/main/nativeBinding.ts, which loads this layout.
export const NATIVE_DIR = '.electron-native';
export const NATIVE_MODULE = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
export const NATIVE_STAMP = 'better-sqlite3.stamp.json';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/**
 * The Electron executable if it is really installed, else null. Mirrors node_modules/electron/index.js
 * without requiring it: that module tries to download the binary when it is missing.
 */
export function electronBinaryPath(electronDir, env = process.env, exists = fs.existsSync, readFile = readText) {
  if (env.ELECTRON_EXEC_PATH) return exists(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = exists(pathFile) ? readFile(pathFile).trim() : '';
  const base = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const binary = path.join(base, relative || 'electron');
  return exists(binary) ? binary : null;
}

/** What the native build is for; the stamp records it so a rebuild happens only when one of these changes. */
export function nativeTarget(electronVersion, betterSqlite3Version, platform = process.platform, arch = process.arch) {
  return { electron: electronVersion, betterSqlite3: betterSqlite3Version, platform, arch };
}

/** True when the stamp matches the wanted target and the module file is there. */
export function nativeIsCurrent(stamp, target, moduleExists) {
  if (!moduleExists || stamp === null || typeof stamp !== 'object') return false;
  return Object.entries(target).every(([key, value]) => stamp[key] === value);
}

/**
 * Decides what `npm start` does from the facts gathered on this machine:
 * `{ mode: 'electron', buildNative }` or `{ mode: 'headless', message }`.
 */
export function planStart({ electronBinary, nativeCurrent, env = {} }) {
  if (env.FILE_CONNECTOR_HEADLESS === '1') {
    return {
      mode: 'headless',
      message: 'FILE_CONNECTOR_HEADLESS=1: starting the headless app (file-connector serve).',
    };
  }
  if (!electronBinary) return { mode: 'headless', message: missingElectronMessage() };
  return { mode: 'electron', buildNative: !nativeCurrent };
}

/** The explanation printed when the Electron binary is absent. */
export function missingElectronMessage() {
  return [
    'Electron is not installed on this machine: node_modules/electron has no binary',
    '(it was probably installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download was blocked).',
    'To get the desktop app, run with network access:  npx install-electron --no  (or: rm -rf node_modules/electron && npm install).',
    'Starting the headless app instead (file-connector serve): open the URL it prints in your browser.',
  ].join('\n');
}

/** node-gyp arguments that build better-sqlite3 against Electron's headers instead of Node's. */
export function nodeGypArgs(electronVersion, arch = process.arch) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
  ];
}

/** Where npm's bundled node-gyp is: npm's own hint first, then next to npm, then next to node. */
export function nodeGypCandidates(env = process.env, execPath = process.execPath) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  if (env.npm_execpath) {
    candidates.push(path.join(path.dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const nodeDir = path.dirname(execPath);
  candidates.push(
    path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  candidates.push(path.join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates;
}

function readText(file) {
  return fs.readFileSync(file, 'utf8');
}

/** Reads the stamp file, or null. */
export function readStamp(root) {
  try {
    return JSON.parse(readText(path.join(root, NATIVE_DIR, NATIVE_STAMP)));
  } catch {
    return null;
  }
}

/**
 * Builds better-sqlite3 for Electron under .electron-native/: copies the package (sources included) to a
 * scratch folder, runs node-gyp there, then swaps it in and writes the stamp. Throws with the reason.
 */
export function buildElectronNative({ root, target, log = console.log }) {
  const nodeGyp = nodeGypCandidates().find((file) => fs.existsSync(file));
  if (!nodeGyp) throw new Error("npm's bundled node-gyp was not found; run `npm start` through npm.");
  const nativeDir = path.join(root, NATIVE_DIR);
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  const scratch = path.join(nativeDir, 'better-sqlite3.building');
  const final = path.join(nativeDir, 'better-sqlite3');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(nativeDir, { recursive: true });
  // The Node build in node_modules stays untouched; its build/ folder is not copied.
  fs.cpSync(source, scratch, { recursive: true, filter: (file) => path.relative(source, file) !== 'build' });
  log(`Building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} in ${NATIVE_DIR}/ ...`);
  const result = spawnSync(process.execPath, [nodeGyp, ...nodeGypArgs(target.electron, target.arch)], {
    cwd: scratch,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`node-gyp exited with status ${result.status}.`);
  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(scratch, final);
  fs.writeFileSync(path.join(nativeDir, NATIVE_STAMP), JSON.stringify(target, null, 2) + '\n');
}
