/** The local-folder connector: what a walk emits, and in which order. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localFolder } from '../../../src/connectors/local_folder/index.js';
import { tempDir } from '../../helpers/tempDir.js';
import { collectBatches, collectRecords, connectorFor, makeContext, makeTree, paths } from './helpers.js';

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('local_folder connector: walking a folder', () => {
  it('is a snapshot connector of type local_folder, built through its module', async () => {
    const root = tempDir();
    const connector = localFolder.create(localFolder.settingsSchema.parse({ path: root }), {});
    expect(localFolder.type).toBe('local_folder');
    expect(connector.type).toBe('local_folder');
    expect(connector.sync(makeContext()).mode).toBe('snapshot');
  });

  it('emits every folder and file below the root, depth-first with siblings in code-point order', async () => {
    const root = tempDir();
    makeTree(root, { 'b.txt': 'b', 'a.md': 'a', 'A/x.pdf': 'x', 'A/Sub/deep.DWG': 'd', 'c/readme': 'r' });

    const records = await collectRecords(connectorFor(root), makeContext());

    expect(paths(records)).toEqual(['A', 'a.md', 'b.txt', 'c', 'A/Sub', 'A/x.pdf', 'A/Sub/deep.DWG', 'c/readme']);
  });

  it('describes a file with its relative path, parent, lower-case extension, mime type, size and UTC times', async () => {
    const root = tempDir();
    makeTree(root, { 'Plans/Level 1/Floor.PDF': 'hello' });
    const when = new Date('2023-05-06T07:08:09Z');
    fs.utimesSync(path.join(root, 'Plans/Level 1/Floor.PDF'), when, when);

    const records = await collectRecords(connectorFor(root), makeContext());
    const file = records.find((r) => r.name === 'Floor.PDF');

    expect(file).toEqual({
      sourceId: 'Plans/Level 1/Floor.PDF',
      name: 'Floor.PDF',
      path: 'Plans/Level 1/Floor.PDF',
      parentId: 'Plans/Level 1',
      isFolder: false,
      mimeType: 'application/pdf',
      extension: 'pdf',
      size: 5,
      checksum: null,
      version: null,
      createdTime: expect.stringMatching(ISO_UTC),
      modifiedTime: '2023-05-06T07:08:09.000Z',
      createdBy: null,
      modifiedBy: null,
      webUrl: null,
      downloadUrl: null,
      trashed: false,
      extras: null,
    });
  });

  it('describes folders as inode/directory without size or extension, top-level ones without a parent', async () => {
    const root = tempDir();
    makeTree(root, { 'Plans.v2/': null, 'Plans.v2/Inner/': null });

    const [top, inner] = await collectRecords(connectorFor(root), makeContext());

    expect(top).toMatchObject({ path: 'Plans.v2', parentId: null, isFolder: true, size: null, extension: null });
    expect(top?.mimeType).toBe('inode/directory');
    expect(top?.modifiedTime).toMatch(ISO_UTC);
    expect(top?.createdTime).toMatch(ISO_UTC);
    expect(inner).toMatchObject({ path: 'Plans.v2/Inner', parentId: 'Plans.v2', isFolder: true });
  });

  it('maps unknown and missing extensions to application/octet-stream, and dot files have no extension', async () => {
    const root = tempDir();
    makeTree(root, { 'data.weird': '', '.env': '', Makefile: '', 'model.rvt': '', 'sheet.xlsx': '' });

    const byName = new Map((await collectRecords(connectorFor(root), makeContext())).map((r) => [r.name, r]));

    expect(byName.get('data.weird')).toMatchObject({ extension: 'weird', mimeType: 'application/octet-stream' });
    expect(byName.get('.env')).toMatchObject({ extension: null, mimeType: 'application/octet-stream' });
    expect(byName.get('Makefile')).toMatchObject({ extension: null, mimeType: 'application/octet-stream' });
    expect(byName.get('model.rvt')?.mimeType).toBe('application/vnd.autodesk.revit');
    expect(byName.get('sheet.xlsx')?.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('lists only the top level when recursive is false, reading one directory', async () => {
    const root = tempDir();
    makeTree(root, { 'top.txt': '', 'Sub/inner.txt': '', 'Sub/Deeper/x.txt': '' });
    const ctx = makeContext();

    const records = await collectRecords(connectorFor(root, { recursive: false }), ctx);

    expect(paths(records)).toEqual(['Sub', 'top.txt']);
    expect(ctx.requests).toBe(1);
  });

  it('counts one request per directory read', async () => {
    const root = tempDir();
    makeTree(root, { 'a/b/c/': null, 'd/': null, 'file.txt': '' });
    const ctx = makeContext();

    await collectRecords(connectorFor(root), ctx);

    expect(ctx.requests).toBe(5); // root, a, a/b, a/b/c, d
  });

  it('emits nothing for an empty root folder', async () => {
    const root = tempDir();

    const records = await collectRecords(connectorFor(root), makeContext());

    expect(records).toEqual([]);
  });

  it('hands out batches of at most 500 records, covering every entry once', async () => {
    const root = tempDir();
    for (let i = 0; i < 1203; i++) fs.writeFileSync(path.join(root, `f${String(i).padStart(4, '0')}.txt`), '');
    makeTree(root, { 'z/one.txt': '', 'z/two.txt': '' });

    const batches = await collectBatches(connectorFor(root), makeContext());
    const all = batches.flatMap((b) => paths(b.records));

    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) expect(batch.records.length).toBeLessThanOrEqual(500);
    expect(all).toHaveLength(1206);
    expect(new Set(all).size).toBe(1206);
  });

  it('honours a smaller batch size', async () => {
    const root = tempDir();
    makeTree(root, { 'a.txt': '', 'b.txt': '', 'c.txt': '', 'd/e.txt': '' });

    const batches = await collectBatches(connectorFor(root, {}, {}, { batchSize: 2 }), makeContext());

    expect(batches.map((b) => b.records.length)).toEqual([2, 2, 1]);
  });
});
