/** The `autodesk_acc` connector: files of Autodesk Construction Cloud / BIM 360 projects, with versions. */
import { setMaxListeners } from 'node:events';
import type { BrowseResult, FileVersion } from '../../contract/model.js';
import type { Filters } from '../../contract/schemas.js';
import {
  createResilientCaller,
  serviceBreaker,
  type BreakerOptions,
  type RateLimit,
  type ResilienceHooks,
  type RetryOptions,
} from '../../resilience/index.js';
import type { Connector, FileRecord, HealthReport, SyncBatch, SyncContext, SyncPlan } from '../types.js';
import { ClientCredentialsSource, PkceRefreshSource, type AuthDeps, type TokenSource } from './auth.js';
import { ApsClient } from './client.js';
import { Crawler } from './crawl.js';
import { decodeCursor, encodeCursor, settingsFingerprint } from './cursor.js';
import { listHubsWithProjects, projectMatches } from './hubs.js';
import { RecordQueue } from './queue.js';
import { rateLimitsOf, type AccFamily, type AutodeskAccSettings } from './settings.js';
import { FileTokenStore, type TokenStore } from './tokenStore.js';
import { listVersions } from './versions.js';
import { createAccHooks } from './webhooks.js';

/**
 * Scopes of the app-credentials token that manages hooks: Autodesk's reference names data:write, its
 * tutorial data:create, so both are asked for (only for this token; syncing reads with data:read).
 */
const HOOKS_SCOPE = 'data:read data:write data:create';

/** Records per batch: the engine writes each batch in one transaction. */
export const DEFAULT_BATCH_SIZE = 500;

/** Seams for tests and the desktop app; the command passes nothing. */
export interface AutodeskAccOptions {
  batchSize?: number;
  retry?: RetryOptions;
  /** Pacing details applied to every family (the per-minute numbers come from the settings). */
  pacing?: Omit<RateLimit, 'perMinute'>;
  /** Where client secrets and `tokenEnv` are read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The app's store of the PKCE refresh token (OS-encrypted), used when the settings name no `tokenFile`. */
  tokenStore?: TokenStore;
  /** The client secret kept by the app (OS-encrypted), used when the settings name no `clientSecretEnv`. */
  loadClientSecret?: () => Promise<string | null>;
  /** Longest one request may take once sent before it is retried as a dropped connection; default 60 s. */
  requestTimeoutMs?: number;
  /** The circuit breaker of the APS host (shared in the process; the first options given apply). */
  breaker?: BreakerOptions;
}

type Family = AccFamily;

