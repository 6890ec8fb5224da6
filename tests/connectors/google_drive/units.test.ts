import { describe, expect, it } from 'vitest';
import { classify, DRIVE_RETRY, drivePacing } from '../../../src/connectors/google_drive/client.js';
import { decodeCursor } from '../../../src/connectors/google_drive/cursor.js';
import { merge } from '../../../src/connectors/google_drive/merge.js';
import { segment, TreeResolver, type TreeItem } from '../../../src/connectors/google_drive/paths.js';
import { quote } from '../../../src/connectors/google_drive/below.js';
import {
  backoffDelay,
  createRetryPolicy,
  Pacer,
  parseRetryAfter,
  RetryAfterTooLongError,
  TransientError,
} from '../../../src/resilience/index.js';

const item = (id: string, parentId: string | null, isFolder = false): TreeItem<null> => ({
  id,
  name: id,
  parentId,
  isFolder,
  value: null,
});

describe('TreeResolver', () => {
  it('places children that arrive before their folders once the folders come', () => {
    const r = new TreeResolver<null>('root', 'My Drive', null);
    expect(r.add(item('c', 'b'))).toEqual([]);
    expect(r.add(item('b', 'a', true))).toEqual([]);
    expect(r.pending).toBe(2);
    const placed = r.add(item('a', 'root', true)).map((p) => p.path);
    expect(placed.sort()).toEqual(['My Drive/a', 'My Drive/a/b', 'My Drive/a/b/c']);
    expect(r.pending).toBe(0);
    expect(r.ancestors('b')).toEqual(['a', 'root']);
  });

  it('puts orphans, their subtrees and cycles under the unreachable segment', () => {
    const r = new TreeResolver<null>('root', 'My Drive', null);
    r.add(item('x', 'hidden', true));
    r.add(item('y', 'x'));
    r.add(item('p', 'q', true));
    r.add(item('q', 'p', true));
    const paths = r
      .finish()
      .map((p) => p.path)
      .sort();
    expect(paths).toEqual([
      'My Drive/(parent not visible)/p',
      'My Drive/(parent not visible)/p/q',
      'My Drive/(parent not visible)/x',
      'My Drive/(parent not visible)/x/y',
    ]);
  });

  it('marks only what lies in the selected folders as in scope', () => {
    const r = new TreeResolver<null>('root', 'D', new Set(['a']));
    const placed = [...r.add(item('a', 'root', true)), ...r.add(item('b', 'a')), ...r.add(item('z', 'root'))];
    expect(placed.map((p) => [p.item.id, p.inScope])).toEqual([
      ['a', true],
      ['b', true],
      ['z', false],
    ]);
  });

  it('shows a slash in a name as a division slash, and quotes query values', () => {
    expect(segment('A/B')).toBe('A\u2215B');
    expect(quote(`O'Brien\\x`)).toBe(`'O\\'Brien\\\\x'`);
  });
});

describe('pacing', () => {
  it('lets a burst through, then paces to the rate', async () => {
    let waitedMs = 0;
    const bucket = new Pacer(drivePacing({ requestsPerSecond: 50, burst: 5 }), (ms) => (waitedMs += ms));
    const started = Date.now();
    for (let i = 0; i < 10; i++) await bucket.schedule(async () => undefined);
    const elapsed = Date.now() - started;
    await bucket.close();
    // 5 at once, then 5 more at 50/s: about 100 ms.
    expect(elapsed).toBeGreaterThanOrEqual(80);
    expect(elapsed).toBeLessThan(400);
    expect(waitedMs).toBeGreaterThan(0);
  });

  it('stops waiting when the run is cancelled', async () => {
    const bucket = new Pacer(drivePacing({ requestsPerSecond: 1, burst: 1 }));
    await bucket.schedule(async () => undefined);
    const controller = new AbortController();
    const waiting = bucket.schedule(async () => undefined, controller.signal);
    controller.abort(new Error('Cancelled'));
    await expect(waiting).rejects.toThrow('Cancelled');
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After', async () => {
    const policy = { ...DRIVE_RETRY, maxDelayMs: 8000 };
    for (const [attempt, low] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [6, 8000],
    ] as const) {
      const d = backoffDelay(policy, attempt, null);
      expect(d).toBeGreaterThanOrEqual(low);
      expect(d).toBeLessThanOrEqual(low + 1000);
    }
    // The full Retry-After (plus at most 250 ms of jitter), even beyond the backoff cap...
    expect(backoffDelay(policy, 4, 2500)).toBeGreaterThanOrEqual(2500);
    expect(backoffDelay(policy, 4, 9500)).toBeGreaterThanOrEqual(9500);
    expect(backoffDelay(policy, 4, 9500)).toBeLessThanOrEqual(9750);
    // ...but one beyond five minutes fails the request rather than stalling the run.
    const tooLong = createRetryPolicy(policy).execute(async () => {
      throw new TransientError('429', 429, 600_000);
    });
    await expect(tooLong).rejects.toBeInstanceOf(RetryAfterTooLongError);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('retries rate limits, 5xx and resets, but not other 403s or 404s', () => {
    const http = (status: number, reason?: string) => ({
      response: { status, data: { error: { message: 'm', errors: [{ reason }] } }, headers: {} },
    });
    expect(classify(http(429)).transient).toBe(true);
    expect(classify(http(403, 'userRateLimitExceeded')).transient).toBe(true);
    expect(classify(http(403, 'rateLimitExceeded')).transient).toBe(true);
    expect(classify(http(503)).transient).toBe(true);
    expect(classify(http(403, 'insufficientFilePermissions')).transient).toBe(false);
    expect(classify(http(404, 'notFound')).transient).toBe(false);
    expect(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).transient).toBe(true);
  });
});

describe('cursor and merge', () => {
  it('reads only cursors this connector wrote', () => {
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor('{"v":1,"after":"x"}')).toBeNull();
    expect(decodeCursor('not json')).toBeNull();
    const good = {
      v: 1,
      fingerprint: 'f',
      scopeAncestors: [],
      drives: [{ key: 'user', driveId: null, name: 'My Drive', rootId: 'r', token: '5' }],
    };
    expect(decodeCursor(JSON.stringify(good))).toEqual(good);
  });

  it('merges streams as values come, and stops every stream on the first failure', async () => {
    const closed: string[] = [];
    async function* slow() {
      try {
        yield 1;
        await new Promise((r) => setTimeout(r, 20));
        yield 2;
      } finally {
        closed.push('slow');
      }
    }
    async function* failing() {
      try {
        yield 10;
        throw new Error('boom');
      } finally {
        closed.push('failing');
      }
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const v of merge([slow(), failing()])) seen.push(v);
      })(),
    ).rejects.toThrow('boom');
    expect(seen.sort()).toEqual([1, 10]);
    expect(closed.sort()).toEqual(['failing', 'slow']);
  });

  it('holds a failure that comes while the consumer is busy, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      async function* failsSoon() {
        yield 1;
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('boom');
      }
      const merged = merge([failsSoon()]);
      expect(await merged.next()).toEqual({ value: 1, done: false });
      // The consumer writes what it got for a while before it asks for more; the source fails meanwhile.
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
      await expect(merged.next()).rejects.toThrow('boom');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
