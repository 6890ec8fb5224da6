/**
 * Faults: with 10% of requests failing at random (seeded) in every way the services fail, and the access token
 * expiring mid-sync, a run still succeeds and leaves the catalog equal, row for row, to a fault-free run's.
 */
import { describe, expect, it } from 'vitest';
import { createAutodeskAccConnector, parseAutodeskAccSettings } from '../../src/connectors/autodesk_acc/index.js';
import { googleDrive } from '../../src/connectors/google_drive/index.js';
import type { Chaos, ChaosKind } from '../fakes/chaos.js';
import {
  ACC_CLIENT,
  accSettings,
  APS_CHAOS_KINDS,
  apsChaos,
  driveChaos,
  driveSettings,
  fastRetry,
  liveRows,
  rig,
  startAps,
  startDrive,
} from './harness.js';
import { accAccount, changeAccAccount, changeDriveAccount, driveAccount } from './trees.js';

/** Short enough that a stalled answer costs little, long enough for a loaded machine's honest answers. */
const REQUEST_TIMEOUT_MS = 750;

/** Kinds served by the chaos of all runs together. */
function kindsServed(chaos: Chaos[]): ChaosKind[] {
  return (Object.keys(chaos[0]!.served) as ChaosKind[]).filter((k) => chaos.some((c) => c.served[k] > 0));
}

describe('a sync through random faults', () => {
  it('Google Drive: full and incremental runs through 10% faults and an expired token equal the fault-free runs', async () => {
    const { fake, keyFile } = await startDrive();
    // Small pages, so that a listing of ~2,000 entries takes enough requests for every kind of fault to occur.
    fake.maxPageSize = 20;
    const account = driveAccount(fake.truth);
    const settings = driveSettings(fake, keyFile);
    const connector = () =>
      googleDrive.create(
        googleDrive.settingsSchema.parse(settings),
        {},
        {
          retry: fastRetry,
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
          batchSize: 200,
        },
      );
    const clean = await rig({ name: 'Drive fault-free', type: 'google_drive', settings }, connector);
    const faulty = await rig({ name: 'Drive with faults', type: 'google_drive', settings }, connector);

    const reference = await clean.sync();
    expect(reference).toMatchObject({ status: 'success', kind: 'full', retries: 0 });
    expect(liveRows(clean.rows()).length).toBeGreaterThan(1500);
    const fullChaos = driveChaos(fake, 24, 25);
    fake.chaos = fullChaos;
    const full = await faulty.sync();
    fake.chaos = null;
    expect(full.error).toBeNull();
    expect(full).toMatchObject({ status: 'success', kind: 'full' });
    expect(faulty.rows()).toEqual(clean.rows());
    expect(full.retries).toBeGreaterThanOrEqual(fullChaos.total);
    expect(full.requests).toBeGreaterThan(reference.requests);

    changeDriveAccount(fake.truth, account);
    const cleanIncremental = await clean.sync();
    expect(cleanIncremental).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(cleanIncremental.deleted).toBeGreaterThan(20);
    const deltaChaos = driveChaos(fake, 32, 4);
    fake.chaos = deltaChaos;
    const incremental = await faulty.sync();
    fake.chaos = null;
    expect(incremental.error).toBeNull();
    expect(incremental).toMatchObject({ status: 'success', kind: 'incremental' });
    // Deleted rows too: the faulty run deleted exactly what the clean one did.
    expect(faulty.rows()).toEqual(clean.rows());
    expect(incremental.retries).toBeGreaterThanOrEqual(deltaChaos.total);

    // The runs went through every kind of fault, and through the expired token.
    expect(kindsServed([fullChaos, deltaChaos]).sort()).toEqual(Object.keys(fullChaos.served).sort());
    expect(faulty.logs.some((l) => /refused the access token/.test(l))).toBe(true);
  }, 120_000);

  it('Autodesk: full and incremental runs through 10% faults and an expired token equal the fault-free runs', async () => {
    const fake = await startAps();
    const account = accAccount(fake.truth);
    const settings = accSettings(fake);
    const connector = () =>
      createAutodeskAccConnector(
        parseAutodeskAccSettings(settings),
        {},
        {
          retry: fastRetry,
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
          env: { FC_RESILIENCE_SECRET: ACC_CLIENT.secret },
        },
      );
    const clean = await rig({ name: 'ACC fault-free', type: 'autodesk_acc', settings }, connector);
    const faulty = await rig({ name: 'ACC with faults', type: 'autodesk_acc', settings }, connector);

    const reference = await clean.sync();
    expect(reference).toMatchObject({ status: 'success', kind: 'full', retries: 0 });
    expect(liveRows(clean.rows()).length).toBeGreaterThan(1500);
    const fullChaos = apsChaos(fake, 23, 60);
    fake.chaos = fullChaos;
    const full = await faulty.sync();
    fake.chaos = null;
    expect(full.error).toBeNull();
    expect(full).toMatchObject({ status: 'success', kind: 'full' });
    expect(faulty.rows()).toEqual(clean.rows());
    expect(full.retries).toBeGreaterThanOrEqual(fullChaos.total);

    changeAccAccount(fake.truth, account);
    const cleanIncremental = await clean.sync();
    expect(cleanIncremental).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(cleanIncremental.deleted).toBeGreaterThan(10);
    const deltaChaos = apsChaos(fake, 32, 10);
    fake.chaos = deltaChaos;
    const incremental = await faulty.sync();
    fake.chaos = null;
    expect(incremental.error).toBeNull();
    expect(incremental).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(faulty.rows()).toEqual(clean.rows());

    expect(kindsServed([fullChaos, deltaChaos]).sort()).toEqual([...APS_CHAOS_KINDS].sort());
    // The expired token was answered 401 and renewed.
    expect(fake.requests.some((r) => r.status === 401)).toBe(true);
  }, 120_000);
});
