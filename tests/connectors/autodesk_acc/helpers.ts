/** A fake APS server, a real catalog and the real sync engine, wired for the Autodesk connector's tests. */
import path from 'node:path';
import { afterEach } from 'vitest';
import { Catalog } from '../../../src/catalog/catalog.js';
import {
  createAutodeskAccConnector,
  parseAutodeskAccSettings,
  type AutodeskAccOptions,
} from '../../../src/connectors/autodesk_acc/index.js';
import type { Filters } from '../../../src/contract/schemas.js';
import type { SyncRun } from '../../../src/contract/model.js';
import { createLogger } from '../../../src/logging/logger.js';
import { SyncEngine } from '../../../src/sync/engine.js';
import { FakeApsServer } from '../../fakes/autodesk/server.js';
import type { AccTruth, TruthEntry } from '../../fakes/autodesk/truth.js';
import { tempDir } from '../../helpers/tempDir.js';

export const CLIENT_ID = 'fc-test-client';
export const CLIENT_SECRET = 'not-a-real-secret-3f9a';
export const PUBLIC_CLIENT_ID = 'fc-desktop-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/**
 * A running fake with two registered apps. Its limits are the published ones scaled to one-second windows
 * (contents 300/min becomes 20/s), and the connector's `rateLimits` below say the same in per-minute terms.
 */
export async function startFake(): Promise<FakeApsServer> {
  const fake = await new FakeApsServer().start();
  cleanups.push(() => fake.stop());
  fake.tokens.register({ id: CLIENT_ID, secret: CLIENT_SECRET });
  fake.tokens.register({ id: PUBLIC_CLIENT_ID });
  fake.limits = {
    hubs: { limit: 5, windowMs: 1000 },
    projects: { limit: 5, windowMs: 1000 },
    topFolders: { limit: 20, windowMs: 1000 },
    folderContents: { limit: 40, windowMs: 1000 },
    token: { limit: 10, windowMs: 1000 },
  };
  return fake;
}

/** Per-minute rates equal to the fake's scaled limits. */
export const scaledRateLimits = { hubs: 300, projects: 300, topFolders: 1200, folderContents: 2400, token: 600 };

/** Fast retries, so fault tests take milliseconds rather than seconds. */
export const fastRetry = { baseDelayMs: 20, maxDelayMs: 100 };

export interface Setup {
  fake: FakeApsServer;
  catalog: Catalog;
  endpointId: number;
  sync(full?: boolean): Promise<SyncRun>;
  /** Starts a sync and cancels it after `ms`. */
  cancelledSync(ms: number): Promise<SyncRun>;
  /** Live catalog entries in the shape of the fake's truth. */
  live(): TruthEntry[];
  /** Live catalog rows with every field. */
  rows(): ReturnType<Catalog['files']['query']>['rows'];
  logs: string[];
  /** Changes the endpoint's settings or filters for the next runs, as editing the endpoint would. */
  reconfigure(change: { settings?: Record<string, unknown>; filters?: Filters }): void;
}

