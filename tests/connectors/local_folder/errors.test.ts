/** The local-folder connector: symbolic links, unreadable entries, a missing root, and the health check. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, type LocalFs } from '../../../src/connectors/local_folder/fs.js';
import { tempDir } from '../../helpers/tempDir.js';
import { collectBatches, collectRecords, connectorFor, makeContext, makeTree, paths } from './helpers.js';

const isRoot = process.getuid?.() === 0;

/** An errno-style error as Node's fs raises it. */
function fsError(code: string, target: string): Error {
  return Object.assign(new Error(`${code}: simulated failure, '${target}'`), { code });
}

/** The real file system, except that calls on paths ending in `failing` reject with `code`. */
function failingFs(failing: Partial<Record<keyof LocalFs, Record<string, string>>>): LocalFs {
  const fail = (op: keyof LocalFs, p: string): void => {
    for (const [suffix, code] of Object.entries(failing[op] ?? {})) {
      if (p.endsWith(suffix)) throw fsError(code, p);
    }
  };
  return {
    readdir: async (p, o) => (fail('readdir', p), nodeFs.readdir(p, o)),
    lstat: async (p) => (fail('lstat', p), nodeFs.lstat(p)),
    stat: async (p) => (fail('stat', p), nodeFs.stat(p)),
    realpath: async (p) => (fail('realpath', p), nodeFs.realpath(p)),
  };
}

describe('local_folder connector: symbolic links', () => {
  it('skips symbolic links by default, logging them at debug level only', async () => {
    const root = tempDir();
    makeTree(root, { 'real/file.txt': '' });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link-to-dir'));
    fs.symlinkSync(path.join(root, 'real/file.txt'), path.join(root, 'link-to-file'));
    const ctx = makeContext();

    const records = await collectRecords(connectorFor(root), ctx);

    expect(paths(records)).toEqual(['real', 'real/file.txt']);
    expect(ctx.warnings()).toEqual([]);
    expect(ctx.logs.filter((l) => l.level === 'debug').map((l) => l.data?.path)).toEqual([
      'link-to-dir',
      'link-to-file',
    ]);
  });

  it('follows links when asked, marking the link entries in extras', async () => {
    const root = tempDir();
    makeTree(root, { 'real/file.txt': 'abc' });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link-to-dir'));
    fs.symlinkSync(path.join(root, 'real/file.txt'), path.join(root, 'link-to-file.txt'));

    const records = await collectRecords(connectorFor(root, { followSymlinks: true }), makeContext());
    const byPath = new Map(records.map((r) => [r.path, r]));

    expect(paths(records)).toEqual([
      'link-to-dir',
      'link-to-file.txt',
      'real',
      'link-to-dir/file.txt',
      'real/file.txt',
    ]);
    expect(byPath.get('link-to-dir')).toMatchObject({ isFolder: true, extras: { symlink: true } });
    expect(byPath.get('link-to-file.txt')).toMatchObject({ isFolder: false, size: 3, extras: { symlink: true } });
    expect(byPath.get('link-to-dir/file.txt')?.extras).toBeNull();
  });

  it('terminates on a link loop, warning and not descending into it', async () => {
    const root = tempDir();
    makeTree(root, { 'a/b/file.txt': '' });
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a/b/back-to-a'));
    fs.symlinkSync(root, path.join(root, 'a/to-root'));
    const ctx = makeContext();

    const records = await collectRecords(connectorFor(root, { followSymlinks: true }), ctx);

    expect(paths(records)).toEqual(['a', 'a/b', 'a/to-root', 'a/b/back-to-a', 'a/b/file.txt']);
    expect(ctx.warnings()).toHaveLength(2);
    expect(ctx.warnings().join('\n')).toMatch(/"a\/to-root".*loop/);
    expect(ctx.warnings().join('\n')).toMatch(/"a\/b\/back-to-a".*loop/);
  });

  it('warns about and skips a broken link when following links', async () => {
    const root = tempDir();
    makeTree(root, { 'ok.txt': '' });
    fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    const ctx = makeContext();

    const batches = await collectBatches(connectorFor(root, { followSymlinks: true }), ctx);

    expect(batches.flatMap((b) => paths(b.records))).toEqual(['ok.txt']);
    expect(ctx.warnings()).toEqual([expect.stringMatching(/broken symbolic link "dangling"/)]);
    expect(batches.flatMap((b) => b.unreadablePaths ?? [])).toEqual([]);
  });
});

