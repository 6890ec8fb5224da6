/**
 * One process at a time owns a catalog (runs syncs, recovers interrupted runs):
 * the desktop app, `serve` or `sync`. Readers (`files`, `runs`, `export`) need no lock.
 */
import fs from 'node:fs';
import path from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the owner lock of `dataDir`, or throws naming the process that holds it. Returns the release function. */
export function acquireOwnerLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'owner.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || isAlive(pid))) {
        throw new Error(
          `The catalog in ${dataDir} is in use by another File Connector process (pid ${pid}: the desktop app or \`file-connector serve\`). Sync from there, or stop it first.`,
          { cause: error },
        );
      }
      // A stale lock from a process that crashed.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}
