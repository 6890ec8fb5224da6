/** `file-connector`: the headless command over the same core as the desktop app. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { loadConfigFile } from '../config/load.js';
import { ConfigError } from '../config/load.js';
import type { SyncRun } from '../contract/model.js';
import { applyConfig } from '../core/applyConfig.js';
import { openCore, type Core } from '../core/core.js';
import { defaultDataDir } from '../core/paths.js';
import { appVersion } from '../core/version.js';
import { startServer } from '../server/http.js';
import { logStrayRejections } from '../logging/strayRejections.js';
import { addHooksCommands } from './hooks.js';
import {
  csvColumns,
  csvLine,
  endpointHeaders,
  endpointRow,
  humanSize,
  publicRecord,
  runHeaders,
  runRow,
  runSummary,
  table,
} from './output.js';
import { followProgress } from './progress.js';

/** An error the command reports in one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const uiDir = fileURLToPath(new URL('../../renderer/dist', import.meta.url));

function dataDirOf(program: Command, env: NodeJS.ProcessEnv): string {
  const option = program.opts<{ dataDir?: string }>().dataDir;
  return option ? path.resolve(option) : defaultDataDir(env);
}

async function withCore<T>(
  program: Command,
  io: Io,
  access: 'owner' | 'reader',
  fn: (core: Core) => Promise<T>,
): Promise<T> {
  const core = await openCore({
    dataDir: dataDirOf(program, io.env),
    host: 'browser',
    access,
    env: io.env,
    consoleLogs: access === 'owner',
    logLevel: access === 'owner' ? 'info' : 'warn',
  });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function loadConfig(file: string, env: NodeJS.ProcessEnv) {
  try {
    return await loadConfigFile(file, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

function endpointIdsByName(core: Core, name: string | undefined): number[] | undefined {
  if (!name) return undefined;
  const endpoint = core.catalog.endpoints.findByName(name);
  if (!endpoint) {
    const known = core.catalog.endpoints.list().map((e) => `"${e.name}"`);
    throw new CliError(
      `No endpoint named "${name}". ${known.length ? `Known endpoints: ${known.join(', ')}.` : 'There are no endpoints yet: add one with --config.'}`,
      2,
    );
  }
  return [endpoint.id];
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => (stream.write(text) ? resolve() : stream.once('drain', () => resolve())));
}

/** Builds the command; `run` parses argv and resolves with the exit code. */
export function buildProgram(io: Io): Command {
  const program = new Command('file-connector')
    .description('Catalog file metadata from local folders, Google Drive and Autodesk Construction Cloud.')
    .version(appVersion)
    .option('--data-dir <dir>', 'folder holding the catalog (env FILE_CONNECTOR_DATA_DIR)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError();

  program
    .command('sync')
    .description('sync endpoints once, then exit (non-zero if a sync failed)')
    .option('--config <file>', 'YAML or JSON file whose endpoints are created or updated by name first')
    .option('--endpoint <name>', 'only this endpoint')
    .option('--full', 'ignore incremental state and list everything')
    .action(async (opts: { config?: string; endpoint?: string; full?: boolean }) => {
      const config = opts.config ? await loadConfig(opts.config, io.env) : undefined;
      await withCore(program, io, 'owner', async (core) => {
        if (config) applyConfig(core.catalog, config.endpoints);
        const ids =
          endpointIdsByName(core, opts.endpoint) ??
          (config
            ? config.endpoints.map((e) => core.catalog.endpoints.findByName(e.name)!.id)
            : core.catalog.endpoints
                .list()
                .filter((e) => !e.paused)
                .map((e) => e.id));
        if (ids.length === 0) throw new CliError('There are no endpoints to sync. Add some with --config FILE.', 2);
        const stop = followProgress(core, io.stderr);
        let runs: SyncRun[];
        try {
          runs = await Promise.all(ids.map((id) => core.engine.run(id, { trigger: 'manual', full: opts.full })));
        } finally {
          stop();
        }
        for (const run of runs) await write(io.stdout, `${runSummary(run)}\n`);
        const failed = runs.filter((r) => r.status === 'failed' || r.status === 'cancelled');
        if (failed.length) throw new CliError(`${failed.length} of ${runs.length} sync(s) failed.`, 1);
      });
    });

  program
    .command('files')
    .description('list catalogued entries that are not deleted')
    .option('--endpoint <name>', 'only this endpoint')
    .option('--search <text>', 'full-text search over names and paths')
    .addOption(new Option('--limit <n>', 'at most this many entries').argParser((v) => positiveInt(v, '--limit')))
    .addOption(new Option('--json', 'a JSON array').conflicts('ndjson'))
    .option('--ndjson', 'one JSON object per line')
    .action(async (opts: { endpoint?: string; search?: string; limit?: number; json?: boolean; ndjson?: boolean }) => {
      await withCore(program, io, 'reader', async (core) => {
        const endpointIds = endpointIdsByName(core, opts.endpoint);
        const limit = opts.limit ?? Number.POSITIVE_INFINITY;
        const rows = opts.search
          ? core.catalog.files.query({
              endpointIds,
              search: opts.search,
              includeDeleted: false,
              sort: 'path',
              direction: 'asc',
              offset: 0,
              limit: Math.min(limit, 5000),
            }).rows
          : core.catalog.files.iterateLive(endpointIds);
        let count = 0;
        if (opts.json) await write(io.stdout, '[');
        for (const file of rows) {
          if (count >= limit) break;
          const record = publicRecord(file);
          if (opts.json) await write(io.stdout, `${count ? ',' : ''}\n  ${JSON.stringify(record)}`);
          else if (opts.ndjson) await write(io.stdout, `${JSON.stringify(record)}\n`);
          else {
            const kind = file.isFolder ? 'dir ' : 'file';
            await write(
              io.stdout,
              `${kind}  ${humanSize(file.size).padStart(9)}  ${file.modifiedTime ?? ''}  ${file.endpointName}/${file.path}\n`,
            );
          }
          count++;
        }
        if (opts.json) await write(io.stdout, count ? '\n]\n' : ']\n');
      });
    });

  program
    .command('runs')
    .description('list sync runs, newest first')
    .option('--endpoint <name>', 'only this endpoint')
    .addOption(
      new Option('--limit <n>', 'at most this many runs').default(50).argParser((v) => positiveInt(v, '--limit')),
    )
    .option('--json', 'as JSON')
    .action(async (opts: { endpoint?: string; limit: number; json?: boolean }) => {
      await withCore(program, io, 'reader', async (core) => {
        const [endpointId] = endpointIdsByName(core, opts.endpoint) ?? [];
        const runs = core.catalog.runs.list({ endpointId, limit: opts.limit, offset: 0 });
        await write(
          io.stdout,
          opts.json ? `${JSON.stringify(runs, null, 2)}\n` : `${table(runHeaders, runs.map(runRow))}\n`,
        );
      });
    });

  program
    .command('endpoints')
    .description('list endpoints with their status')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(program, io, 'reader', async (core) => {
        const list = await core.handlers['endpoints.list']({});
        await write(
          io.stdout,
          opts.json ? `${JSON.stringify(list, null, 2)}\n` : `${table(endpointHeaders, list.map(endpointRow))}\n`,
        );
      });
    });

  program
    .command('export')
    .description('export the catalog (entries that are not deleted)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'ndjson']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--endpoint <name>', 'only this endpoint')
    .action(async (opts: { format: 'csv' | 'ndjson'; out?: string; endpoint?: string }) => {
      await withCore(program, io, 'reader', async (core) => {
        const endpointIds = endpointIdsByName(core, opts.endpoint);
        // Written to a temporary file and renamed, so a failed export never leaves half a file behind.
        const temp = opts.out ? `${opts.out}.partial-${process.pid}` : undefined;
        const out = temp ? fs.createWriteStream(temp) : io.stdout;
        let count = 0;
        try {
          if (opts.format === 'csv') await write(out, csvLine(csvColumns));
          for (const file of core.catalog.files.iterateLive(endpointIds)) {
            const record = publicRecord(file);
            await write(
              out,
              opts.format === 'csv' ? csvLine(csvColumns.map((c) => record[c])) : `${JSON.stringify(record)}\n`,
            );
            count++;
          }
          if (temp) {
            await new Promise<void>((resolve, reject) =>
              (out as fs.WriteStream).end((e?: Error) => (e ? reject(e) : resolve())),
            );
            fs.renameSync(temp, opts.out!);
            await write(io.stderr, `Exported ${count} entries to ${opts.out}\n`);
          }
        } catch (error) {
          if (temp) fs.rmSync(temp, { force: true });
          throw error;
        }
      });
    });

  addHooksCommands(program, {
    withCore: (fn) => withCore(program, io, 'reader', fn),
    endpointId: (core, name) => endpointIdsByName(core, name)![0]!,
    print: (text) => write(io.stdout, text),
    fail: (message, exitCode) => new CliError(message, exitCode),
  });

  const config = program.command('config').description('work with configuration files');
  config
    .command('validate')
    .description('check a configuration file and report every problem with its line')
    .argument('<file>', 'YAML or JSON configuration file')
    .action(async (file: string) => {
      const parsed = await loadConfig(file, io.env);
      await write(
        io.stdout,
        `${file} is valid: ${parsed.endpoints.length} endpoint(s): ${parsed.endpoints.map((e) => e.name).join(', ')}\n`,
      );
    });

  program
    .command('serve')
    .description('run the core with the UI, the contract and the scheduler over loopback HTTP until stopped')
    .option('--config <file>', 'create or update these endpoints by name first')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('--port <n>', 'port (0 picks a free one)').default(4310).argParser((v) => port(v)))
    .addOption(new Option('--token <token>', 'access token (default: random)').env('FILE_CONNECTOR_TOKEN'))
    .action(async (opts: { config?: string; host: string; port: number; token?: string }) => {
      const configFile = opts.config ? await loadConfig(opts.config, io.env) : undefined;
      const core = await openCore({ dataDir: dataDirOf(program, io.env), host: 'browser', consoleLogs: true });
      const stopLogging = logStrayRejections(process, core.logger);
      try {
        if (configFile) applyConfig(core.catalog, configFile.endpoints);
        const server = await startServer({ core, host: opts.host, port: opts.port, token: opts.token, uiDir });
        core.scheduler?.start();
        core.health?.start();
        // SIGHUP re-reads the config file; changed schedules take effect at once.
        const reload = () => void reloadConfig(core, opts.config, io);
        if (opts.config) process.on('SIGHUP', reload);
        await write(
          io.stdout,
          `File Connector is serving at ${server.openUrl}\nData folder: ${core.dataDir}\nPress Ctrl+C to stop.\n`,
        );
        await new Promise<void>((resolve) => {
          // `npm start` forwards the terminal's Ctrl+C too: a repeated signal must not cut the clean stop short.
          const stop = () => resolve();
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        process.off('SIGHUP', reload);
        await write(io.stderr, 'Stopping: letting running syncs reach a safe point…\n');
        core.scheduler?.stop();
        await server.close();
      } finally {
        await core.close();
        stopLogging();
      }
    });

  return program;
}

/** Applies the config file again to a running `serve`; a broken file is reported and changes nothing. */
async function reloadConfig(core: Core, file: string | undefined, io: Io): Promise<void> {
  if (!file) return;
  try {
    const config = await loadConfigFile(file, io.env);
    const result = applyConfig(core.catalog, config.endpoints);
    core.scheduler?.reload(null);
    core.logger.info(
      `Reloaded ${file}: ${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged`,
    );
  } catch (error) {
    core.logger.error(
      `Could not reload ${file}; keeping the endpoints as they were: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${flag} must be a whole number of 1 or more, not "${value}".`, 2);
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError(`--port must be 0 to 65535, not "${value}".`, 2);
  return n;
}

/** Runs the command with `argv` (without node and script) and resolves with its exit code. */
export async function run(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage mistake exits 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`file-connector: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`file-connector: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
