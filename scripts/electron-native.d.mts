/** Types for scripts/electron-native.mjs (plain JS so `npm start` needs no build step). */
export const NATIVE_DIR: string;
export const NATIVE_MODULE: string;
export const NATIVE_STAMP: string;
export const ELECTRON_HEADERS_URL: string;

export interface NativeTarget {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

export type StartPlan = { mode: 'electron'; buildNative: boolean } | { mode: 'headless'; message: string };

export function electronBinaryPath(
  electronDir: string,
  env?: Record<string, string | undefined>,
  exists?: (file: string) => boolean,
  readFile?: (file: string) => string,
): string | null;
export function nativeTarget(
  electronVersion: string,
  betterSqlite3Version: string,
  platform?: string,
  arch?: string,
): NativeTarget;
export function nativeIsCurrent(stamp: unknown, target: NativeTarget, moduleExists: boolean): boolean;
export function planStart(facts: {
  electronBinary: string | null;
  nativeCurrent: boolean;
  env?: Record<string, string | undefined>;
}): StartPlan;
export function missingElectronMessage(): string;
export function nodeGypArgs(electronVersion: string, arch?: string): string[];
export function nodeGypCandidates(env?: Record<string, string | undefined>, execPath?: string): string[];
export function readStamp(root: string): unknown;
export function buildElectronNative(options: {
  root: string;
  target: NativeTarget;
  log?: (line: string) => void;
}): void;
