/**
 * Outages: a service answering only 5xx makes its endpoint's run fail fast through the service's circuit
 * breaker, with an error that says so and when it is tried again; the endpoint shows as in error and its
 * schedule backs off; another endpoint syncs untouched; once the service is back, the next run succeeds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { createAutodeskAccConnector, parseAutodeskAccSettings } from '../../src/connectors/autodesk_acc/index.js';
import { createConnector } from '../../src/connectors/registry.js';
import type { Endpoint } from '../../src/contract/model.js';
import { summarize } from '../../src/core/handlers.js';
import { memorySecretStore } from '../../src/core/secrets.js';
import { createLogger } from '../../src/logging/logger.js';
import { serviceBreaker } from '../../src/resilience/index.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { Chaos } from '../fakes/chaos.js';
import type { FakeApsServer } from '../fakes/autodesk/server.js';
import { tempDir } from '../helpers/tempDir.js';
import {
  ACC_CLIENT,
  accSettings,
  afterTest,
  apsErrorBody,
  fastRetry,
  liveRows,
  catalogRows,
  startAps,
} from './harness.js';
import { accAccount, growAcc } from './trees.js';

const THRESHOLD = 5;
const COOLDOWN_MS = 1500;
/** Requests of one family the connector has in flight at most (the pacer's default). */
const IN_FLIGHT = 8;

/** The fake answers 500 or 503 to every request from the moment `down()` says so. */
function outage(fake: FakeApsServer, down: (n: number) => boolean = () => true): Chaos {
  let failing = false;
  const chaos = new Chaos({
    seed: 5,
    rate: 1,
    kinds: ['server500', 'unavailable503'],
    allows: () => failing,
    errorBody: apsErrorBody,
    expireTokens: () => undefined,
    onRequest: (n) => (failing = down(n)),
  });
  fake.chaos = chaos;
  return chaos;
}

/** A catalog with an Autodesk endpoint against `fake` and a local folder, synced by the engine under a scheduler. */
async function twoEndpoints(fake: FakeApsServer) {
  const dir = tempDir('fc-outage-');
  const catalog = Catalog.open(path.join(dir, 'catalog.db'));
  const folder = path.join(dir, 'Site documents');
  fs.mkdirSync(path.join(folder, 'Structural'), { recursive: true });
  for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(folder, 'Structural', `S-${100 + i}.pdf`), `sheet ${i}`);
  const schedule = { type: 'interval' as const, minutes: 60 };
  const acc = catalog.endpoints.create({
    name: 'Towers',
    type: 'autodesk_acc',
    settings: parseAutodeskAccSettings(accSettings(fake)),
    filters: {},
    schedule,
    paused: false,
  });
  const local = catalog.endpoints.create({
    name: 'Site documents',
    type: 'local_folder',
    settings: { path: folder, recursive: true, followSymlinks: false },
    filters: {},
    schedule,
    paused: false,
  });
  const { logger, close } = await createLogger({});
  const secrets = memorySecretStore();
  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: (e: Endpoint) =>
      e.type === 'autodesk_acc'
        ? createAutodeskAccConnector(parseAutodeskAccSettings(e.settings), e.filters, {
            retry: fastRetry,
            requestTimeoutMs: 2000,
            breaker: { threshold: THRESHOLD, halfOpenAfterMs: COOLDOWN_MS },
            env: { FC_RESILIENCE_SECRET: ACC_CLIENT.secret },
          })
        : createConnector(e, { secrets }),
    onProgress: () => undefined,
    onFinished: () => undefined,
  });
  const scheduler = new Scheduler({ catalog, engine, logger, random: () => 0 });
  afterTest(async () => {
    scheduler.stop();
    await engine.stop();
    catalog.close();
    await close();
  });
  /** Runs the endpoint through the scheduler's queue, as a timer or "Sync now" would, and returns its run. */
  const run = async (endpoint: Endpoint, trigger: 'schedule' | 'manual') => {
    scheduler.request(endpoint.id, trigger);
    await scheduler.idle();
    return catalog.runs.lastRun(endpoint.id)!;
  };
  const summary = (endpoint: Endpoint) =>
    summarize({ catalog, engine, secrets, health: null, scheduler }, catalog.endpoints.get(endpoint.id)!);
  return { catalog, engine, scheduler, acc, local, folder, run, summary };
}

