import { describe, expect, it } from 'vitest';
import { setup, smallAccount, startFake } from './helpers.js';

describe('autodesk_acc incremental sync', () => {
  it('with no changes costs only the hub, project and top-folder listings', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake);
    await t.sync();
    fake.resetLog();
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'incremental', added: 0, updated: 0, deleted: 0, moved: 0 });
    expect(fake.count('folderContents')).toBe(0);
    // One hub listing, one project listing, one top-folder listing per project.
    expect(fake.requests.filter((r) => r.family !== 'token').length).toBe(1 + 1 + 2);
    expect(run.requests).toBe(fake.requests.length);
    expect(t.live()).toEqual(fake.truth.entries());
  });

  it('applies added, new-version, renamed, moved and deleted files and folders, matching the truth each time', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    const truth = fake.truth;
    const t = await setup(fake);
    await t.sync();
    const step = async (expected: Record<string, number>) => {
      fake.resetLog();
      const run = await t.sync();
      expect(run.error).toBeNull();
      expect(run).toMatchObject({
        status: 'success',
        kind: 'incremental',
        added: 0,
        moved: 0,
        deleted: 0,
        ...expected,
      });
      expect(t.live()).toEqual(truth.entries());
      return run;
    };

    // A new file deep down: only the folders on its way are listed again; its folder's modified time moves.
    const added = truth.addFile(acc.deep, 'New detail.dwg');
    await step({ added: 1, updated: 1 });
    expect(fake.count('folderContents')).toBe(3); // Project Files, Structural, Details

    truth.newVersion(acc.s101, { size: 4096 });
    await step({ updated: 1 + 1 });
    expect(t.rows().find((r) => r.id === acc.s101)).toMatchObject({ version: '4', size: 4096 });

    truth.rename(acc.model, 'Tower (coordinated).rvt');
    await step({ moved: 1, updated: 1 });

    // A renamed folder moves its whole subtree, which is re-pathed from the catalog when unchanged below.
    const before = fake.count('folderContents');
    truth.rename(acc.structural, 'Structure – Tragwerk');
    await step({ moved: 25, updated: 1 });
    expect(t.live().filter((e) => e.path.startsWith('Tower A/Project Files/Structural/'))).toEqual([]);
    expect(fake.count('folderContents') - before).toBeLessThanOrEqual(2);

    // A folder moved to another top folder, and a file moved out of it.
    truth.move(acc.deep, acc.towerPlans);
    await step({ moved: 22, updated: 2 }); // the two parents
    truth.move(added, acc.towerFiles);
    await step({ moved: 1, updated: 2 });

    // Deleting a file, then a folder with its whole subtree.
    truth.remove(acc.s101);
    await step({ deleted: 1, updated: 1 });
    const subtree = t.live().filter((e) => e.path.startsWith('Tower A/Plans/Details')).length;
    expect(subtree).toBeGreaterThan(10);
    truth.remove(acc.deep);
    await step({ deleted: subtree, updated: 1 });

    // A new folder with files, and a hidden file (which leaves the catalog).
    const fresh = truth.addFolder(acc.schoolFiles, 'Nouveau dossier');
    truth.addFile(fresh, 'plan.pdf');
    truth.addFile(fresh, 'model.ifc');
    await step({ added: 3, updated: 1 });
    truth.setHidden(acc.model, true);
    await step({ deleted: 1, updated: 1 });
  });

  it('a forced full sync lists everything again and finds nothing to change', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake);
    const first = await t.sync();
    fake.resetLog();
    const full = await t.sync(true);
    expect(full).toMatchObject({ status: 'success', kind: 'full', added: 0, updated: 0, deleted: 0 });
    expect(full.unchanged).toBe(first.added);
    expect(fake.count('folderContents')).toBeGreaterThan(10);
  });
});
