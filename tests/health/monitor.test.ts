import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { createConnector } from '../../src/connectors/registry.js';
import type { Endpoint, SyncRun } from '../../src/contract/model.js';
import { memorySecretStore } from '../../src/core/secrets.js';
import { isAuthFailure } from '../../src/health/authErrors.js';
import { HealthMonitor } from '../../src/health/monitor.js';
import { tempDir } from '../helpers/tempDir.js';

const MINUTE = 60_000;
const catalogs: Catalog[] = [];
const monitors: HealthMonitor[] = [];

beforeEach(() => {
  // Only timers and the clock are fake: the folder checks really read the disk.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
});
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.stop();
  for (const catalog of catalogs.splice(0)) catalog.close();
  vi.useRealTimers();
});

/** A real catalog with local_folder endpoints, and a monitor using the real connector's check. */
function setup() {
  const dir = tempDir('fc-health-');
  const catalog = Catalog.open(path.join(dir, 'catalog.db'));
  catalogs.push(catalog);
  const changes: number[] = [];
  const checked: number[] = [];
  const logger = { info: vi.fn(), warn: vi.fn() };
  const monitor = new HealthMonitor({
    endpoints: catalog.endpoints,
    check: (endpoint) => {
      checked.push(endpoint.id);
      return createConnector(endpoint, { secrets: memorySecretStore() }).checkHealth();
    },
    logger,
    onChange: (id) => changes.push(id),
  });
  monitors.push(monitor);
  const addFolder = (name: string, paused = false) => {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
    const endpoint = catalog.endpoints.create({
      name,
      type: 'local_folder',
      settings: { path: folder, recursive: true, followSymlinks: false },
      filters: {},
      schedule: { type: 'interval', minutes: 30 },
      paused,
    });
    return { endpoint, folder };
  };
  return { catalog, monitor, changes, checked, logger, addFolder };
}

function failedRun(endpoint: Endpoint, status: SyncRun['status'], error: string | null): SyncRun {
  return {
    id: 1,
    endpointId: endpoint.id,
    endpointName: endpoint.name,
    trigger: 'schedule',
    kind: 'incremental',
    status,
    requests: 1,
    retries: 0,
    pacingWaitMs: 0,
    rateLimitWaitMs: 0,
    bytesReceived: 0,
    entriesSeen: 0,
    filesPerSecond: null,
    phaseMs: {},
    error,
    startedAt: '2026-03-02T08:00:00.000Z',
    finishedAt: '2026-03-02T08:00:01.000Z',
    durationMs: 1000,
    added: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    moved: 0,
  };
}

/** Lets the checks started by a timer finish (they read the real disk). */
async function settle(monitor: HealthMonitor) {
  await new Promise((resolve) => setImmediate(resolve));
  await monitor.checkAll();
}