/** A catalog with one ACC endpoint against `fake`. */
export async function setup(
  fake: FakeApsServer,
  options: { settings?: Record<string, unknown>; filters?: Filters; connector?: AutodeskAccOptions } = {},
): Promise<Setup> {
  const catalog = Catalog.open(path.join(tempDir('fc-acc-'), 'catalog.db'));
  cleanups.push(() => catalog.close());
  const base = {
    auth: { type: 'client_credentials', clientId: CLIENT_ID, clientSecretEnv: 'FC_TEST_ACC_SECRET' },
    apiBaseUrl: fake.url,
    rateLimits: scaledRateLimits,
  };
  let settings = parseAutodeskAccSettings({ ...base, ...options.settings });
  let filters = options.filters ?? {};
  const endpoint = catalog.endpoints.create({
    name: 'ACC',
    type: 'autodesk_acc',
    settings,
    filters,
    schedule: { type: 'manual' },
    paused: false,
  });
  const logs: string[] = [];
  const { logger } = await createLogger({});
  const engine = new SyncEngine({
    catalog,
    logger: {
      ...logger,
      child: (bindings: Record<string, unknown>) => {
        const child = logger.child(bindings);
        const capture =
          (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, data?: Record<string, unknown>) => {
            logs.push(`${level}: ${msg}`);
            child[level](msg, data);
          };
        return {
          ...child,
          debug: capture('debug'),
          info: capture('info'),
          warn: capture('warn'),
          error: capture('error'),
        };
      },
    } as typeof logger,
    createConnector: () =>
      createAutodeskAccConnector(settings, filters, {
        retry: fastRetry,
        env: { FC_TEST_ACC_SECRET: CLIENT_SECRET },
        ...options.connector,
      }),
    onProgress: () => undefined,
    onFinished: () => undefined,
    progressIntervalMs: 0,
  });
  const rows = () =>
    catalog.files.query({ includeDeleted: false, sort: 'path', direction: 'asc', offset: 0, limit: 5000 }).rows;
  const allRows = () => {
    const out: ReturnType<typeof rows> = [];
    for (let offset = 0; ; offset += 5000) {
      const page = catalog.files.query({ includeDeleted: false, sort: 'path', direction: 'asc', offset, limit: 5000 });
      out.push(...page.rows);
      if (page.rows.length < 5000) return out;
    }
  };
  return {
    fake,
    catalog,
    endpointId: endpoint.id,
    logs,
    reconfigure: (change) => {
      if (change.settings) settings = parseAutodeskAccSettings({ ...base, ...change.settings });
      if (change.filters) filters = change.filters;
    },
    sync: (full = false) => engine.run(endpoint.id, { trigger: 'manual', full }),
    cancelledSync: (ms) => {
      const { done } = engine.start(endpoint.id, { trigger: 'manual' });
      setTimeout(() => engine.cancel(endpoint.id), ms);
      return done;
    },
    rows,
    live: () =>
      allRows()
        .map((r) => ({
          id: r.id,
          path: r.path,
          name: r.name,
          isFolder: r.isFolder,
          parentId: r.parentId,
          version: r.version,
          size: r.size,
        }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/** Deterministic names, some non-Latin, with the extensions construction teams use. */
const stems = ['S-101 Foundation', 'A-201 Façade', '構造図 第3版', 'Ёлка план', 'MEP Σ-Schema', 'Détail ø12'];
const exts = ['pdf', 'dwg', 'rvt', 'ifc', 'nwd', 'docx'];

/**
 * A tree below `parentId`: `depth` more levels, `fanout` subfolders and `files` files per folder. Returns the
 * folder ids created (not counting `parentId`).
 */
export function grow(
  truth: AccTruth,
  parentId: string,
  depth: number,
  fanout: number,
  files: number,
  label = 'F',
): string[] {
  const made: string[] = [];
  for (let i = 0; i < files; i++) {
    const stem = stems[(i + depth) % stems.length]!;
    truth.addFile(parentId, `${stem} ${label}${i}.${exts[i % exts.length]}`, { versions: 1 + (i % 3), size: 500 + i });
  }
  if (depth === 0) return made;
  for (let f = 0; f < fanout; f++) {
    const id = truth.addFolder(parentId, `${label}${f} ${f % 2 ? 'Дизайн' : 'Design'}`);
    made.push(id, ...grow(truth, id, depth - 1, fanout, files, `${label}${f}.`));
  }
  return made;
}

/** Two projects in one hub, each with two top folders and a small tree (a few dozen entries). */
export function smallAccount(truth: AccTruth) {
  const hub = truth.addHub('Contoso Build', 'EMEA');
  const tower = truth.addProject(hub.id, 'Tower A');
  const school = truth.addProject(hub.id, 'École B');
  const towerFiles = truth.addFolder(tower.rootFolderId, 'Project Files');
  const towerPlans = truth.addFolder(tower.rootFolderId, 'Plans');
  const structural = truth.addFolder(towerFiles, 'Structural');
  const s101 = truth.addFile(structural, 'S-101.pdf', { versions: 3, size: 2048 });
  const model = truth.addFile(structural, 'Tower.rvt', { versions: 2, size: 90_000 });
  const deep = truth.addFolder(structural, 'Details');
  grow(truth, deep, 2, 2, 2, 'D');
  truth.addFile(towerPlans, 'A-100 Site.dwg');
  const schoolFiles = truth.addFolder(school.rootFolderId, 'Project Files');
  grow(truth, schoolFiles, 2, 2, 3, 'S');
  return { hub, tower, school, towerFiles, towerPlans, structural, s101, model, deep, schoolFiles };
}
