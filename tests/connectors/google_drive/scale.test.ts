import { describe, expect, it } from 'vitest';
import { driveEndpoint, expectedCatalog, fakeDriveWithKey, settingsFor } from './helpers.js';

describe('Google Drive at scale', () => {
  it('catalogs 10,000+ entries exactly over short pages, then applies a batch of changes', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const d = fake.truth;
    const folders: string[] = [];
    for (let i = 0; i < 100; i++) {
      const top = d.addFolder(d.myDriveRootId, `Project ${i}`);
      const sub = d.addFolder(top, 'Drawings');
      folders.push(top, sub);
      for (let j = 0; j < 80; j++) d.addFile(j % 2 ? sub : top, `P${i}-${j}.pdf`);
    }
    for (const name of ['Projects', 'Standards']) {
      const drive = d.addDrive(name);
      for (let i = 0; i < 10; i++) {
        const f = d.addFolder(drive, `Folder ${i}`);
        for (let j = 0; j < 100; j++) d.addFile(f, `${name}-${i}-${j}.dwg`);
      }
    }
    fake.shortPages = true;
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile));
    const run = await t.sync();
    const expected = expectedCatalog(fake);
    expect(Object.keys(expected).length).toBeGreaterThan(10_000);
    expect(run).toMatchObject({ status: 'success', added: Object.keys(expected).length });
    expect(t.live()).toEqual(expected);
    // Pages are capped near 460 (parents asked for), a third of them short or empty: about 3 requests per 460.
    expect(run.requests).toBeLessThan(80);

    for (let i = 0; i < 20; i++) d.move(folders[i * 2 + 1]!, folders[i * 2 + 41]!);
    for (let i = 0; i < 50; i++) d.addFile(folders[100]!, `new ${i}.pdf`);
    d.remove(folders[110]!);
    const second = await t.sync();
    expect(second).toMatchObject({ status: 'success', kind: 'incremental', added: 50, deleted: 82 });
    expect(second.moved).toBe(20 * 41);
    expect(t.live()).toEqual(expectedCatalog(fake));
  }, 60_000);
});
