import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/core.js';
import type { Envelope } from '../../src/contract/wire.js';
import { nextEvent, testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

function folderWithFiles(): string {
  const dir = tempDir('fc-folder-');
  fs.mkdirSync(path.join(dir, 'Plans'));
  fs.writeFileSync(path.join(dir, 'Plans', 'A-101 Site Plan.pdf'), 'pdf');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
  return dir;
}

const localFolder = (name: string, folder: string) => ({ name, type: 'local_folder', settings: { path: folder } });

function expectError(envelope: Envelope<unknown>, code: string) {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) throw new Error('unreachable');
  expect(envelope.error.code).toBe(code);
  return envelope.error;
}

describe('the contract, as the core answers it', () => {
  it('rejects an unknown request by name', async () => {
    const core = await testCore();
    const error = expectError(await core.dispatch('files.drop', {}), 'unknown_request');
    expect(error.message).toContain('files.drop');
  });

  it('names every wrong field of a bad payload, without crashing', async () => {
    const core = await testCore();
    const error = expectError(
      await core.dispatch('endpoints.create', { name: '', type: 'local_folder', settings: {}, shedule: {} }),
      'invalid_request',
    );
    const paths = error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'settings.path']));
    expect(error.message).toMatch(/shedule/);
  });

  it('rejects payloads of the wrong kind entirely', async () => {
    const core = await testCore();
    for (const input of ['text', 42, [1, 2], { limit: -1 }, { sort: 'size; DROP TABLE files' }]) {
      expectError(await core.dispatch('files.query', input), 'invalid_request');
    }
    expectError(await core.dispatch('endpoints.get', { id: 'one' }), 'invalid_request');
  });

  it('refuses a folder that does not exist, pointing at the path field', async () => {
    const core = await testCore();
    const error = expectError(
      await core.dispatch('endpoints.create', localFolder('Gone', '/no/such/folder')),
      'invalid_request',
    );
    expect(error.issues).toEqual([{ path: 'settings.path', message: expect.stringContaining('does not exist') }]);
  });

  it('refuses a second endpoint with the same name, in any case', async () => {
    const core = await testCore();
    const folder = folderWithFiles();
    expect((await core.dispatch('endpoints.create', localFolder('Docs', folder))).ok).toBe(true);
    const error = expectError(await core.dispatch('endpoints.create', localFolder('DOCS', folder)), 'invalid_request');
    expect(error.issues?.[0]?.path).toBe('name');
  });

  it('answers not_found for ids that do not exist', async () => {
    const core = await testCore();
    expectError(await core.dispatch('endpoints.get', { id: 99 }), 'not_found');
    expectError(await core.dispatch('files.get', { rowId: 99 }), 'not_found');
    expectError(await core.dispatch('sync.start', { endpointId: 99 }), 'not_found');
  });

  it('says the folder picker needs the desktop app when there is none', async () => {
    const core = await testCore();
    expect(expectError(await core.dispatch('system.pickFolder', {}), 'unsupported').message).toMatch(/desktop app/);
    const desktop = await testCore({ pickFolder: async () => '/picked' });
    expect(await desktop.dispatch('system.pickFolder', {})).toEqual({ ok: true, result: { path: '/picked' } });
    expect(await desktop.dispatch('app.info', {})).toMatchObject({ ok: true, result: { canPickFolder: true } });
  });

  it('creates an endpoint, syncs it with events, and finds its files', async () => {
    const core = await testCore();
    const created = await core.dispatch('endpoints.create', localFolder('Docs', folderWithFiles()));
    if (!created.ok) throw new Error(created.error.message);
    const endpoint = created.result as { id: number };
    const finished = nextEvent(core, 'sync.finished');
    const progress = nextEvent(core, 'sync.progress');
    const started = await core.dispatch('sync.start', { endpointId: endpoint.id });
    expect(started.ok).toBe(true);
    expect(await progress).toMatchObject({ endpointId: endpoint.id });
    expect(await finished).toMatchObject({ status: 'success', added: 3, trigger: 'manual', kind: 'full' });

    const page = await core.dispatch('files.query', { search: 'site plan' });
    expect(page).toMatchObject({
      ok: true,
      result: { total: 1, rows: [{ name: 'A-101 Site Plan.pdf', path: 'Plans/A-101 Site Plan.pdf' }] },
    });
    const summary = await core.dispatch('endpoints.get', { id: endpoint.id });
    expect(summary).toMatchObject({ ok: true, result: { status: 'idle', fileCount: 2, folderCount: 1, totalSize: 8 } });
    const logs = await core.dispatch('logs.recent', { endpointId: endpoint.id });
    expect(logs.ok && (logs.result as { message: string }[]).some((l) => /finished/.test(l.message))).toBe(true);
  });

  it('removing an endpoint removes its catalog entries', async () => {
    const core = await testCore();
    const created = await core.dispatch('endpoints.create', localFolder('Docs', folderWithFiles()));
    const { id } = (created as { ok: true; result: { id: number } }).result;
    await core.engine.run(id, { trigger: 'manual' });
    expect(await core.dispatch('endpoints.remove', { id })).toEqual({ ok: true, result: { removed: true } });
    expect(await core.dispatch('files.query', {})).toMatchObject({ ok: true, result: { total: 0 } });
  });

  it('one process owns a data folder; readers may open it beside the owner', async () => {
    const dataDir = tempDir('fc-shared-');
    await testCore({ dataDir });
    await expect(openCore({ dataDir, host: 'browser' })).rejects.toThrow(/in use by another File Connector process/);
    const reader = await openCore({ dataDir, host: 'browser', access: 'reader' });
    await reader.close();
  });

  it('marks runs left running by a crash as failed, and resumes them', async () => {
    const dataDir = tempDir('fc-crash-');
    const core = await openCore({ dataDir, host: 'browser' });
    const endpoint = core.catalog.endpoints.create({
      name: 'Docs',
      type: 'local_folder',
      settings: { path: folderWithFiles(), recursive: true, followSymlinks: false },
      filters: {},
      schedule: { type: 'manual' },
      paused: false,
    });
    core.catalog.endpoints.saveSyncState(endpoint.id, { cursor: null, generation: 0, pendingGeneration: 1 });
    const crashed = core.catalog.runs.start(endpoint.id, 'manual', 'full', 1);
    await core.close();

    const again = await testCore({ dataDir });
    expect(again.catalog.runs.get(crashed.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/Interrupted/),
    });
    const run = await again.engine.run(endpoint.id, { trigger: 'manual' });
    expect(run.status).toBe('success');
  });
});
