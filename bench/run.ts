/**
 * `npm run bench [-- --quick] [-- --only drive-full,acc-full]`: runs the benchmark scenarios against fake services
 * with a latency and quota model, prints a table of figures side by side with their bounds or peers, and writes
 * bench/results/latest.json. Only ratios measured in one run mean anything on a shared, noisy machine.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tempDirs, type Scenario, type ScenarioContext } from './lib.js';
import { table, verdict, writeResults, type Figure } from './report.js';
import { accFull } from './scenarios/accFull.js';
import { accIncremental } from './scenarios/accIncremental.js';
import { catalogReads } from './scenarios/catalogReads.js';
import { catalogWrites } from './scenarios/catalogWrites.js';
import { driveFull } from './scenarios/driveFull.js';
import { driveIncremental } from './scenarios/driveIncremental.js';
import { memory } from './scenarios/memory.js';
import { responsiveness } from './scenarios/responsiveness.js';

/** In the priority order; a run goes through them in this order. */
const scenarios: Scenario[] = [
  driveFull,
  accFull,
  catalogWrites,
  catalogReads,
  driveIncremental,
  accIncremental,
  memory,
  responsiveness,
];

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

function usage(): string {
  return [
    'Usage: npm run bench [-- --quick] [-- --only NAME[,NAME...]] [-- --out FILE]',
    '',
    'Scenarios:',
    ...scenarios.map((s) => `  ${s.name.padEnd(20)} ${s.title}`),
  ].join('\n');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage()}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const only = args.only
    ? args.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name)) ?? [];
  if (unknown.length) {
    process.stderr.write(`Unknown scenario(s) in --only: ${unknown.join(', ')}\n\n${usage()}\n`);
    return 2;
  }
  const chosen = scenarios.filter((s) => !only || only.includes(s.name));
  const dirs = tempDirs();
  const cleanups: (() => Promise<void> | void)[] = [];
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const ctx: ScenarioContext = {
    quick: args.quick,
    tempDir: dirs.make,
    log: (message) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`),
    onCleanup: (fn) => cleanups.push(fn),
    shared: new Map(),
  };
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  let failed = 0;
  try {
    for (const scenario of chosen) {
      ctx.log(`== ${scenario.name}: ${scenario.title}`);
      const t0 = performance.now();
      try {
        const result = await scenario.run(ctx);
        figures.push(...result.figures);
        details[scenario.name] = { durationS: Math.round((performance.now() - t0) / 100) / 10, ...result.details };
      } catch (error) {
        failed++;
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        ctx.log(`${scenario.name} failed: ${message}`);
        details[scenario.name] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
  } finally {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    dirs.cleanup();
  }
  const out = args.out ? path.resolve(args.out) : RESULTS;
  writeResults(
    out,
    { quick: args.quick, only, durationMs: performance.now() - started, loadAtStart },
    figures,
    details,
  );
  process.stdout.write(`\n${table(figures)}\n\n`);
  for (const f of figures.filter((f) => f.note && verdict(f) === 'miss')) {
    process.stdout.write(`* ${f.scenario} / ${f.figure}: ${f.note}\n`);
  }
  process.stdout.write(`Figures written to ${path.relative(process.cwd(), out)}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
