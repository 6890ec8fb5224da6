/**
 * Crashes: `file-connector sync` (the real command, a child process) killed with SIGKILL at random moments of a
 * full sync. After each kill the database is sound, the killed run is marked failed, and the next sync resumes
 * from the checkpoint (fewer requests than starting over) and leaves the catalog exactly as an uninterrupted one.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/core/paths.js';
import { Chaos, seededRandom } from '../fakes/chaos.js';
import type { FakeApsServer } from '../fakes/autodesk/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { bundleCli, startCli } from './cliProcess.js';
import { ACC_CLIENT, accSettings, apsErrorBody, catalogRows, integrityCheck, startAps } from './harness.js';
import { accAccount } from './trees.js';

let bundle: Awaited<ReturnType<typeof bundleCli>>;
beforeAll(async () => {
  bundle = await bundleCli();
}, 120_000);
afterAll(() => bundle?.remove());

const env = { FC_RESILIENCE_SECRET: ACC_CLIENT.secret };

/** A configuration file with one Autodesk endpoint against the fake. */
function writeConfig(fake: FakeApsServer): string {
  const file = path.join(tempDir('fc-crash-config-'), 'acc.json');
  const endpoint = { name: 'Towers', type: 'autodesk_acc', settings: accSettings(fake) };
  fs.writeFileSync(file, JSON.stringify({ version: 1, endpoints: [endpoint] }));
  return file;
}

/** Counts the requests reaching the fake (and lets a test act on the nth); no faults. */
function countRequests(fake: FakeApsServer, onRequest: (n: number) => void = () => undefined): Chaos {
  const counter = new Chaos({
    seed: 1,
    rate: 0,
    kinds: ['server500'],
    errorBody: apsErrorBody,
    expireTokens: () => undefined,
    onRequest,
  });
  fake.chaos = counter;
  return counter;
}

function runsOf(dataDir: string) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT id, status, kind, error FROM sync_runs ORDER BY id').all() as {
      id: number;
      status: string;
      kind: string;
      error: string | null;
    }[];
  } finally {
    db.close();
  }
}

function rowsOf(dataDir: string) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return catalogRows(db, 1);
  } finally {
    db.close();
  }
}

describe('file-connector sync killed with SIGKILL', () => {
  it('Autodesk: after each of ten kills the catalog is sound and the next sync resumes and finishes it exactly', async () => {
    const fake = await startAps();
    accAccount(fake.truth);
    // Slow enough that a full sync takes a second or two, so a kill can land anywhere in it.
    fake.latencyMs = 15;
    const config = writeConfig(fake);
    const args = (dataDir: string) => ['--data-dir', dataDir, 'sync', '--config', config];

    // An uninterrupted sync: the catalog every resumed one must end with, and what a fresh full sync costs.
    const referenceDir = tempDir('fc-crash-reference-');
    const fresh = countRequests(fake);
    const reference = await startCli(bundle.cli, args(referenceDir), env).exited;
    expect(reference.code, reference.output).toBe(0);
    const full = fresh.requests;
    const expected = rowsOf(referenceDir);
    expect(expected.filter((r) => !r.deleted)).toHaveLength(fake.truth.entries().length);

    const random = seededRandom(2024);
    const moments = Array.from({ length: 10 }, () => Math.max(2, Math.floor(full * (0.05 + 0.9 * random()))));
    for (const moment of moments) {
      const dataDir = tempDir('fc-crash-');
      let sync: ReturnType<typeof startCli> | undefined = undefined;
      countRequests(fake, (n) => {
        if (n === moment) sync?.child.kill('SIGKILL');
      });
      sync = startCli(bundle.cli, args(dataDir), env);
      const killed = await sync.exited;
      expect(killed.signal, `killed at request ${moment} of ${full}`).toBe('SIGKILL');
      expect(integrityCheck(path.join(dataDir, DATABASE_FILE))).toBe('ok');
      const partial = rowsOf(dataDir);
      expect(partial.length).toBeLessThan(expected.length);

      const counter = countRequests(fake);
      const resumed = await startCli(bundle.cli, args(dataDir), env).exited;
      expect(resumed.code, resumed.output).toBe(0);
      expect(rowsOf(dataDir)).toEqual(expected);
      expect(integrityCheck(path.join(dataDir, DATABASE_FILE))).toBe('ok');
      const [interrupted, finished] = runsOf(dataDir);
      expect(interrupted).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Interrupted/) });
      expect(finished).toMatchObject({ status: 'success', kind: 'full' });
      // About what starting over costs when killed early (before a checkpoint, the requests it makes depend on
      // timing: a couple more or fewer); fewer once the killed run had written some subtrees. How many it wrote
      // before the kill depends on the machine's load, so only "fewer" is asserted.
      expect(counter.requests, `killed at request ${moment} of ${full}`).toBeLessThanOrEqual(Math.ceil(full * 1.05));
      if (moment > full / 2) {
        expect(resumed.output).toMatch(/Resuming the listing: \d+ folder\(s\) were listed in full already/);
        expect(counter.requests, `killed at request ${moment} of ${full}`).toBeLessThan(full);
      }
    }
  }, 240_000);
});
