/**
 * Everything one sync run writes, as whole transactions: a batch (records, deletions, cursor and the run's
 * progress, all or nothing) and the end of the run (the sweep of a snapshot and the endpoint's new sync state).
 * The same code runs on the catalog's write thread (writeThread/) or, for an in-memory catalog, inline.
 */
import type { SyncCounts } from '../contract/model.js';
import type { FileRecord } from '../connectors/types.js';
import type { Db } from './database.js';
import { EndpointRepository, type SyncState } from './endpoints.js';
import { FileWriter, endpointTotals, type EndpointTotals } from './fileWriter.js';
import { RunRepository, type RunProgressUpdate } from './runs.js';

/** Which run a writer belongs to. */
export interface RunKey {
  endpointId: number;
  runId: number;
  generation: number;
}

export interface BatchWrite {
  records: FileRecord[];
  deletedIds?: string[];
  cursor?: string;
  /** The run's figures before this batch; the batch's own counts are added before they are saved. */
  progress: RunProgressUpdate;
}

export interface BatchWritten {
  counts: SyncCounts;
  /** How the run has changed the endpoint's live totals so far. */
  totalsChange: EndpointTotals;
}

export interface RunEnd {
  /** Delete what this generation did not see (a complete snapshot), except under these path prefixes. */
  sweep: { keepPrefixes: string[] } | null;
  syncState: SyncState;
}

export interface RunEnded {
  deleted: number;
  moved: number;
  totalsChange: EndpointTotals;
}

/** The writes of one run on one connection. */
export class RunWrites {
  private readonly files: FileWriter;
  private readonly runs: RunRepository;
  private readonly endpoints: EndpointRepository;

  constructor(
    private readonly db: Db,
    readonly key: RunKey,
  ) {
    this.files = new FileWriter(db, key.endpointId, key.runId, key.generation);
    this.runs = new RunRepository(db);
    this.endpoints = new EndpointRepository(db);
  }

  /** The endpoint's live totals before this run changed anything (read before the first batch). */
  totalsBefore(): EndpointTotals {
    return endpointTotals(this.db, this.key.endpointId);
  }

  /** Writes one batch in one transaction. */
  batch(write: BatchWrite): BatchWritten {
    return this.db
      .transaction(() => {
        const counts = { ...this.files.upsert(write.records), deleted: 0 };
        if (write.deletedIds?.length) counts.deleted = this.files.deleteBySourceId(write.deletedIds);
        if (write.cursor !== undefined) this.endpoints.saveCursor(this.key.endpointId, write.cursor);
        const p = write.progress;
        this.runs.saveProgress(this.key.runId, {
          ...p,
          added: p.added + counts.added,
          updated: p.updated + counts.updated,
          deleted: p.deleted + counts.deleted,
          unchanged: p.unchanged + counts.unchanged,
          moved: p.moved + counts.moved,
        });
        return { counts, totalsChange: { ...this.files.totalsChange } };
      })
      .immediate();
  }

  /** Ends the run's writes in one transaction: the sweep (if any), then the endpoint's sync state. */
  end(end: RunEnd): RunEnded {
    return this.db
      .transaction(() => {
        const swept = end.sweep ? this.files.sweep(end.sweep.keepPrefixes) : { deleted: 0, moved: 0 };
        this.endpoints.saveSyncState(this.key.endpointId, end.syncState);
        return { ...swept, totalsChange: { ...this.files.totalsChange } };
      })
      .immediate();
  }
}
