import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startScheduling } from '../../electron/main/scheduling.js';

describe('desktop scheduling', () => {
  it('starts the scheduler and catches up once per system resume, until stopped', () => {
    const calls: string[] = [];
    const power = new EventEmitter();
    const stop = startScheduling(
      { start: () => calls.push('start'), catchUp: () => calls.push('catchUp') },
      power as unknown as Parameters<typeof startScheduling>[1],
    );
    power.emit('resume');
    power.emit('resume');
    stop();
    power.emit('resume');
    expect(calls).toEqual(['start', 'catchUp', 'catchUp']);
  });

  it('starts the health checks and checks every endpoint again on resume', () => {
    const calls: string[] = [];
    const power = new EventEmitter();
    startScheduling(
      { start: () => calls.push('start'), catchUp: () => calls.push('catchUp') },
      power as unknown as Parameters<typeof startScheduling>[1],
      { start: () => calls.push('health.start'), checkAll: async () => void calls.push('health.checkAll') },
    );
    power.emit('resume');
    expect(calls).toEqual(['start', 'health.start', 'catchUp', 'health.checkAll']);
  });

  it('does nothing for a core without a scheduler', () => {
    const power = new EventEmitter();
    startScheduling(null, power as unknown as Parameters<typeof startScheduling>[1]);
    expect(power.listenerCount('resume')).toBe(0);
  });
});
