import { describe, expect, it } from 'vitest';
import { schedulerHarness } from './harness.js';

describe('scheduler with real time', () => {
  it('fires a six-field cron schedule every second against the real local_folder connector', async () => {
    const t = await schedulerHarness();
    const { endpoint } = t.addFolder('Site', { type: 'cron', expression: '* * * * * *' });
    await t.engine.run(endpoint.id, { trigger: 'manual' });
    t.scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    t.scheduler.stop();
    await t.scheduler.idle();
    const scheduled = t.runsOf(endpoint.id).filter((r) => r.trigger === 'schedule');
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    expect(scheduled.length).toBeLessThanOrEqual(3);
    expect(scheduled.every((r) => r.status === 'success' && r.kind === 'incremental')).toBe(true);
  });
});
