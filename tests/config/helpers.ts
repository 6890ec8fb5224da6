/** Shared helpers for the config tests: capture a ConfigError and write temporary config files. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/load.js';

/** Runs `fn` and returns the ConfigError it throws; fails the test if it throws nothing or something else. */
export async function configErrorOf(fn: () => unknown): Promise<ConfigError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

/** A temporary directory for config files, removed by `cleanup`. */
export async function tempDir(): Promise<{
  dir: string;
  write: (name: string, text: string) => Promise<string>;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'file-connector-config-'));
  return {
    dir,
    write: async (name, text) => {
      const file = join(dir, name);
      await writeFile(file, text, 'utf8');
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