describe('local_folder connector: unreadable entries', () => {
  it('warns about an unreadable folder, reports it in unreadablePaths, and walks its siblings', async () => {
    const root = tempDir();
    makeTree(root, { 'Locked/secret.txt': '', 'Open/visible.txt': '' });
    const ctx = makeContext();
    const connector = connectorFor(root, {}, {}, { fs: failingFs({ readdir: { Locked: 'EACCES' } }) });

    const batches = await collectBatches(connector, ctx);

    // The folder itself is listed by its parent; only its contents are out of reach.
    expect(batches.flatMap((b) => paths(b.records))).toEqual(['Locked', 'Open', 'Open/visible.txt']);
    expect(batches.flatMap((b) => b.unreadablePaths ?? [])).toEqual(['Locked']);
    expect(ctx.logs.filter((l) => l.level === 'warn').map((l) => l.data)).toEqual([{ path: 'Locked', code: 'EACCES' }]);
  });

  it.skipIf(isRoot)('reports a folder made unreadable with chmod 000 (needs a non-root user)', async () => {
    const root = tempDir();
    makeTree(root, { 'Locked/secret.txt': '', 'Open/visible.txt': '' });
    fs.chmodSync(path.join(root, 'Locked'), 0o000);
    const ctx = makeContext();
    try {
      const batches = await collectBatches(connectorFor(root), ctx);

      expect(batches.flatMap((b) => paths(b.records))).toEqual(['Locked', 'Open', 'Open/visible.txt']);
      expect(batches.flatMap((b) => b.unreadablePaths ?? [])).toEqual(['Locked']);
      expect(ctx.warnings()).toEqual([expect.stringMatching(/"Locked".*EACCES/)]);
    } finally {
      fs.chmodSync(path.join(root, 'Locked'), 0o755);
    }
  });

  it('warns about an entry it cannot stat and protects it from the deletion sweep', async () => {
    const root = tempDir();
    makeTree(root, { 'secret.txt': '', 'fine.txt': '' });
    const ctx = makeContext();
    const connector = connectorFor(root, {}, {}, { fs: failingFs({ lstat: { 'secret.txt': 'EPERM' } }) });

    const batches = await collectBatches(connector, ctx);

    expect(batches.flatMap((b) => paths(b.records))).toEqual(['fine.txt']);
    expect(batches.flatMap((b) => b.unreadablePaths ?? [])).toEqual(['secret.txt']);
    expect(ctx.warnings()).toEqual([expect.stringMatching(/"secret\.txt".*EPERM/)]);
  });

  it('treats entries that vanish mid-walk as gone: warned, but not protected from the sweep', async () => {
    const root = tempDir();
    makeTree(root, { 'gone.txt': '', 'Replaced/inner.txt': '', 'stays.txt': '' });
    const ctx = makeContext();
    // gone.txt is deleted between readdir and lstat; Replaced becomes a file between its listing and its read.
    const connector = connectorFor(
      root,
      {},
      {},
      { fs: failingFs({ lstat: { 'gone.txt': 'ENOENT' }, readdir: { Replaced: 'ENOTDIR' } }) },
    );

    const batches = await collectBatches(connector, ctx);

    expect(batches.flatMap((b) => paths(b.records))).toEqual(['Replaced', 'stays.txt']);
    expect(batches.flatMap((b) => b.unreadablePaths ?? [])).toEqual([]);
    expect(ctx.logs.filter((l) => l.level === 'warn').map((l) => l.data)).toEqual([
      { path: 'gone.txt', code: 'ENOENT' },
      { path: 'Replaced', code: 'ENOTDIR' },
    ]);
  });
});

describe('local_folder connector: an unusable root', () => {
  it('fails the sync with a clear message when the folder does not exist', async () => {
    const missing = path.join(tempDir(), 'not-here');

    await expect(collectBatches(connectorFor(missing), makeContext())).rejects.toThrow(
      `Folder "${missing}" does not exist. Check the endpoint's path or reconnect the network share.`,
    );
  });

  it('fails the sync when the path names a file', async () => {
    const file = path.join(tempDir(), 'file.txt');
    fs.writeFileSync(file, '');

    await expect(collectBatches(connectorFor(file), makeContext())).rejects.toThrow(`"${file}" is not a folder`);
  });

  it('fails the sync when the root cannot be read, instead of reporting it as a subtree', async () => {
    const root = tempDir();
    const connector = connectorFor(root, {}, {}, { fs: failingFs({ readdir: { [path.basename(root)]: 'EACCES' } }) });

    await expect(collectBatches(connector, makeContext())).rejects.toThrow(
      `Folder "${root}" cannot be read: permission denied`,
    );
  });

  it('health check reports how many entries the top level has', async () => {
    const root = tempDir();
    makeTree(root, { 'a.txt': '', 'b/': null, 'c/d.txt': '' });

    expect(await connectorFor(root).checkHealth()).toMatchObject({
      ok: true,
      message: 'Folder is readable: 3 entries at the top level',
    });
  });

  it('health check fails with the same clear message as the sync', async () => {
    const missing = path.join(tempDir(), 'gone');

    expect(await connectorFor(missing).checkHealth()).toMatchObject({
      ok: false,
      message: `Folder "${missing}" does not exist. Check the endpoint's path or reconnect the network share.`,
    });
  });
});
