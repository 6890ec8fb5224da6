import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EndpointSummary, SyncRun } from '../../src/contract/model.js';
import type { AppSettings } from '../../src/contract/settings.js';
import { unwrap } from '../../src/contract/wire.js';
import { openCore, type Core } from '../../src/core/core.js';
import type { CoreOptions } from '../../src/core/types.js';
import { nextEvent } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function core(options: Partial<CoreOptions> = {}) {
  const opened = await openCore({ dataDir: tempDir('fc-core-health-'), host: 'browser', ...options });
  open.push(opened);
  return opened;
}

async function addFolder(c: Core, name: string) {
  const folder = tempDir('fc-site-');
  fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
  const endpoint = unwrap(
    await c.dispatch('endpoints.create', {
      name,
      type: 'local_folder',
      settings: { path: folder },
      schedule: { type: 'interval', minutes: 30 },
    }),
  ) as EndpointSummary;
  return { endpoint, folder };
}

const summary = async (c: Core, id: number) => unwrap(await c.dispatch('endpoints.get', { id })) as EndpointSummary;

describe('health in the core', () => {
  it("shows each endpoint's last check in its summary and announces changes", async () => {
    const c = await core();
    const { endpoint, folder } = await addFolder(c, 'Tower A');
    expect((await summary(c, endpoint.id)).health).toBeNull();

    await c.health!.checkAll();
    expect((await summary(c, endpoint.id)).health).toMatchObject({ ok: true, authFailed: false });

    fs.rmSync(folder, { recursive: true });
    const changed = nextEvent(c, 'endpoints.changed', (p) => p.endpointId === endpoint.id);
    await c.health!.checkAll();
    await changed;
    expect((await summary(c, endpoint.id)).health).toMatchObject({ ok: false, authFailed: false });
  });

  it('holds the schedule of an endpoint whose credentials were refused, and lets a manual sync clear it', async () => {
    const c = await core();
    const { endpoint } = await addFolder(c, 'Drive');
    const stored = c.catalog.endpoints.get(endpoint.id)!;
    c.health!.noteRun({
      ...({} as SyncRun),
      endpointId: endpoint.id,
      status: 'failed',
      error: 'The sign-in server refused the request (invalid_grant). Sign in again.',
      finishedAt: new Date().toISOString(),
    });
    expect((await summary(c, endpoint.id)).health?.authFailed).toBe(true);

    c.scheduler!.start();
    // Long enough for the startup catch-up's readiness check and a sync of one file.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await c.scheduler!.idle();
    // The startup catch-up of a never-synced interval endpoint was held back.
    expect(c.catalog.runs.list({ endpointId: endpoint.id, limit: 10, offset: 0 })).toHaveLength(0);
    await expect(c.scheduler!.fire(stored.id, 'schedule')).resolves.toBeNull();

    // A person can still sync it; success lifts the flag.
    const finished = nextEvent(c, 'sync.finished');
    unwrap(await c.dispatch('sync.start', { endpointId: endpoint.id }));
    expect((await finished).status).toBe('success');
    expect((await summary(c, endpoint.id)).health).toMatchObject({ ok: true, authFailed: false });
    await expect(c.scheduler!.fire(stored.id, 'schedule')).resolves.not.toBeNull();
    await c.scheduler!.idle();
  });
});

describe('settings through the contract', () => {
  it('starts from the defaults, keeps changes across a restart and announces them', async () => {
    const dataDir = tempDir('fc-settings-');
    const first = await core({ dataDir });
    expect(unwrap(await first.dispatch('settings.get', {}))).toEqual({
      startAtLogin: false,
      notifyOnFailure: true,
      notifyOnChanges: false,
      watchedEndpointIds: [],
      webhookListener: { enabled: false, port: 4320 },
      theme: 'system',
      retention: { logDays: 30, runDays: 90 },
    });
    const announced = nextEvent(first, 'settings.changed');
    const updated = unwrap(await first.dispatch('settings.update', { notifyOnChanges: true, watchedEndpointIds: [3] }));
    expect(updated).toMatchObject({ notifyOnChanges: true, watchedEndpointIds: [3], notifyOnFailure: true });
    expect(await announced).toEqual(updated);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await core({ dataDir });
    expect(unwrap(await second.dispatch('settings.get', {}))).toEqual(updated);
  });

  it('rejects invalid input with the field named', async () => {
    const c = await core();
    const answer = await c.dispatch('settings.update', { startAtLogin: 'yes' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(JSON.stringify(answer)).toContain('startAtLogin');
    expect(await c.dispatch('settings.update', { colour: 'blue' })).toMatchObject({ ok: false });
  });

  it('lets the host apply a change first, and keeps the old value when it cannot', async () => {
    const applied: AppSettings[] = [];
    let fail = false;
    const c = await core({
      applySettings: (s) => {
        if (fail) throw new Error('autostart folder is read-only');
        applied.push(s);
      },
    });
    unwrap(await c.dispatch('settings.update', { startAtLogin: true }));
    expect(applied.map((s) => s.startAtLogin)).toEqual([true]);

    fail = true;
    const answer = await c.dispatch('settings.update', { startAtLogin: false });
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('read-only') } });
    expect(unwrap(await c.dispatch('settings.get', {}))).toMatchObject({ startAtLogin: true });
  });

  it('falls back to the defaults when settings.json is damaged', async () => {
    const dataDir = tempDir('fc-settings-');
    fs.writeFileSync(path.join(dataDir, 'settings.json'), '{ not json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const c = await core({ dataDir });
    expect(unwrap(await c.dispatch('settings.get', {}))).toMatchObject({ startAtLogin: false, notifyOnFailure: true });
    warn.mockRestore();
  });
});
