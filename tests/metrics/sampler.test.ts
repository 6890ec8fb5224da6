/** The metrics sampler against a real catalog file: what one round records, when it counts, how it stops and rolls up. */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { metricNames, type MetricName, type MetricsSample } from '../../src/contract/metrics.js';
import { MetricsRepository } from '../../src/metrics/repository.js';
import { countLiveFiles, MetricsSampler, type MetricsSamplerOptions } from '../../src/metrics/sampler.js';
import { byteServer, nodeRequest } from '../helpers/byteServer.js';
import { fileRecord, folderRecord } from '../helpers/records.js';
import { tempDir } from '../helpers/tempDir.js';

const open: { catalog: Catalog; sampler: MetricsSampler }[] = [];
afterEach(async () => {
  for (const { catalog, sampler } of open.splice(0)) {
    await sampler.stop();
    catalog.close();
  }
});

/** A catalog with one endpoint holding two live files, a folder and a deleted file, plus a log folder. */
function setup(options: Partial<MetricsSamplerOptions> = {}) {
  const dataDir = tempDir('fc-metrics-');
  const catalog = Catalog.open(path.join(dataDir, 'catalog.db'));
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir);
  fs.writeFileSync(path.join(logDir, 'file-connector.1.log'), 'x'.repeat(12_345));
  const endpoint = catalog.endpoints.create({
    name: 'Tower A',
    type: 'local_folder',
    settings: { path: '/data/tower-a', recursive: true, followSymlinks: false },
    filters: {},
    schedule: { type: 'manual' },
    paused: false,
  });
  const run = catalog.runs.start(endpoint.id, 'manual', 'full', 1);
  catalog.transaction(() => {
    const writer = catalog.writer(endpoint.id, run.id, 1);
    writer.upsert([folderRecord('Plans'), fileRecord('Plans/A-101.pdf'), fileRecord('Plans/A-102.pdf')]);
    writer.upsert([fileRecord('Plans/old.pdf')]);
    writer.deleteBySourceId(['Plans/old.pdf']);
  });
  const samples: MetricsSample[] = [];
  const errors: string[] = [];
  const repository = new MetricsRepository(catalog.db);
  const sampler = new MetricsSampler({
    repository,
    countFiles: () => countLiveFiles(catalog.db),
    databasePath: catalog.path,
    logDir,
    onSampled: (sample) => samples.push(sample),
    onError: (message) => errors.push(message),
    intervalMs: 60_000,
    ...options,
  });
  open.push({ catalog, sampler });
  const stored = () =>
    catalog.db.prepare('SELECT at, name, value FROM metric_samples ORDER BY id').all() as {
      at: string;
      name: MetricName;
      value: number;
    }[];
  return { catalog, sampler, samples, errors, repository, stored, endpoint, logDir };
}

function busy(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // burn CPU on the event loop
  }
}

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

