/** The `google_drive` connector: My Drive and shared drives, full listing then the Changes API. */
import type { Filters } from '../../contract/schemas.js';
import { serviceBreaker, type BreakerOptions, type RetryOptions } from '../../resilience/index.js';
import type { Connector, ConnectorLogger, HealthReport, SyncContext, SyncPlan } from '../types.js';
import { createAccessTokenSource, type AuthOptions } from './auth.js';
import { DRIVE_RETRY, DriveClient, drivePacing } from './client.js';
import { decodeCheckpoint } from './checkpoint.js';
import { decodeCursor, settingsFingerprint } from './cursor.js';
import { incremental } from './delta.js';
import { resolveDrives } from './drives.js';
import type { SyncEnv } from './env.js';
import { fullListing } from './full.js';
import { createKeep, fileFields } from './records.js';
import { listAgain, resumeListing } from './resume.js';
import type { GoogleDriveSettings } from './settings.js';
import { createDriveHooks } from './webhooks.js';

/** Google's Drive API root, unless `apiBaseUrl` says otherwise. */
export const DEFAULT_API_BASE_URL = 'https://www.googleapis.com/';
/**
 * Records per batch: the engine writes each batch in one transaction, which holds the event loop (about 0.1 ms a
 * record with the full-text index), so batches stay small enough for the window to answer within 50 ms.
 */
export const DEFAULT_BATCH_SIZE = 250;

/** Seams for tests and the desktop app; the command passes nothing. */
export interface GoogleDriveOptions extends AuthOptions {
  batchSize?: number;
  now?: () => number;
  /** Default one hour: idle incremental runs in between cost one request per drive and no drive listing. */
  driveListIntervalMs?: number;
  retry?: RetryOptions;
  /** The circuit breaker of the Drive API root (shared in the process; the first options given apply). */
  breaker?: BreakerOptions;
}

const quiet: ConnectorLogger = { debug() {}, info() {}, warn() {}, error() {} };

function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

/** Builds the connector for one Google Drive endpoint from its validated settings and filters. */
export function createGoogleDriveConnector(
  settings: GoogleDriveSettings,
  filters: Filters,
  options: GoogleDriveOptions = {},
): Connector {
  if (filters.ignore?.length) {
    throw new Error(
      'Ignore patterns (filters.ignore) are not supported for Google Drive endpoints: use extensions, mimeTypes or scope.folderIds.',
    );
  }
  const auth = createAccessTokenSource(settings.auth, options);
  const retry = { ...DRIVE_RETRY, ...options.retry };
  const apiBaseUrl = settings.apiBaseUrl ?? DEFAULT_API_BASE_URL;
  const breaker = serviceBreaker('Google Drive', apiBaseUrl, options.breaker);
  const makeClient = (
    signal: AbortSignal,
    log: ConnectorLogger,
    counters: Partial<Pick<SyncContext, 'countRequest' | 'countRetry' | 'countWait' | 'countBytes'>> = {},
  ) =>
    new DriveClient({
      apiBaseUrl,
      auth,
      pacing: drivePacing(settings.pacing),
      retry,
      timeoutMs: options.requestTimeoutMs,
      breaker,
      signal,
      log,
      countRequest: counters.countRequest ?? (() => {}),
      countRetry: counters.countRetry ?? (() => {}),
      countWait: counters.countWait,
      countBytes: counters.countBytes,
    });

  return {
    type: 'google_drive',
    hooks: createDriveHooks({ settings, makeClient, now: options.now }),

    sync(ctx: SyncContext): SyncPlan {
      const client = makeClient(ctx.signal, ctx.log, ctx);
      const env: SyncEnv = {
        client,
        settings,
        filters,
        keep: createKeep(filters),
        fields: fileFields(settings.includePermissions),
        scopeRoots: settings.scope.folderIds ? new Set(settings.scope.folderIds) : null,
        fingerprint: settingsFingerprint(settings, filters),
        batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
        now: options.now ?? Date.now,
        driveListIntervalMs: options.driveListIntervalMs ?? 60 * 60_000,
        log: ctx.log,
        ctx,
        skipped: 0,
      };
      const cursor = ctx.full ? null : decodeCursor(ctx.cursor);
      const plan: SyncPlan = { mode: cursor ? 'delta' : 'snapshot', batches: { [Symbol.asyncIterator]: () => run() } };
      async function* run() {
        ctx.phase?.('preparing');
        try {
          if (cursor) return yield* incremental(env, cursor, plan);
          // An interrupted full listing left a checkpoint: the run resuming it lists only what it had not finished.
          const checkpoint = ctx.resuming ? decodeCheckpoint(ctx.cursor, env.fingerprint, ctx.log) : null;
          if (checkpoint) return yield* resumeListing(env, checkpoint);
          if (ctx.cursor && !ctx.full && !ctx.resuming)
            ctx.log.warn('The saved sync position is not readable: listing everything again');
          const drives = await resolveDrives(client, settings.scope);
          if (ctx.resuming)
            return yield* listAgain(env, drives, 'the interrupted listing left no checkpoint to resume');
          yield* fullListing(env, drives);
        } finally {
          // The run's metrics count requests and retries; the time spent waiting for the pacing budget is logged.
          if (client.waitedMs > 0) ctx.log.info(`Pacing held Drive requests for ${client.waitedMs} ms in total`);
          if (client.heldMs > 0) ctx.log.info(`Drive's Retry-After held requests for ${client.heldMs} ms in total`);
          await client.close();
        }
      }
      return plan;
    },

    async checkHealth(): Promise<HealthReport> {
      const client = makeClient(AbortSignal.timeout(60_000), quiet);
      try {
        const about = await client.call('about.get', (api, o) =>
          api.about.get(
            { fields: 'user(displayName,emailAddress),storageQuota(limit,usage,usageInDrive,usageInDriveTrash)' },
            o,
          ),
        );
        const user = about.user ?? {};
        const quota = about.storageQuota ?? {};
        const usage = Number(quota.usage ?? 0);
        const limit = quota.limit ? Number(quota.limit) : null;
        const who = user.emailAddress
          ? `${user.displayName ?? user.emailAddress} <${user.emailAddress}>`
          : (user.displayName ?? 'an unnamed account');
        const space =
          limit === null
            ? `${formatBytes(usage)} used (no limit)`
            : `${formatBytes(usage)} of ${formatBytes(limit)} used`;
        return {
          ok: true,
          message: `Signed in as ${who}; ${space}`,
          details: {
            account: { name: user.displayName ?? null, email: user.emailAddress ?? null },
            storageQuota: {
              limit,
              usage,
              usageInDrive: quota.usageInDrive ? Number(quota.usageInDrive) : null,
              usageInDriveTrash: quota.usageInDriveTrash ? Number(quota.usageInDriveTrash) : null,
            },
            principal: auth.principal,
          },
          // The account's own storage, for an endpoint that includes My Drive: shared drives draw on their
          // organisation's pool, which Drive does not report.
          ...(settings.scope.myDrive
            ? {
                quota: {
                  kind: 'account' as const,
                  usedBytes: usage,
                  totalBytes: limit,
                  freeBytes: limit === null ? null : Math.max(0, limit - usage),
                },
              }
            : {}),
        };
      } catch (err) {
        return {
          ok: false,
          message: err instanceof Error ? err.message : String(err),
          details: { principal: auth.principal },
        };
      } finally {
        await client.close();
      }
    },
  };
}
