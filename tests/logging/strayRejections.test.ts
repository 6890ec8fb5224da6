import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';

const module = path.resolve(import.meta.dirname, '../../src/logging/strayRejections.ts');

/** Runs a Node process that leaves a rejection unhandled, with or without the logger wired in. */
function runStray(wired: boolean) {
  const script = path.join(tempDir('fc-stray-'), 'stray.ts');
  fs.writeFileSync(
    script,
    `import { logStrayRejections } from ${JSON.stringify(module)};
     const lines: string[] = [];
     if (${wired}) logStrayRejections(process, { error: (message, data) => lines.push(message + ' ' + String(data?.error)) });
     void Promise.reject(new Error('the socket closed'));
     setTimeout(() => { console.log(JSON.stringify(lines)); console.log('still running'); }, 50);`,
  );
  return spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
}

describe('stray rejections in a long-running process', () => {
  it('are logged with their error, and the process keeps running', () => {
    const run = runStray(true);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('still running');
    expect(run.stdout).toMatch(/nothing handled its error.*the socket closed/);
  });

  it('would otherwise end the process (what the wiring prevents)', () => {
    const run = runStray(false);
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('still running');
    expect(run.stderr).toContain('the socket closed');
  });
});