describe('metrics sampler', () => {
  it('records one row per metric in one round and announces the same values', async () => {
    const { catalog, sampler, samples, stored, logDir } = setup();
    sampler.start();

    const sample = await sampler.sample();

    expect(sample).not.toBeNull();
    expect(samples).toEqual([sample]);
    const rows = stored();
    expect(rows.map((r) => r.name).sort()).toEqual([...metricNames].sort());
    expect(new Set(rows.map((r) => r.at))).toEqual(new Set([sample!.at]));
    for (const row of rows) expect(row.value).toBe(sample!.values[row.name]);

    const v = sample!.values;
    expect(v['catalog.files']).toBe(2); // not the folder, not the deleted file
    expect(v['process.rss']).toBeGreaterThan(v['process.heapUsed']);
    expect(v['process.heapUsed']).toBeGreaterThan(1_000_000);
    expect(v['process.cpu']).toBeGreaterThanOrEqual(0);
    const db = catalog.path;
    const onDisk =
      sizeOf(db) + sizeOf(`${db}-wal`) + sizeOf(`${db}-shm`) + sizeOf(path.join(logDir, 'file-connector.1.log'));
    // The round's own insert may have grown the WAL after the sizes were read.
    expect(v['disk.dataFolder']).toBeGreaterThanOrEqual(12_345 + sizeOf(db));
    expect(v['disk.dataFolder']).toBeLessThanOrEqual(onDisk);
  });

  it('sees a blocked event loop in the delay percentiles and the worst delay', async () => {
    const { sampler } = setup();
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    busy(400);
    await new Promise((resolve) => setTimeout(resolve, 60));

    const { values } = (await sampler.sample())!;

    expect(values['eventLoop.max']).toBeGreaterThanOrEqual(350);
    expect(values['eventLoop.p99']).toBeGreaterThanOrEqual(values['eventLoop.p50']);
    // The histogram starts afresh each round: a quiet interval shows no such delay.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await sampler.sample())!.values['eventLoop.max']).toBeLessThan(250);
  });

  it('reports CPU time spent between rounds as a percentage of one core', async () => {
    const { sampler } = setup();
    sampler.start();
    await sampler.sample();
    const from = performance.now();
    // CPU time, not wall time: on a busy machine the loop may wait for a core.
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user < 250_000) {
      // burn CPU on the event loop
    }

    const used = process.cpuUsage(start);
    const { values } = (await sampler.sample())!;

    // The percentage, over the time between the rounds, gives back the CPU time the process spent.
    const wallMs = performance.now() - from;
    const usedMs = (used.user + used.system) / 1000;
    const impliedCpuMs = (values['process.cpu'] / 100) * wallMs;
    expect(impliedCpuMs).toBeGreaterThan(usedMs * 0.8);
    expect(impliedCpuMs).toBeLessThan(usedMs * 1.25 + 50);
  });

  it("reports the bytes per second the app's outgoing connections received and sent between rounds", async () => {
    const server = await byteServer();
    const { sampler } = setup();
    sampler.start();
    const a = performance.now();
    await sampler.sample();
    const b = performance.now();

    // fetch (undici, as the Autodesk client) and node:http (as node-fetch behind googleapis), on real sockets.
    const fetched = await fetch(`${server.url}?size=90000`, { method: 'POST', body: Buffer.alloc(25_000, 'y') });
    expect((await fetched.arrayBuffer()).byteLength).toBe(90_000);
    expect((await nodeRequest(server, 60_000, Buffer.alloc(15_000, 'y'))).bytes).toBe(60_000);

    const c = performance.now();
    const { values } = (await sampler.sample())!;
    const d = performance.now();

    // The round's rate over its interval (between c - b and d - a long) gives back the bytes that went.
    const bytes = (perSecond: number, ms: number) => (perSecond * ms) / 1000;
    expect(bytes(values['network.received'], d - a)).toBeGreaterThanOrEqual(150_000);
    expect(bytes(values['network.received'], c - b)).toBeLessThan(150_000 + 4096);
    expect(bytes(values['network.sent'], d - a)).toBeGreaterThanOrEqual(40_000);
    expect(bytes(values['network.sent'], c - b)).toBeLessThan(40_000 + 4096);

    // A quiet interval, with the connections still open, moved no bytes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const quiet = (await sampler.sample())!.values;
    expect(quiet['network.received']).toBe(0);
    expect(quiet['network.sent']).toBe(0);
  });

  it('counts the catalog again only after a sync or an endpoint change', async () => {
    let counts = 0;
    const { catalog, sampler, endpoint } = setup({
      countFiles: () => {
        counts++;
        return countLiveFiles(catalog.db);
      },
    });
    await sampler.sample();
    const run = catalog.runs.start(endpoint.id, 'manual', 'full', 2);
    catalog.transaction(() => catalog.writer(endpoint.id, run.id, 2).upsert([fileRecord('Plans/A-103.pdf')]));

    expect((await sampler.sample())!.values['catalog.files']).toBe(2);
    expect(counts).toBe(1);

    sampler.handle({ event: 'endpoints.changed', payload: { endpointId: endpoint.id } });
    expect((await sampler.sample())!.values['catalog.files']).toBe(3);
    expect(counts).toBe(2);
  });

  it('says once, not every round, that sampling fails, and again after it recovered and failed anew', async () => {
    let broken = true;
    const { catalog, sampler, errors } = setup({
      countFiles: () => {
        if (broken) throw new Error('database disk image is malformed');
        return countLiveFiles(catalog.db);
      },
    });

    expect(await sampler.sample()).toBeNull();
    expect(await sampler.sample()).toBeNull();
    expect(errors).toEqual([
      "Could not sample the app's metrics (retrying every round): database disk image is malformed",
    ]);

    broken = false;
    expect(await sampler.sample()).not.toBeNull();
    broken = true;
    sampler.handle({ event: 'sync.finished', payload: {} as never });
    await sampler.sample();
    expect(errors).toHaveLength(2);
  });

  it('samples on its interval once started, and writes nothing after it stopped', async () => {
    const { sampler, samples, stored } = setup({ intervalMs: 30 });
    sampler.start();
    await expect.poll(() => samples.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);

    await sampler.stop();
    const rows = stored().length;
    await new Promise((resolve) => setTimeout(resolve, 120));

    expect(stored().length).toBe(rows);
    expect(rows % metricNames.length).toBe(0);
    expect(await sampler.sample()).toBeNull();
  });

  it('rolls samples older than a day into 5-minute points, keeping averages and peaks', async () => {
    const start = Date.parse('2025-03-10T08:00:00.000Z');
    const now = start + 2 * 86_400_000;
    const { sampler, repository, stored } = setup({ now: () => now });
    // One hour of 10-second rounds two days ago, and one round a minute ago.
    for (let i = 0; i < 360; i++) {
      repository.insert(new Date(start + i * 10_000).toISOString(), {
        'process.cpu': i % 2 ? 30 : 10,
        'eventLoop.max': i,
      });
    }
    repository.insert(new Date(now - 60_000).toISOString(), { 'process.cpu': 99 });

    await sampler.sample();

    const rows = stored();
    const old = rows.filter((r) => Date.parse(r.at) < now - 86_400_000);
    expect(old).toHaveLength(2 * 12);
    const cpu = old.filter((r) => r.name === 'process.cpu');
    expect(cpu.map((r) => r.value)).toEqual(Array(12).fill(20));
    expect(cpu[0]!.at).toBe('2025-03-10T08:00:00.000Z');
    expect(cpu[11]!.at).toBe('2025-03-10T08:55:00.000Z');
    const worst = old.filter((r) => r.name === 'eventLoop.max').map((r) => r.value);
    expect(worst).toEqual(Array.from({ length: 12 }, (_, k) => 30 * k + 29));
    // Recent samples stay as they were.
    expect(rows.filter((r) => r.name === 'process.cpu' && r.value === 99)).toHaveLength(1);
  });
});
