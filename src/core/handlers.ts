/** The core's answer to every contract request. Inputs arrive already validated. */
import fs from 'node:fs';
import type { Handlers } from '../contract/contract.js';
import type { AppInfo, Endpoint, EndpointSummary, SignInProgress } from '../contract/model.js';
import type { EndpointDefinition } from '../contract/schemas.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import { runChangesPage } from '../catalog/runChanges.js';
import { createConnector } from '../connectors/registry.js';
import { MetricsRepository } from '../metrics/repository.js';
import type { HealthMonitor } from '../health/monitor.js';
import type { Logger } from '../logging/logger.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { staticState } from '../scheduler/scheduler.js';
import { cronProblem } from '../scheduler/timing.js';
import type { SyncEngine } from '../sync/engine.js';
import type { SettingsStore } from './appSettings.js';
import type { EventBus } from './events.js';
import { createConfigHandlers } from './configHandlers.js';
import { createFileHandlers } from './fileHandlers.js';
import { createCredentialHandlers } from './credentialHandlers.js';
import { createHookHandlers } from './hookHandlers.js';
import type { HookRegistrar } from '../webhooks/registration.js';
import { createSchedulerHandlers } from './schedulerHandlers.js';
import type { SecretStore } from './secrets.js';
import { notReadyMessage, signInProvider, signInState } from './signIn.js';

export interface HandlerDeps {
  catalog: Catalog;
  engine: SyncEngine;
  /** Starts every run the contract asks for (owner cores); null in a reader. */
  scheduler: Scheduler | null;
  /** Endpoint health (owner cores); null in a reader. */
  health?: HealthMonitor | null;
  settings: SettingsStore;
  events: EventBus;
  info: AppInfo;
  secrets: SecretStore;
  pickFolder?: () => Promise<string | null>;
  openExternal?: (url: string) => Promise<void>;
  /** Registers webhooks with Autodesk and Google. */
  hooks: HookRegistrar;
  /** Shows a folder in the file manager (the desktop app). */
  openPath?: (folder: string) => Promise<void>;
  logger?: Logger;
}

/** Endpoint with its live status, counts, sign-in state and last run. */
export async function summarize(
  deps: Pick<HandlerDeps, 'catalog' | 'engine' | 'secrets' | 'health'> & { scheduler?: Scheduler | null },
  endpoint: Endpoint,
): Promise<EndpointSummary> {
  const progress = deps.engine.progress(endpoint.id);
  const totals = deps.catalog.files.totals(endpoint.id, progress !== null);
  const lastRun = deps.catalog.runs.lastRun(endpoint.id) ?? null;
  const status = progress ? 'syncing' : endpoint.paused ? 'paused' : lastRun?.status === 'failed' ? 'error' : 'idle';
  const schedule = deps.scheduler?.info(endpoint) ?? {
    scheduleState: staticState(endpoint),
    nextRunAt: null,
    consecutiveFailures: 0,
    queued: false,
  };
  const health = deps.health?.get(endpoint.id) ?? null;
  const signIn = await signInState(endpoint, deps.secrets);
  return {
    ...endpoint,
    status,
    ...schedule,
    // Refused credentials of an endpoint that signs in from the app: it needs a sign-in again.
    signIn: signIn === 'signed-in' && health?.authFailed ? 'needed' : signIn,
    signInKind: signInProvider(endpoint)?.kind ?? null,
    health,
    fileCount: totals.files,
    folderCount: totals.folders,
    totalSize: totals.bytes,
    lastRun: lastRun && lastRun.status === 'running' && !progress ? { ...lastRun } : lastRun,
    progress,
  };
}

function notFound(what: string, id: number): never {
  throw new ContractError({ code: 'not_found', message: `No ${what} with id ${id}. It may have been removed.` });
}

