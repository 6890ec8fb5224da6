/** The catalog: one database file and its repositories. */
import path from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './database.js';
import { EndpointRepository } from './endpoints.js';
import { FileRepository } from './files.js';
import { LogRepository } from './logs.js';
import { applyRetention, catalogStats, type RetentionPolicy } from './maintenance.js';
import { RunRepository } from './runs.js';
import { FileWriter } from './fileWriter.js';

export class Catalog {
  readonly endpoints: EndpointRepository;
  readonly files: FileRepository;
  readonly runs: RunRepository;
  readonly logs: LogRepository;

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.endpoints = new EndpointRepository(db);
    this.files = new FileRepository(db);
    this.runs = new RunRepository(db);
    this.logs = new LogRepository(db);
  }

  /** Opens the catalog file, applying pending migrations. */
  static open(file: string, options: OpenOptions = {}): Catalog {
    return new Catalog(openDatabase(file, options), path.resolve(file));
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

  stats() {
    return catalogStats(this.db, this.path);
  }

  applyRetention(policy?: RetentionPolicy) {
    return applyRetention(this.db, policy);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
