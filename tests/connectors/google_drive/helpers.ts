/**
 * A Google Drive endpoint synced by the real engine into a real catalog file, against the fake Drive server,
 * and the catalog the fake's truth says it should hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Catalog } from '../../../src/catalog/catalog.js';
import { googleDrive, type GoogleDriveOptions } from '../../../src/connectors/google_drive/index.js';
import { filesQuerySchema, type Filters, type GoogleDriveSettings } from '../../../src/contract/schemas.js';
import type { SyncRun } from '../../../src/contract/model.js';
import { createLogger } from '../../../src/logging/logger.js';
import { SyncEngine } from '../../../src/sync/engine.js';
import { startFakeDrive, type FakeDriveServer } from '../../fakes/googleDrive/server.js';
import { makeServiceAccountKey } from '../../fakes/googleDrive/tokens.js';
import { FOLDER, type FakeFile } from '../../fakes/googleDrive/truth.js';
import { tempDir } from '../../helpers/tempDir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fake Drive with a registered service account whose key file is written to a temporary folder. */
export async function fakeDriveWithKey() {
  const fake = await startFakeDrive();
  cleanups.push(() => fake.stop());
  const key = makeServiceAccountKey();
  fake.tokens.registerServiceAccount(key.email, key.publicKey);
  const keyFile = path.join(tempDir('fc-gd-key-'), 'key.json');
  fs.writeFileSync(keyFile, JSON.stringify(key.json));
  return { fake, keyFile, key };
}

/** Settings pointing at the fake, with a pacing budget scaled up so tests stay fast. */
export function settingsFor(fake: FakeDriveServer, keyFile: string, extra: Partial<GoogleDriveSettings> = {}) {
  return googleDrive.settingsSchema.parse({
    auth: { type: 'service_account', keyFile, tokenUrl: `${fake.url}/token` },
    apiBaseUrl: `${fake.url}/`,
    pacing: { requestsPerSecond: 1000, burst: 1000 },
    ...extra,
  });
}

export const fastRetry = { baseDelayMs: 5, jitterMs: 5, maxDelayMs: 2000 };

/** The real engine and a real catalog around one Google Drive endpoint. */
export async function driveEndpoint(
  fake: FakeDriveServer,
  settings: GoogleDriveSettings,
  filters: Filters = {},
  options: GoogleDriveOptions = {},
) {
  const catalog = Catalog.open(path.join(tempDir('fc-gd-catalog-'), 'catalog.db'));
  cleanups.push(() => catalog.close());
  const endpoint = catalog.endpoints.create({
    name: 'Design drive',
    type: 'google_drive',
    settings,
    filters,
    schedule: { type: 'manual' },
    paused: false,
  });
  const messages: string[] = [];
  const { logger, close } = await createLogger({ sink: (e) => messages.push(`${e.level}: ${e.message}`) });
  cleanups.push(() => close());
  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: (e) =>
      googleDrive.create(googleDrive.settingsSchema.parse(e.settings), e.filters, {
        retry: fastRetry,
        batchSize: 250,
        ...options,
      }),
    onProgress: () => {},
    onFinished: () => {},
  });
  const sync = async (full = false): Promise<SyncRun & { fakeRequests: number }> => {
    const before = fake.apiRequests();
    const run = await engine.run(endpoint.id, { trigger: 'manual', full });
    return Object.assign(run, { fakeRequests: fake.apiRequests() - before });
  };
  /** Live catalog entries: id → comparable fields. */
  const live = () => {
    const rows = catalog.db
      .prepare(
        `SELECT source_id, name, path, is_folder, size, trashed, mime_type, modified_time, parent_id FROM files
         WHERE endpoint_id = ? AND deleted_at IS NULL ORDER BY source_id`,
      )
      .all(endpoint.id) as Record<string, unknown>[];
    const entries = rows.map((r) => [r.source_id as string, { ...r, source_id: undefined }] as const);
    return Object.fromEntries(entries) as Record<string, Record<string, unknown>>;
  };
  /** The catalogued file named exactly `name`, as the contract shows it. */
  const file = (name: string) =>
    catalog.files.query(filesQuerySchema.parse({ search: name, limit: 50 })).rows.find((r) => r.name === name)!;
  return { catalog, endpoint, engine, sync, live, file, messages };
}

export interface TruthScope {
  myDrive?: boolean;
  /** Shared drive ids in scope (default: all). */
  sharedDrives?: string[];
  includeTrashed?: boolean;
  extensions?: string[];
  folderIds?: string[];
}

/** What the catalog should hold, computed the plain way: each visible entry's parent chain up to its drive. */
export function expectedCatalog(fake: FakeDriveServer, scope: TruthScope = {}) {
  const truth = fake.truth;
  const seg = (name: string) => name.replace(/\//g, '\u2215');
  const driveName = (f: FakeFile) => (f.driveId ? truth.drives.get(f.driveId)!.name : 'My Drive');
  const inDrives = (f: FakeFile) =>
    f.driveId ? (scope.sharedDrives ?? [...truth.drives.keys()]).includes(f.driveId) : scope.myDrive !== false;
  const pathOf = (f: FakeFile): { path: string; selected: boolean } => {
    const parentId = f.parents[0]!;
    if (parentId === truth.myDriveRootId || truth.drives.has(parentId)) {
      return {
        path: `${seg(driveName(f))}/${seg(f.name)}`,
        selected: !scope.folderIds || scope.folderIds.includes(f.id),
      };
    }
    const parent = truth.visible(parentId);
    if (!parent || (parent.trashed && !scope.includeTrashed)) {
      return { path: `${seg(driveName(f))}/(parent not visible)/${seg(f.name)}`, selected: !scope.folderIds };
    }
    const p = pathOf(parent);
    return { path: `${p.path}/${seg(f.name)}`, selected: p.selected || (scope.folderIds?.includes(f.id) ?? false) };
  };
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of truth.all()) {
    if (!inDrives(f) || (f.trashed && !scope.includeTrashed)) continue;
    const isFolder = f.mimeType === FOLDER;
    const ext = /\.([^.]+)$/.exec(f.name)?.[1]?.toLowerCase();
    if (!isFolder && scope.extensions && !(ext && scope.extensions.includes(ext))) continue;
    const { path: p, selected } = pathOf(f);
    if (!selected) continue;
    out[f.id] = {
      name: f.name,
      path: p,
      is_folder: isFolder ? 1 : 0,
      size: f.size === undefined ? null : Number(f.size),
      trashed: f.trashed ? 1 : 0,
      mime_type: f.mimeType,
      modified_time: f.modifiedTime,
      parent_id: f.parents[0],
      source_id: undefined,
    };
  }
  return out;
}
