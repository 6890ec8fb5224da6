/** Opens the core: catalog, logging, sync engine and contract handlers, for any host. */
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../contract/contract.js';
import { dispatch } from '../contract/dispatch.js';
import { Catalog } from '../catalog/catalog.js';
import { createConnector } from '../connectors/registry.js';
import { HealthMonitor } from '../health/monitor.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { readSchedulerSettings, writeSchedulerSettings } from '../scheduler/settings.js';
import { HookReceiver } from '../webhooks/receiver.js';
import { SyncEngine } from '../sync/engine.js';
import { SettingsStore } from './appSettings.js';
import { EventBus } from './events.js';
import { createHandlers } from './handlers.js';
import { acquireOwnerLock } from './lock.js';
import { memorySecretStore } from './secrets.js';
import { signInState } from './signIn.js';
import { DATABASE_FILE, LOG_DIR } from './paths.js';
import type { CoreHost, CoreOptions } from './types.js';
import { appVersion } from './version.js';

export interface Core extends CoreHost {
  readonly catalog: Catalog;
  readonly engine: SyncEngine;
  /** Starts every run of an owner core; its timers are armed by `scheduler.start()` (desktop, `serve`). Null in a reader. */
  readonly scheduler: Scheduler | null;
  /** Checks endpoints' health; started by `health.start()` (desktop, `serve`). Null in a reader. */
  readonly health: HealthMonitor | null;
  readonly settings: SettingsStore;
  readonly handlers: Handlers & { cancelSignIns(): void };
  readonly logger: Logger;
  readonly events: EventBus;
}

/** Opens the catalog in `options.dataDir` and everything that works on it. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const owner = (options.access ?? 'owner') === 'owner';
  const releaseLock = owner ? acquireOwnerLock(dataDir) : () => undefined;
  let catalog: Catalog;
  try {
    catalog = Catalog.open(path.join(dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const events = new EventBus();
  const { logger, close: closeLogger } = await createLogger({
    logDir: path.join(dataDir, LOG_DIR),
    console: options.consoleLogs ?? false,
    level: options.logLevel ?? 'info',
    sink: (entry) => {
      if (!catalog.db.open) return;
      const saved = catalog.logs.insert({
        at: new Date().toISOString(),
        level: entry.level,
        message: entry.message,
        endpointId: entry.endpointId ?? null,
        runId: entry.runId ?? null,
        data: entry.data,
      });
      events.emit('log.entry', saved);
    },
  });
  if (owner) {
    const interrupted = catalog.runs.failInterrupted();
    if (interrupted) logger.warn(`${interrupted} sync run(s) were interrupted last time; they resume on the next sync`);
    catalog.applyRetention();
  }

  const secrets = options.secrets ?? memorySecretStore();
  const engine = new SyncEngine({
    catalog,
    createConnector: (endpoint) => createConnector(endpoint, { secrets }),
    logger,
    onProgress: (p) => events.emit('sync.progress', p),
    onFinished: (run) => {
      events.emit('sync.finished', run);
      events.emit('endpoints.changed', { endpointId: run.endpointId });
    },
  });
  const health = owner
    ? new HealthMonitor({
        endpoints: catalog.endpoints,
        check: (endpoint) => createConnector(endpoint, { secrets }).checkHealth(),
        logger,
        onChange: (endpointId) => events.emit('endpoints.changed', { endpointId }),
        intervalMs: options.healthIntervalMs,
      })
    : null;
  if (health) events.subscribe((message) => health.handle(message));
  const settings = new SettingsStore({
    dataDir,
    apply: options.applySettings,
    onChange: (value) => events.emit('settings.changed', value),
    warn: (message) => logger.warn(message),
  });
  const scheduler = owner
    ? new Scheduler({
        catalog,
        engine,
        logger,
        settings: readSchedulerSettings(dataDir, (message) => logger.warn(message)),
        saveSettings: (settings) => writeSchedulerSettings(dataDir, settings),
        // Unattended runs skip endpoints that wait for a person to sign in,
        // and those whose credentials were refused ("Sign in again") until a sign-in or a sync succeeds.
        ready: async (endpoint) => !health?.held(endpoint) && (await signInState(endpoint, secrets)) !== 'needed',
        onChange: (endpointId) => events.emit('endpoints.changed', { endpointId }),
      })
    : null;
  const hooks = scheduler ? new HookReceiver({ catalog, scheduler, logger, env: options.env ?? process.env }) : null;
  const handlers = createHandlers({
    catalog,
    engine,
    scheduler,
    health,
    settings,
    events,
    pickFolder: options.pickFolder,
    secrets,
    openExternal: options.openExternal,
    info: {
      version: appVersion,
      dataDir,
      databasePath: catalog.path,
      host: options.host,
      canPickFolder: Boolean(options.pickFolder),
      secretProtection: secrets.protection(),
    },
  });

  let closing: Promise<void> | undefined;
  return {
    dataDir,
    catalog,
    engine,
    scheduler,
    health,
    settings,
    handlers,
    logger,
    events,
    dispatch: (name, input) =>
      dispatch(handlers, name, input, (request, error) =>
        logger.error(`Request ${request} failed unexpectedly`, {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
      ),
    subscribe: (listener) => events.subscribe(listener),
    ...(hooks ? { receiveHook: (target, delivery) => hooks.receive(target, delivery) } : {}),
    close: () =>
      (closing ??= (async () => {
        // No new run may start while the running ones wind down.
        scheduler?.stop();
        health?.stop();
        handlers.cancelSignIns();
        await engine.stop();
        catalog.close();
        await closeLogger();
        releaseLock();
      })()),
  };
}
