/** The catalog: one database file and its repositories. */
import path from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './database.js';
import { EndpointRepository } from './endpoints.js';
import { FileRepository } from './files.js';
import { LogRepository } from './logs.js';
import { applyRetention, catalogStats, type RetentionPolicy } from './maintenance.js';
import { RunRepository } from './runs.js';
import { FileWriter } from './fileWriter.js';
import { InlineRunWriter, ThreadedRunWriter, type RunWriter } from './runWriter.js';
import type { RunKey } from './runWrites.js';
import { WriteThread } from './writeThread/client.js';

export interface CatalogOptions extends OpenOptions {
  /** Where the write thread's code is, when it is not next to the catalog's own (a bundled app). */
  writeThreadUrl?: URL;
}

export class Catalog {
  readonly endpoints: EndpointRepository;
  readonly files: FileRepository;
  readonly runs: RunRepository;
  readonly logs: LogRepository;

  /** Writes sync runs on a connection of its own; null for an in-memory catalog, which has only one. */
  private readonly writeThread: WriteThread | null;

  private constructor(
    readonly db: Db,
    readonly path: string,
    /** null for an in-memory database. */
    options: CatalogOptions | null,
  ) {
    this.writeThread = options
      ? new WriteThread({ file: path, nativeBinding: options.nativeBinding }, options.writeThreadUrl)
      : null;
    this.endpoints = new EndpointRepository(db);
    this.files = new FileRepository(db);
    this.runs = new RunRepository(db);
    this.logs = new LogRepository(db);
  }

  /** Opens the catalog file, applying pending migrations. */
  static open(file: string, options: CatalogOptions = {}): Catalog {
    return new Catalog(openDatabase(file, options), path.resolve(file), file === ':memory:' ? null : options);
  }

  /** Runs `fn` in one immediate transaction: all of it is written, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The writer of one run; the endpoint's totals follow it (see FileRepository.totals) until the run ends. */
  writer(endpointId: number, runId: number, generation: number): FileWriter {
    const writer = new FileWriter(this.db, endpointId, runId, generation);
    this.files.follow(endpointId, writer);
    return writer;
  }

  /**
   * The writer of one sync run: on the write thread (a file catalog), so that writing a batch never holds up
   * this thread. The endpoint's totals follow it until the run ends.
   */
  runWriter(key: RunKey): RunWriter {
    const writer = this.writeThread
      ? new ThreadedRunWriter(this.writeThread, this.db, key)
      : new InlineRunWriter(this.db, key);
    this.files.follow(key.endpointId, writer);
    return writer;
  }

  stats() {
    return catalogStats(this.db, this.path);
  }

  applyRetention(policy?: RetentionPolicy) {
    return applyRetention(this.db, policy);
  }

  /** Closes the catalog; the returned promise settles once the write thread has closed its connection too. */
  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return this.writeThread?.close() ?? Promise.resolve();
  }
}
