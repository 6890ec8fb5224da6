/** Storage quota from the periodic health check: a folder's disk volume, a Google account's Drive storage. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSummary, SyncRun } from '../../src/contract/model.js';
import { unwrap } from '../../src/contract/wire.js';
import { openCore, type Core } from '../../src/core/core.js';
import { fakeDriveWithKey } from '../connectors/google_drive/helpers.js';
import { tempDir } from '../helpers/tempDir.js';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function core(): Promise<Core> {
  const opened = await openCore({ dataDir: tempDir('fc-core-quota-'), host: 'browser' });
  open.push(opened);
  return opened;
}

async function create(c: Core, input: unknown): Promise<EndpointSummary> {
  return unwrap(await c.dispatch('endpoints.create', input)) as EndpointSummary;
}

const summary = async (c: Core, id: number) => unwrap(await c.dispatch('endpoints.get', { id })) as EndpointSummary;

describe('storage quota in the health check', () => {
  it("reports a local folder's disk volume: its size and what this account may still write", async () => {
    const c = await core();
    const folder = tempDir('fc-quota-folder-');
    fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
    const endpoint = await create(c, { name: 'Site', type: 'local_folder', settings: { path: folder } });

    await c.health!.checkAll();

    const quota = (await summary(c, endpoint.id)).health?.quota;
    const volume = fs.statfsSync(folder);
    expect(quota).toMatchObject({ kind: 'volume', totalBytes: volume.blocks * volume.bsize });
    // Others write to the same disk meanwhile: the free space is close to, not exactly, what statfs says now.
    expect(Math.abs(quota!.freeBytes! - volume.bavail * volume.bsize)).toBeLessThan(
      volume.blocks * volume.bsize * 0.01,
    );
    expect(quota!.usedBytes).toBeGreaterThan(0);
    expect(quota!.usedBytes + quota!.freeBytes!).toBeLessThanOrEqual(quota!.totalBytes!);
  });

  it("reports the Google account's Drive storage for an endpoint with My Drive, none for shared drives only", async () => {
    const c = await core();
    const { fake, keyFile } = await fakeDriveWithKey();
    const settings = (myDrive: boolean) => ({
      auth: { type: 'service_account', keyFile, tokenUrl: `${fake.url}/token` },
      apiBaseUrl: `${fake.url}/`,
      scope: { myDrive, sharedDrives: 'all' },
    });
    const mine = await create(c, { name: 'My Drive', type: 'google_drive', settings: settings(true) });
    const shared = await create(c, { name: 'Shared', type: 'google_drive', settings: settings(false) });

    await c.health!.checkAll();

    expect((await summary(c, mine.id)).health).toMatchObject({
      ok: true,
      quota: { kind: 'account', usedBytes: 1073741824, totalBytes: 16106127360, freeBytes: 15032385536 },
    });
    const sharedHealth = (await summary(c, shared.id)).health;
    expect(sharedHealth?.ok).toBe(true);
    expect(sharedHealth).not.toHaveProperty('quota');
  });

  it('keeps the last known quota when a sync outcome, not a check, updates the health', async () => {
    const c = await core();
    const folder = tempDir('fc-quota-folder-');
    const endpoint = await create(c, { name: 'Site', type: 'local_folder', settings: { path: folder } });
    await c.health!.checkAll();
    const before = (await summary(c, endpoint.id)).health!.quota;
    expect(before?.kind).toBe('volume');

    c.health!.noteRun({
      ...({} as SyncRun),
      endpointId: endpoint.id,
      status: 'failed',
      error: 'HTTP 401: invalid_grant',
      finishedAt: new Date().toISOString(),
    });

    expect((await summary(c, endpoint.id)).health).toMatchObject({ ok: false, authFailed: true, quota: before });
  });
});
