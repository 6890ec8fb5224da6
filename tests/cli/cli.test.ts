import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

function project(): string {
  const dir = tempDir('fc-cli-project-');
  const files = {
    'Structural/S-101 Foundation Plan.pdf': 'pdf',
    'Structural/S-102, "Framing".dwg': 'dwg',
    'Specs/spec.docx': 'docx',
    'notes.txt': 'hello',
  };
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function configFor(folder: string, extra = ''): string {
  const file = path.join(tempDir('fc-cli-config-'), 'site.yaml');
  fs.writeFileSync(
    file,
    `version: 1\nendpoints:\n  - name: Site docs\n    type: local_folder\n    settings:\n      path: ${JSON.stringify(folder)}\n${extra}`,
  );
  return file;
}

describe('file-connector command', () => {
  it('syncs the endpoints of a config file, then lists their files as JSON', async () => {
    const dataDir = tempDir('fc-cli-data-');
    const folder = project();
    const synced = await cli(['--data-dir', dataDir, 'sync', '--config', configFor(folder)]);
    expect(synced.code).toBe(0);
    expect(synced.out).toMatch(/Site docs: full sync succeeded .*6 added/);

    const listed = await cli(['--data-dir', dataDir, 'files', '--json']);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.out) as Record<string, unknown>[];
    expect(records).toHaveLength(6);
    const plan = records.find((r) => r.name === 'S-101 Foundation Plan.pdf')!;
    expect(plan).toMatchObject({
      id: 'Structural/S-101 Foundation Plan.pdf',
      path: 'Structural/S-101 Foundation Plan.pdf',
      isFolder: false,
      mimeType: 'application/pdf',
      size: 3,
      checksum: null,
      version: null,
      webUrl: null,
    });
    expect(plan.modifiedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('a second sync is incremental and reports changes; runs lists both', async () => {
    const dataDir = tempDir('fc-cli-data-');
    const folder = project();
    const config = configFor(folder);
    await cli(['--data-dir', dataDir, 'sync', '--config', config]);
    fs.rmSync(path.join(folder, 'notes.txt'));
    fs.writeFileSync(path.join(folder, 'Specs', 'new.pdf'), 'new');
    const second = await cli(['--data-dir', dataDir, 'sync', '--endpoint', 'site docs']);
    expect(second.code).toBe(0);
    // The Specs folder's modified time changed with the new file in it.
    expect(second.out).toMatch(/incremental sync succeeded .*1 added, 1 updated, 0 moved, 1 deleted, 4 unchanged/);

    const runs = await cli(['--data-dir', dataDir, 'runs', '--json']);
    const list = JSON.parse(runs.out) as Record<string, unknown>[];
    expect(list.map((r) => [r.kind, r.status, r.trigger])).toEqual([
      ['incremental', 'success', 'manual'],
      ['full', 'success', 'manual'],
    ]);
    expect(list[0]).toEqual(
      expect.objectContaining({
        added: 1,
        deleted: 1,
        unchanged: 4,
        requests: expect.any(Number),
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      }),
    );
  });

  it('searches, limits and prints NDJSON', async () => {
    const dataDir = tempDir('fc-cli-data-');
    await cli(['--data-dir', dataDir, 'sync', '--config', configFor(project())]);
    const found = await cli(['--data-dir', dataDir, 'files', '--search', 'foundation', '--ndjson']);
    expect(
      found.out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { name: string }).name),
    ).toEqual(['S-101 Foundation Plan.pdf']);
    const limited = await cli(['--data-dir', dataDir, 'files', '--limit', '2', '--ndjson']);
    expect(limited.out.trim().split('\n')).toHaveLength(2);
  });

  it('exports CSV that spreadsheets read back exactly, written whole or not at all', async () => {
    const dataDir = tempDir('fc-cli-data-');
    await cli(['--data-dir', dataDir, 'sync', '--config', configFor(project())]);
    const out = path.join(tempDir('fc-cli-export-'), 'catalog.csv');
    const exported = await cli(['--data-dir', dataDir, 'export', '--format', 'csv', '--out', out]);
    expect(exported.code).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^endpoint,id,name,path,/);
    expect(lines).toHaveLength(7);
    expect(csv).toContain('"S-102, ""Framing"".dwg"');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['catalog.csv']);
  });

  it('exits 1 when a sync fails, with the reason', async () => {
    const dataDir = tempDir('fc-cli-data-');
    const result = await cli(['--data-dir', dataDir, 'sync', '--config', configFor('/no/such/folder')]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAILED/);
    expect(result.out + result.err).toMatch(/\/no\/such\/folder/);
  });

  it('exits 2 for configuration and usage mistakes', async () => {
    const dataDir = tempDir('fc-cli-data-');
    const bad = configFor(project(), '    schedule:\n      type: interval\n      minutes: 0\n');
    const invalid = await cli(['--data-dir', dataDir, 'sync', '--config', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/site\.yaml:\d+:\d+ .*endpoints\[0\]\.schedule\.minutes/);

    expect((await cli(['--data-dir', dataDir, 'files', '--limit', 'lots'])).code).toBe(2);
    expect((await cli(['--data-dir', dataDir, 'frobnicate'])).code).toBe(2);
    expect((await cli(['--data-dir', dataDir, 'export'])).code).toBe(2);
    const unknown = await cli(['--data-dir', dataDir, 'files', '--endpoint', 'Nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/No endpoint named "Nope"/);
  });

  it('validates a configuration file without touching the catalog', async () => {
    const ok = await cli(['config', 'validate', configFor(project())]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/is valid: 1 endpoint\(s\): Site docs/);
    const broken = path.join(tempDir('fc-cli-config-'), 'broken.json');
    fs.writeFileSync(broken, '{ "endpoints": [ }');
    const result = await cli(['config', 'validate', broken]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/broken\.json:1:/);
  });

  it('lists endpoints with their file counts', async () => {
    const dataDir = tempDir('fc-cli-data-');
    await cli(['--data-dir', dataDir, 'sync', '--config', configFor(project())]);
    const table = await cli(['--data-dir', dataDir, 'endpoints']);
    expect(table.out).toMatch(/Site docs\s+local_folder\s+\S+\s+idle\s+4\s/);
    const json = JSON.parse((await cli(['--data-dir', dataDir, 'endpoints', '--json'])).out) as {
      name: string;
      fileCount: number;
    }[];
    expect(json).toEqual([expect.objectContaining({ name: 'Site docs', fileCount: 4 })]);
  });
});
