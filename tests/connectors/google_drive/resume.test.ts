import { describe, expect, it } from 'vitest';
import type { GoogleDriveOptions } from '../../../src/connectors/google_drive/index.js';
import type { FakeDriveServer } from '../../fakes/googleDrive/server.js';
import { driveEndpoint, expectedCatalog, fakeDriveWithKey, fastRetry, settingsFor } from './helpers.js';

/** Gives up on a failing request quickly, and keeps the breaker closed so the next run starts at once. */
const giveUpSoon: GoogleDriveOptions = { retry: { ...fastRetry, maxAttempts: 2 }, breaker: { threshold: 1000 } };

/** A My Drive of 25 folders (two levels) holding 3,000 files, listed in pages of 100. */
function bigDrive(fake: FakeDriveServer) {
  fake.maxPageSize = 100;
  const root = fake.truth.myDriveRootId;
  const top = Array.from({ length: 5 }, (_, i) => fake.truth.addFolder(root, `Area ${i}`));
  const folders = top.flatMap((t, i) => Array.from({ length: 4 }, (_, j) => fake.truth.addFolder(t, `Zone ${i}.${j}`)));
  const files = Array.from({ length: 3000 }, (_, i) => fake.truth.addFile(folders[i % 20]!, `sheet ${i}.pdf`));
  return { top, folders, files };
}

type Span = { from: number | null; until: number };

/** The spans of My Drive the interrupted listing's checkpoint says are written in full. */
function finishedSpans(t: Awaited<ReturnType<typeof driveEndpoint>>): Span[] {
  const cursor = t.catalog.endpoints.syncState(t.endpoint.id).cursor;
  const checkpoint = JSON.parse(cursor ?? 'null') as { kind: string; finished: Record<string, Span[]> };
  expect(checkpoint).toMatchObject({ v: 1, kind: 'listing' });
  return checkpoint.finished.user ?? [];
}

const inSpan = (time: string, s: Span) => (s.from === null || Date.parse(time) >= s.from) && Date.parse(time) < s.until;

/** Runs a sync whose files.list requests fail for good after the first `listed` ones. */
async function interruptedAfter(
  fake: FakeDriveServer,
  t: Awaited<ReturnType<typeof driveEndpoint>>,
  listed: number,
  full = false,
) {
  fake.inject({ match: /\/files\?/, status: 500, skip: listed, times: 1_000_000 });
  const run = await t.sync(full);
  fake.clearFaults();
  expect(run.status).toBe('failed');
  return run;
}

