import { describe, expect, it } from 'vitest';
import { setup, smallAccount, startFake } from './helpers.js';

describe('autodesk_acc listing', () => {
  it('follows links.next through short and empty pages, with page[limit]=200', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    const big = fake.truth.addFolder(acc.towerFiles, 'Many');
    // 450 deleted entries first: pages 0 and 1 come back empty, page 2 short, then 250 files follow.
    fake.truth.padFolder(big, 450);
    for (let i = 0; i < 250; i++) fake.truth.addFile(big, `sheet ${String(i).padStart(3, '0')}.pdf`);
    for (let i = 0; i < 30; i++) fake.truth.setHidden(fake.truth.addFile(big, `hidden ${i}.pdf`), true);
    const t = await setup(fake);
    const run = await t.sync();
    expect(run.status).toBe('success');
    expect(t.live()).toEqual(fake.truth.entries());
    expect(t.live().filter((e) => e.path.startsWith('Tower A/Project Files/Many/'))).toHaveLength(250);
    const pages = fake.requests.filter(
      (r) => r.family === 'folderContents' && r.path.includes(encodeURIComponent(big)),
    );
    expect(pages.map((p) => new URL(p.path, fake.url).searchParams.get('page[number]') ?? '0')).toEqual([
      '0',
      '1',
      '2',
      '3',
    ]);
    expect(pages.every((p) => new URL(p.path, fake.url).searchParams.get('page[limit]') === '200')).toBe(true);
  });

  it('leaves hidden items out unless includeHidden is set', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    const secret = fake.truth.addFolder(acc.towerFiles, 'Hidden folder', { hidden: true });
    fake.truth.addFile(secret, 'inside.pdf');
    fake.truth.addFile(acc.structural, 'hidden.pdf', { hidden: true });

    const hiddenOut = await setup(fake);
    await hiddenOut.sync();
    expect(hiddenOut.live()).toEqual(fake.truth.entries());
    expect(hiddenOut.live().some((e) => e.name === 'hidden.pdf' || e.name === 'inside.pdf')).toBe(false);

    const hiddenIn = await setup(fake, { settings: { includeHidden: true } });
    await hiddenIn.sync();
    expect(hiddenIn.live()).toEqual(fake.truth.entries({ includeHidden: true }));
    expect(hiddenIn.live().filter((e) => e.name === 'hidden.pdf' || e.name === 'inside.pdf')).toHaveLength(2);
  });

  it('keeps only the chosen file types, and applies a changed filter with a full listing', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake, { filters: { extensions: ['dwg', 'rvt'] } });
    await t.sync();
    expect(t.live()).toEqual(fake.truth.entries({ extensions: ['dwg', 'rvt'] }));
    expect(t.live().filter((e) => !e.isFolder).length).toBeGreaterThan(3);

    // Unchanged rollups would skip everything: a changed filter must list everything again instead.
    fake.resetLog();
    t.reconfigure({ filters: { extensions: ['pdf'] } });
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(fake.count('folderContents')).toBeGreaterThan(10);
    expect(t.live()).toEqual(fake.truth.entries({ extensions: ['pdf'] }));
  });

  it('syncs only the named projects and folders, keeping the folders on the way', async () => {
    const fake = await startFake();
    const acc = smallAccount(fake.truth);
    const t = await setup(fake, {
      settings: { scope: { projects: ['tower a'], folders: ['Tower A/Project Files/Structural/Details'] } },
    });
    const run = await t.sync();
    expect(run.status).toBe('success');
    const paths = t.live().map((e) => e.path);
    expect(paths.slice(0, 4)).toEqual([
      'Tower A',
      'Tower A/Project Files',
      'Tower A/Project Files/Structural',
      'Tower A/Project Files/Structural/Details',
    ]);
    expect(paths.every((p) => p.startsWith('Tower A/Project Files/Structural/Details') || paths.indexOf(p) < 3)).toBe(
      true,
    );
    const expected = fake.truth
      .entries({ projects: [acc.tower.id] })
      .filter((e) => e.path.startsWith('Tower A/Project Files/Structural/Details/'));
    expect(t.live().slice(4)).toEqual(expected);
  });

  it('names an unknown hub and lists the visible ones', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake, { settings: { scope: { hubId: 'b.nope' } } });
    const run = await t.sync();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Hub b\.nope \(scope\.hubId\) is not visible .*Contoso Build \(b\.hub-/);
  });
});
