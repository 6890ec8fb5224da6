// @vitest-environment happy-dom
/** The stores on their own, fed by a real core: live sync progress and out-of-date query answers. */
import { afterEach, describe, expect, it } from 'vitest';
import { useEndpointsStore } from '../../renderer/src/store/endpoints';
import { rowAt, useFilesStore } from '../../renderer/src/store/files';
import { connectStores } from '../../renderer/src/store/subscriptions';
import type { SyncProgress } from '../../src/contract/model';
import { folderEndpoint, projectFolder, startCore, syncedEndpoint } from './harness';
import type { TestCore } from './harness';

let disconnect: (() => void) | undefined;
afterEach(() => {
  disconnect?.();
  disconnect = undefined;
});

/** A folder big enough that a sync reports progress more than once. */
function bigFolder(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1500; i++) files[`sheets/sheet-${String(i).padStart(4, '0')}.dwg`] = `sheet ${i}`;
  return projectFolder(files);
}

/** Every progress event the core sends, in order. */
function recordProgress(core: TestCore): SyncProgress[] {
  const seen: SyncProgress[] = [];
  core.subscribe((m) => {
    if (m.event === 'sync.progress') seen.push(m.payload as SyncProgress);
  });
  return seen;
}

describe('endpoints store', () => {
  it('follows sync.progress while a sync runs and lets go when it finishes', async () => {
    const core = await startCore();
    disconnect = connectStores();
    const store = useEndpointsStore;
    const { id } = await store.getState().create(folderEndpoint('Tower A', bigFolder()));
    const shown: SyncProgress[] = [];
    const unsubscribe = store.subscribe((s) => {
      const p = s.progress[id];
      if (p && p !== shown[shown.length - 1]) shown.push(p);
    });

    await store.getState().sync(id);
    await core.engine.settled(id);
    unsubscribe();

    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((p) => p.endpointId === id && p.phase !== 'done')).toBe(true);
    const seen = shown.map((p) => p.seen);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Once finished: no bar, the outcome on the endpoint.
    await expect.poll(() => store.getState().items[0]?.lastRun?.status).toBe('success');
    expect(store.getState().progress).toEqual({});
    expect(store.getState().items[0]?.status).toBe('idle');
    expect(store.getState().items[0]?.fileCount).toBe(1500);
  });

  it('ignores a progress event that arrives after sync.finished, but not one of the next run', async () => {
    const core = await startCore();
    disconnect = connectStores();
    const store = useEndpointsStore;
    const progress = recordProgress(core);
    const { id } = await store.getState().create(folderEndpoint('Tower A', bigFolder()));
    await store.getState().sync(id);
    await core.engine.settled(id);
    await expect.poll(() => store.getState().items[0]?.lastRun?.status).toBe('success');

    // A transport may deliver a progress event late: the real one the core sent mid-run, after the run finished.
    const late = progress.filter((p) => p.phase !== 'done').at(-1)!;
    expect(late).toBeDefined();
    store.getState().applyProgress(late);

    expect(store.getState().progress).toEqual({});
    expect(store.getState().items[0]?.status).toBe('idle');

    // The next run's progress is live again.
    await store.getState().sync(id);
    const next = progress.find((p) => p.runId > late.runId && p.phase !== 'done')!;
    expect(next).toBeDefined();
    store.getState().applyProgress(next);
    expect(store.getState().progress[id]).toEqual(next);
    expect(store.getState().items[0]?.status).toBe('syncing');
    await core.engine.settled(id);
    await expect.poll(() => store.getState().progress).toEqual({});
  });
});

describe('files store', () => {
  it('drops the answer to a query that was replaced while it was on its way', async () => {
    const core = await startCore();
    await syncedEndpoint(
      core,
      'Tower A',
      projectFolder({ 'alpha plan.pdf': 'a', 'beta plan.pdf': 'b', 'beta section.pdf': 'c', 'gamma.pdf': 'g' }),
    );
    const store = useFilesStore;
    const totals: (number | null)[] = [];
    const names: string[] = [];
    const unsubscribe = store.subscribe((s) => {
      totals.push(s.total);
      for (const rows of Object.values(s.pages)) for (const f of rows) names.push(f.name);
    });

    // Two quick queries: the person typed "alpha", then changed their mind before the answer came.
    store.getState().setQuery({ search: 'alpha' });
    store.getState().setQuery({ search: 'beta' });

    await expect.poll(() => store.getState().total).toBe(2);
    unsubscribe();
    const s = store.getState();
    expect(s.query.search).toBe('beta');
    expect(s.loading).toBe(false);
    expect([rowAt(s.pages, 0)?.name, rowAt(s.pages, 1)?.name]).toEqual(['beta plan.pdf', 'beta section.pdf']);
    // The answer for "alpha" (one row) never reached the state.
    expect(totals).not.toContain(1);
    expect(names).not.toContain('alpha plan.pdf');
  });

  it('answers the current query as its pages arrive', async () => {
    const core = await startCore();
    await syncedEndpoint(core, 'Tower A', projectFolder({ 'alpha plan.pdf': 'a', 'beta plan.pdf': 'b' }));
    const store = useFilesStore;

    store.getState().setQuery({ search: 'alpha' });

    await expect.poll(() => store.getState().total).toBe(1);
    expect(rowAt(store.getState().pages, 0)?.name).toBe('alpha plan.pdf');
  });
});
