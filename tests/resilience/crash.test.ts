/**
 * Crashes: `file-connector sync` (the real command, a child process) killed with SIGKILL at random moments of a
 * full sync. After each kill the database is sound, the killed run is marked failed, and the next sync resumes
 * from the checkpoint (fewer requests than starting over) and leaves the catalog exactly as an uninterrupted one.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointType } from '../../src/contract/schemas.js';
import { DATABASE_FILE } from '../../src/core/paths.js';
import { expectedCatalog } from '../connectors/google_drive/helpers.js';
import { Chaos, seededRandom } from '../fakes/chaos.js';
import { tempDir } from '../helpers/tempDir.js';
import { bundleCli, startCli } from './cliProcess.js';
import {
  ACC_CLIENT,
  accSettings,
  apsErrorBody,
  catalogRows,
  driveErrorBody,
  driveSettings,
  integrityCheck,
  liveRows,
  startAps,
  startDrive,
  type CatalogRow,
} from './harness.js';
import { accAccount, driveCrashAccount } from './trees.js';

let bundle: Awaited<ReturnType<typeof bundleCli>>;
beforeAll(async () => {
  bundle = await bundleCli();
}, 120_000);
afterAll(() => bundle?.remove());

const env = { FC_RESILIENCE_SECRET: ACC_CLIENT.secret };

/** One endpoint against its fake service, as a crash case needs it. */
interface Subject {
  endpoint: { name: string; type: EndpointType; settings: Record<string, unknown> };
  fake: { chaos: Chaos | null };
  /** The error body the service sends (the request counter never sends one, but a Chaos needs it). */
  errorBody(status: number, reason: string): unknown;
  /** Whether a request (by path) is one of those a resumed run must make fewer of than a fresh one. */
  compared(path: string): boolean;
  /** What the command prints when it resumes from a checkpoint. */
  resumes: RegExp;
  /** Checks an uninterrupted sync's rows against the fake's truth. */
  checkTruth(rows: CatalogRow[]): void;
}

/** The kill moments are drawn from it, the same for every service. */
const SEED = 2024;

/** Counts the requests reaching the fake (all, and the compared ones) and lets a test act on the nth; no faults. */
function countRequests(subject: Subject, onRequest: (n: number) => void = () => undefined) {
  const seen = { all: 0, compared: 0 };
  subject.fake.chaos = new Chaos({
    seed: 1,
    rate: 0,
    kinds: ['server500'],
    errorBody: subject.errorBody,
    expireTokens: () => undefined,
    onRequest: (n, requestPath) => {
      seen.all = n;
      if (subject.compared(requestPath)) seen.compared++;
      onRequest(n);
    },
  });
  return seen;
}

/** A configuration file with the subject's one endpoint. */
function writeConfig(subject: Subject): string {
  const file = path.join(tempDir('fc-crash-config-'), 'config.json');
  fs.writeFileSync(file, JSON.stringify({ version: 1, endpoints: [subject.endpoint] }));
  return file;
}

