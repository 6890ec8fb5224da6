/** The local-folder connector: resume cursors, cancellation and read-ahead. */
import { describe, expect, it } from 'vitest';
import { compareNames, decodeCursor, encodeCursor, resumeState } from '../../../src/connectors/local_folder/cursor.js';
import type { SyncBatch } from '../../../src/connectors/types.js';
import { tempDir } from '../../helpers/tempDir.js';
import { collectBatches, collectRecords, connectorFor, makeContext, makeTree, paths } from './helpers.js';

// Folders in walk order: '', a, a/a1, b, b/b1, c.
const tree = {
  'a/a1/a1.txt': '',
  'a/a.txt': '',
  'b/b1/b1.txt': '',
  'b/b.txt': '',
  'c/c.txt': '',
  'top.txt': '',
};

describe('local_folder connector: resuming an interrupted walk', () => {
  it('gives batches a cursor naming the last folder whose entries were all emitted', async () => {
    const root = tempDir();
    makeTree(root, tree);

    const batches = await collectBatches(connectorFor(root, {}, {}, { batchSize: 1 }), makeContext());
    const completed = [...new Set(batches.map((b) => (b.cursor ? decodeCursor(b.cursor) : null)))];

    expect(completed).toEqual([null, '', 'a', 'a/a1', 'b', 'b/b1', 'c']);
    // A cursor is only given once every entry of that folder has been handed out.
    const all = await collectRecords(connectorFor(root), makeContext());
    const parentOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
    for (const [i, batch] of batches.entries()) {
      const after = batch.cursor ? decodeCursor(batch.cursor) : null;
      if (after === null) continue;
      const emitted = batches.slice(0, i + 1).flatMap((b) => b.records);
      expect(emitted).toEqual(expect.arrayContaining(all.filter((r) => parentOf(r.path) === after)));
    }
  });

  it('emits only the folders after the cursor when resuming mid-walk', async () => {
    const root = tempDir();
    makeTree(root, tree);
    const first = await collectBatches(connectorFor(root, {}, {}, { batchSize: 1 }), makeContext());
    const cursor = first.map((b) => b.cursor).find((c) => c !== undefined && decodeCursor(c) === 'a/a1');
    expect(cursor).toBeDefined();
    const ctx = makeContext({ resuming: true, cursor: cursor! });

    const records = await collectRecords(connectorFor(root), ctx);

    // Entries of '', a and a/a1 were written before the interruption; b, b/b1 and c remain.
    expect(paths(records)).toEqual(['b/b.txt', 'b/b1', 'b/b1/b1.txt', 'c/c.txt']);
    // The root, a and a/a1 are read again only to find the folders that follow (a/a1 could have subfolders).
    expect(ctx.requests).toBe(6);
  });

  it('covers every entry between the interrupted run and the resumed one, whichever batch was last written', async () => {
    const root = tempDir();
    makeTree(root, tree);
    const full = await collectBatches(connectorFor(root, {}, {}, { batchSize: 2 }), makeContext());
    const everything = new Set(full.flatMap((b) => paths(b.records)));

    for (let written = 0; written < full.length; written++) {
      const cursor = full.slice(0, written + 1).findLast((b) => b.cursor !== undefined)?.cursor;
      if (cursor === undefined) continue;
      const before = full.slice(0, written + 1).flatMap((b) => paths(b.records));
      const after = paths(await collectRecords(connectorFor(root), makeContext({ resuming: true, cursor })));

      expect(new Set([...before, ...after])).toEqual(everything);
    }
  });

  it('resumes correctly when the cursor folder has since been deleted', async () => {
    const root = tempDir();
    makeTree(root, tree);

    const ctx = makeContext({ resuming: true, cursor: encodeCursor('a/zz-removed') });
    const records = await collectRecords(connectorFor(root), ctx);

    expect(paths(records)).toEqual(['b/b.txt', 'b/b1', 'b/b1/b1.txt', 'c/c.txt']);
  });

  it('walks everything and warns when the resume cursor is not understood', async () => {
    const root = tempDir();
    makeTree(root, tree);
    const ctx = makeContext({ resuming: true, cursor: 'page-token-from-somewhere-else' });

    const records = await collectRecords(connectorFor(root), ctx);

    expect(records).toHaveLength(11);
    expect(ctx.warnings()).toEqual([expect.stringMatching(/cursor not understood/)]);
  });

  it('ignores the cursor when not resuming', async () => {
    const root = tempDir();
    makeTree(root, tree);

    const records = await collectRecords(
      connectorFor(root),
      makeContext({ resuming: false, cursor: encodeCursor('b') }),
    );

    expect(records).toHaveLength(11);
  });

  it('orders names by code point, so the order (and the cursor) does not depend on locale', () => {
    const names = ['b', 'B', '_', 'a', 'Ä', '\u{1F600}', '\uFF21', 'a b', 'ab'];

    expect([...names].sort(compareNames)).toEqual(['B', '_', 'a', 'a b', 'ab', 'b', 'Ä', '\uFF21', '\u{1F600}']);
  });

  it('classifies folders against the resume point', () => {
    expect(resumeState('a', 'b/x')).toBe('done');
    expect(resumeState('b', 'b/x')).toBe('onPath');
    expect(resumeState('b/x', 'b/x')).toBe('onPath');
    expect(resumeState('b/x/y', 'b/x')).toBe('pending');
    expect(resumeState('b/y', 'b/x')).toBe('pending');
    expect(resumeState('c', 'b/x')).toBe('pending');
  });

  it('rejects cursors it did not write', () => {
    expect(decodeCursor(encodeCursor('a/b'))).toBe('a/b');
    expect(decodeCursor('{"v":2,"after":"a"}')).toBeNull();
    expect(decodeCursor('{"v":1,"after":"../x"}')).toBeNull();
    expect(decodeCursor('not json')).toBeNull();
  });
});

