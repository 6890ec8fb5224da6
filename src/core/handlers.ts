/** The core's answer to every contract request. Inputs arrive already validated. */
import fs from 'node:fs';
import type { Handlers } from '../contract/contract.js';
import type { AppInfo, Endpoint, EndpointSummary } from '../contract/model.js';
import type { EndpointDefinition } from '../contract/schemas.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import { createConnector } from '../connectors/registry.js';
import type { SyncEngine } from '../sync/engine.js';
import type { EventBus } from './events.js';

export interface HandlerDeps {
  catalog: Catalog;
  engine: SyncEngine;
  events: EventBus;
  info: AppInfo;
  pickFolder?: () => Promise<string | null>;
}

/** Endpoint with its live status, counts and last run. */
export function summarize(deps: Pick<HandlerDeps, 'catalog' | 'engine'>, endpoint: Endpoint): EndpointSummary {
  const totals = deps.catalog.files.totals(endpoint.id);
  const lastRun = deps.catalog.runs.lastRun(endpoint.id) ?? null;
  const progress = deps.engine.progress(endpoint.id);
  const status = progress ? 'syncing' : endpoint.paused ? 'paused' : lastRun?.status === 'failed' ? 'error' : 'idle';
  return {
    ...endpoint,
    status,
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

export function createHandlers(deps: HandlerDeps): Handlers {
  const { catalog, engine, events } = deps;
  const endpointOr404 = (id: number) => catalog.endpoints.get(id) ?? notFound('endpoint', id);
  const changed = (endpointId: number | null) => events.emit('endpoints.changed', { endpointId });

  return {
    'app.info': async () => deps.info,
    'endpoints.list': async () => catalog.endpoints.list().map((e) => summarize(deps, e)),
    'endpoints.get': async ({ id }) => summarize(deps, endpointOr404(id)),
    'endpoints.create': async (def) => {
      checkDefinition(catalog, def);
      const endpoint = catalog.endpoints.create(def);
      changed(endpoint.id);
      return summarize(deps, endpoint);
    },
    'endpoints.update': async ({ id, endpoint: def }) => {
      endpointOr404(id);
      if (engine.isRunning(id)) {
        throw new ContractError({ code: 'conflict', message: 'This endpoint is syncing. Save again when it is done.' });
      }
      checkDefinition(catalog, def, id);
      const endpoint = catalog.endpoints.update(id, def);
      changed(id);
      return summarize(deps, endpoint);
    },
    'endpoints.remove': async ({ id }) => {
      endpointOr404(id);
      if (engine.cancel(id)) await engine.settled(id);
      catalog.endpoints.remove(id);
      changed(id);
      return { removed: true as const };
    },
    'endpoints.test': async ({ id }) => {
      const endpoint = endpointOr404(id);
      try {
        return await createConnector(endpoint).checkHealth();
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    'sync.start': async ({ endpointId, full }) => {
      const targets =
        endpointId !== undefined
          ? [endpointOr404(endpointId)]
          : catalog.endpoints.list().filter((e) => !e.paused && !engine.isRunning(e.id));
      const runIds = targets.map((e) => engine.start(e.id, { trigger: 'manual', full }).runId);
      if (runIds.length) changed(endpointId ?? null);
      return { runIds };
    },
    'sync.cancel': async ({ endpointId }) => ({ cancelled: engine.cancel(endpointId) }),
    'files.query': async (query) => catalog.files.query(query),
    'files.get': async ({ rowId }) => {
      const file = catalog.files.get(rowId) ?? notFound('file', rowId);
      return { file, history: catalog.files.history(rowId) };
    },
    'runs.list': async (options) => catalog.runs.list(options),
    'runs.changes': async ({ runId, limit, offset }) => catalog.runs.changes(runId, limit, offset),
    'logs.recent': async (options) => catalog.logs.recent(options),
    'catalog.stats': async () => catalog.stats(),
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
