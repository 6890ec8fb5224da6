/** The file-system calls the connector makes, behind an interface so tests can inject failures. */
import type { Dirent, Stats, StatsFs } from 'node:fs';
import fsp from 'node:fs/promises';

/** The subset of `fs.promises` the walk uses. */
export interface LocalFs {
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  lstat(path: string): Promise<Stats>;
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  /** The volume holding `path` (health checks report its free space); optional for test doubles. */
  statfs?(path: string): Promise<StatsFs>;
}

/** The real file system. */
export const nodeFs: LocalFs = {
  readdir: (p, options) => fsp.readdir(p, options),
  lstat: (p) => fsp.lstat(p),
  stat: (p) => fsp.stat(p),
  realpath: (p) => fsp.realpath(p),
  statfs: (p) => fsp.statfs(p),
};

/** The errno code of a Node file-system error (`ENOENT`, `EACCES`...), or undefined for anything else. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error whose message says which folder failed and what the user can do about it. */
export function rootError(displayPath: string, err: unknown): Error {
  const code = errorCode(err);
  const message =
    code === 'ENOENT'
      ? `Folder "${displayPath}" does not exist. Check the endpoint's path or reconnect the network share.`
      : code === 'ENOTDIR'
        ? `"${displayPath}" is not a folder. Check the endpoint's path: it must name a folder, not a file.`
        : code === 'EACCES' || code === 'EPERM'
          ? `Folder "${displayPath}" cannot be read: permission denied. Give this account read access to it, or choose another folder.`
          : `Folder "${displayPath}" cannot be read (${code ?? (err instanceof Error ? err.message : String(err))}). Check that the folder, its drive or its network share is available.`;
  return new Error(message, { cause: err });
}

/** Checks that `root` is a readable folder and returns its real path; throws a `rootError` otherwise. */
export async function openRoot(fs: LocalFs, root: string, displayPath: string): Promise<string> {
  let isFolder: boolean;
  try {
    isFolder = (await fs.stat(root)).isDirectory();
  } catch (err) {
    throw rootError(displayPath, err);
  }
  if (!isFolder) throw rootError(displayPath, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
  try {
    return await fs.realpath(root);
  } catch (err) {
    throw rootError(displayPath, err);
  }
}
