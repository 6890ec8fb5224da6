import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  createResilientCaller,
  createRetryPolicy,
  isConnectionError,
  parseRetryAfter,
  RetryAfterTooLongError,
  TransientError,
  type RetryInfo,
} from '../../src/resilience/index.js';

const fast = { baseDelayMs: 10, maxDelayMs: 40 };

describe('retry policy', () => {
  it('retries transient errors with growing, jittered backoff and then succeeds', async () => {
    const retries: RetryInfo[] = [];
    const policy = createRetryPolicy({ ...fast, maxAttempts: 5 }, (i) => retries.push(i));
    let calls = 0;
    const result = await policy.execute(async () => {
      if (++calls < 4) throw new TransientError('503 from server', 503);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // Equal jitter: between half and all of 10, 20, 40 ms.
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(5);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(10);
    expect(retries[2]!.delayMs).toBeGreaterThanOrEqual(20);
    expect(retries[2]!.delayMs).toBeLessThanOrEqual(40);
  });

  it("adds jitter on top of the full exponential delay when asked to (Google's recommendation)", async () => {
    const retries: RetryInfo[] = [];
    const options = { baseDelayMs: 10, maxDelayMs: 40, jitterMs: 5, maxAttempts: 5 };
    const policy = createRetryPolicy(options, (i) => retries.push(i));
    let calls = 0;
    await policy.execute(async () => {
      if (++calls < 5) throw new TransientError('503 from server', 503);
    });
    // 10, 20, 40 and 40 (capped) ms, each plus up to 5 ms.
    for (const [i, low] of [10, 20, 40, 40].entries()) {
      expect(retries[i]!.delayMs).toBeGreaterThanOrEqual(low);
      expect(retries[i]!.delayMs).toBeLessThanOrEqual(low + 5);
    }
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay({ baseDelayMs: 1000, maxDelayMs: 64_000, jitterMs: 1000 }, 3, null);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(5000);
      // A Retry-After is honoured in full, beyond the backoff cap, with at most 250 ms of jitter.
      const held = backoffDelay({ baseDelayMs: 1000, maxDelayMs: 8000, jitterMs: 1000 }, 1, 20_000);
      expect(held).toBeGreaterThanOrEqual(20_000);
      expect(held).toBeLessThanOrEqual(20_250);
    }
  });

  it('gives up after the bounded number of attempts with the last error', async () => {
    const policy = createRetryPolicy({ ...fast, maxAttempts: 3 });
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls++;
        throw new TransientError(`attempt ${calls} failed`, 500);
      }),
    ).rejects.toThrow('attempt 3 failed');
    expect(calls).toBe(3);
  });

  it('passes other errors through at once', async () => {
    const policy = createRetryPolicy(fast);
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls++;
        throw new Error('403 forbidden');
      }),
    ).rejects.toThrow('403 forbidden');
    expect(calls).toBe(1);
  });

  it('waits the full Retry-After of a 429, not the shorter backoff', async () => {
    const policy = createRetryPolicy({ ...fast, maxAttempts: 2 });
    let calls = 0;
    const started = Date.now();
    await policy.execute(async () => {
      if (++calls === 1) throw new TransientError('429', 429, 300);
      return 'ok';
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('refuses a Retry-After beyond its limit rather than stalling the run', async () => {
    const policy = createRetryPolicy({ ...fast, maxRetryAfterMs: 1000 });
    await expect(
      policy.execute(async () => {
        throw new TransientError('429', 429, 3_600_000);
      }),
    ).rejects.toBeInstanceOf(RetryAfterTooLongError);
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const policy = createRetryPolicy({ maxAttempts: 3, baseDelayMs: 10 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('Cancelled')), 30);
    const started = Date.now();
    await expect(
      policy.execute(async () => {
        throw new TransientError('429', 429, 10_000);
      }, controller.signal),
    ).rejects.toThrow('Cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});

describe('resilient caller', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = undefined;
  });

  it('retries a dropped connection to a real server and counts requests and retries', async () => {
    let hits = 0;
    server = http.createServer((req, res) => {
      // The first two connections are dropped without an answer.
      if (++hits <= 2) return req.socket.destroy();
      res.end('fine');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const counted = { requests: 0, retries: 0 };
    const caller = createResilientCaller({ api: { perMinute: 60_000 } }, fast, {
      onRequest: () => counted.requests++,
      onRetry: () => counted.retries++,
    });
    const body = await caller.call('api', async () => {
      const res = await fetch(url);
      return res.text();
    });
    expect(body).toBe('fine');
    expect(counted).toEqual({ requests: 3, retries: 2 });
  });

  it('classifies socket errors wrapped by fetch as connection errors', async () => {
    server = http.createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const error = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`).catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect(isConnectionError(new Error('plain'))).toBe(false);
  });

  it('holds the family after a 429 so its other requests wait too, and totals the wait', async () => {
    const caller = createResilientCaller({ api: { perMinute: 600_000 }, other: { perMinute: 600_000 } }, fast);
    let first = true;
    const started = Date.now();
    const ends: Record<string, number> = {};
    await Promise.all([
      caller.call('api', async () => {
        if (first) {
          first = false;
          throw new TransientError('429', 429, 200);
        }
        ends.retried = Date.now() - started;
      }),
      new Promise((r) => setTimeout(r, 30)).then(() =>
        caller.call('api', async () => void (ends.sibling = Date.now() - started)),
      ),
      caller.call('other', async () => void (ends.other = Date.now() - started)),
    ]);
    expect(ends.retried).toBeGreaterThanOrEqual(195);
    expect(ends.sibling).toBeGreaterThanOrEqual(190);
    expect(ends.other).toBeLessThan(100);
    expect(caller.waited.retryAfter).toBeGreaterThanOrEqual(200);
  });

  it("releases its pacers' refill timers on close", async () => {
    vi.useFakeTimers();
    try {
      const caller = createResilientCaller({ api: { perMinute: 600, burst: 5 }, other: { perMinute: 60, burst: 2 } });
      expect(vi.getTimerCount()).toBe(2);
      const closing = caller.close();
      await vi.advanceTimersByTimeAsync(1);
      await closing;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('names an unknown family', () => {
    const caller = createResilientCaller({ api: { perMinute: 60 } });
    expect(() => caller.call('nope' as 'api', async () => 1)).toThrow(/"nope"/);
  });
});
