import { describe, expect, it } from 'vitest';
import { grow, scaledRateLimits, setup, smallAccount, startFake } from './helpers.js';

describe('autodesk_acc rate limits', () => {
  it('crawls 5,000+ files in 500+ folders six levels deep near the limit without a single 429', async () => {
    const fake = await startFake();
    fake.latencyMs = 15;
    // Folder contents allow 100 requests in any second here; the connector is told 6,000 per minute.
    fake.limits.folderContents = { limit: 100, windowMs: 1000 };
    const hub = fake.truth.addHub('Contoso Build', 'US');
    for (const name of ['Tower A', '東京 Station']) {
      const project = fake.truth.addProject(hub.id, name);
      for (const top of ['Project Files', 'Plans', 'Shared', 'Архив']) {
        const id = fake.truth.addFolder(project.rootFolderId, top);
        grow(fake.truth, id, 5, 2, 10, top[0]);
      }
    }
    const truth = fake.truth.entries();
    expect(truth.filter((e) => e.isFolder).length).toBeGreaterThan(500);
    expect(truth.filter((e) => !e.isFolder).length).toBeGreaterThan(5000);

    const t = await setup(fake, { settings: { rateLimits: { ...scaledRateLimits, folderContents: 6000 } } });
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', retries: 0 });
    expect(fake.total429()).toBe(0);
    expect(t.live()).toEqual(truth);

    // Kept busy: after the first levels open up, requests flow at close to the 90 % the pacer aims for.
    const contents = fake.requests.filter((r) => r.family === 'folderContents');
    expect(contents.length).toBeGreaterThan(500);
    const perSecond = ((contents.length - 1) / (contents.at(-1)!.at - contents[0]!.at)) * 1000;
    expect(perSecond).toBeGreaterThan(70);
    expect(perSecond).toBeLessThanOrEqual(100);

    // Then changes all over the tree, synced through injected faults: the catalog stays exact.
    const folders = [...fake.truth.nodes.values()].filter((n) => n.kind === 'folder' && n.parentId && !n.deleted);
    const items = [...fake.truth.nodes.values()].filter((n) => n.kind === 'item' && !n.deleted);
    fake.truth.addFile(folders[40]!.id, 'Новый файл.pdf');
    fake.truth.newVersion(items[100]!.id);
    fake.truth.rename(items[200]!.id, 'renamed – 改名.dwg');
    fake.truth.rename(folders[60]!.id, 'Umbenannt');
    // Moves stay within a project (ACC has no other kind), between different top folders.
    const moved = folders[300]!;
    const target = folders.find((f) => f.projectId === moved.projectId && f.parentId !== moved.parentId)!;
    fake.truth.move(moved.id, target.id);
    const item = items[3000]!;
    fake.truth.move(item.id, folders.find((f) => f.projectId === item.projectId && f.id !== item.parentId)!.id);
    fake.truth.remove(items[4000]!.id);
    fake.truth.remove(folders[200]!.id);
    fake.resetLog();
    fake.inject({ match: /\/contents/, status: 500 });
    fake.inject({ match: /\/contents/, drop: true });
    fake.inject({ match: /\/contents/, expireTokens: true });
    const incremental = await t.sync();
    expect(incremental).toMatchObject({ status: 'success', kind: 'incremental', retries: 2 });
    expect(incremental.deleted).toBeGreaterThan(1);
    expect(fake.count('folderContents')).toBeLessThan(100);
    expect(t.live()).toEqual(fake.truth.entries());
  });

  it('waits the full Retry-After when Autodesk answers 429, and holds the family meanwhile', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const t = await setup(fake);
    fake.inject({ match: /\/contents/, status: 429, retryAfterSeconds: 1 });
    const run = await t.sync();
    expect(run).toMatchObject({ status: 'success', retries: 1 });
    // The wait is one of the run's metrics.
    expect(run.rateLimitWaitMs).toBeGreaterThanOrEqual(900);
    expect(t.live()).toEqual(fake.truth.entries());
    const contents = fake.requests.filter((r) => r.family === 'folderContents');
    const limited = contents.find((r) => r.status === 429)!;
    const retried = contents.find((r) => r.path === limited.path && r.status === 200)!;
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1000);
    // Nothing else of the family was sent while it was held (a request already in flight may land just after).
    const during = contents.filter((r) => r.at > limited.at + 50 && r.at < limited.at + 950);
    expect(during).toEqual([]);
  });

  it('recovers, exact, when its limits are set far above what the server allows', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    fake.limits.folderContents = { limit: 5, windowMs: 1000 };
    const t = await setup(fake, { settings: { rateLimits: { ...scaledRateLimits, folderContents: 60_000 } } });
    const run = await t.sync();
    expect(run.status).toBe('success');
    expect(fake.tooMany.folderContents).toBeGreaterThan(0);
    expect(run.retries).toBe(fake.tooMany.folderContents);
    expect(t.live()).toEqual(fake.truth.entries());
  });
});
