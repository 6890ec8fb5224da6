/**
 * Bad data from the service: entries missing fields, unknown MIME types, 10,000-character names, the same id on
 * two pages, a folder cycle. A run logs and skips what it cannot read, keeps what it had of it, never crashes,
 * and leaves a sound catalog with every good entry in it.
 */
import { describe, expect, it } from 'vitest';
import { createAutodeskAccConnector, parseAutodeskAccSettings } from '../../src/connectors/autodesk_acc/index.js';
import { googleDrive } from '../../src/connectors/google_drive/index.js';
import type { FakeFile } from '../../src/../tests/fakes/googleDrive/truth.js';
import {
  ACC_CLIENT,
  accSettings,
  driveSettings,
  fastRetry,
  integrityCheck,
  liveRows,
  rig,
  startAps,
  startDrive,
} from './harness.js';
import { growAcc, growDrive } from './trees.js';

const HUGE = 10_000;

describe('bad data from Google Drive', () => {
  it('skips entries without a name or type, keeps odd ones, survives duplicates and a folder cycle', async () => {
    const { fake, keyFile } = await startDrive();
    fake.maxPageSize = 25;
    const t = fake.truth;
    const root = t.myDriveRootId;
    const good = growDrive(t, root, 2, 3, 6, 'G');
    const odd = t.addFile(root, 'Survey.xyz', { mimeType: 'application/x-unheard-of' });
    const hugeFolder = t.addFolder(root, 'F'.repeat(HUGE));
    const hugeFile = t.addFile(hugeFolder, `${'N'.repeat(HUGE)}.pdf`);
    const nameless = t.addFile(root, 'will lose its name.pdf');
    const typeless = t.addFile(good[0]!, 'will lose its type.pdf');
    // A folder cycle: A in B and B in A, with a file inside.
    const loopA = t.addFolder(root, 'Loop A');
    const loopB = t.addFolder(loopA, 'Loop B');
    const inLoop = t.addFile(loopB, 'inside the loop.pdf');
    t.get(loopA).parents = [loopB];
    delete (t.get(nameless) as Partial<FakeFile>).name;
    delete (t.get(typeless) as Partial<FakeFile>).mimeType;
    // Every later page repeats the first entry of the first page.
    let first: unknown;
    fake.rewrite = (p, query, answer) => {
      const page = answer as { files?: unknown[] };
      if (!p.endsWith('/files') || !page.files?.length) return answer;
      if (!query.get('pageToken')) first ??= page.files[0];
      else page.files.push(first);
      return answer;
    };

    const settings = driveSettings(fake, keyFile);
    const drive = await rig({ name: 'Odd drive', type: 'google_drive', settings }, () =>
      googleDrive.create(googleDrive.settingsSchema.parse(settings), {}, { retry: fastRetry, batchSize: 100 }),
    );
    const run = await drive.sync();
    expect(run.status).toBe('partial');
    expect(run.error).toBe('2 entries were malformed and skipped (see the log)');
    expect(integrityCheck(drive.catalog.path)).toBe('ok');
    const rows = liveRows(drive.rows());
    const byId = new Map(rows.map((r) => [r.source_id, r]));
    // Every good entry, once.
    const expectedIds = t
      .all()
      .map((f) => f.id)
      .filter((id) => id !== nameless && id !== typeless);
    expect([...byId.keys()].sort()).toEqual(expectedIds.sort());
    expect(rows).toHaveLength(expectedIds.length);
    expect(byId.get(odd)).toMatchObject({ mime_type: 'application/x-unheard-of', extension: 'xyz' });
    expect(byId.get(hugeFile)!.name).toHaveLength(HUGE + 4);
    expect(byId.get(hugeFile)!.path).toBe(`My Drive/${'F'.repeat(HUGE)}/${'N'.repeat(HUGE)}.pdf`);
    // The cycle never reaches the drive's root: its entries sit under the place for unreachable parents.
    expect(byId.get(inLoop)!.path).toMatch(
      /^My Drive\/\(parent not visible\)\/(Loop A\/)?Loop B\/inside the loop\.pdf$/,
    );
    expect(byId.get(inLoop)!.path).toBe(`${byId.get(loopB)!.path}/inside the loop.pdf`);
    // One folder of the cycle stands at the top, the other below it.
    const [top, below] = [byId.get(loopA)!.path, byId.get(loopB)!.path].sort();
    expect(top).toMatch(/^My Drive\/\(parent not visible\)\/Loop [AB]$/);
    expect(below).toMatch(new RegExp(`^${top!.replace(/[()]/g, '\\$&')}/Loop [AB]$`));
    expect(drive.logs.filter((l) => /Skipped an entry .* with no (name|mimeType)/.test(l))).toHaveLength(2);
    // Search works on the huge name.
    expect(
      drive.catalog.files.query({
        search: 'N'.repeat(50),
        includeDeleted: false,
        sort: 'path',
        direction: 'asc',
        offset: 0,
        limit: 5,
      }).total,
    ).toBe(1);

    // Incremental: the change feed sends a malformed entry too; what the catalog has of it stays.
    t.rename(odd, 'Survey 2.xyz');
    t.modify(good[1]!);
    delete (t.get(odd) as Partial<FakeFile>).mimeType;
    fake.rewrite = null;
    const incremental = await drive.sync();
    expect(incremental).toMatchObject({ status: 'partial', kind: 'incremental', deleted: 0 });
    expect(incremental.error).toBe('1 entry was malformed and skipped (see the log)');
    expect(liveRows(drive.rows()).find((r) => r.source_id === odd)).toMatchObject({ name: 'Survey.xyz' });
    expect(integrityCheck(drive.catalog.path)).toBe('ok');
  });
});

