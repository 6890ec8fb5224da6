import { describe, expect, it } from 'vitest';
import {
  createResilientCaller,
  serviceBreaker,
  ServiceBreaker,
  ServiceUnavailableError,
  TransientError,
} from '../../src/resilience/index.js';

const down = () => Promise.reject(new TransientError('answered 503', 503));
const reset = () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
const tooMany = () => Promise.reject(new TransientError('answered 429', 429, 0));
const ok = () => Promise.resolve('ok');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fail(breaker: ServiceBreaker, fn: () => Promise<unknown>, times: number) {
  for (let i = 0; i < times; i++) await breaker.execute(fn).catch(() => undefined);
}

describe('circuit breaker of a service', () => {
  it('opens after the threshold of server errors or dropped connections in a row, not for rate limits', async () => {
    const breaker = new ServiceBreaker('Example (api.example.com)', { threshold: 3, halfOpenAfterMs: 60_000 });
    await fail(breaker, down, 2);
    await breaker.execute(ok);
    await fail(breaker, tooMany, 5);
    await fail(breaker, reset, 2);
    // A success and rate limits broke the runs: still closed.
    expect(breaker.state).toBe('closed');
    await fail(breaker, down, 1);
    expect(breaker.state).toBe('open');

    let called = false;
    const refused = breaker.execute(async () => (called = true));
    await expect(refused).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(refused).rejects.toThrow(
      /^Example \(api\.example\.com\) is unavailable: 3 requests in a row failed \(last: answered 503\)\. It will be tried again from \S+Z \(in (59|60) s\)\.$/,
    );
    expect(called).toBe(false);
    expect(breaker.retryAt!.getTime() - Date.now()).toBeGreaterThan(55_000);
  });

  it('lets one probe through after the cooldown; the calls that come meanwhile wait for its answer', async () => {
    const breaker = new ServiceBreaker('Example', { threshold: 1, halfOpenAfterMs: 30 });
    await fail(breaker, down, 1);
    await sleep(40);
    let started = 0;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const probe = breaker.execute(async () => {
      started++;
      await gate;
      return 'probe';
    });
    const others = [1, 2, 3].map(() =>
      breaker.execute(async () => {
        started++;
        return 'after';
      }),
    );
    await sleep(10);
    expect(breaker.state).toBe('half-open');
    expect(started).toBe(1);
    release();
    expect(await probe).toBe('probe');
    expect(await Promise.all(others)).toEqual(['after', 'after', 'after']);
    expect(breaker.state).toBe('closed');
  });

  it('opens again when the probe fails', async () => {
    const breaker = new ServiceBreaker('Example', { threshold: 2, halfOpenAfterMs: 30 });
    await fail(breaker, down, 2);
    await sleep(40);
    await expect(breaker.execute(down)).rejects.toThrow('answered 503');
    expect(breaker.state).toBe('open');
    await expect(breaker.execute(ok)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('is shared by every caller of one service at one address', () => {
    const a = serviceBreaker('Example', 'https://api.example.com');
    expect(serviceBreaker('Example', 'https://api.example.com')).toBe(a);
    expect(serviceBreaker('Example', 'https://eu.example.com')).not.toBe(a);
    expect(serviceBreaker('Other', 'https://api.example.com')).not.toBe(a);
    expect(a.service).toBe('Example (api.example.com)');
  });

  it('stops a caller retrying once open: the call fails at once instead of spending its attempts', async () => {
    const breaker = new ServiceBreaker('Example', { threshold: 3, halfOpenAfterMs: 60_000 });
    let sent = 0;
    const caller = createResilientCaller(
      { api: { perMinute: 600_000 } },
      { maxAttempts: 10, baseDelayMs: 1 },
      { onRequest: () => sent++ },
      { breaker },
    );
    await expect(caller.call('api', down)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(sent).toBe(3);
    await caller.close();
  });

  it('refuses calls that waited for their turn while the circuit opened, instead of sending them', async () => {
    const breaker = new ServiceBreaker('Example', { threshold: 3, halfOpenAfterMs: 60_000 });
    let sent = 0;
    // One request every 20 ms: twenty calls made at once wait in the pacer's queue.
    const caller = createResilientCaller(
      { api: { perMinute: 3000, headroom: 1 } },
      { maxAttempts: 1 },
      { onRequest: () => sent++ },
      { breaker },
    );
    const calls = Array.from({ length: 20 }, () => caller.call('api', down).catch((error: unknown) => error));
    const outcomes = await Promise.all(calls);
    expect(sent).toBe(3);
    expect(outcomes.filter((e) => e instanceof ServiceUnavailableError)).toHaveLength(17);
    await caller.close();
  });

  it('gives up on an attempt that takes too long, and retries it as a dropped connection', async () => {
    let attempts = 0;
    const caller = createResilientCaller(
      { api: { perMinute: 600_000 } },
      { maxAttempts: 3, baseDelayMs: 1 },
      {},
      { service: 'Example', timeoutMs: 50 },
    );
    const answer = await caller.call('api', (signal) => {
      attempts++;
      // The first attempt never answers, unless its signal ends it.
      if (attempts === 1)
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      return ok();
    });
    expect(answer).toBe('ok');
    expect(attempts).toBe(2);
    await expect(
      caller.call(
        'api',
        (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      ),
    ).rejects.toThrow('Example gave no answer within 0.05 s');
    await caller.close();
  });
});
