/** Test helpers for the local-folder connector: a recording SyncContext, tree builders and batch collection. */
import fs from 'node:fs';
import path from 'node:path';
import { filtersSchema, type Filters } from '../../../src/contract/schemas.js';
import { createLocalFolderConnector, type LocalFolderOptions } from '../../../src/connectors/local_folder/connector.js';
import { parseLocalFolderSettings } from '../../../src/connectors/local_folder/settings.js';
import type { Connector, FileRecord, SyncBatch, SyncContext } from '../../../src/connectors/types.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}

/** A SyncContext that records logs and counts; lookup knows nothing. */
export interface TestContext extends SyncContext {
  logs: LogLine[];
  requests: number;
  controller: AbortController;
  warnings(): string[];
}

/** Builds a SyncContext for a fresh (not resuming) run unless overridden. */
export function makeContext(overrides: Partial<Pick<SyncContext, 'cursor' | 'resuming' | 'full'>> = {}): TestContext {
  const controller = new AbortController();
  const logs: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (msg: string, data?: Record<string, unknown>): void => {
      logs.push({ level, msg, data });
    };
  const ctx: TestContext = {
    cursor: null,
    resuming: false,
    full: false,
    ...overrides,
    signal: controller.signal,
    controller,
    logs,
    requests: 0,
    log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    countRequest: () => {
      ctx.requests++;
    },
    countRetry: () => undefined,
    countWait: () => undefined,
    lookup: () => undefined,
    known: () => undefined,
    children: () => [],
    warnings: () => logs.filter((l) => l.level === 'warn').map((l) => l.msg),
  };
  return ctx;
}

/** Creates files (string content) and folders (`null`, or a path ending in `/`) below `root`. */
export function makeTree(root: string, entries: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(entries)) {
    const abs = path.join(root, rel);
    if (content === null || rel.endsWith('/')) {
      fs.mkdirSync(abs, { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
}

/** A connector over `root` with settings and filters given as a user would write them. */
export function connectorFor(
  root: string,
  settings: { recursive?: boolean; followSymlinks?: boolean } = {},
  filters: Filters = {},
  options: LocalFolderOptions = {},
): Connector {
  return createLocalFolderConnector(
    parseLocalFolderSettings({ path: root, ...settings }),
    filtersSchema.parse(filters),
    options,
  );
}

/** Drains a sync into its batches. */
export async function collectBatches(connector: Connector, ctx: SyncContext): Promise<SyncBatch[]> {
  const plan = connector.sync(ctx);
  const batches: SyncBatch[] = [];
  for await (const batch of plan.batches) batches.push(batch);
  return batches;
}

/** Drains a sync into its records, in emission order. */
export async function collectRecords(connector: Connector, ctx: SyncContext): Promise<FileRecord[]> {
  return (await collectBatches(connector, ctx)).flatMap((b) => b.records);
}

/** The paths of `records`, in order. */
export function paths(records: FileRecord[]): string[] {
  return records.map((r) => r.path);
}