describe('bad data from Autodesk', () => {
  it('skips items without their facts, keeps odd ones, survives duplicates and a folder inside its own subtree', async () => {
    const fake = await startAps();
    const t = fake.truth;
    const hub = t.addHub('Contoso Build');
    const tower = t.addProject(hub.id, 'Tower A');
    const files = t.addFolder(tower.rootFolderId, 'Project Files');
    const folders = growAcc(t, files, 2, 3, 5, 'T');
    const hugeFolder = t.addFolder(files, 'F'.repeat(HUGE));
    const hugeFile = t.addFile(hugeFolder, `${'N'.repeat(HUGE)}.pdf`);
    const odd = t.addFile(files, 'Survey.xyz');
    const tipless = t.addFile(files, 'tip missing.pdf');
    const nameless = t.addFile(files, 'version without a name.pdf');
    const attributeless = t.addFile(folders[0]!, 'no attributes.dwg');
    // One folder spans two pages; every later page repeats an item and a folder of the first.
    const big = t.addFolder(files, 'Sheets');
    const sub = t.addFolder(big, 'Sub');
    for (let i = 0; i < 260; i++) t.addFile(big, `Sheet ${String(i).padStart(3, '0')}.pdf`);
    t.addFile(sub, 'in sub.pdf');
    const expected = t.entries();

    // Listed inside its own subtree: a leaf folder's listing names its ancestor "Project Files" again.
    const leaf = folders.at(-1)!;
    t.node(leaf).children.push(files);
    type Resource = {
      id: string;
      type: string;
      attributes?: Record<string, unknown>;
      relationships?: Record<string, unknown>;
    };
    type Doc = { data?: Resource[]; included?: Resource[] };
    // A version id names its item's lineage: urn:adsk.wipprod:fs.file:vf.<lineage>?version=<n>.
    const lineage = (itemId: string) => `:vf.${itemId.split(':').pop()!}?`;
    let repeated: Doc = {};
    fake.rewrite = (url, answer) => {
      const doc = answer as Doc;
      if (!doc.data || !doc.included) return answer;
      if (url.pathname.includes(encodeURIComponent(big))) {
        if (!url.searchParams.get('page[number]')) {
          const item = doc.data.find((r) => r.type === 'items')!;
          repeated = {
            data: [item, doc.data.find((r) => r.id === sub)!],
            included: doc.included.filter((v) => v.id.includes(lineage(item.id))),
          };
        } else {
          doc.data.push(...structuredClone(repeated.data!));
          doc.included.push(...structuredClone(repeated.included!));
        }
      }
      for (const r of doc.data) {
        if (r.id === tipless) delete r.relationships!.tip;
        if (r.id === attributeless) delete r.attributes;
      }
      for (const v of doc.included) {
        if (v.id.includes(lineage(nameless))) delete v.attributes!.name;
        if (v.id.includes(lineage(odd))) v.attributes!.mimeType = 'application/x-unheard-of';
      }
      return answer;
    };

    const settings = accSettings(fake);
    const acc = await rig({ name: 'Odd ACC', type: 'autodesk_acc', settings }, () =>
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
    expect(run.status).toBe('partial');
    expect(run.error).toBe('3 entries were malformed and skipped (see the log)');
    expect(integrityCheck(acc.catalog.path)).toBe('ok');
    const rows = liveRows(acc.rows());
    const skipped = new Set([tipless, nameless, attributeless]);
    const good = expected.filter((e) => !skipped.has(e.id));
    expect(rows.map((r) => ({ id: r.source_id, path: r.path })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      good.map((e) => ({ id: e.id, path: e.path })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    const byId = new Map(rows.map((r) => [r.source_id, r]));
    expect(byId.get(odd)).toMatchObject({ mime_type: 'application/x-unheard-of', extension: 'xyz' });
    expect(byId.get(hugeFile)!.path).toBe(`Tower A/Project Files/${'F'.repeat(HUGE)}/${'N'.repeat(HUGE)}.pdf`);
    expect(acc.logs.filter((l) => /listed folder .* again/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(acc.logs.filter((l) => /Skipped an entry/.test(l))).toHaveLength(3);

    // The items come back whole: the next run catalogs them; the cycle and duplicates still change nothing.
    const before = run.requests;
    fake.rewrite = (url, answer) => answer;
    const next = await acc.sync();
    expect(next.error).toBeNull();
    expect(next.status).toBe('success');
    expect(
      liveRows(acc.rows())
        .map((r) => r.source_id)
        .sort(),
    ).toEqual(expected.map((e) => e.id).sort());
    expect(integrityCheck(acc.catalog.path)).toBe('ok');
    expect(next.requests).toBeLessThan(before);
  });
});
