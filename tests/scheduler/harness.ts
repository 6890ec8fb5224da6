/**
 * A real catalog, the real engine and the real local_folder connector, with a scheduler on top. Each
 * run can be held at its start (`hold()` / `release()`) so tests can look at what runs at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { createConnector } from '../../src/connectors/registry.js';
import type { Connector } from '../../src/connectors/types.js';
import type { SyncRun } from '../../src/contract/model.js';
import type { Schedule } from '../../src/contract/schemas.js';
import { memorySecretStore } from '../../src/core/secrets.js';
import { createLogger } from '../../src/logging/logger.js';
import type { BackoffPolicy } from '../../src/scheduler/backoff.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import type { SchedulerSettings } from '../../src/scheduler/settings.js';
import { SyncEngine } from '../../src/sync/engine.js';
import { tempDir } from '../helpers/tempDir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface HarnessOptions {
  settings?: Partial<SchedulerSettings>;
  backoff?: BackoffPolicy;
}

export async function schedulerHarness(options: HarnessOptions = {}) {
  const dir = tempDir('fc-scheduler-');
  const catalog = Catalog.open(path.join(dir, 'catalog.db'));
  const { logger } = await createLogger({});
  const finished: SyncRun[] = [];
  const started: number[] = [];
  let gate: Promise<void> | null = null;
  let open = () => {};
  let runningNow = 0;
  let mostAtOnce = 0;

  /** The real connector, waiting at its start while the gate is closed, counting runs at once. */
  const held = (inner: Connector, endpointId: number): Connector => ({
    ...inner,
    sync: (ctx) => {
      const plan = inner.sync(ctx);
      const waitFor = gate;
      return {
        ...plan,
        batches: (async function* () {
          started.push(endpointId);
          runningNow++;
          mostAtOnce = Math.max(mostAtOnce, runningNow);
          try {
            if (waitFor) await waitFor;
            yield* plan.batches;
          } finally {
            runningNow--;
          }
        })(),
      };
    },
  });

  const engine = new SyncEngine({
    catalog,
    logger,
    createConnector: (e) => held(createConnector(e, { secrets: memorySecretStore() }), e.id),
    onProgress: () => undefined,
    onFinished: (run) => finished.push(run),
  });
  const changes: (number | null)[] = [];
  const saved: SchedulerSettings[] = [];
  const scheduler = new Scheduler({
    catalog,
    engine,
    logger,
    settings: options.settings,
    saveSettings: (s) => saved.push(s),
    onChange: (id) => changes.push(id),
    backoff: options.backoff,
    random: () => 0,
  });
  cleanups.push(async () => {
    scheduler.stop();
    open();
    await engine.stop();
    catalog.close();
  });

  /** A folder with two files and a local_folder endpoint on it. */
  const addFolder = (name: string, schedule: Schedule = { type: 'manual' }, paused = false) => {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
    fs.writeFileSync(path.join(folder, 'S-201.dwg'), 'section');
    const endpoint = catalog.endpoints.create({
      name,
      type: 'local_folder',
      settings: { path: folder, recursive: true, followSymlinks: false },
      filters: {},
      schedule,
      paused,
    });
    return { endpoint, folder };
  };

  const runsOf = (endpointId: number) => finished.filter((r) => r.endpointId === endpointId);

  return {
    catalog,
    engine,
    scheduler,
    finished,
    started,
    changes,
    saved,
    addFolder,
    runsOf,
    /** Runs that start from now on wait at their start until `release()`. */
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => {
      open();
      gate = null;
    },
    mostAtOnce: () => mostAtOnce,
    /** Lets pending promise callbacks and file system work run, without moving fake time. */
    flush: async (rounds = 5) => {
      for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