/** Builds the connector for one endpoint from its validated settings and filters. */
export function createAutodeskAccConnector(
  settings: AutodeskAccSettings,
  filters: Filters,
  options: AutodeskAccOptions = {},
): Connector {
  const env = options.env ?? process.env;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const fingerprint = settingsFingerprint(settings, filters);
  const breaker = serviceBreaker('Autodesk', new URL(settings.apiBaseUrl).origin, options.breaker);

  const connect = (hooks: ResilienceHooks<Family>, signal?: AbortSignal, scope?: string) => {
    const limits = rateLimitsOf(settings);
    const caller = createResilientCaller<Family>(
      Object.fromEntries(
        Object.entries(limits).map(([family, perMinute]) => [family, { ...options.pacing, perMinute }]),
      ) as Record<Family, RateLimit>,
      options.retry,
      hooks,
      { service: 'Autodesk', timeoutMs: options.requestTimeoutMs, breaker },
    );
    const tokens = tokenSource(
      settings,
      { caller, env, tokenStore: options.tokenStore, loadClientSecret: options.loadClientSecret },
      scope,
    );
    const userId = settings.auth.type === 'client_credentials' ? settings.auth.userId : undefined;
    const client = new ApsClient({ baseUrl: settings.apiBaseUrl, tokens, caller, userId, signal });
    return { client, caller };
  };

  return {
    type: 'autodesk_acc',
    hooks: createAccHooks({
      settings,
      connect: () => connect({}, AbortSignal.timeout(60 * 60_000), HOOKS_SCOPE).client,
    }),

    sync(ctx: SyncContext): SyncPlan {
      const saved = decodeCursor(ctx.cursor);
      // An interrupted snapshot left a checkpoint: the run resuming it is still a snapshot, but skips the
      // subtrees already written (same generation, so the sweep keeps them).
      const checkpoint = ctx.resuming && saved?.partial && saved.fingerprint === fingerprint ? saved : null;
      const previous = saved?.partial ? null : saved;
      // A first run, changed settings or a forced full sync list everything and sweep; otherwise unchanged
      // subtrees are skipped and what vanished is deleted explicitly.
      const snapshot = ctx.full || !previous || previous.fingerprint !== fingerprint;
      const plan: SyncPlan = { mode: snapshot ? 'snapshot' : 'delta', batches: run() };
      async function* run(): AsyncGenerator<SyncBatch> {
        const controller = new AbortController();
        // Every request in flight or waiting for its turn listens to it: dozens at once is no leak. (A DOM test
        // environment's AbortSignal is no Node EventTarget and has no such limit to lift.)
        try {
          setMaxListeners(0, controller.signal);
        } catch {
          // Nothing to lift.
        }
        const onAbort = () => controller.abort(ctx.signal.reason);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        const { client, caller } = connect(
          {
            onRequest: () => ctx.countRequest(),
            onWait: (_family, ms, cause) => ctx.countWait(ms, cause === 'pace' ? 'pace' : 'rateLimit'),
            onBytes: (_family, bytes) => ctx.countBytes?.(bytes),
            onRetry: (family, info) => {
              ctx.countRetry();
              ctx.log.debug(`Retrying an Autodesk ${family} request in ${Math.round(info.delayMs)} ms`, {
                attempt: info.attempt,
                reason: info.error.message,
              });
            },
          },
          controller.signal,
        );
        // A snapshot checkpoints the subtrees it has written in full; a delta does not (the previous cursor
        // stays valid for whatever it does not finish).
        const queue = new RecordQueue<{ folderId: string; rollup: number }>();
        const written = new Map(Object.entries(checkpoint?.rollups ?? {}));
        if (checkpoint) ctx.log.info(`Resuming the listing: ${written.size} folder(s) were listed in full already`);
        const crawler = new Crawler({
          client,
          ctx,
          settings,
          filters,
          skipUnchanged: !snapshot || checkpoint !== null,
          previousProjects: previous?.projects ?? [],
          previousRollups: checkpoint ? new Map(written) : new Map(Object.entries(previous?.rollups ?? {})),
          emit: (records) => queue.push(records),
          completed: snapshot ? (folderId, rollup) => queue.mark({ folderId, rollup }) : undefined,
        });
        ctx.phase?.('listing');
        const done = crawler.run();
        done.then(
          () => queue.close(),
          (error: unknown) => queue.fail(error),
        );
        try {
          for (let records = await queue.take(batchSize); records; records = await queue.take(batchSize)) {
            const passed = queue.passed();
            for (const { folderId, rollup } of passed) written.set(folderId, rollup);
            const cursor = passed.length
              ? encodeCursor({ v: 1, fingerprint, projects: [], rollups: Object.fromEntries(written), partial: true })
              : undefined;
            yield { records, ...(cursor ? { cursor } : {}) };
          }
          const result = await done;
          const deletedIds = crawler.deletions();
          ctx.log.info('Autodesk crawl finished', {
            deleted: deletedIds.length,
            waitedForRateLimitsMs: Math.round(caller.waited.pace + caller.waited.retryAfter),
            waitedForRetryAfterMs: Math.round(caller.waited.retryAfter),
          });
          yield {
            records: [],
            deletedIds,
            unreadablePaths: result.unreadablePaths,
            skippedEntries: crawler.skipped,
            cursor: encodeCursor({
              v: 1,
              fingerprint,
              projects: result.projects,
              rollups: Object.fromEntries(result.rollups),
            }),
          };
        } finally {
          controller.abort(new Error('The sync stopped'));
          ctx.signal.removeEventListener('abort', onAbort);
          await done.catch(() => undefined);
        }
      }
      return plan;
    },

    async checkHealth(): Promise<HealthReport> {
      try {
        const { client } = connect({});
        const hubs = await listHubsWithProjects(client, settings.auth.clientId, settings.scope.hubId);
        const projectCount = hubs.reduce((n, h) => n + h.projects.length, 0);
        const names = hubs.flatMap((h) => h.projects.map((p) => p.name));
        const message =
          hubs.length === 0
            ? 'Signed in, but no hub is visible with these credentials.'
            : `Signed in: ${hubs.length} hub(s) and ${projectCount} project(s) visible` +
              (names.length ? `: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}` : '');
        return { ok: hubs.length > 0, message, details: { hubs } };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },

    async browse(): Promise<BrowseResult> {
      // Every hub, whatever `scope.hubId` says: the picker is where the scope gets chosen.
      const { client } = connect({});
      const hubs = await listHubsWithProjects(client, settings.auth.clientId);
      return {
        hubs: hubs.map((hub) => ({
          ...hub,
          projects: hub.projects.map((p) => ({
            ...p,
            selected: settings.scope.projects.some((entry) => projectMatches(entry, p)),
          })),
        })),
      };
    },

    async versions(file: FileRecord): Promise<FileVersion[]> {
      const projectId = file.extras?.projectId;
      if (file.isFolder || typeof projectId !== 'string') {
        throw new Error(`"${file.name}" is not a file of an Autodesk project, so it has no versions.`);
      }
      const { client, caller } = connect({});
      try {
        return await listVersions(client, projectId, file.sourceId);
      } finally {
        await caller.close();
      }
    },
  };
}

/** The token source for the configured sign-in; `scope` widens app-credential tokens (a sign-in keeps its own). */
function tokenSource(settings: AutodeskAccSettings, deps: AuthDeps, scope?: string): TokenSource {
  const auth = settings.auth;
  if (auth.type === 'client_credentials') return new ClientCredentialsSource({ ...settings, auth }, deps, scope);
  // A token file is the explicit headless choice; otherwise the app's own store.
  const store = auth.tokenFile
    ? new FileTokenStore(auth.tokenFile, auth.tokenEnv ? deps.env[auth.tokenEnv] : undefined)
    : (deps.tokenStore ?? null);
  if (!store) {
    throw new Error(
      'Autodesk sign-in (auth.type: pkce) needs a place for its refresh token: sign in from the desktop app, or set auth.tokenFile for headless use.',
    );
  }
  return new PkceRefreshSource({ ...settings, auth }, store, deps.caller);
}
