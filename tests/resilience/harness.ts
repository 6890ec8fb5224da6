/**
 * What the resilience suite shares: endpoints synced by the real engine into real catalog files, against the fake
 * services; the catalog's full rows to compare runs entry for entry; SQLite's own integrity check.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { FileRow } from '../../src/catalog/fileRows.js';
import type { Connector } from '../../src/connectors/types.js';
import type { Endpoint, SyncRun } from '../../src/contract/model.js';
import type { EndpointDefinition, EndpointType } from '../../src/contract/schemas.js';
import { createLogger } from '../../src/logging/logger.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { ALL_CHAOS_KINDS, Chaos, type ChaosKind } from '../fakes/chaos.js';
import { FakeApsServer } from '../fakes/autodesk/server.js';
import { startFakeDrive, type DriveTrafficModel, type FakeDriveServer } from '../fakes/googleDrive/server.js';
import { makeServiceAccountKey } from '../fakes/googleDrive/tokens.js';
import { tempDir } from '../helpers/tempDir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Runs `fn` after the current test, latest first. */
export function afterTest(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** Retries in milliseconds rather than seconds: what is under test is that they happen, not how long they wait. */
export const fastRetry = { baseDelayMs: 5, maxDelayMs: 50, jitterMs: 5 };

/** A fake Drive (with an optional traffic model) with a service account whose key is in a temporary file. */
export async function startDrive(traffic?: DriveTrafficModel): Promise<{ fake: FakeDriveServer; keyFile: string }> {
  const fake = await startFakeDrive(traffic);
  afterTest(() => fake.stop());
  const key = makeServiceAccountKey();
  fake.tokens.registerServiceAccount(key.email, key.publicKey);
  const keyFile = path.join(tempDir('fc-res-key-'), 'key.json');
  fs.writeFileSync(keyFile, JSON.stringify(key.json));
  return { fake, keyFile };
}

/** Drive settings pointing at the fake, paced fast enough for tests. */
export function driveSettings(fake: FakeDriveServer, keyFile: string, extra: Record<string, unknown> = {}) {
  return {
    auth: { type: 'service_account', keyFile, tokenUrl: `${fake.url}/token` },
    apiBaseUrl: `${fake.url}/`,
    pacing: { requestsPerSecond: 1000, burst: 1000 },
    ...extra,
  };
}

export const ACC_CLIENT = { id: 'fc-resilience', secret: 'resilience-secret-9d1c' };

/** A fake APS with one registered app and no rate limits (the suite is about faults, not pacing). */
export async function startAps(): Promise<FakeApsServer> {
  const fake = await new FakeApsServer().start();
  afterTest(() => fake.stop());
  fake.tokens.register(ACC_CLIENT);
  return fake;
}

/** ACC settings pointing at the fake, with limits high enough that pacing does not slow the suite. */
export function accSettings(fake: FakeApsServer, extra: Record<string, unknown> = {}) {
  const fast = 60_000;
  return {
    auth: { type: 'client_credentials', clientId: ACC_CLIENT.id, clientSecretEnv: 'FC_RESILIENCE_SECRET' },
    apiBaseUrl: fake.url,
    rateLimits: { hubs: fast, projects: fast, topFolders: fast, folderContents: fast, token: fast },
    ...extra,
  };
}

/** The error body Drive sends. */
export function driveErrorBody(status: number, reason: string) {
  return {
    error: { code: status, message: `Injected ${reason}`, errors: [{ domain: 'global', reason, message: reason }] },
  };
}

/** The error body the Data Management API sends. */
export function apsErrorBody(status: number) {
  return {
    jsonapi: { version: '1.0' },
    errors: [{ status: String(status), code: 'INJECTED', detail: 'injected fault' }],
  };
}

/** 10% seeded faults on a fake Drive, every access token revoked once at request `expireAt`. */
export function driveChaos(fake: FakeDriveServer, seed: number, expireAt: number): Chaos {
  return new Chaos({
    seed,
    kinds: ALL_CHAOS_KINDS,
    // Google's token endpoint does not answer with Drive's rate-limit reasons.
    allows: (p, kind) => !(p === '/token' && kind === 'rateLimit403'),
    errorBody: driveErrorBody,
    expireTokens: () => fake.tokens.revokeAccessTokens(),
    expireTokensAt: expireAt,
  });
}

/** Autodesk answers rate limits with 429 only: a 403 means "no access" there, which is not a fault to retry. */
export const APS_CHAOS_KINDS: readonly ChaosKind[] = ALL_CHAOS_KINDS.filter((k) => k !== 'rateLimit403');

/** 10% seeded faults on a fake APS, every access token expired once at request `expireAt`. */
export function apsChaos(fake: FakeApsServer, seed: number, expireAt: number): Chaos {
  return new Chaos({
    seed,
    kinds: APS_CHAOS_KINDS,
    errorBody: apsErrorBody,
    expireTokens: () => fake.tokens.expireAll(),
    expireTokensAt: expireAt,
  });
}

/** One endpoint in a real catalog file, synced by the real engine with the connector `create` builds. */
export interface Rig {
  catalog: Catalog;
  endpoint: Endpoint;
  engine: SyncEngine;
  logs: string[];
  sync(full?: boolean): Promise<SyncRun>;
  /** Every catalog row of the endpoint, in full (see `catalogRows`). */
  rows(): CatalogRow[];
}

export async function rig(
  input: { name: string; type: EndpointType; settings: Record<string, unknown> },
  create: (endpoint: Endpoint) => Connector,
  catalogFile = path.join(tempDir('fc-res-catalog-'), 'catalog.db'),
): Promise<Rig> {
  const catalog = Catalog.open(catalogFile);
  afterTest(() => catalog.close());
  const endpoint = catalog.endpoints.create({
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
    ...input,
  } as EndpointDefinition);
  const logs: string[] = [];
  const { logger, close } = await createLogger({ sink: (e) => logs.push(`${e.level}: ${e.message}`) });
  afterTest(() => close());
  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: create,
    onProgress: () => undefined,
    onFinished: () => undefined,
  });
  return {
    catalog,
    endpoint,
    engine,
    logs,
    sync: (full = false) => engine.run(endpoint.id, { trigger: 'manual', full }),
    rows: () => catalogRows(catalog.db, endpoint.id),
  };
}

/** A catalog row with every column that describes the entry (not row ids, generations or write times). */
export type CatalogRow = Omit<
  FileRow,
  'id' | 'endpoint_id' | 'endpoint_name' | 'deleted_at' | 'first_seen_at' | 'updated_at'
> & { row_hash: string; deleted: number };

/** Every row of one endpoint (live and deleted), by source id. */
export function catalogRows(db: Database.Database, endpointId: number): CatalogRow[] {
  return db
    .prepare(
      `SELECT source_id, name, path, parent_id, is_folder, mime_type, extension, size, checksum, version,
         created_time, modified_time, created_by, modified_by, web_url, download_url, trashed, extras, row_hash,
         deleted_at IS NOT NULL AS deleted
       FROM files WHERE endpoint_id = ? ORDER BY source_id`,
    )
    .all(endpointId) as CatalogRow[];
}

/** The live rows only. */
export function liveRows(rows: CatalogRow[]): CatalogRow[] {
  return rows.filter((r) => !r.deleted);
}

/** `PRAGMA integrity_check` of a catalog file, opened on its own ("ok" when sound). */
export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