/** Runs `query` on the catalog file of `dataDir`, opened read-only on its own. */
function read<T>(dataDir: string, query: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

type RunRow = { id: number; status: string; kind: string; error: string | null };
const runsOf = (dataDir: string) =>
  read(dataDir, (db) => db.prepare('SELECT id, status, kind, error FROM sync_runs ORDER BY id').all() as RunRow[]);
const rowsOf = (dataDir: string) => read(dataDir, (db) => catalogRows(db, 1));

/**
 * Syncs once uninterrupted, then ten times killed at request numbers drawn from SEED over the whole run, each
 * kill followed by a sync that must leave the catalog exactly as the uninterrupted one did.
 */
async function killTenTimes(subject: Subject): Promise<void> {
  const config = writeConfig(subject);
  const args = (dataDir: string) => ['--data-dir', dataDir, 'sync', '--config', config];

  // An uninterrupted sync: the catalog every resumed one must end with, and what a fresh full sync costs.
  const referenceDir = tempDir('fc-crash-reference-');
  const fresh = countRequests(subject);
  const reference = await startCli(bundle.cli, args(referenceDir), env).exited;
  expect(reference.code, reference.output).toBe(0);
  const expected = rowsOf(referenceDir);
  subject.checkTruth(expected);

  const random = seededRandom(SEED);
  const moments = Array.from({ length: 10 }, () => Math.max(2, Math.floor(fresh.all * (0.05 + 0.9 * random()))));
  for (const moment of moments) {
    const at = `killed at request ${moment} of ${fresh.all} (seed ${SEED})`;
    const dataDir = tempDir('fc-crash-');
    let sync: ReturnType<typeof startCli> | undefined = undefined;
    countRequests(subject, (n) => {
      if (n === moment) sync?.child.kill('SIGKILL');
    });
    sync = startCli(bundle.cli, args(dataDir), env);
    const killed = await sync.exited;
    expect(killed.signal, at).toBe('SIGKILL');
    expect(integrityCheck(path.join(dataDir, DATABASE_FILE)), at).toBe('ok');
    expect(rowsOf(dataDir).length, at).toBeLessThan(expected.length);

    const resumedRun = countRequests(subject);
    const resumed = await startCli(bundle.cli, args(dataDir), env).exited;
    expect(resumed.code, `${at}\n${resumed.output}`).toBe(0);
    expect(rowsOf(dataDir), at).toEqual(expected);
    expect(integrityCheck(path.join(dataDir, DATABASE_FILE)), at).toBe('ok');
    const [interrupted, finished] = runsOf(dataDir);
    expect(interrupted, at).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Interrupted/) });
    expect(finished, at).toMatchObject({ status: 'success', kind: 'full' });
    // About what starting over costs when killed early (before a checkpoint, the requests it makes depend on
    // timing: a couple more or fewer); fewer once the killed run had written some of the listing. How much it
    // wrote before the kill depends on the machine's load, so only "fewer" is asserted.
    expect(resumedRun.compared, at).toBeLessThanOrEqual(Math.ceil(fresh.compared * 1.05));
    if (moment > fresh.all / 2) {
      expect(resumed.output, at).toMatch(subject.resumes);
      expect(resumedRun.compared, at).toBeLessThan(fresh.compared);
    }
  }
}

/** A Drive catalog's live rows in the shape `expectedCatalog` gives the truth in. */
function driveEntries(rows: CatalogRow[]) {
  const fields = ['name', 'path', 'is_folder', 'size', 'trashed', 'mime_type', 'modified_time', 'parent_id'] as const;
  return Object.fromEntries(
    liveRows(rows).map((r) => [r.source_id, Object.fromEntries(fields.map((f) => [f, r[f]]))] as const),
  );
}

describe('file-connector sync killed with SIGKILL', () => {
  it('Autodesk: after each of ten kills the catalog is sound and the next sync resumes and finishes it exactly', async () => {
    const fake = await startAps();
    accAccount(fake.truth);
    // Slow enough that a full sync takes a second or two, so a kill can land anywhere in it.
    fake.latencyMs = 15;
    await killTenTimes({
      endpoint: { name: 'Towers', type: 'autodesk_acc', settings: accSettings(fake) },
      fake,
      errorBody: apsErrorBody,
      compared: () => true,
      resumes: /Resuming the listing: \d+ folder\(s\) were listed in full already/,
      checkTruth: (rows) => expect(liveRows(rows)).toHaveLength(fake.truth.entries().length),
    });
  }, 240_000);

  it('Google Drive: after each of ten kills the catalog is sound and the next sync resumes and finishes it exactly', async () => {
    const { fake, keyFile } = await startDrive({ latency: { baseMs: 10 } });
    // Pages of 100, and the requests paced as Drive endpoints are (at a higher rate): the listing of a few
    // thousand entries takes a second or two, its files.list requests spread over it, so a kill can land anywhere.
    fake.maxPageSize = 100;
    driveCrashAccount(fake.truth);
    const pacing = { requestsPerSecond: 25, burst: 4 };
    await killTenTimes({
      endpoint: { name: 'Design drive', type: 'google_drive', settings: driveSettings(fake, keyFile, { pacing }) },
      fake,
      errorBody: driveErrorBody,
      compared: (requestPath) => requestPath.endsWith('/files'),
      resumes: /Resuming the interrupted listing: \d+ modifiedTime span\(s\) of 2 drive\(s\) were listed in full/,
      checkTruth: (rows) => expect(driveEntries(rows)).toEqual(expectedCatalog(fake)),
    });
  }, 240_000);
});
