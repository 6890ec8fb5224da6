/** Runs the core's scheduler in the desktop app and catches up missed syncs when the computer wakes. */

/** The part of Electron's `powerMonitor` this needs. */
export interface PowerEvents {
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

/** The part of the core's scheduler this needs. */
export interface SchedulerControl {
  start(): void;
  catchUp(): number;
}

/** Starts the scheduler and calls its catch-up on every system resume; returns the function that stops listening. */
export function startScheduling(scheduler: SchedulerControl | null, power: PowerEvents): () => void {
  if (!scheduler) return () => undefined;
  scheduler.start();
  // Timers do not run while the machine sleeps: on wake-up, each overdue schedule runs once.
  const onResume = () => void scheduler.catchUp();
  power.on('resume', onResume);
  return () => power.removeListener('resume', onResume);
}
