/** The local-folder connector: ignore patterns and file filters. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIgnoreMatcher } from '../../../src/connectors/local_folder/filters.js';
import { tempDir } from '../../helpers/tempDir.js';
import { collectRecords, connectorFor, makeContext, makeTree, paths } from './helpers.js';

describe('local_folder connector: ignore patterns', () => {
  it('matches a pattern without a slash against the name at any depth', async () => {
    const root = tempDir();
    makeTree(root, { 'a.tmp': '', 'keep.txt': '', 'x/y/b.TMP.tmp': '', 'x/y/keep.dwg': '' });

    const records = await collectRecords(connectorFor(root, {}, { ignore: ['*.tmp'] }), makeContext());

    expect(paths(records)).toEqual(['keep.txt', 'x', 'x/y', 'x/y/keep.dwg']);
  });

  it('does not descend into an ignored folder', async () => {
    const root = tempDir();
    makeTree(root, { 'app/node_modules/pkg/index.js': '', 'app/main.js': '' });
    const ctx = makeContext();

    const records = await collectRecords(connectorFor(root, {}, { ignore: ['node_modules'] }), ctx);

    expect(paths(records)).toEqual(['app', 'app/main.js']);
    expect(ctx.requests).toBe(2); // root and app; node_modules is never read
  });

  it('anchors a pattern with a slash at the root', async () => {
    const root = tempDir();
    makeTree(root, { 'docs/drafts/d.txt': '', 'docs/final.txt': '', 'other/docs/drafts/keep.txt': '' });

    const records = await collectRecords(connectorFor(root, {}, { ignore: ['/docs/drafts'] }), makeContext());

    expect(paths(records)).toEqual([
      'docs',
      'other',
      'docs/final.txt',
      'other/docs',
      'other/docs/drafts',
      'other/docs/drafts/keep.txt',
    ]);
  });

  it('supports ** globs in rooted patterns', async () => {
    const root = tempDir();
    makeTree(root, { 'a/b/c.bak': '', 'a/c.bak': '', 'c.bak': '', 'z/c.bak': '' });

    const records = await collectRecords(connectorFor(root, {}, { ignore: ['a/**/*.bak'] }), makeContext());

    expect(paths(records)).toEqual(['a', 'c.bak', 'z', 'a/b', 'z/c.bak']);
  });

  it('applies a pattern ending in a slash to folders only', async () => {
    const root = tempDir();
    makeTree(root, { 'build/out.o': '', 'src/build': 'a file named build' });

    const records = await collectRecords(connectorFor(root, {}, { ignore: ['build/'] }), makeContext());

    expect(paths(records)).toEqual(['src', 'src/build']);
  });

  it('always ignores OS metadata and Office/LibreOffice lock files', async () => {
    const root = tempDir();
    makeTree(root, {
      '.DS_Store': '',
      'Thumbs.db': '',
      'sub/thumbs.db': '',
      'desktop.ini': '',
      '~$Report.docx': '',
      '.~lock.Plan.xlsx#': '',
      'Report.docx': '',
    });

    const records = await collectRecords(connectorFor(root), makeContext());

    expect(paths(records)).toEqual(['Report.docx', 'sub']);
  });

  it('lets a later negated pattern re-include a file', async () => {
    const root = tempDir();
    makeTree(root, { 'a.log': '', 'keep.log': '' });

    const records = await collectRecords(connectorFor(root, {}, { ignore: ['*.log', '!keep.log'] }), makeContext());

    expect(paths(records)).toEqual(['keep.log']);
  });

  it('matcher: a name pattern ignores at every depth, a rooted one only at its path', () => {
    const isIgnored = createIgnoreMatcher(['cache', 'tmp/*.txt']);

    expect(isIgnored('cache', 'cache', true)).toBe(true);
    expect(isIgnored('a/b/cache', 'cache', true)).toBe(true);
    expect(isIgnored('tmp/x.txt', 'x.txt', false)).toBe(true);
    expect(isIgnored('a/tmp/x.txt', 'x.txt', false)).toBe(false);
    expect(isIgnored('a/b/c.txt', 'c.txt', false)).toBe(false);
  });
});

describe('local_folder connector: file filters', () => {
  it('keeps only files with the listed extensions, and every folder so paths stay whole', async () => {
    const root = tempDir();
    makeTree(root, { 'A/plan.PDF': '', 'A/notes.txt': '', 'B/empty/': null, 'model.dwg': '', noext: '' });

    const records = await collectRecords(connectorFor(root, {}, { extensions: ['.pdf', 'DWG'] }), makeContext());

    expect(paths(records)).toEqual(['A', 'B', 'model.dwg', 'A/plan.PDF', 'B/empty']);
  });

  it('keeps only files modified after modifiedAfter', async () => {
    const root = tempDir();
    makeTree(root, { 'old.txt': '', 'new.txt': '', 'Folder/older.txt': '' });
    const old = new Date('2020-01-01T00:00:00Z');
    const recent = new Date('2024-06-01T00:00:00Z');
    fs.utimesSync(path.join(root, 'old.txt'), old, old);
    fs.utimesSync(path.join(root, 'Folder/older.txt'), old, old);
    fs.utimesSync(path.join(root, 'new.txt'), recent, recent);
    fs.utimesSync(path.join(root, 'Folder'), old, old); // folders are kept whatever their time

    const records = await collectRecords(connectorFor(root, {}, { modifiedAfter: '2023-01-01' }), makeContext());

    expect(paths(records)).toEqual(['Folder', 'new.txt']);
  });

  it('keeps only files whose mime type matches, with type/* wildcards', async () => {
    const root = tempDir();
    makeTree(root, { 'a.png': '', 'b.jpg': '', 'c.pdf': '', 'd.txt': '', 'Pics/': null });

    const records = await collectRecords(
      connectorFor(root, {}, { mimeTypes: ['image/*', 'application/pdf'] }),
      makeContext(),
    );

    expect(paths(records)).toEqual(['Pics', 'a.png', 'b.jpg', 'c.pdf']);
  });
});
