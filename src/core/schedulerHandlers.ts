/** Contract requests about automatic syncing: pausing endpoints or everything, and the global limit. */
import type { Handlers } from '../contract/contract.js';
import type { Endpoint, EndpointSummary, SchedulerStatus } from '../contract/model.js';
import type { EndpointDefinition } from '../contract/schemas.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Scheduler } from '../scheduler/scheduler.js';

type SchedulerRequests =
  | 'endpoints.pause'
  | 'endpoints.resume'
  | 'scheduler.status'
  | 'scheduler.pauseAll'
  | 'scheduler.resumeAll'
  | 'scheduler.configure';

export interface SchedulerHandlerDeps {
  catalog: Catalog;
  scheduler: Scheduler | null;
  endpointOr404(id: number): Endpoint;
  summarize(endpoint: Endpoint): Promise<EndpointSummary>;
  changed(endpointId: number | null): void;
}

/** The stored definition of an endpoint, to write back with one change. */
function definitionOf(endpoint: Endpoint): EndpointDefinition {
  const { name, type, settings, filters, schedule, paused } = endpoint;
  return { name, type, settings, filters, schedule, paused } as EndpointDefinition;
}

export function createSchedulerHandlers(deps: SchedulerHandlerDeps): Pick<Handlers, SchedulerRequests> {
  const { catalog } = deps;
  const status = (): SchedulerStatus =>
    deps.scheduler
      ? {
          pausedAll: deps.scheduler.pausedAll,
          maxConcurrentSyncs: deps.scheduler.limit,
          running: deps.scheduler.running,
          queued: deps.scheduler.queue,
          active: deps.scheduler.isStarted,
        }
      : { pausedAll: false, maxConcurrentSyncs: 0, running: 0, queued: [], active: false };
  const scheduler = (): Scheduler => {
    if (deps.scheduler) return deps.scheduler;
    throw new ContractError({
      code: 'unsupported',
      message: 'This File Connector only reads the catalog; the desktop app or `file-connector serve` schedules syncs.',
    });
  };
  const setPaused = async (id: number, paused: boolean) => {
    const endpoint = deps.endpointOr404(id);
    const updated =
      endpoint.paused === paused ? endpoint : catalog.endpoints.update(id, { ...definitionOf(endpoint), paused });
    deps.scheduler?.reload(id);
    deps.changed(id);
    return await deps.summarize(updated);
  };

  return {
    'endpoints.pause': ({ id }) => setPaused(id, true),
    'endpoints.resume': ({ id }) => setPaused(id, false),
    'scheduler.status': async () => status(),
    'scheduler.pauseAll': async () => {
      scheduler().pauseAll();
      return status();
    },
    'scheduler.resumeAll': async () => {
      scheduler().resumeAll();
      return status();
    },
    'scheduler.configure': async ({ maxConcurrentSyncs }) => {
      scheduler().setMaxConcurrentSyncs(maxConcurrentSyncs);
      return status();
    },
  };
}
