/** Starts `file-connector serve` on a free port with its own data folder, for one e2e suite. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServedApp {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  output(): string;
}

/** `dataDir`: serve this existing data folder (e.g. a seeded catalog) instead of a new one; it is removed on stop. */
export async function serveApp(extraArgs: string[] = [], options: { dataDir?: string } = {}): Promise<ServedApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fc-e2e-data-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/file-connector.js', '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FILE_CONNECTOR_TOKEN: 'e2e-token' } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A project folder: drawings, specs, a nested tree, and `bulk` site photos so a sync takes long enough to watch. */
export function makeProjectFolder(bulk = 60): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-e2e-project-'));
  const files: Record<string, string> = {
    'Structural/S-101 Foundation Plan.pdf': 'pdf',
    'Structural/S-102 Framing Plan.dwg': 'dwg data',
    'Architectural/A-201 Elevations.pdf': 'elevations',
    'Architectural/Details/A-501 Wall Sections.pdf': 'sections',
    'Specifications/03 30 00 Cast-in-Place Concrete.docx': 'spec',
    'Model/Tower A.rvt': 'revit model',
  };
  for (let i = 1; i <= bulk; i++) {
    files[`Photos/Visit ${Math.ceil(i / 500)}/Site photo ${String(i).padStart(5, '0')}.jpg`] = 'x'.repeat(i % 97);
  }
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}
