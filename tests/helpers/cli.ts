/** Runs the `file-connector` command in-process with captured output. */
import { PassThrough } from 'node:stream';
import { run } from '../../src/cli/main.js';

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await run(args, { stdout, stderr, env });
  return { code, out, err };
}
