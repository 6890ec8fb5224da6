/** Opens the core: catalog, logging, sync engine and contract handlers, for any host. */
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../contract/contract.js';
import { dispatch } from '../contract/dispatch.js';
import { Catalog } from '../catalog/catalog.js';
import { createConnector } from '../connectors/registry.js';
import { HealthMonitor } from '../health/monitor.js';
import { MetricsRepository } from '../metrics/repository.js';
import { countLiveFiles, MetricsSampler } from '../metrics/sampler.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { readSchedulerSettings, writeSchedulerSettings } from '../scheduler/settings.js';
import { HookReceiver } from '../webhooks/receiver.js';
import { HookRegistrar } from '../webhooks/registration.js';
import { HookRegistrationStore } from '../webhooks/registrationStore.js';
import { HookRenewal } from '../webhooks/renewal.js';
import { SyncEngine } from '../sync/engine.js';
import { SettingsStore } from './appSettings.js';
import { startRetention } from './retention.js';
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
  /** Samples CPU, memory, event-loop delay and disk use while an owner core runs; null in a reader. */
  readonly metrics: MetricsSampler | null;
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
    catalog = Catalog.open(path.join(dataDir, DATABASE_FILE), {
      nativeBinding: options.nativeBinding,
      writeThreadUrl: options.writeThreadUrl,
    });
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
        // What an endpoint missed while it waited for a sign-in runs once the hold lifts.
        onReleased: (endpointId) => scheduler?.released(endpointId),
        intervalMs: options.healthIntervalMs,
      })
    : null;
  if (health) events.subscribe((message) => health.handle(message));
  // A reader is a short-lived second process: only the owner's figures describe the app.
  const metrics = owner
    ? new MetricsSampler({
        repository: new MetricsRepository(catalog.db),
        countFiles: () => countLiveFiles(catalog.db),
        databasePath: catalog.path,
        logDir: path.join(dataDir, LOG_DIR),
        onSampled: (sample) => events.emit('metrics.sampled', sample),
        onError: (message) => logger.warn(message),
        intervalMs: options.metricsIntervalMs,
      })
    : null;
  if (metrics) {
    events.subscribe((message) => metrics.handle(message));
    metrics.start();
  }
  const settings = new SettingsStore({
    dataDir,
    apply: options.applySettings,
    onChange: (value) => events.emit('settings.changed', value),
    warn: (message) => logger.warn(message),
  });
  // Only the owner removes history: a reader beside it must not prune what the owner still writes.
  const retention = owner
    ? startRetention({
        catalog,
        retention: () => settings.get().retention,
        subscribe: (listener) => events.subscribe(listener),
        logger,
      })
    : null;
  const env = options.env ?? process.env;
  let renewal: HookRenewal | null = null;
  const hookRegistrar = new HookRegistrar({
    endpoints: catalog.endpoints,
    store: new HookRegistrationStore(dataDir, (message) => logger.warn(message)),
    hooksOf: (endpoint) => createConnector(endpoint, { secrets }).hooks,
    env,
    logger,
    onChange: () => renewal?.replan(),
  });
  // Drive watch channels are renewed while the schedules run (desktop app, `serve`).
  renewal = owner ? new HookRenewal(hookRegistrar, logger) : null;
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
        companions: renewal ? [renewal] : [],
      })
    : null;
  const hooks = scheduler ? new HookReceiver({ catalog, scheduler, logger, env }) : null;
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
    openPath: options.openPath,
    hooks: hookRegistrar,
    logger,
    info: {
      version: appVersion,
      dataDir,
      databasePath: catalog.path,
      host: options.host,
      canPickFolder: Boolean(options.pickFolder),
      canOpenDataFolder: Boolean(options.openPath),
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
    metrics,
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
        await renewal?.settled();
        retention?.stop();
        await metrics?.stop();
        handlers.cancelSignIns();
        await engine.stop();
        await catalog.close();
        await closeLogger();
        releaseLock();
      })()),
  };
}