describe('local_folder connector: cancellation and read-ahead', () => {
  it('stops with the abort reason once the signal is aborted', async () => {
    const root = tempDir();
    makeTree(root, tree);
    const ctx = makeContext();
    const iterator = connectorFor(root, {}, {}, { batchSize: 1 }).sync(ctx).batches[Symbol.asyncIterator]();

    await iterator.next();
    ctx.controller.abort();

    await expect(iterator.next()).rejects.toMatchObject({ name: 'AbortError' });
    expect(ctx.requests).toBeLessThan(6);
  });

  it('does not start when the signal is already aborted', async () => {
    const root = tempDir();
    makeTree(root, tree);
    const ctx = makeContext();
    ctx.controller.abort(new Error('app is quitting'));

    await expect(collectBatches(connectorFor(root), ctx)).rejects.toThrow('app is quitting');
    expect(ctx.requests).toBe(0);
  });

  it('prepares the next batch while the consumer is busy with the current one', async () => {
    const root = tempDir();
    makeTree(root, { '1.txt': '', '2.txt': '', '3.txt': '', '4.txt': '', 'z/5.txt': '' });
    const ctx = makeContext();
    const iterator = connectorFor(root, {}, {}, { batchSize: 4 }).sync(ctx).batches[Symbol.asyncIterator]();

    const first = await iterator.next();
    expect(paths((first.value as SyncBatch).records)).toEqual(['1.txt', '2.txt', '3.txt', '4.txt']);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the consumer "writes" the batch

    expect(ctx.requests).toBe(2); // folder z was read without waiting for the consumer to ask
    expect(paths(((await iterator.next()).value as SyncBatch).records)).toEqual(['z', 'z/5.txt']);
    expect(await iterator.next()).toMatchObject({ done: true });
  });

  it('can be abandoned after the first batch without errors', async () => {
    const root = tempDir();
    makeTree(root, tree);
    const ctx = makeContext();

    const seen: SyncBatch[] = [];
    for await (const batch of connectorFor(root, {}, {}, { batchSize: 1 }).sync(ctx).batches) {
      seen.push(batch);
      break;
    }

    expect(seen).toHaveLength(1);
    const requestsAfterBreak = ctx.requests;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ctx.requests).toBe(requestsAfterBreak);
  });
});
