import { describe, expect, it } from 'vitest';
import { setup, smallAccount, startFake } from './helpers.js';

describe('autodesk_acc full sync', () => {
  it('catalogs every project, folder and file with the tip version facts', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    const t = await setup(fake);
    const run = await t.sync();
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: 'success', kind: 'full' });
    expect(t.live()).toEqual(fake.truth.entries());
    expect(fake.total429()).toBe(0);

    const s101 = t.rows().find((r) => r.id === acc.s101)!;
    const tip = fake.truth.node(acc.s101).versions.at(-1)!;
    expect(s101).toMatchObject({
      name: 'S-101.pdf',
      path: 'Tower A/Project Files/Structural/S-101.pdf',
      isFolder: false,
      extension: 'pdf',
      mimeType: 'application/pdf',
      size: tip.size,
      version: '3',
      parentId: acc.structural,
      downloadUrl: tip.storage,
      modifiedBy: tip.user,
    });
    expect(s101.webUrl).toContain(encodeURIComponent(tip.id));
    expect(s101.extras).toMatchObject({
      tipVersionId: tip.id,
      versionNumber: 3,
      projectId: acc.tower.id,
      hubId: acc.hub.id,
      region: 'EMEA',
    });
    expect(t.rows().find((r) => r.id === acc.tower.id)).toMatchObject({ path: 'Tower A', isFolder: true });
  });
});