/** Checks what the schema cannot: unique names and, for folders, that the folder is there. */
function checkDefinition(catalog: Catalog, def: EndpointDefinition, selfId?: number): void {
  const clash = catalog.endpoints.findByName(def.name);
  if (clash && clash.id !== selfId) {
    throw new ContractError({
      code: 'invalid_request',
      message: `An endpoint named "${def.name}" already exists. Choose another name.`,
      issues: [{ path: 'name', message: `"${def.name}" is already used by another endpoint` }],
    });
  }
  if (def.schedule.type === 'cron') {
    const problem = cronProblem(def.schedule.expression, def.schedule.timezone);
    if (problem) {
      throw new ContractError({
        code: 'invalid_request',
        message: `The schedule is not valid: ${problem}.`,
        issues: [{ path: 'schedule.expression', message: problem }],
      });
    }
  }
  if (def.type === 'local_folder') {
    const folder = def.settings.path;
    let problem: string | null = null;
    try {
      if (!fs.statSync(folder).isDirectory()) problem = `"${folder}" is a file, not a folder`;
    } catch {
      problem = `Folder "${folder}" does not exist or cannot be read`;
    }
    if (problem) {
      throw new ContractError({
        code: 'invalid_request',
        message: `${problem}. Check the path, or connect the network share first.`,
        issues: [{ path: 'settings.path', message: problem }],
      });
    }
  }
}

