import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/contract/model.js';
import { bundleCli } from '../resilience/cliProcess.js';
import { tempDir } from '../helpers/tempDir.js';

let cli: string;

let bundle: Awaited<ReturnType<typeof bundleCli>>;
beforeAll(async () => {
  bundle = await bundleCli();
  cli = bundle.cli;
}, 60_000);
afterAll(() => bundle?.remove());

function serve(args: string[]): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/[^/\s]+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe('file-connector serve runs the scheduler', () => {
  it('starts runs with trigger "schedule" from a config whose cron fires every 2 seconds', async () => {
    const dataDir = tempDir('fc-serve-data-');
    const folder = tempDir('fc-serve-folder-');
    fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
    const config = path.join(tempDir('fc-serve-config-'), 'site.yaml');
    fs.writeFileSync(
      config,
      [
        'version: 1',
        'endpoints:',
        '  - name: Site docs',
        '    type: local_folder',
        `    settings: { path: ${JSON.stringify(folder)} }`,
        "    schedule: { type: cron, expression: '*/2 * * * * *', timezone: UTC }",
        '',
      ].join('\n'),
    );
    const served = serve(['--data-dir', dataDir, 'serve', '--port', '0', '--config', config, '--token', 'serve-test']);
    try {
      const url = await served.url;
      const runs = async () => {
        const response = await fetch(`${url}api/rpc/runs.list`, {
          method: 'POST',
          headers: { authorization: 'Bearer serve-test', 'content-type': 'application/json' },
          body: '{}',
        });
        const envelope = (await response.json()) as { ok: boolean; result: SyncRun[] };
        expect(envelope.ok).toBe(true);
        return envelope.result;
      };
      const deadline = Date.now() + 15_000;
      let scheduled: SyncRun[] = [];
      while (Date.now() < deadline) {
        scheduled = (await runs()).filter((r) => r.trigger === 'schedule' && r.status === 'success');
        if (scheduled.length >= 3) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(scheduled.length, served.output()).toBeGreaterThanOrEqual(3);
      const starts = scheduled.map((r) => Date.parse(r.startedAt)).sort((a, b) => a - b);
      // Two seconds apart (the first may be the catch-up run at start).
      expect(starts.at(-1)! - starts.at(-2)!).toBeGreaterThanOrEqual(1_500);
    } finally {
      served.child.kill('SIGTERM');
      if (served.child.exitCode === null) await new Promise((resolve) => served.child.once('exit', resolve));
    }
    expect(served.child.exitCode).toBe(0);
  }, 40_000);
});
