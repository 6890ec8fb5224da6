import { describe, expect, it } from 'vitest';
import { FOLDER, GOOGLE_DOC } from '../../fakes/googleDrive/truth.js';
import { driveEndpoint, expectedCatalog, fakeDriveWithKey, settingsFor } from './helpers.js';
import { populate } from './scenario.js';

describe('Google Drive full sync', () => {
  it('catalogs My Drive and every shared drive with paths from each drive root', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    fake.shortPages = true;
    const ids = populate(fake);
    // Listings come in modifiedTime order: folders touched after their contents come after them.
    for (const f of fake.truth.all()) if (f.mimeType === FOLDER) f.modifiedTime = '2025-06-01T00:00:00.000Z';
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'full', deleted: 0 });
    expect(t.live()).toEqual(expectedCatalog(fake));
    const live = t.live();
    expect(live[ids.deepFile]!.path).toBe(
      'My Drive/Plans/Level 1/Level 2/Level 3/Level 4/Level 5/Level 6/Level 7/Level 8/deepest.dwg',
    );
    expect(live[ids.inSlashed]!.path).toBe('My Drive/Plans 2024\u22152025/scope\u2215notes.txt');
    expect(live[ids.inSlashed]!.name).toBe('scope/notes.txt');
    expect(live[ids.towerPlan]!.path).toBe('Projects/Tower A/S-101.pdf');
    expect(live[ids.std]!.path).toBe('Standards \u2215 Templates/Title block.dwg');
    expect(live[ids.doc]).toMatchObject({ size: null, mime_type: GOOGLE_DOC });
    expect(live[ids.trashed]).toBeUndefined();
    const doc = t.file('Meeting notes');
    expect(doc).toMatchObject({ extension: null, size: null, checksum: null, modifiedBy: 'Dana Designer' });
    expect(doc.extras).toMatchObject({ exportLinks: { 'application/pdf': 'https://x/export' }, driveId: null });
    const shortcut = t.file('Shortcut to plan');
    expect(shortcut.extras).toMatchObject({ shortcutTarget: { id: ids.a101, mimeType: 'application/pdf' } });
    const plan = t.file('S-101.pdf');
    expect(plan).toMatchObject({
      extension: 'pdf',
      size: 900,
      checksum: 'md5-9',
      version: '1',
      webUrl: expect.stringContaining(ids.towerPlan),
    });
    expect(plan.extras).toMatchObject({ driveId: ids.projects, shared: true });
    // Folders came after their children (reverse order) and pages were short or empty, yet every path is whole.
    expect(Object.values(live).some((r) => String(r.path).includes('(parent not visible)'))).toBe(false);
  });

  it('takes each drive’s start token before listing it, with the shared-drive flags and minimal fields', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    await t.sync();
    const api = fake.requests.filter((r) => r.path.startsWith('/drive/v3'));
    const firstList = api.findIndex((r) => r.path.endsWith('/files'));
    expect(api.slice(0, firstList).filter((r) => r.path.endsWith('/startPageToken'))).toHaveLength(3);
    const lists = api.filter((r) => r.path.endsWith('/files'));
    for (const r of lists) {
      expect(r.query.get('pageSize')).toBe('1000');
      expect(r.query.get('q')).toBe('trashed = false');
      expect(r.query.get('fields')).not.toContain('permissions');
      expect(r.query.get('supportsAllDrives')).toBe('true');
    }
    expect(new Set(lists.map((r) => `${r.query.get('corpora')}:${r.query.get('driveId') ?? ''}`)).size).toBe(3);
  });

  it('keeps trashed entries when asked, and applies extension filters to files only', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile), { includeTrashed: true, extensions: ['pdf'] });
    await t.sync();
    expect(t.live()).toEqual(expectedCatalog(fake, { includeTrashed: true, extensions: ['pdf'] }));
    expect(t.live()[ids.trashed]).toMatchObject({ trashed: 1 });
    expect(t.live()[ids.deep[3]!]).toBeDefined();
  });

  it('syncs only the chosen shared drive, by name, and only chosen folders', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    const byName = await driveEndpoint(
      fake,
      settingsFor(fake, keyFile, { scope: { myDrive: false, sharedDrives: ['Projects'] } }),
    );
    await byName.sync();
    expect(byName.live()).toEqual(expectedCatalog(fake, { myDrive: false, sharedDrives: [ids.projects] }));
    const folders = await driveEndpoint(
      fake,
      settingsFor(fake, keyFile, { scope: { myDrive: true, sharedDrives: 'none', folderIds: [ids.deep[5]!] } }),
    );
    await folders.sync();
    expect(Object.keys(folders.live())).toHaveLength(5);
    expect(folders.live()).toEqual(expectedCatalog(fake, { sharedDrives: [], folderIds: [ids.deep[5]!] }));
  });

  it('places entries whose parent the account cannot see under the drive root, and says so', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    fake.truth.revoke(ids.deep[6]!);
    // An entry whose folder is out of reach (shared with the account alone).
    const hidden = fake.truth.addFolder(ids.plans, 'Hidden');
    const child = fake.truth.addFile(hidden, 'visible child.pdf');
    fake.truth.revoke(hidden);
    (fake.truth as unknown as { entries: Map<string, { visible: boolean }> }).entries.get(child)!.visible = true;
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const run = await t.sync();
    expect(run.status).toBe('success');
    expect(t.live()[child]!.path).toBe('My Drive/(parent not visible)/visible child.pdf');
    expect(t.live()).toEqual(expectedCatalog(fake));
    expect(t.messages.some((m) => /1 entry of My Drive sit in folders the account cannot see/.test(m))).toBe(true);
  });

  it('asks for permissions only when told to, in pages of 100, and keeps who has access', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    fake.truth.get(ids.towerPlan).permissions = [
      { type: 'user', role: 'writer', emailAddress: 'sam@example.com' },
      { type: 'anyone', role: 'reader' },
    ];
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile, { includePermissions: true }), {
      mimeTypes: ['application/pdf'],
    });
    await t.sync();
    for (const r of fake.requests.filter((r) => r.path.endsWith('/files'))) {
      expect(r.query.get('pageSize')).toBe('100');
      expect(r.query.get('fields')).toContain('permissions(type,role,emailAddress,domain,displayName)');
    }
    expect(t.file('S-101.pdf').extras).toMatchObject({
      permissions: [
        { type: 'user', role: 'writer', emailAddress: 'sam@example.com' },
        { type: 'anyone', role: 'reader' },
      ],
    });
    const files = Object.values(t.live()).filter((r) => r.is_folder === 0);
    expect(files.every((r) => r.mime_type === 'application/pdf')).toBe(true);
    expect(files.length).toBeGreaterThan(3);
  });

  it('paces requests within the budget and says how long it held them', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    populate(fake);
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile, { pacing: { requestsPerSecond: 20, burst: 2 } }));
    const started = Date.now();
    const run = await t.sync();
    // 2 at once, then 20/s: the rest of the requests take at least (n - 2) / 20 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(((run.requests - 2) / 20) * 1000 - 50);
    expect(t.messages.some((m) => /^info: Pacing held Drive requests for \d+ ms in total$/.test(m))).toBe(true);
  });

  it('lists a large drive in several concurrent modifiedTime ranges, taking an entry that moves between them once', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    // Answers take a while, as Drive's do, so that concurrent streams overlap.
    fake.traffic.latency = { baseMs: 80 };
    const root = fake.truth.myDriveRootId;
    const folders = Array.from({ length: 20 }, (_, i) => fake.truth.addFolder(root, `Project ${i}`));
    const files = Array.from({ length: 3000 }, (_, i) => fake.truth.addFile(folders[i % 20]!, `sheet ${i}.pdf`));
    const [listedFirst, notYetListed] = [files[0]!, files[1500]!];
    let lists = 0;
    fake.rewrite = (path, _query, answer) => {
      // Right after the first page is served: one entry it holds and one further on become the newest.
      if (path.endsWith('/files') && ++lists === 1) {
        fake.truth.modify(listedFirst);
        fake.truth.modify(notYetListed);
      }
      return answer;
    };
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const run = await t.sync();
    const expected = expectedCatalog(fake);
    expect(run).toMatchObject({ status: 'success', kind: 'full', added: Object.keys(expected).length });
    const ranged = fake.requests.filter(
      (r) => r.path.endsWith('/files') && /modifiedTime/.test(r.query.get('q') ?? ''),
    );
    expect(ranged.length).toBeGreaterThan(1);
    for (const r of ranged) expect(r.query.get('q')).toMatch(/^trashed = false and modifiedTime /);
    expect(fake.maxInFlight).toBeGreaterThan(1);
    // The entry listed before it changed is catalogued once, as first seen; the one that moved ahead is not lost.
    const { [listedFirst]: stale, ...rest } = t.live();
    const { [listedFirst]: current, ...restExpected } = expected;
    expect(rest).toEqual(restExpected);
    expect(stale).toMatchObject({ name: current!.name, path: current!.path });
    expect(stale!.size).not.toBe(current!.size);
    // The changes feed from the token taken before the listing brings the stale one up to date.
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(t.live()).toEqual(expectedCatalog(fake));
  });
});
