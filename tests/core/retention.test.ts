/** History retention as the core applies it: when it opens, once a day, and as soon as the setting changes. */
import { describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { openCore } from '../../src/core/core.js';
import { startRetention } from '../../src/core/retention.js';
import { EventBus } from '../../src/core/events.js';
import { createLogger } from '../../src/logging/logger.js';
import { testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const noCounts = { added: 0, updated: 0, deleted: 0, unchanged: 0, moved: 0, requests: 0, retries: 0 };

function endpoint(catalog: Catalog, name: string) {
  return catalog.endpoints.create({
    name,
    type: 'local_folder',
    settings: { path: `/data/${name}`, recursive: true, followSymlinks: false },
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
}

/** A run of `endpointId` that started `age` days ago, finished unless `running`, with one recorded change. */
function runOf(catalog: Catalog, endpointId: number, age: number, running = false): number {
  const run = catalog.runs.start(endpointId, 'schedule', 'incremental', 1);
  if (!running) catalog.runs.finish(run.id, 'success', noCounts, null);
  catalog.db.prepare('UPDATE sync_runs SET started_at = ? WHERE id = ?').run(daysAgo(age), run.id);
  catalog.db
    .prepare(
      `INSERT INTO change_events (run_id, endpoint_id, source_id, kind, name, path, at)
       VALUES (?, ?, 'x', 'added', 'a.pdf', 'a.pdf', ?)`,
    )
    .run(run.id, endpointId, daysAgo(age));
  return run.id;
}

function logAt(catalog: Catalog, age: number, message: string): void {
  catalog.logs.insert({ at: daysAgo(age), level: 'info', message, endpointId: null, runId: null, data: null });
}

const runIds = (catalog: Catalog) =>
  (catalog.db.prepare('SELECT id FROM sync_runs ORDER BY id').all() as { id: number }[]).map((r) => r.id);
const changeRunIds = (catalog: Catalog) =>
  (catalog.db.prepare('SELECT DISTINCT run_id FROM change_events ORDER BY run_id').all() as { run_id: number }[]).map(
    (r) => r.run_id,
  );
const logMessages = (catalog: Catalog) =>
  catalog.logs
    .recent({ limit: 100, search: 'seeded' })
    .map((l) => l.message)
    .sort();

describe('history retention', () => {
  it('is 30 days of logs and 90 days of runs until the user chooses otherwise', async () => {
    const core = await testCore();
    expect((await core.handlers['settings.get']({})).retention).toEqual({ logDays: 30, runDays: 90 });
  });

  it('removes what is older than the retention when the core opens', async () => {
    const dataDir = tempDir('fc-core-');
    const first = await openCore({ dataDir, host: 'browser' });
    const a = endpoint(first.catalog, 'Tower A');
    const old = runOf(first.catalog, a.id, 120);
    const recent = runOf(first.catalog, a.id, 10);
    logAt(first.catalog, 40, 'seeded old');
    logAt(first.catalog, 2, 'seeded recent');
    await first.close();

    const core = await testCore({ dataDir });

    expect(runIds(core.catalog)).toEqual([recent]);
    expect(changeRunIds(core.catalog)).toEqual([recent]);
    expect(runIds(core.catalog)).not.toContain(old);
    expect(logMessages(core.catalog)).toEqual(['seeded recent']);
  });

  it('applies a changed retention at once, before settings.update answers', async () => {
    const core = await testCore();
    const a = endpoint(core.catalog, 'Tower A');
    const twentyDays = runOf(core.catalog, a.id, 20);
    const fiveDays = runOf(core.catalog, a.id, 5);
    logAt(core.catalog, 10, 'seeded ten days');
    logAt(core.catalog, 1, 'seeded yesterday');

    const saved = await core.handlers['settings.update']({ retention: { logDays: 7, runDays: 14 } });

    expect(saved.retention).toEqual({ logDays: 7, runDays: 14 });
    expect(runIds(core.catalog)).toEqual([fiveDays]);
    expect(runIds(core.catalog)).not.toContain(twentyDays);
    expect(logMessages(core.catalog)).toEqual(['seeded yesterday']);
    // The clean-up is in the log, for the Activity page.
    expect(core.catalog.logs.recent({ limit: 5, search: 'Removed 1 sync run(s) older than 14 days' })).toHaveLength(1);
  });

  it("keeps each endpoint's latest finished run, however old, and never a running one", async () => {
    const core = await testCore();
    const a = endpoint(core.catalog, 'Tower A');
    const b = endpoint(core.catalog, 'Tower B');
    runOf(core.catalog, a.id, 300);
    const lastOfA = runOf(core.catalog, a.id, 200);
    const lastOfB = runOf(core.catalog, b.id, 400);
    const running = runOf(core.catalog, b.id, 400, true);

    await core.handlers['settings.update']({ retention: { logDays: 1, runDays: 1 } });

    expect(runIds(core.catalog)).toEqual([lastOfA, lastOfB, running]);
    expect(core.catalog.runs.lastRun(a.id)?.id).toBe(lastOfA);
  });

  it('refuses a retention of less than a day, naming the field', async () => {
    const core = await testCore();
    const answer = await core.dispatch('settings.update', { retention: { logDays: 0, runDays: 30 } });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: 'retention.logDays', message: 'must be at least 1 day' }] },
    });
    expect((await core.handlers['settings.get']({})).retention).toEqual({ logDays: 30, runDays: 90 });
  });

  it('cleans up again on its timer', async () => {
    const core = await testCore();
    const { logger, close } = await createLogger({});
    const keeper = startRetention({
      catalog: core.catalog,
      retention: () => ({ logDays: 3, runDays: 3 }),
      subscribe: (listener) => new EventBus().subscribe(listener),
      logger,
      intervalMs: 20,
    });
    try {
      logAt(core.catalog, 4, 'seeded after start');
      expect(logMessages(core.catalog)).toEqual(['seeded after start']);
      await vi.waitFor(() => expect(logMessages(core.catalog)).toEqual([]), { timeout: 2000, interval: 10 });
    } finally {
      keeper.stop();
      await close();
    }
  });

  it('leaves history alone in a reader core beside the owner', async () => {
    const owner = await testCore();
    logAt(owner.catalog, 40, 'seeded old');
    const reader = await openCore({ dataDir: owner.dataDir, host: 'browser', access: 'reader' });
    try {
      expect(logMessages(owner.catalog)).toEqual(['seeded old']);
    } finally {
      await reader.close();
    }
  });
});
