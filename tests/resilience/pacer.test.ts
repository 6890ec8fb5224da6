import { describe, expect, it } from 'vitest';
import { Pacer, spacingMs } from '../../src/resilience/index.js';

/** Start times (ms since the first) of `n` requests scheduled at once. */
async function startTimes(pacer: Pacer, n: number, work = 0): Promise<number[]> {
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      pacer.schedule(async () => {
        starts.push(Date.now());
        if (work) await new Promise((r) => setTimeout(r, work));
      }),
    ),
  );
  return starts.map((t) => t - starts[0]!);
}

describe('pacer', () => {
  it('spaces requests evenly at the limit less its headroom', async () => {
    expect(spacingMs({ perMinute: 300 })).toBeCloseTo(222.2, 1);
    // 1200/min with 10% headroom: one request every ~55.6 ms.
    const starts = await startTimes(new Pacer({ perMinute: 1200 }), 10);
    // Measured on the average: a callback that runs late on a busy machine makes the next gap look short.
    expect(starts[9]! - starts[0]!).toBeGreaterThanOrEqual(9 * 55 - 5);
    // A late first start is caught up on (Bottleneck plans from the due times), but never past the limit itself.
    expect(starts[9]).toBeGreaterThanOrEqual(9 * 50);
    expect(starts[9]).toBeLessThan(9 * 56 + 2500); // kept busy, with room for a loaded 2-core machine
  });

  it('never starts more than the limit within any window, so a sliding-window server sees no excess', async () => {
    // 6000/min is 100 per second; any 1 s window must hold at most 100 starts.
    const starts = await startTimes(new Pacer({ perMinute: 6000 }), 150);
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(100);
    }
  });

  it('keeps a fractional spacing instead of rounding it up to whole milliseconds', async () => {
    // 6000/min with 10% headroom is 90 a second, one every 11.11 ms; rounded up to 12 ms it would be 83 a second.
    const spacing = spacingMs({ perMinute: 6000 });
    const starts = await startTimes(new Pacer({ perMinute: 6000 }), 271);
    const span = starts[270]! - starts[0]!;
    // Over 270 gaps: never faster than the pace, and clearly below the 3,240 ms that 12 ms spacing takes
    // (the slack is for a late last start on a loaded machine).
    expect(span).toBeGreaterThanOrEqual(270 * spacing - 10);
    expect(span).toBeLessThan(270 * spacing * 1.04);
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(100);
    }
  });

  it('lets a burst through at once, then paces the rest', async () => {
    const starts = await startTimes(new Pacer({ perMinute: 600, burst: 4, headroom: 1 }), 7);
    expect(starts.slice(0, 4).every((t) => t < 40)).toBe(true);
    // Then one every 100 ms.
    expect(starts[4]).toBeGreaterThanOrEqual(60);
    expect(starts[6]).toBeGreaterThanOrEqual(250);
  });

  it('keeps up with a fast per-second rate after its burst, and never exceeds it', async () => {
    // 500 requests/s (30,000/min) with a burst of 5: the bucket adds several tokens per heartbeat tick.
    const started = Date.now();
    const starts = await startTimes(new Pacer({ perMinute: 30_000, burst: 5, headroom: 1, maxConcurrent: 50 }), 105);
    const elapsed = Date.now() - started;
    // 100 requests beyond the burst take at least 200 ms; one token per tick would have taken 500 ms or more.
    expect(starts[104]).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(450);
    for (let i = 0; i < starts.length; i++) {
      // Any 100 ms window: at most the burst plus 50 refilled tokens (plus one refill tick of slack).
      const inWindow = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 100).length;
      expect(inWindow).toBeLessThanOrEqual(5 + 50 + 5);
    }
  });

  it('caps requests in flight', async () => {
    const pacer = new Pacer({ perMinute: 600_000, maxConcurrent: 3 });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        pacer.schedule(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 10));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('holds the whole family for a Retry-After and reports the wait', async () => {
    const waits: { ms: number; cause: string }[] = [];
    const pacer = new Pacer({ perMinute: 600_000 }, (ms, cause) => waits.push({ ms, cause }));
    pacer.holdFor(300);
    const started = Date.now();
    await Promise.all([pacer.schedule(async () => 1), pacer.schedule(async () => 2)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(waits.filter((w) => w.cause === 'retryAfter').length).toBeGreaterThanOrEqual(2);
  });

  it('halves its pace once per 429 hold, since the server allows less than configured', async () => {
    const pacer = new Pacer({ perMinute: 600, headroom: 1 });
    expect(pacer.spacing).toBe(100);
    pacer.holdFor(10);
    pacer.holdFor(10); // the same hold: no second slow-down
    expect(pacer.spacing).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    pacer.holdFor(10);
    expect(pacer.spacing).toBe(400);
    const starts = await startTimes(pacer, 3);
    expect(starts[2]).toBeGreaterThanOrEqual(790);
  });

  it('earns its pace back step by step after 429s, so occasional ones cannot compound into a crawl', async () => {
    const pacer = new Pacer({ perMinute: 12_000, headroom: 1 });
    expect(pacer.spacing).toBe(5);
    for (let i = 0; i < 3; i++) {
      pacer.holdFor(0);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(pacer.spacing).toBe(40);
    const steps: number[] = [];
    for (let round = 0; round < 7; round++) {
      // Nine successes change nothing; the tenth takes a quarter of the slow-down back.
      for (let i = 0; i < 9; i++) await pacer.schedule(async () => undefined);
      expect(pacer.spacing).toBe(steps.at(-1) ?? 40);
      await pacer.schedule(async () => undefined);
      steps.push(pacer.spacing);
    }
    // Down to the configured pace, never below it.
    expect(steps).toEqual([30, 22, 16, 12, 9, 6, 5]);
    await Promise.all(Array.from({ length: 20 }, () => pacer.schedule(async () => undefined)));
    expect(pacer.spacing).toBe(5);
    // A new 429 starts the count afresh.
    pacer.holdFor(0);
    for (let i = 0; i < 9; i++) await pacer.schedule(async () => undefined);
    expect(pacer.spacing).toBe(10);
  });

  it('returns to its fractional pace, not a rounded one, once it has earned its speed back', async () => {
    const pacer = new Pacer({ perMinute: 6000 });
    const configured = spacingMs({ perMinute: 6000 }); // 11.11 ms
    expect(pacer.spacing).toBeCloseTo(configured, 6);
    pacer.holdFor(0);
    expect(pacer.spacing).toBe(23); // twice the pace, in whole milliseconds
    for (let i = 0; i < 10; i++) await pacer.schedule(async () => undefined);
    expect(pacer.spacing).toBe(17);
    for (let i = 0; i < 10; i++) await pacer.schedule(async () => undefined);
    expect(pacer.spacing).toBeCloseTo(configured, 6);
  });

  it('rejects a queued request at once when its signal aborts', async () => {
    const pacer = new Pacer({ perMinute: 60 }); // one every ~1.1 s
    await pacer.schedule(async () => undefined);
    const controller = new AbortController();
    const queued = pacer.schedule(async () => 'ran', controller.signal);
    setTimeout(() => controller.abort(new Error('Cancelled')), 20);
    const started = Date.now();
    await expect(queued).rejects.toThrow('Cancelled');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses a meaningless limit', () => {
    expect(() => new Pacer({ perMinute: 0 })).toThrow(/Invalid rate limit/);
    expect(() => new Pacer({ perMinute: 10, headroom: 1.5 })).toThrow(/headroom/);
  });
});
