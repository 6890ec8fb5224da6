/**
 * `npm start`: the desktop app when Electron is installed (building better-sqlite3 for Electron first if
 * needed), else the headless app (`file-connector serve`) with a plain explanation. Decisions live in
 * electron-native.mjs; this file gathers facts and runs the chosen child.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  NATIVE_DIR,
  NATIVE_MODULE,
  buildElectronNative,
  electronBinaryPath,
  nativeIsCurrent,
  nativeTarget,
  planStart,
  readStamp,
} from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
const packageVersion = (name) =>
  JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version;

/** Runs a child with the terminal, passes SIGINT/SIGTERM/SIGHUP on, and exits as it exits. */
function runChild(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    // Die the same way the child did, so callers (shells, CI) see the real outcome.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

function startHeadless(message) {
  console.warn(`\n${message}\n`);
  runChild(process.execPath, [path.join(root, 'bin', 'file-connector.js'), 'serve', ...process.argv.slice(2)]);
}

const electronBinary = electronBinaryPath(packageDir('electron'));
const target = electronBinary ? nativeTarget(packageVersion('electron'), packageVersion('better-sqlite3')) : null;
const nativeCurrent =
  target !== null &&
  nativeIsCurrent(readStamp(root), target, fs.existsSync(path.join(root, NATIVE_DIR, NATIVE_MODULE)));
const plan = planStart({ electronBinary, nativeCurrent, env: process.env });

if (plan.mode === 'headless') {
  startHeadless(plan.message);
} else {
  let ready = true;
  if (plan.buildNative && target) {
    try {
      buildElectronNative({ root, target });
    } catch (error) {
      ready = false;
      startHeadless(
        `Could not build better-sqlite3 for Electron ${target.electron}: ${error instanceof Error ? error.message : error}\n` +
          'The desktop app needs it (a C++ toolchain and Electron headers from electronjs.org).\n' +
          'Starting the headless app instead (file-connector serve): open the URL it prints in your browser.',
      );
    }
  }
  if (ready) {
    runChild(process.execPath, [path.join(packageDir('electron-vite'), 'bin', 'electron-vite.js'), 'dev']);
  }
}