export function createHandlers(deps: HandlerDeps): Handlers & { cancelSignIns(): void } {
  const { catalog, engine, events, secrets, scheduler } = deps;
  const signIns = new Map<number, AbortController>();
  const endpointOr404 = (id: number) => catalog.endpoints.get(id) ?? notFound('endpoint', id);
  const changed = (endpointId: number | null) => events.emit('endpoints.changed', { endpointId });
  const metrics = new MetricsRepository(catalog.db);

  return {
    'app.info': async () => deps.info,
    'endpoints.list': async () => Promise.all(catalog.endpoints.list().map((e) => summarize(deps, e))),
    'endpoints.get': async ({ id }) => summarize(deps, endpointOr404(id)),
    'endpoints.create': async (def) => {
      checkDefinition(catalog, def);
      const endpoint = catalog.endpoints.create(def);
      scheduler?.reload(endpoint.id);
      changed(endpoint.id);
      return await summarize(deps, endpoint);
    },
    'endpoints.update': async ({ id, endpoint: def }) => {
      endpointOr404(id);
      if (engine.isRunning(id)) {
        throw new ContractError({ code: 'conflict', message: 'This endpoint is syncing. Save again when it is done.' });
      }
      checkDefinition(catalog, def, id);
      const endpoint = catalog.endpoints.update(id, def);
      scheduler?.reload(id);
      changed(id);
      return await summarize(deps, endpoint);
    },
    'endpoints.remove': async ({ id }) => {
      endpointOr404(id);
      // Its waiting run goes first, so the end of the cancelled run cannot start it.
      scheduler?.discard(id);
      if (engine.cancel(id)) await engine.settled(id);
      signIns.get(id)?.abort();
      // Its webhooks go while its credentials can still remove them.
      await deps.hooks.removeBeforeEndpoint(id);
      const provider = signInProvider(endpointOr404(id));
      catalog.endpoints.remove(id);
      scheduler?.reload(id);
      // Its sign-in goes with it, so no later endpoint can inherit the account.
      if (provider) await secrets.delete(provider.secretKey);
      changed(id);
      return { removed: true as const };
    },
    'endpoints.test': async ({ id }) => {
      const endpoint = endpointOr404(id);
      try {
        return await createConnector(endpoint, { secrets }).checkHealth();
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    'sync.start': async ({ endpointId, full }) => {
      const ready = async (e: Endpoint) => (await signInState(e, secrets)) !== 'needed';
      let targets: Endpoint[];
      if (endpointId !== undefined) {
        const endpoint = endpointOr404(endpointId);
        if (!(await ready(endpoint))) {
          throw new ContractError({
            code: 'conflict',
            message: notReadyMessage(endpoint, signInProvider(endpoint), 'sync'),
          });
        }
        targets = [endpoint];
      } else {
        // "Sync all" skips what is paused, already running, or waiting for a sign-in.
        const candidates = catalog.endpoints.list().filter((e) => !e.paused && !engine.isRunning(e.id));
        const readiness = await Promise.all(candidates.map(ready));
        targets = candidates.filter((_, i) => readiness[i]);
      }
      const runIds: number[] = [];
      const queued: number[] = [];
      for (const e of targets) {
        // Through the scheduler, so the limit on runs at once holds for "Sync now" too.
        const started = scheduler
          ? scheduler.request(e.id, 'manual', { full })
          : { runId: engine.start(e.id, { trigger: 'manual', full }).runId };
        if (started.runId !== null) runIds.push(started.runId);
        else queued.push(e.id);
      }
      if (targets.length) changed(endpointId ?? null);
      return { runIds, queued };
    },
    'sync.cancel': async ({ endpointId }) => ({ cancelled: engine.cancel(endpointId) }),
    ...createSchedulerHandlers({
      catalog,
      scheduler,
      endpointOr404,
      summarize: (endpoint) => summarize(deps, endpoint),
      changed,
    }),
    ...createFileHandlers({
      catalog,
      secrets,
      health: deps.health,
      createConnector: (endpoint) => createConnector(endpoint, { secrets }),
      openPath: deps.openPath,
    }),
    'runs.list': async (options) => catalog.runs.list(options),
    'runs.changes': async (query) => runChangesPage(catalog.db, query),
    'logs.recent': async (options) => catalog.logs.recent(options),
    'catalog.stats': async () => catalog.stats(),
    'metrics.series': async (query) => metrics.series(query),
    'auth.signIn': async ({ endpointId }) => {
      const endpoint = endpointOr404(endpointId);
      const provider = signInProvider(endpoint);
      if (provider?.kind === 'secret') {
        throw new ContractError({
          code: 'unsupported',
          message: `"${endpoint.name}" uses app credentials: enter its client secret instead of signing in.`,
        });
      }
      if (!provider) {
        throw new ContractError({
          code: 'unsupported',
          message: `"${endpoint.name}" does not sign in from the app (it uses a folder, a service account key or a token file).`,
        });
      }
      if (signIns.has(endpointId)) {
        throw new ContractError({ code: 'conflict', message: 'A sign-in for this endpoint is already waiting.' });
      }
      const controller = new AbortController();
      signIns.set(endpointId, controller);
      let authorizeUrl: string | null = null;
      const progress = (step: SignInProgress['step'], message: string | null = null) =>
        events.emit('auth.progress', { endpointId, step, authorizeUrl, message });
      try {
        const refreshToken = await provider.run({
          signal: controller.signal,
          // 'done' is announced once the token is safely stored.
          onStep: (step) => step !== 'opening-browser' && step !== 'done' && progress(step),
          openBrowser: async (url) => {
            authorizeUrl = url;
            progress('opening-browser');
            // Without a desktop shell the front end opens the page itself, from the URL in the event.
            await deps.openExternal?.(url);
          },
        });
        await secrets.set(provider.secretKey, refreshToken);
        progress('done');
        changed(endpointId);
        return { signedIn: true as const };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        progress('failed', message);
        throw new ContractError({
          code: 'conflict',
          message: `Signing in to ${provider.label} did not finish: ${message}`,
        });
      } finally {
        signIns.delete(endpointId);
      }
    },
    'auth.cancel': async ({ endpointId }) => {
      const controller = signIns.get(endpointId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
    'auth.signOut': async ({ endpointId }) => {
      const endpoint = endpointOr404(endpointId);
      const provider = signInProvider(endpoint);
      if (provider) await secrets.delete(provider.secretKey);
      changed(endpointId);
      return { signedOut: true as const };
    },
    ...createCredentialHandlers({
      secrets,
      health: deps.health,
      endpointOr404,
      createConnector: (endpoint) => createConnector(endpoint, { secrets }),
      changed,
    }),
    cancelSignIns: () => {
      for (const controller of signIns.values()) controller.abort();
    },
    ...createHookHandlers(deps.hooks),
    'settings.get': async () => deps.settings.get(),
    'settings.update': async (change) => deps.settings.update(change),
    ...createConfigHandlers({ catalog, engine, scheduler, logger: deps.logger, changed }),
    'system.openDataFolder': async () => {
      if (!deps.openPath) {
        throw new ContractError({
          code: 'unsupported',
          message: 'Opening folders needs the desktop app. Copy the path and open it in your file manager instead.',
        });
      }
      try {
        await deps.openPath(deps.info.dataDir);
      } catch (error) {
        throw new ContractError({
          code: 'conflict',
          message: `The data folder could not be opened: ${error instanceof Error ? error.message : String(error)}. Copy its path instead.`,
        });
      }
      return { opened: true as const };
    },
    'system.pickFolder': async () => {
      if (!deps.pickFolder) {
        throw new ContractError({
          code: 'unsupported',
          message: 'Choosing a folder needs the desktop app. Type the folder path instead.',
        });
      }
      return { path: await deps.pickFolder() };
    },
  };
}