const unavailable =
  /^Autodesk \(127\.0\.0\.1:\d+\) is unavailable: 5 requests in a row failed \(last: Autodesk(?:'s token endpoint)? answered 50[03]\)\. It will be tried again from \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ s\)\.$/;

describe('a service that answers only 5xx', () => {
  it('fails its endpoint fast, backs its schedule off, leaves the other endpoint alone, and recovers', async () => {
    const fake = await startAps();
    const hub = fake.truth.addHub('Contoso Build');
    const tower = fake.truth.addProject(hub.id, 'Tower A');
    const files = fake.truth.addFolder(tower.rootFolderId, 'Project Files');
    growAcc(fake.truth, files, 2, 3, 4, 'T');
    const t = await twoEndpoints(fake);
    expect((await t.engine.run(t.acc.id, { trigger: 'manual' })).status).toBe('success');
    expect((await t.engine.run(t.local.id, { trigger: 'manual' })).status).toBe('success');
    t.scheduler.start();
    const localRows = catalogRows(t.catalog.db, t.local.id);

    const down = outage(fake);
    fake.truth.addFile(files, 'Added during the outage.pdf');
    fs.writeFileSync(path.join(t.folder, 'Structural', 'S-200.pdf'), 'new sheet');
    t.scheduler.request(t.local.id, 'schedule');
    const failed = await t.run(t.acc, 'schedule');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(unavailable);
    // The breaker opened after THRESHOLD failures in a row: no request spent the rest of its retries.
    expect(down.requests).toBe(THRESHOLD);
    expect(failed.requests).toBe(THRESHOLD);

    // The endpoint is in error and backs off: its next automatic try waits a minute, and a timer is held back.
    const inError = await t.summary(t.acc);
    expect(inError).toMatchObject({ status: 'error', scheduleState: 'backing-off', consecutiveFailures: 1 });
    const wait = Date.parse(inError.nextRunAt!) - Date.parse(failed.finishedAt!);
    expect(wait).toBeGreaterThanOrEqual(59_000);
    expect(wait).toBeLessThan(65_000);
    expect(await t.scheduler.fire(t.acc.id, 'schedule')).toBeNull();

    // The other endpoint synced as usual, beside the failing one.
    expect(t.catalog.runs.lastRun(t.local.id)).toMatchObject({ status: 'success', added: 1 });
    expect(await t.summary(t.local)).toMatchObject({ status: 'idle', scheduleState: 'scheduled' });
    expect(liveRows(catalogRows(t.catalog.db, t.local.id))).toHaveLength(localRows.length + 1);

    // While the circuit is open, a run fails at once without sending anything, and the backoff doubles.
    const refused = await t.run(t.acc, 'manual');
    expect(refused).toMatchObject({ status: 'failed', requests: 0, retries: 0 });
    expect(refused.error).toMatch(unavailable);
    expect(down.requests).toBe(THRESHOLD);
    const doubled = await t.summary(t.acc);
    expect(doubled).toMatchObject({ status: 'error', scheduleState: 'backing-off', consecutiveFailures: 2 });
    expect(Date.parse(doubled.nextRunAt!) - Date.parse(refused.finishedAt!)).toBeGreaterThanOrEqual(119_000);

    // The service is back: once the cooldown is over, one probe goes through and the run succeeds.
    fake.chaos = null;
    const breaker = serviceBreaker('Autodesk', fake.url);
    expect(breaker.state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, breaker.retryAt!.getTime() - Date.now()) + 20));
    const recovered = await t.run(t.acc, 'manual');
    expect(recovered.error).toBeNull();
    expect(recovered).toMatchObject({ status: 'success', added: 1 });
    expect(breaker.state).toBe('closed');
    const live = liveRows(catalogRows(t.catalog.db, t.acc.id)).map((r) => r.path);
    expect(live.sort()).toEqual(
      fake.truth
        .entries()
        .map((e) => e.path)
        .sort(),
    );
    expect(await t.summary(t.acc)).toMatchObject({
      status: 'idle',
      scheduleState: 'scheduled',
      consecutiveFailures: 0,
    });
  });

  it('cuts a crawl short when the service goes down in the middle of it', async () => {
    const fake = await startAps();
    accAccount(fake.truth);
    const t = await twoEndpoints(fake);
    // Down from the 40th request of a full crawl of about 145, with folders listed in parallel.
    const down = outage(fake, (n) => n >= 40);
    const failed = await t.engine.run(t.acc.id, { trigger: 'manual' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(unavailable);
    // At most the failures that open the breaker plus what was in flight: without the breaker, every request
    // in flight would have spent all six of its attempts.
    expect(down.total).toBeGreaterThanOrEqual(THRESHOLD);
    expect(down.total).toBeLessThanOrEqual(THRESHOLD + IN_FLIGHT);
    expect(failed.deleted).toBe(0);
  });
});
