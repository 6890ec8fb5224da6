/**
 * Per-run metrics: requests, retries and rate-limit waits, and the bytes received, entries per second and the
 * time of each phase, stored on the run and returned with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAutodeskAccConnector, parseAutodeskAccSettings } from '../../src/connectors/autodesk_acc/index.js';
import { googleDrive } from '../../src/connectors/google_drive/index.js';
import { localFolder } from '../../src/connectors/local_folder/index.js';
import type { SyncRun } from '../../src/contract/model.js';
import { tempDir } from '../helpers/tempDir.js';
import { ACC_CLIENT, accSettings, driveSettings, fastRetry, liveRows, rig, startAps, startDrive } from './harness.js';
import { accAccount, changeDriveAccount, driveAccount } from './trees.js';

/** The run as the catalog returns it later (the Performance page and the bench read it from there). */
function stored(catalog: { runs: { get(id: number): SyncRun | undefined } }, run: SyncRun): SyncRun {
  return catalog.runs.get(run.id)!;
}

function expectConsistentRate(run: SyncRun) {
  expect(run.durationMs).toBeGreaterThan(0);
  expect(run.filesPerSecond).toBeCloseTo(run.entriesSeen / (run.durationMs! / 1000), 6);
}

describe('metrics of a run', () => {
  it('Google Drive: counts every byte of every answer, the entries, and the time of each phase', async () => {
    const { fake, keyFile } = await startDrive();
    fake.maxPageSize = 100;
    const account = driveAccount(fake.truth);
    // What the fake sends for each successful API answer, measured on its side.
    let sent = 0;
    fake.rewrite = (_path, _query, answer) => {
      sent += Buffer.byteLength(JSON.stringify(answer));
      return answer;
    };
    fake.inject({ match: /\/files\?/, status: 429, retryAfterSeconds: 1 });
    const settings = driveSettings(fake, keyFile);
    const drive = await rig({ name: 'Drive', type: 'google_drive', settings }, () =>
      googleDrive.create(googleDrive.settingsSchema.parse(settings), {}, { retry: fastRetry }),
    );

    const full = await drive.sync();
    expect(full.status).toBe('success');
    expect(stored(drive.catalog, full)).toEqual(full);
    // The refused answer is an error body, which the fake sends apart from the successful ones.
    const refusal = Buffer.byteLength(
      JSON.stringify({
        error: {
          code: 429,
          message: 'Injected fault',
          errors: [{ domain: 'global', reason: 'backendError', message: 'Injected fault' }],
        },
      }),
    );
    expect(full.bytesReceived).toBe(sent + refusal);
    expect(full).toMatchObject({ requests: fake.apiRequests(), retries: 1 });
    expect(full.rateLimitWaitMs).toBeGreaterThanOrEqual(900);
    expect(full.entriesSeen).toBe(liveRows(drive.rows()).length);
    expectConsistentRate(full);
    expect(Object.keys(full.phaseMs).sort()).toEqual(['listing', 'preparing', 'sweeping', 'writing']);
    expect(full.phaseMs.listing).toBeGreaterThan(0);
    expect(full.phaseMs.writing).toBeGreaterThan(0);
    expect(full.phaseMs.preparing! + full.phaseMs.listing! + full.phaseMs.sweeping!).toBeLessThanOrEqual(
      full.durationMs!,
    );

    changeDriveAccount(fake.truth, account);
    sent = 0;
    const requestsBefore = fake.apiRequests();
    const incremental = await drive.sync();
    expect(incremental.status).toBe('success');
    expect(incremental.bytesReceived).toBe(sent);
    expect(incremental.requests).toBe(fake.apiRequests() - requestsBefore);
    expect(incremental.entriesSeen).toBe(
      incremental.added + incremental.updated + incremental.moved + incremental.unchanged,
    );
    expect(Object.keys(incremental.phaseMs)).toEqual(expect.arrayContaining(['preparing', 'changes', 'listing']));
    expect(drive.catalog.runs.list({ endpointId: drive.endpoint.id, limit: 10, offset: 0 })).toEqual([
      stored(drive.catalog, incremental),
      stored(drive.catalog, full),
    ]);
  });

  it('Autodesk: counts the bytes of the API answers and the token reply, and the entries per second', async () => {
    const fake = await startAps();
    accAccount(fake.truth);
    let sent = 0;
    fake.rewrite = (_url, answer) => {
      sent += Buffer.byteLength(JSON.stringify(answer));
      return answer;
    };
    const settings = accSettings(fake);
    const acc = await rig({ name: 'ACC', type: 'autodesk_acc', settings }, () =>
      createAutodeskAccConnector(
        parseAutodeskAccSettings(settings),
        {},
        {
          retry: fastRetry,
          env: { FC_RESILIENCE_SECRET: ACC_CLIENT.secret },
        },
      ),
    );
    const run = await acc.sync();
    expect(run.status).toBe('success');
    // The API answers, plus the one token reply (a few hundred bytes) that does not pass the rewrite.
    expect(run.bytesReceived).toBeGreaterThan(sent);
    expect(run.bytesReceived).toBeLessThan(sent + 1000);
    expect(run.requests).toBe(fake.requests.length);
    expect(run.entriesSeen).toBe(liveRows(acc.rows()).length);
    expectConsistentRate(run);
    expect(Object.keys(run.phaseMs).sort()).toEqual(['listing', 'sweeping', 'writing']);
    expect(stored(acc.catalog, run)).toEqual(run);
  });

  it('a local folder: entries and phases, no bytes over the network; a run in progress has no rate yet', async () => {
    const folder = tempDir('fc-metrics-folder-');
    for (let d = 0; d < 5; d++) {
      fs.mkdirSync(path.join(folder, `D${d}`));
      for (let f = 0; f < 40; f++) fs.writeFileSync(path.join(folder, `D${d}`, `S-${f}.pdf`), 'x');
    }
    const settings = { path: folder, recursive: true, followSymlinks: false };
    const local = await rig({ name: 'Folder', type: 'local_folder', settings }, () =>
      localFolder.create(localFolder.settingsSchema.parse(settings), {}),
    );
    const { runId, done } = local.engine.start(local.endpoint.id, { trigger: 'manual' });
    expect(local.catalog.runs.get(runId)).toMatchObject({ status: 'running', filesPerSecond: null });
    const run = await done;
    expect(run).toMatchObject({ status: 'success', bytesReceived: 0, entriesSeen: 205 });
    expectConsistentRate(run);
    expect(Object.keys(run.phaseMs).sort()).toEqual(['listing', 'sweeping', 'writing']);
  });
});
