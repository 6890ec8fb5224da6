/**
 * The sync engine: drives a connector's batches into the catalog, one
 * transaction per batch while the next batch is being fetched, and records the
 * run. A run that fails or is cut short never deletes anything it did not see:
 * only a complete snapshot sweeps, and the next run resumes from the last
 * written batch.
 */
import { setMaxListeners } from 'node:events';
import type { Endpoint, RunTrigger, SyncCounts, SyncProgress, SyncRun } from '../contract/model.js';
import { ContractError } from '../contract/wire.js';
import type { Catalog } from '../catalog/catalog.js';
import type { RunWriter } from '../catalog/runWriter.js';
import type { Connector, SyncBatch, SyncContext } from '../connectors/types.js';
import type { Logger } from '../logging/logger.js';

export interface SyncEngineDeps {
  catalog: Catalog;
  createConnector(endpoint: Endpoint): Connector;
  logger: Logger;
  onProgress(progress: SyncProgress): void;
  onFinished(run: SyncRun): void;
  /** Least time between two progress events of one run. */
  progressIntervalMs?: number;
}

export interface RunOptions {
  trigger: RunTrigger;
  /** Ignore incremental state and resume points: list everything. */
  full?: boolean;
}

interface ActiveRun {
  runId: number;
  controller: AbortController;
  done: Promise<SyncRun>;
  progress: SyncProgress;
}

/** Wall time per named phase: one phase at a time, plus time added by hand (writes overlap the listing). */
class PhaseClock {
  readonly totals: Record<string, number> = {};
  private current: { name: string; since: number } | null = null;

  /** Ends the current phase and starts `name`. */
  enter(name: string): void {
    this.stop();
    this.current = { name, since: performance.now() };
  }

  stop(): void {
    if (this.current) this.add(this.current.name, performance.now() - this.current.since);
    this.current = null;
  }

