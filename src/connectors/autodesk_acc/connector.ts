/** The `autodesk_acc` connector: files of Autodesk Construction Cloud / BIM 360 projects, with versions. */
import type { BrowseResult } from '../../contract/model.js';
import type { Filters } from '../../contract/schemas.js';
import {
  createResilientCaller,
  type RateLimit,
  type ResilienceHooks,
  type RetryOptions,
} from '../../resilience/index.js';
import type { Connector, HealthReport, SyncBatch, SyncContext, SyncPlan } from '../types.js';
import { ClientCredentialsSource, PkceRefreshSource, type AuthDeps, type TokenSource } from './auth.js';
import { ApsClient } from './client.js';
import { Crawler } from './crawl.js';
import { decodeCursor, encodeCursor, settingsFingerprint } from './cursor.js';
import { listHubsWithProjects, projectMatches } from './hubs.js';
import { RecordQueue } from './queue.js';
import { rateLimitsOf, type AccFamily, type AutodeskAccSettings } from './settings.js';
import { FileTokenStore, type TokenStore } from './tokenStore.js';

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

  const connect = (hooks: ResilienceHooks<Family>, signal?: AbortSignal) => {
    const limits = rateLimitsOf(settings);
    const caller = createResilientCaller<Family>(
      Object.fromEntries(
        Object.entries(limits).map(([family, perMinute]) => [family, { ...options.pacing, perMinute }]),
      ) as Record<Family, RateLimit>,
      options.retry,
      hooks,
    );
    const tokens = tokenSource(settings, {
      caller,
      env,
      tokenStore: options.tokenStore,
      loadClientSecret: options.loadClientSecret,
    });
    const userId = settings.auth.type === 'client_credentials' ? settings.auth.userId : undefined;
    const client = new ApsClient({ baseUrl: settings.apiBaseUrl, tokens, caller, userId, signal });
    return { client, caller };
  };

  return {
    type: 'autodesk_acc',

    sync(ctx: SyncContext): SyncPlan {
      const previous = decodeCursor(ctx.cursor);
      // A first run, changed settings or a forced full sync (also when resumed: the cursor is then still the
      // old one, or none) list everything and sweep; otherwise unchanged subtrees are skipped and what vanished
      // is deleted explicitly.
      const snapshot = ctx.full || !previous || previous.fingerprint !== fingerprint;
      const plan: SyncPlan = { mode: snapshot ? 'snapshot' : 'delta', batches: run() };
      async function* run(): AsyncGenerator<SyncBatch> {
        const controller = new AbortController();
        const onAbort = () => controller.abort(ctx.signal.reason);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        const { client, caller } = connect(
          {
            onRequest: () => ctx.countRequest(),
            onWait: (_family, ms, cause) => ctx.countWait(ms, cause === 'pace' ? 'pace' : 'rateLimit'),
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
        const queue = new RecordQueue();
        const crawler = new Crawler({
          client,
          ctx,
          settings,
          filters,
          skipUnchanged: !snapshot,
          previousProjects: previous?.projects ?? [],
          previousRollups: new Map(Object.entries(previous?.rollups ?? {})),
          emit: (records) => queue.push(records),
        });
        const done = crawler.run();
        done.then(
          () => queue.close(),
          (error: unknown) => queue.fail(error),
        );
        try {
          for (let records = await queue.take(batchSize); records; records = await queue.take(batchSize)) {
            // No cursor until the end: the previous one stays valid for whatever this run does not finish.
            yield { records };
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
  };
}

/** The token source for the configured sign-in. */
function tokenSource(settings: AutodeskAccSettings, deps: AuthDeps): TokenSource {
  const auth = settings.auth;
  if (auth.type === 'client_credentials') return new ClientCredentialsSource({ ...settings, auth }, deps);
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
