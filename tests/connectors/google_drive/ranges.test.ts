import { describe, expect, it } from 'vitest';
import { beforeEnd, rangeQuery, splitRest, type TimeRange } from '../../../src/connectors/google_drive/ranges.js';
import { parseQuery } from '../../fakes/googleDrive/query.js';
import type { FakeFile } from '../../fakes/googleDrive/truth.js';

const at = (iso: string) => Date.parse(iso);
const fileAt = (modifiedTime: string) => ({ modifiedTime, trashed: false }) as FakeFile;

describe('modifiedTime ranges of a drive listing', () => {
  it('queries [from, until) to the millisecond, with open ends left out', () => {
    const range: TimeRange = {
      from: at('2024-03-01T00:00:00.001Z'),
      until: at('2024-03-01T00:00:00.003Z'),
      queried: at('2024-03-01T00:00:00.003Z'),
    };
    const q = rangeQuery('trashed = false', range)!;
    expect(q).toBe(
      "trashed = false and modifiedTime >= '2024-03-01T00:00:00.001Z' and modifiedTime < '2024-03-01T00:00:00.003Z'",
    );
    const inRange = parseQuery(q);
    expect(inRange(fileAt('2024-03-01T00:00:00.000Z'))).toBe(false);
    expect(inRange(fileAt('2024-03-01T00:00:00.001Z'))).toBe(true);
    expect(inRange(fileAt('2024-03-01T00:00:00.002Z'))).toBe(true);
    expect(inRange(fileAt('2024-03-01T00:00:00.003Z'))).toBe(false);
    expect(rangeQuery(undefined, { from: null, until: null, queried: null })).toBeUndefined();
    expect(rangeQuery(undefined, { from: 5, until: null, queried: null })).toBe(
      "modifiedTime >= '1970-01-01T00:00:00.005Z'",
    );
  });

  it('splits the time past a page into adjoining parts, the last reaching the old end', () => {
    const range: TimeRange = { from: null, until: null, queried: null };
    const parts = splitRest(range, 1000, 2000, 2);
    // The range keeps three pages' worth past its page; the parts follow without gap or overlap.
    expect(range).toEqual({ from: null, until: 5000, queried: null });
    expect(parts).toEqual([
      { from: 5000, until: 8000, queried: 8000 },
      { from: 8000, until: null, queried: null },
    ]);
    expect(beforeEnd(range, 4999)).toBe(true);
    expect(beforeEnd(range, 5000)).toBe(false);
    expect(beforeEnd(range, NaN)).toBe(true);
  });

  it('keeps entries sharing the last time with the range listing them, and splits nothing past a near end', () => {
    const same: TimeRange = { from: null, until: null, queried: null };
    expect(splitRest(same, 2000, 2000, 1)).toEqual([{ from: 2001, until: null, queried: null }]);
    expect(same.until).toBe(2001);
    const near: TimeRange = { from: 0, until: 4000, queried: 4000 };
    expect(splitRest(near, 1000, 2000, 2)).toEqual([]);
    expect(near.until).toBe(4000);
    const bounded: TimeRange = { from: 0, until: 9000, queried: 9000 };
    expect(splitRest(bounded, 1000, 2000, 5)).toEqual([
      { from: 5000, until: 8000, queried: 8000 },
      { from: 8000, until: 9000, queried: 9000 },
    ]);
  });
});
