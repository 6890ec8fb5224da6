import { describe, expect, it } from 'vitest';
import { apply, type Overlay } from '../../../src/connectors/google_drive/apply.js';
import type { FileRecord, SyncContext } from '../../../src/connectors/types.js';
import { fileRecord, folderRecord } from '../../helpers/records.js';

/** A catalog of `records` as SyncContext exposes it. */
function ctxOf(records: FileRecord[]): SyncContext {
  const byId = new Map(records.map((r) => [r.sourceId, r]));
  return {
    known: (id) => byId.get(id),
    children: (parentId) => records.filter((r) => r.parentId === parentId),
  } as SyncContext;
}

const drive = { key: 'user', driveId: null, name: 'My Drive', rootId: 'root', token: '1' };
const folder = (id: string, name: string, parent: string) => ({
  id,
  name,
  parents: [parent],
  mimeType: 'application/vnd.google-apps.folder',
});

describe('applying the change feed', () => {
  it('writes moved folders after their subtrees, deepest first, so an interrupted run repeats the move', () => {
    const catalog = [
      folderRecord('My Drive/A', { sourceId: 'a', parentId: 'root' }),
      folderRecord('My Drive/A/B', { sourceId: 'b', parentId: 'a' }),
      fileRecord('My Drive/A/B/x.pdf', { sourceId: 'x', parentId: 'b' }),
      folderRecord('My Drive/Z', { sourceId: 'z', parentId: 'root' }),
    ];
    const overlay: Overlay = new Map([
      ['a', { time: '2', file: folder('a', 'A', 'z') }],
      ['b', { time: '3', file: folder('b', 'B2', 'a') }],
    ]);
    const plan = apply({
      ctx: ctxOf(catalog),
      overlay,
      drives: [drive],
      droppedDrives: [],
      renamedDrives: [],
      scopeRoots: null,
      keep: () => true,
      includeTrashed: false,
    });
    expect(plan.deletions).toEqual([]);
    expect(plan.upserts.map((r) => [r.sourceId, r.path])).toEqual([
      ['x', 'My Drive/Z/A/B2/x.pdf'],
      ['b', 'My Drive/Z/A/B2'],
      ['a', 'My Drive/Z/A'],
    ]);
  });

  it('deletes a removed folder’s catalogued subtree, except entries the feed moved elsewhere', () => {
    const catalog = [
      folderRecord('My Drive/A', { sourceId: 'a', parentId: 'root' }),
      fileRecord('My Drive/A/x.pdf', { sourceId: 'x', parentId: 'a' }),
      fileRecord('My Drive/A/y.pdf', { sourceId: 'y', parentId: 'a' }),
    ];
    const overlay: Overlay = new Map([
      ['a', { time: '2', file: null }],
      ['y', { time: '1', file: { id: 'y', name: 'y.pdf', parents: ['root'], mimeType: 'application/pdf' } }],
    ]);
    const plan = apply({
      ctx: ctxOf(catalog),
      overlay,
      drives: [drive],
      droppedDrives: [],
      renamedDrives: [],
      scopeRoots: null,
      keep: () => true,
      includeTrashed: false,
    });
    expect(plan.deletions.sort()).toEqual(['a', 'x']);
    expect(plan.upserts.map((r) => r.path)).toEqual(['My Drive/y.pdf']);
  });
});
