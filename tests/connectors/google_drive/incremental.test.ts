import { describe, expect, it } from 'vitest';
import type { GoogleDriveOptions } from '../../../src/connectors/google_drive/index.js';
import { driveEndpoint, expectedCatalog, fakeDriveWithKey, settingsFor } from './helpers.js';
import { populate } from './scenario.js';

async function synced(extra: Parameters<typeof settingsFor>[2] = {}, options: GoogleDriveOptions = {}) {
  const { fake, keyFile } = await fakeDriveWithKey();
  const ids = populate(fake);
  // Drive membership is checked every run unless a test says otherwise.
  const t = await driveEndpoint(fake, settingsFor(fake, keyFile, extra), {}, { driveListIntervalMs: 0, ...options });
  expect(await t.sync()).toMatchObject({ status: 'success', kind: 'full' });
  return { fake, ids, t };
}

describe('Google Drive incremental sync', () => {
  it('costs one request per drive when nothing changed', async () => {
    const { fake, t } = await synced({}, { driveListIntervalMs: 60 * 60_000 });
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'incremental', added: 0, updated: 0, deleted: 0 });
    expect(run.fakeRequests).toBe(3);
    expect(run.requests).toBe(3);
    expect(fake.count('/changes')).toBe(3);
    expect(fake.count('/drives')).toBe(1); // the full sync's listing only
  });

  it('lists the shared drives again once the interval has passed', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const { fake, t } = await synced({}, { now: () => clock.now, driveListIntervalMs: 60 * 60_000 });
    clock.now += 59 * 60_000;
    expect((await t.sync()).fakeRequests).toBe(3);
    clock.now += 2 * 60_000;
    expect((await t.sync()).fakeRequests).toBe(4);
    expect(fake.count('/drives')).toBe(2);
  });

  it('applies add, modify, rename, move, trash, delete and loss of access exactly', async () => {
    const { fake, ids, t } = await synced();
    const d = fake.truth;
    const step = async (change: () => void, counts: Record<string, number>) => {
      change();
      const run = await t.sync();
      expect(run).toMatchObject({ status: 'success', kind: 'incremental', ...counts });
      expect(t.live()).toEqual(expectedCatalog(fake));
    };
    await step(() => d.addFile(ids.deep[2]!, 'new drawing.dwg', { mimeType: 'image/vnd.dwg' }), { added: 1 });
    await step(() => d.modify(ids.a101), { updated: 1 });
    await step(() => d.rename(ids.towerPlan, 'S-101 rev B.pdf'), { moved: 1 });
    // A folder moved: its whole subtree gets new paths, though Drive names only the folder.
    await step(() => d.move(ids.deep[3]!, ids.slashed), { moved: 7, added: 0 });
    expect(t.live()[ids.deepFile]!.path).toBe(
      'My Drive/Plans 2024\u22152025/Level 3/Level 4/Level 5/Level 6/Level 7/Level 8/deepest.dwg',
    );
    await step(() => d.rename(ids.plans, 'Plans (old)'), { moved: 7 });
    await step(() => d.trash(ids.cjk), { deleted: 1 });
    await step(() => d.trash(ids.cjk, false), { added: 1 });
    await step(() => d.remove(ids.quoted), { deleted: 1 });
    await step(() => d.revoke(ids.tower), { deleted: 2 });
    // A file moves from My Drive into a shared drive.
    await step(() => d.move(ids.a101, ids.standards), { moved: 1 });
    expect(t.live()[ids.a101]!.path).toBe('Standards \u2215 Templates/A-101 Ground floor.pdf');
    // A folder with contents is deleted for good.
    await step(() => d.remove(ids.slashed), { deleted: 9 });
  });

  it('follows a shared drive that is renamed, added or no longer visible', async () => {
    const { fake, ids, t } = await synced();
    fake.truth.renameDrive(ids.projects, 'Projects 2025');
    let run = await t.sync();
    expect(run).toMatchObject({ kind: 'incremental', moved: 2 });
    expect(t.live()).toEqual(expectedCatalog(fake));
    const fresh = fake.truth.addDrive('Fresh');
    fake.truth.addFile(fake.truth.addFolder(fresh, 'Inbox'), 'a.pdf');
    run = await t.sync();
    expect(run).toMatchObject({ kind: 'incremental', added: 2 });
    expect(t.live()).toEqual(expectedCatalog(fake));
    fake.truth.drives.delete(ids.standards);
    run = await t.sync();
    expect(run).toMatchObject({ kind: 'incremental', deleted: 1 });
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('drops entries moved out of the selected folders and lists folders moved into them', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    const d = fake.truth;
    const scope = { myDrive: true, sharedDrives: 'none' as const, folderIds: [ids.plans] };
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile, { scope }));
    const expected = () => expectedCatalog(fake, { sharedDrives: [], folderIds: [ids.plans] });
    await t.sync();
    expect(t.live()).toEqual(expected());
    expect(t.live()[ids.quoted]).toBeUndefined();
    const step = async (change: () => void, counts: Record<string, number>) => {
      change();
      const run = await t.sync();
      expect(run).toMatchObject({ status: 'success', kind: 'incremental', ...counts });
      expect(t.live()).toEqual(expected());
    };
    await step(() => d.move(ids.a101, d.myDriveRootId), { deleted: 1 });
    // The folder's content did not change, so only a listing finds it.
    await step(() => d.move(ids.slashed, ids.deep[1]!), { added: 2 });
    await step(() => d.move(ids.deep[4]!, d.myDriveRootId), { deleted: 6 });
    await step(() => d.move(ids.quoted, ids.deep[2]!), { added: 1 });
    // The selected folder itself is renamed: what lies above it is not catalogued, so everything is listed again.
    d.rename(ids.plans, 'Plans (renamed)');
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', deleted: 0, added: 0 });
    expect(run.moved).toBeGreaterThan(5);
    expect(t.live()).toEqual(expected());
    expect(t.messages.some((m) => /because a selected folder, or a folder above one, changed/.test(m))).toBe(true);
  });

  it('falls back to a full sync that reconciles deletions when the change token expired, and says so', async () => {
    const { fake, ids, t } = await synced();
    fake.truth.remove(ids.quoted);
    fake.truth.minValidSeq = fake.truth.currentSeq + 1;
    fake.truth.addFile(ids.plans, 'after expiry.pdf');
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'incremental', added: 1, deleted: 1 });
    expect(t.live()).toEqual(expectedCatalog(fake));
    expect(
      t.messages.some((m) =>
        /warn: Listing everything again \(full sync\) because the saved change token of .* is no longer valid/.test(m),
      ),
    ).toBe(true);
    fake.expiredTokenStatus = 400;
    fake.truth.minValidSeq = fake.truth.currentSeq + 1;
    fake.truth.addFile(ids.plans, 'after second expiry.pdf');
    expect(await t.sync()).toMatchObject({ status: 'success', deleted: 0, added: 1 });
    // The tokens of the fallback's listing work again.
    expect(await t.sync()).toMatchObject({ status: 'success', fakeRequests: 4 });
  });
});
