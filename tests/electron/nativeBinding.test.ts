import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as mainSide from '../../electron/main/nativeBinding.js';
import * as scriptSide from '../../scripts/electron-native.mjs';

const appPath = path.resolve('/project');
const moduleFile = path.join(appPath, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const stampFile = path.join(appPath, '.electron-native', 'better-sqlite3.stamp.json');

function facts(files: Record<string, string>, extra: Partial<mainSide.NativeBindingFacts> = {}) {
  return {
    appPath,
    isPackaged: false,
    electronVersion: '45.5.0',
    exists: (file: string) => file in files,
    readFile: (file: string) => {
      const text = files[file];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
    ...extra,
  };
}

describe('findNativeBinding', () => {
  it('finds the module built for this Electron version', () => {
    const files = { [moduleFile]: '', [stampFile]: JSON.stringify({ electron: '45.5.0' }) };
    expect(mainSide.findNativeBinding(facts(files))).toBe(moduleFile);
  });

  it('ignores a module built for another version, without a stamp, or missing', () => {
    expect(
      mainSide.findNativeBinding(facts({ [moduleFile]: '', [stampFile]: JSON.stringify({ electron: '44.0.0' }) })),
    ).toBeUndefined();
    expect(mainSide.findNativeBinding(facts({ [moduleFile]: '' }))).toBeUndefined();
    expect(mainSide.findNativeBinding(facts({ [moduleFile]: '', [stampFile]: '{oops' }))).toBeUndefined();
    expect(mainSide.findNativeBinding(facts({}))).toBeUndefined();
  });

  it('leaves packaged apps to their own rebuilt better-sqlite3', () => {
    const files = { [moduleFile]: '', [stampFile]: JSON.stringify({ electron: '45.5.0' }) };
    expect(mainSide.findNativeBinding(facts(files, { isPackaged: true }))).toBeUndefined();
  });

  it('uses the same layout the start script builds', () => {
    expect(mainSide.NATIVE_DIR).toBe(scriptSide.NATIVE_DIR);
    expect(mainSide.NATIVE_MODULE).toBe(scriptSide.NATIVE_MODULE);
    expect(mainSide.NATIVE_STAMP).toBe(scriptSide.NATIVE_STAMP);
  });
});
