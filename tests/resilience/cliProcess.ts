/**
 * The `file-connector` command as a child process. The command as shipped runs compiled code (dist/, built by
 * `npm run build:core`); these tests bundle today's sources instead, so they never run a stale build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundles src/cli into one file inside the project (so it finds node_modules); returns it and its clean-up. */
export async function bundleCli(): Promise<{ cli: string; remove(): void }> {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, '.tmp', 'resilience-cli-'));
  const cli = path.join(dir, 'cli.js');
  fs.writeFileSync(
    path.join(dir, 'entry.ts'),
    `import { run } from '${path.join(root, 'src/cli/main.ts')}';\nprocess.exitCode = await run(process.argv.slice(2));\n`,
  );
  await build({
    // The catalog's write thread is an entry of its own, next to the command, as in the app's bundle.
    input: {
      cli: path.join(dir, 'entry.ts'),
      catalogWriteThread: path.join(root, 'src/catalog/writeThread/catalogWriteThread.ts'),
    },
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { dir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    logLevel: 'silent',
  });
  return { cli, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface CliRun {
  child: ChildProcess;
  /** Settles when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Starts `node <cli> ...args` with `env` added to this process's environment. */
export function startCli(cli: string, args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}
