/**
 * Scenario 7: peak resident memory of a sync into a catalog of a million files, and against one of 100,000
 * (streaming, not accumulating). Each size is measured in a process of its own (memoryChild.ts).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryReport } from '../memoryChild.js';
import type { Scenario } from '../lib.js';

const CHILD = fileURLToPath(new URL('../memoryChild.ts', import.meta.url));

function measureInChild(files: number): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [String(files)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: MemoryReport | undefined;
    child.on('message', (m: MemoryReport) => (report = m));
    child.on('error', reject);
    child.on('exit', (code) =>
      report ? resolve(report) : reject(new Error(`The memory measurement of ${files} files exited with ${code}.`)),
    );
  });
}

export const memory: Scenario = {
  name: 'memory',
  title: 'Peak resident memory of a sync: 1,000,000 files vs 100,000',
  async run(ctx) {
    const large = ctx.quick ? 100_000 : 1_000_000;
    const small = large / 10;
    ctx.log(`Peak memory of a sync of ${small.toLocaleString('en-US')} records`);
    const a = await measureInChild(small);
    ctx.log(`Peak memory of a sync of ${large.toLocaleString('en-US')} records`);
    const b = await measureInChild(large);
    const k = (n: number) => `${(n / 1000).toLocaleString('en-US')}k`;
    return {
      figures: [
        {
          scenario: '7 Memory',
          figure: `peak RSS, sync then browse of ${k(large)} files`,
          value: b.peakMb,
          unit: 'MB',
          target: { op: '<=', limit: 400 },
          note:
            "The sync's batches are written by the catalog's write thread on a connection of its own with a 32 MB " +
            'page cache and no memory map, so the database is mapped in only by what the browsing reads (fileMb in ' +
            "the details); the process's own memory is anonMb.",
        },
        {
          scenario: '7 Memory',
          figure: `sync peak at ${k(large)} vs at ${k(small)}`,
          value: b.syncPeakMb,
          unit: 'MB',
          reference: { label: `${k(small)} MB`, value: a.syncPeakMb },
          ratio: b.syncPeakMb / a.syncPeakMb,
          target: { op: '<=', limit: 1.5 },
          note:
            "The sync streams: neither the process's own memory nor the write connection's page cache grows with " +
            'the size of the catalog.',
        },
      ],
      details: { small: a, large: b },
    };
  },
};