describe('health monitor', () => {
  it('checks every endpoint at start and every 30 minutes: a folder that disappears is unhealthy, and healthy when back', async () => {
    const t = setup();
    const { endpoint, folder } = t.addFolder('Tower A');
    expect(t.monitor.get(endpoint.id)).toBeNull();

    t.monitor.start();
    await settle(t.monitor);
    expect(t.monitor.get(endpoint.id)).toMatchObject({
      ok: true,
      authFailed: false,
      checkedAt: '2026-03-02T08:00:00.000Z',
    });
    expect(t.changes).toEqual([endpoint.id]);

    fs.rmSync(folder, { recursive: true });
    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(t.monitor.get(endpoint.id)?.ok).toBe(true);
    await vi.advanceTimersByTimeAsync(MINUTE);
    await settle(t.monitor);
    expect(t.monitor.get(endpoint.id)).toMatchObject({ ok: false, authFailed: false });
    expect(t.monitor.get(endpoint.id)?.message).toMatch(/Tower A|does not exist|not found|no such/i);
    expect(t.logger.warn).toHaveBeenCalledWith(expect.stringContaining('"Tower A" is not healthy'), {
      endpointId: endpoint.id,
    });
    // A missing folder is not a sign-in problem: the schedule (and its backoff) carries on.
    expect(t.monitor.held(t.catalog.endpoints.get(endpoint.id)!)).toBe(false);

    fs.mkdirSync(folder);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    await settle(t.monitor);
    expect(t.monitor.get(endpoint.id)).toMatchObject({ ok: true, checkedAt: '2026-03-02T09:00:00.000Z' });
    expect(t.changes).toEqual([endpoint.id, endpoint.id, endpoint.id]);
  });

  it('skips paused endpoints and forgets removed ones', async () => {
    const t = setup();
    const active = t.addFolder('Active').endpoint;
    const paused = t.addFolder('Paused', true).endpoint;
    await t.monitor.checkAll();
    expect(t.checked).toEqual([active.id]);
    expect(t.monitor.get(paused.id)).toBeNull();

    t.catalog.endpoints.remove(active.id);
    await t.monitor.checkAll();
    expect(t.monitor.get(active.id)).toBeNull();
  });

  it('does not start a second round while one is still checking', async () => {
    const t = setup();
    t.addFolder('Site');
    const first = t.monitor.checkAll();
    const second = t.monitor.checkAll();
    expect(second).toBe(first);
    await first;
    expect(t.checked).toHaveLength(1);
  });

  it('flags a sync refused for its credentials "Sign in again" and holds it until a sync succeeds', async () => {
    const t = setup();
    const { endpoint } = t.addFolder('Drive');
    await t.monitor.checkAll();

    t.monitor.noteRun(
      failedRun(endpoint, 'failed', 'The sign-in server refused the request (invalid_grant). Sign in again.'),
    );
    expect(t.monitor.get(endpoint.id)).toMatchObject({ ok: false, authFailed: true });
    expect(t.monitor.held(endpoint)).toBe(true);

    // Other failures and cancelled runs say nothing about the credentials.
    t.monitor.noteRun(failedRun(endpoint, 'cancelled', null));
    t.monitor.noteRun(failedRun(endpoint, 'failed', 'Could not reach the sign-in server at oauth2.googleapis.com'));
    expect(t.monitor.held(endpoint)).toBe(true);

    t.monitor.noteRun(failedRun(endpoint, 'success', null));
    expect(t.monitor.get(endpoint.id)).toMatchObject({ ok: true, authFailed: false });
    expect(t.monitor.held(endpoint)).toBe(false);
  });

  it('lifts the hold when a sign-in finishes, and checks again', async () => {
    const t = setup();
    const { endpoint } = t.addFolder('Autodesk');
    t.monitor.noteRun(
      failedRun(endpoint, 'failed', 'The Autodesk sign-in has expired or was revoked (400 invalid_grant)'),
    );
    expect(t.monitor.held(endpoint)).toBe(true);

    t.monitor.handle({
      event: 'auth.progress',
      payload: { endpointId: endpoint.id, step: 'done', authorizeUrl: null, message: null },
    });
    expect(t.monitor.held(endpoint)).toBe(false);
    await t.monitor.check(endpoint.id);
    expect(t.checked).toEqual([endpoint.id]);
    expect(t.monitor.get(endpoint.id)?.ok).toBe(true);
  });

  it('gives an edited endpoint its chance: no longer held, and checked again when it changes', async () => {
    const t = setup();
    const { endpoint } = t.addFolder('Site');
    t.monitor.start();
    await settle(t.monitor);
    t.monitor.noteRun(failedRun(endpoint, 'failed', 'Google refused the sign-in (401): invalid credentials'));
    expect(t.monitor.held(endpoint)).toBe(true);

    vi.setSystemTime(new Date('2026-03-02T08:05:00Z'));
    const edited = t.catalog.endpoints.update(endpoint.id, {
      name: 'Site',
      type: 'local_folder',
      settings: endpoint.settings as { path: string; recursive: boolean; followSymlinks: boolean },
      filters: {},
      schedule: { type: 'interval', minutes: 30 },
      paused: false,
    });
    expect(t.monitor.held(edited)).toBe(false);
    t.monitor.handle({ event: 'endpoints.changed', payload: { endpointId: endpoint.id } });
    await t.monitor.check(endpoint.id);
    expect(t.checked).toEqual([endpoint.id, endpoint.id]);
    expect(t.monitor.get(endpoint.id)).toMatchObject({ ok: true, authFailed: false });
  });
});

describe('auth failures', () => {
  it.each([
    [
      'The sign-in server refused the request (invalid_grant: Token has been expired or revoked.). Sign in again.',
      true,
    ],
    ['This Google Drive endpoint is not signed in: use "Sign in with Google" in the app', true],
    ['Not signed in to Autodesk: use "Sign in with Autodesk" in the app', true],
    ['Listing drives: Google refused the sign-in (401): Invalid Credentials', true],
    ['Autodesk refused the access token even after renewing it (401 on hubs).', true],
    ['Could not reach the sign-in server at oauth2.googleapis.com: fetch failed', false],
    ['Folder "/mnt/site" does not exist or cannot be read', false],
    ['Autodesk refused to refresh the sign-in (400 invalid_client): check auth.clientId (abc).', false],
    [null, false],
  ])('%s → %s', (message, expected) => {
    expect(isAuthFailure(message)).toBe(expected);
  });
});
