/**
 * `config.export` and `config.import`: the endpoints as the configuration file the CLI reads, both ways. An import
 * goes through the same loader and the same apply step as `sync --config`, and is applied whole or not at all.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Handlers } from '../contract/contract.js';
import type { ConfigImportResult } from '../contract/model.js';
import type { EndpointDefinition } from '../contract/schemas.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import { ConfigError, parseConfig, type ConfigIssue } from '../config/load.js';
import { configFileText, keepStoredSecrets } from '../config/portable.js';
import { locate } from '../config/positions.js';
import type { Logger } from '../logging/logger.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { cronProblem } from '../scheduler/timing.js';
import type { SyncEngine } from '../sync/engine.js';
import { applyConfig } from './applyConfig.js';

export interface ConfigHandlerDeps {
  catalog: Catalog;
  engine: SyncEngine;
  scheduler: Scheduler | null;
  logger?: Logger;
  changed(endpointId: number | null): void;
}

/** Thrown inside a preview's transaction so that nothing it did is kept. */
const rollBack = Symbol('roll back the preview');

/** `3:16 endpoints[0].schedule.minutes`, or just the path when the position is unknown. */
function issuePath(issue: Pick<ConfigIssue, 'line' | 'column' | 'path'>): string {
  if (issue.line === null) return issue.path;
  return `${issue.line}${issue.column === null ? '' : `:${issue.column}`} ${issue.path}`;
}

function invalidFile(issues: Pick<ConfigIssue, 'line' | 'column' | 'path' | 'message'>[]): ContractError {
  const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
  return new ContractError({
    code: 'invalid_request',
    message: `The file has ${count}; nothing was imported. Fix ${issues.length === 1 ? 'it' : 'them'} and import it again.`,
    issues: issues.map((issue) => ({ path: issuePath(issue), message: issue.message })),
  });
}

/** Cron expressions the schema accepts by shape but the scheduler cannot run, found where they are written. */
function cronIssues(text: string, endpoints: EndpointDefinition[]): ConfigIssue[] {
  const problems = endpoints.flatMap((endpoint, index) => {
    if (endpoint.schedule.type !== 'cron') return [];
    const problem = cronProblem(endpoint.schedule.expression, endpoint.schedule.timezone);
    return problem ? [{ index, problem }] : [];
  });
  if (problems.length === 0) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return problems.map(({ index, problem }) => {
    const path = ['endpoints', index, 'schedule', 'expression'];
    return {
      file: '',
      path: `endpoints[${index}].schedule.expression`,
      ...locate(doc, lineCounter, path),
      message: problem,
    };
  });
}

export function createConfigHandlers(deps: ConfigHandlerDeps): Pick<Handlers, 'config.export' | 'config.import'> {
  const { catalog, engine } = deps;

  /** What applying `endpoints` changes; inside `catalog.transaction` it is also done. */
  const apply = (endpoints: EndpointDefinition[]): ConfigImportResult =>
    applyConfig(
      catalog,
      endpoints.map((endpoint) => {
        const stored = catalog.endpoints.findByName(endpoint.name);
        return stored ? keepStoredSecrets(endpoint, stored) : endpoint;
      }),
    );

  /** What `apply` would do, computed by doing it and rolling it back, so the preview cannot differ from the import. */
  const preview = (endpoints: EndpointDefinition[]): ConfigImportResult => {
    let result: ConfigImportResult | undefined;
    try {
      catalog.transaction(() => {
        result = apply(endpoints);
        throw rollBack;
      });
    } catch (error) {
      if (error !== rollBack) throw error;
    }
    return result!;
  };

  return {
    'config.export': async () => ({ yaml: configFileText(catalog.endpoints.list()) }),

    'config.import': async ({ text, format, dryRun }) => {
      let endpoints: EndpointDefinition[];
      try {
        // A file chosen in the window is imported as written: environment overrides are for servers started with it.
        endpoints = parseConfig(text, `import.${format}`, {}).endpoints;
      } catch (error) {
        if (error instanceof ConfigError) throw invalidFile(error.issues);
        throw error;
      }
      const badCron = cronIssues(text, endpoints);
      if (badCron.length > 0) throw invalidFile(badCron);

      const planned = preview(endpoints);
      if (dryRun) return planned;
      const busy = planned.updated.filter((name) => {
        const stored = catalog.endpoints.findByName(name);
        return stored !== undefined && engine.isRunning(stored.id);
      });
      if (busy.length > 0) {
        throw new ContractError({
          code: 'conflict',
          message: `${busy.map((name) => `"${name}"`).join(', ')} ${busy.length === 1 ? 'is' : 'are'} syncing; nothing was imported. Import again when the sync is done.`,
        });
      }
      const result = apply(endpoints);
      deps.scheduler?.reload(null);
      deps.changed(null);
      deps.logger?.info(
        `Imported a configuration file: ${result.created.length} endpoint(s) created, ${result.updated.length} updated, ${result.unchanged.length} unchanged`,
        { created: result.created, updated: result.updated },
      );
      return result;
    },
  };
}