describe('Google Drive: an interrupted full listing resumes from its checkpoint', () => {
  it('lists only what the interrupted run had not finished, and ends with every change made in between', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const { top, files } = bigDrive(fake);
    // What a listing from scratch costs, on an endpoint of its own.
    const reference = await driveEndpoint(fake, settingsFor(fake, keyFile), {}, giveUpSoon);
    const listsBefore = fake.count('/files');
    expect(await reference.sync()).toMatchObject({ status: 'success' });
    const freshLists = fake.count('/files') - listsBefore;

    const t = await driveEndpoint(fake, settingsFor(fake, keyFile), {}, giveUpSoon);
    await interruptedAfter(fake, t, Math.floor(freshLists / 2));
    const partial = t.live();
    expect(Object.keys(partial).length).toBeLessThan(3025);
    const spans = finishedSpans(t);
    expect(spans.length).toBeGreaterThanOrEqual(1);
    // Only closed spans are ever finished: the newest, open-ended one is always listed again.
    expect(spans.every((s) => Number.isFinite(s.until))).toBe(true);

    // Between the attempts: entries the first attempt wrote (their span is finished) change or go.
    const written = files.filter((id) => spans.some((s) => inSpan(fake.truth.get(id).modifiedTime, s)));
    expect(written.every((id) => partial[id])).toBe(true);
    const [deleted, modified, movedIntoFinished] = written;
    fake.truth.remove(deleted!);
    fake.truth.modify(modified!);
    // Modified with a time set by the client that lies in a later span already finished.
    const later = spans.at(-1)!;
    fake.truth.modify(movedIntoFinished!);
    fake.truth.get(movedIntoFinished!).modifiedTime = new Date(later.until - 1).toISOString();
    expect(Date.parse(fake.truth.get(movedIntoFinished!).modifiedTime)).toBeGreaterThan(
      Date.parse(partial[movedIntoFinished!]!.modified_time as string),
    );
    const added = fake.truth.addFile(top[0]!, 'added meanwhile.pdf');
    // A folder renamed: its files already written must take the new path.
    fake.truth.rename(top[1]!, 'Area one');

    const listsBeforeResume = fake.count('/files');
    const resumed = await t.sync();
    const resumedLists = fake.count('/files') - listsBeforeResume;
    expect(resumed.error).toBeNull();
    expect(resumed).toMatchObject({ status: 'success', kind: 'full' });
    expect(t.messages.some((m) => /^info: Resuming the interrupted listing: \d+ modifiedTime span/.test(m))).toBe(true);
    expect(resumedLists).toBeLessThan(freshLists * 0.75);
    const live = t.live();
    expect(live).toEqual(expectedCatalog(fake));
    expect(live[deleted!]).toBeUndefined();
    expect(live[modified!]!.size).toBe(Number(fake.truth.get(modified!).size));
    expect(live[movedIntoFinished!]!.modified_time).toBe(fake.truth.get(movedIntoFinished!).modifiedTime);
    expect(live[added]).toBeDefined();
    expect(Object.values(live).filter((r) => String(r.path).startsWith('My Drive/Area one/'))).toHaveLength(4 + 600);

    // The run ends with a change position from which the next run has nothing to do.
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'incremental', added: 0, updated: 0, deleted: 0 });
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('resumes a forced full sync and still sweeps what vanished, listed before the interruption or not', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const { files } = bigDrive(fake);
    const t = await driveEndpoint(fake, settingsFor(fake, keyFile), {}, giveUpSoon);
    const listsBefore = fake.count('/files');
    expect(await t.sync()).toMatchObject({ status: 'success', kind: 'full' });
    const freshLists = fake.count('/files') - listsBefore;

    await interruptedAfter(fake, t, Math.floor(freshLists / 2), true);
    const spans = finishedSpans(t);
    const listedAgain = files.find((id) => spans.some((s) => inSpan(fake.truth.get(id).modifiedTime, s)))!;
    const notYetListed = files.findLast((id) => !spans.some((s) => inSpan(fake.truth.get(id).modifiedTime, s)))!;
    fake.truth.remove(listedAgain);
    fake.truth.remove(notYetListed);

    const listsBeforeResume = fake.count('/files');
    const resumed = await t.sync();
    expect(resumed).toMatchObject({ status: 'success', deleted: 2 });
    expect(fake.count('/files') - listsBeforeResume).toBeLessThan(freshLists * 0.75);
    expect(t.live()).toEqual(expectedCatalog(fake));
  });

  it('lists everything again, saying so, when the checkpoint is damaged or not its own', async () => {
    for (const cursor of [
      '{"v":1,"kind":"listing","fingerprint":',
      JSON.stringify({ v: 1, kind: 'listing', fingerprint: 'x', drives: [], drivesListedAt: 0, finished: {} }),
      JSON.stringify({ v: 1, fingerprint: 'acc', projects: [], rollups: {}, partial: true }),
    ]) {
      const { fake, keyFile } = await fakeDriveWithKey();
      bigDrive(fake);
      const t = await driveEndpoint(fake, settingsFor(fake, keyFile), {}, giveUpSoon);
      await interruptedAfter(fake, t, 10);
      const state = t.catalog.endpoints.syncState(t.endpoint.id);
      t.catalog.endpoints.saveSyncState(t.endpoint.id, { ...state, cursor });
      fake.truth.remove(fake.truth.all().find((f) => f.name === 'sheet 0.pdf')!.id);

      const run = await t.sync();
      expect(run).toMatchObject({ status: 'success', kind: 'full' });
      expect(
        t.messages.some((m) =>
          /^warn: The interrupted listing left no checkpoint this version can read|^warn: The interrupted listing left a checkpoint that is not JSON/.test(
            m,
          ),
        ),
        cursor,
      ).toBe(true);
      expect(
        t.messages.some((m) =>
          /^warn: Listing everything again because the interrupted listing left no checkpoint to resume/.test(m),
        ),
      ).toBe(true);
      expect(t.live()).toEqual(expectedCatalog(fake));
    }
  });
});
