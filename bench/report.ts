/** Benchmark figures: the printed table and the JSON file (bench/results/latest.json). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a figure must reach: `ratio` (or `value` when there is no reference) compared with `limit`. */
export interface Target {
  op: '>=' | '<=';
  limit: number;
}

/** One measured figure, side by side with its bound or peer. */
export interface Figure {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  /** The bound or peer measured or computed in the same run, if any. */
  reference?: { label: string; value: number };
  /** How the figure compares with the reference, oriented so that the target reads naturally. */
  ratio?: number;
  target?: Target;
  /** Why a figure is what it is, especially when it misses. */
  note?: string;
}

export type Verdict = 'pass' | 'miss' | 'info';

export function verdict(f: Figure): Verdict {
  if (!f.target) return 'info';
  const x = f.ratio ?? f.value;
  return (f.target.op === '>=' ? x >= f.target.limit : x <= f.target.limit) ? 'pass' : 'miss';
}

function num(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  return abs >= 100 ? x.toFixed(0) : abs >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** The figures as a fixed-width table. */
export function table(figures: Figure[]): string {
  const head = ['scenario', 'figure', 'value', 'bound or peer', 'ratio', 'target', 'result'];
  const rows = figures.map((f) => [
    f.scenario,
    f.figure,
    `${num(f.value)} ${f.unit}`.trim(),
    f.reference ? `${f.reference.label} ${num(f.reference.value)}` : '',
    f.ratio === undefined ? '' : num(f.ratio),
    f.target ? `${f.target.op} ${num(f.target.limit)}` : '',
    verdict(f),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(4));
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Writes the run's figures as JSON, numbers rounded so that the file diffs well. */
export function writeResults(
  file: string,
  run: { quick: boolean; only: string[] | null; durationMs: number; loadAtStart: number[] },
  figures: Figure[],
  details: Record<string, unknown>,
): void {
  const out = {
    generatedAt: new Date().toISOString(),
    commit: commit(),
    quick: run.quick,
    only: run.only,
    durationS: Math.round(run.durationMs / 1000),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      // The machine is shared: its load says how much the absolute times are stretched (ratios much less).
      loadAverage1m: { start: round(run.loadAtStart[0]!), end: round(os.loadavg()[0]!) },
    },
    figures: figures.map((f) => ({
      ...f,
      value: round(f.value),
      ...(f.reference ? { reference: { ...f.reference, value: round(f.reference.value) } } : {}),
      ...(f.ratio === undefined ? {} : { ratio: round(f.ratio) }),
      result: verdict(f),
    })),
    details,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
