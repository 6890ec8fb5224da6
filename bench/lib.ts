/** What the benchmark's scenarios share: their context, timing, percentiles, cores on temporary data folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Catalog } from '../src/catalog/catalog.js';
import type { EndpointSummary } from '../src/contract/model.js';
import { openCore, type Core } from '../src/core/core.js';
import type { Figure } from './report.js';

/** What a scenario gets from the runner. */
export interface ScenarioContext {
  /** A tenth of the size (the `--quick` run). */
  quick: boolean;
  /** A fresh folder, removed after the run. */
  tempDir(prefix: string): string;
  /** Progress lines (stderr; the table goes to stdout). */
  log(message: string): void;
  /** Runs at the end of the whole benchmark, last registered first. */
  onCleanup(fn: () => Promise<void> | void): void;
  /** State that later scenarios may reuse (e.g. a synced Drive catalog), keyed by name. */
  shared: Map<string, unknown>;
}

export interface ScenarioResult {
  figures: Figure[];
  details: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  /** What it measures, one line. */
  title: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}

/** The `p`-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Milliseconds `fn` took, and its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A core (catalog, engine, contract handlers) on a new data folder, closed at the end of the benchmark. */
export async function benchCore(ctx: ScenarioContext, prefix: string): Promise<Core> {
  const core = await openCore({ dataDir: ctx.tempDir(prefix), host: 'browser', logLevel: 'warn' });
  ctx.onCleanup(() => core.close());
  return core;
}

/** Runs a contract request and returns its result, or throws its error. */
export async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const answer = await core.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.result as T;
}

/** Creates an endpoint through the contract, as the UI would. */
export function createEndpoint(core: Core, input: Record<string, unknown>): Promise<EndpointSummary> {
  return call<EndpointSummary>(core, 'endpoints.create', { schedule: { type: 'manual' }, filters: {}, ...input });
}

/** The same digest as the fake's: sorted `source_id\tpath` lines of the endpoint's live entries. */
export function catalogDigest(catalog: Catalog, endpointId: number): { digest: string; entries: number } {
  const rows = catalog.db
    .prepare('SELECT source_id, path FROM files WHERE endpoint_id = ? AND deleted_at IS NULL')
    .all(endpointId) as { source_id: string; path: string }[];
  const lines = rows.map((r) => `${r.source_id}\t${r.path}`).sort();
  return { digest: createHash('sha256').update(lines.join('\n')).digest('hex'), entries: rows.length };
}

/** A temporary-folder factory whose folders are removed by `cleanup`. */
export function tempDirs(): { make(prefix: string): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make(prefix) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Seconds, for figures. */
export const seconds = (ms: number) => ms / 1000;