  add(name: string, ms: number): void {
    this.totals[name] = (this.totals[name] ?? 0) + ms;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SyncEngine {
  private readonly active = new Map<number, ActiveRun>();
  private stopping = false;

  constructor(private readonly deps: SyncEngineDeps) {}

  /** Starts a sync of one endpoint and returns at once; `done` settles with the finished run. */
  start(endpointId: number, options: RunOptions): { runId: number; done: Promise<SyncRun> } {
    const { catalog } = this.deps;
    if (this.stopping) throw new ContractError({ code: 'conflict', message: 'File Connector is shutting down.' });
    const endpoint = catalog.endpoints.get(endpointId);
    if (!endpoint) throw new ContractError({ code: 'not_found', message: `No endpoint with id ${endpointId}.` });
    if (this.active.has(endpointId)) {
      throw new ContractError({ code: 'conflict', message: `"${endpoint.name}" is already syncing.` });
    }
    const state = catalog.endpoints.syncState(endpointId);
    const full = options.full ?? false;
    const resuming = !full && state.pendingGeneration !== null;
    // A new generation is above any earlier one, so a full re-run re-sees everything.
    const generation = resuming
      ? state.pendingGeneration!
      : Math.max(state.generation, state.pendingGeneration ?? 0) + 1;
    // A run resuming an interrupted one carries on with its kind: a forced full listing stays a full one.
    const kind =
      (resuming && catalog.runs.kindOf(endpointId, generation)) ||
      (full || state.generation === 0 ? 'full' : 'incremental');
    const run = catalog.transaction(() => {
      catalog.endpoints.saveSyncState(endpointId, {
        cursor: full ? null : state.cursor,
        generation: state.generation,
        pendingGeneration: generation,
      });
      return catalog.runs.start(endpointId, options.trigger, kind, generation);
    });
    const controller = new AbortController();
    // Every request in flight or waiting for its turn listens to it: dozens at once is no leak. (A DOM test
    // environment's AbortSignal is no Node EventTarget and has no such limit to lift.)
    try {
      setMaxListeners(0, controller.signal);
    } catch {
      // Nothing to lift.
    }
    const progress: SyncProgress = {
      runId: run.id,
      endpointId,
      phase: 'listing',
      seen: 0,
      added: 0,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      moved: 0,
      requests: 0,
      elapsedMs: 0,
    };
    const active: ActiveRun = { runId: run.id, controller, progress, done: Promise.resolve(run) };
    this.active.set(endpointId, active);
    active.done = this.execute(endpoint, run, {
      cursor: full ? null : state.cursor,
      resuming,
      full,
      generation,
      controller,
      progress,
    }).finally(() => this.active.delete(endpointId));
    return { runId: run.id, done: active.done };
  }

  /** Runs a sync to its end. */
  run(endpointId: number, options: RunOptions): Promise<SyncRun> {
    return this.start(endpointId, options).done;
  }

  /** Asks a running sync to stop at its next safe point. */
  cancel(endpointId: number): boolean {
    const active = this.active.get(endpointId);
    if (!active) return false;
    active.controller.abort(new Error('Cancelled'));
    return true;
  }

  /** Resolves when the endpoint's running sync (if any) has finished. */
  async settled(endpointId: number): Promise<void> {
    await this.active.get(endpointId)?.done.catch(() => undefined);
  }

  isRunning(endpointId: number): boolean {
    return this.active.has(endpointId);
  }

  progress(endpointId: number): SyncProgress | null {
    const active = this.active.get(endpointId);
    return active ? { ...active.progress } : null;
  }

  /** Stops every running sync at a safe point and waits for them; no new runs start. */
  async stop(): Promise<void> {
    this.stopping = true;
    const runs = [...this.active.values()];
    for (const r of runs) r.controller.abort(new Error('File Connector is shutting down'));
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private async execute(
    endpoint: Endpoint,
    run: SyncRun,
    s: {
      cursor: string | null;
      resuming: boolean;
      full: boolean;
      generation: number;
      controller: AbortController;
      progress: SyncProgress;
    },
  ): Promise<SyncRun> {
    const { catalog, logger: rootLogger } = this.deps;
    const log = rootLogger.child({ endpointId: endpoint.id, runId: run.id });
    const started = Date.now();
    const counts: SyncCounts = { added: 0, updated: 0, deleted: 0, unchanged: 0, moved: 0 };
    const stats = { requests: 0, retries: 0, pacingWaitMs: 0, rateLimitWaitMs: 0, bytesReceived: 0, entriesSeen: 0 };
    const phases = new PhaseClock();
    const unreadable: string[] = [];
    let skipped = 0;
    let lastEmit = 0;
    const interval = this.deps.progressIntervalMs ?? 200;
    const emit = (force = false) => {
      const now = Date.now();
      if (!force && now - lastEmit < interval) return;
      lastEmit = now;
      Object.assign(s.progress, counts, { requests: stats.requests, elapsedMs: now - started });
      this.deps.onProgress({ ...s.progress });
    };
    const finish = (status: 'success' | 'partial' | 'failed' | 'cancelled', error: string | null) => {
      phases.stop();
      const finished = catalog.runs.finish(run.id, status, { ...counts, ...stats, phaseMs: phases.totals }, error);
      s.progress.phase = 'done';
      emit(true);
      const summary = { ...counts, requests: stats.requests, durationMs: finished.durationMs };
      if (status === 'failed') log.error(`Sync of "${endpoint.name}" failed: ${error}`, summary);
      else if (status === 'partial') log.warn(`Sync of "${endpoint.name}" finished with skipped entries`, summary);
      else log.info(`Sync of "${endpoint.name}" ${status === 'cancelled' ? 'was cancelled' : 'finished'}`, summary);
      // Let go of the run before telling anyone, so a listing made on `sync.finished` no longer says "syncing".
      this.active.delete(endpoint.id);
      this.deps.onFinished(finished);
      return finished;
    };

    log.info(`${s.resuming ? 'Resuming' : 'Starting'} ${run.kind} sync of "${endpoint.name}"`, {
      trigger: run.trigger,
    });
    emit(true);
    let batches: AsyncIterator<SyncBatch> | undefined;
    let writer: RunWriter | undefined;
    try {
      const connector = this.deps.createConnector(endpoint);
      const w = (writer = catalog.runWriter({ endpointId: endpoint.id, runId: run.id, generation: s.generation }));
      const ctx: SyncContext = {
        cursor: s.cursor,
        resuming: s.resuming,
        full: s.full,
        signal: s.controller.signal,
        log,
        countRequest: () => void stats.requests++,
        countRetry: () => void stats.retries++,
        countWait: (ms, cause) => {
          if (cause === 'pace') stats.pacingWaitMs += ms;
          else stats.rateLimitWaitMs += ms;
        },
        countBytes: (bytes) => void (stats.bytesReceived += bytes),
        phase: (name) => phases.enter(name),
        lookup: (sourceId) => w.lookup(sourceId),
        known: (sourceId) => w.known(sourceId),
        children: (parentId) => w.children(parentId),
      };
      phases.enter('listing');
      const plan = connector.sync(ctx);
      const iterator = plan.batches[Symbol.asyncIterator]();
      batches = iterator;
      let lastCursor = s.cursor;
      let next = iterator.next();
      for (;;) {
        const result = await next;
        if (result.done) break;
        s.controller.signal.throwIfAborted();
        // Fetch the next batch while this one is written.
        next = iterator.next();
        next.catch(() => undefined);
        const batch = result.value;
        stats.entriesSeen += batch.records.length;
        const writeStarted = performance.now();
        // Written on the catalog's write thread: this thread answers calls and parses the next batch meanwhile.
        const written = await w.write({
          records: batch.records,
          deletedIds: batch.deletedIds,
          cursor: batch.cursor,
          progress: { ...counts, ...stats },
        });
        for (const kind of ['added', 'updated', 'unchanged', 'moved', 'deleted'] as const) {
          counts[kind] += written.counts[kind];
        }
        if (batch.cursor !== undefined) lastCursor = batch.cursor;
        phases.add('writing', performance.now() - writeStarted);
        s.progress.seen += batch.records.length;
        if (batch.unreadablePaths?.length) unreadable.push(...batch.unreadablePaths);
        skipped += batch.skippedEntries ?? 0;
        emit();
      }
      s.controller.signal.throwIfAborted();

      s.progress.phase = 'sweeping';
      emit(true);
      phases.enter('sweeping');
      const ended = await w.end({
        sweep: plan.mode === 'snapshot' ? { keepPrefixes: unreadable } : null,
        syncState: { cursor: lastCursor, generation: s.generation, pendingGeneration: null },
      });
      counts.deleted += ended.deleted;
      counts.moved += ended.moved;
      counts.added -= ended.moved;
      const problems = [
        ...(unreadable.length ? [`${unreadable.length} folder(s) could not be read and were skipped`] : []),
        ...(skipped
          ? [`${skipped} entr${skipped === 1 ? 'y was' : 'ies were'} malformed and skipped (see the log)`]
          : []),
      ];
      if (problems.length) return finish('partial', problems.join('; '));
      return finish('success', null);
    } catch (error) {
      // Let the connector release what it holds (open directories, sockets).
      void batches?.return?.(undefined).catch(() => undefined);
      const cancelled = s.controller.signal.aborted;
      const message = cancelled ? errorMessage(s.controller.signal.reason) : errorMessage(error);
      return finish(cancelled ? 'cancelled' : 'failed', message);
    } finally {
      writer?.release();
    }
  }
}
