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

/** The part of the core's health monitor this needs. */
export interface HealthControl {
  start(): void;
  checkAll(): Promise<void>;
}

/**
 * Starts the scheduler (and the health checks) and, on every system resume, catches up missed syncs and
 * checks every endpoint again; returns the function that stops listening.
 */
export function startScheduling(
  scheduler: SchedulerControl | null,
  power: PowerEvents,
  health: HealthControl | null = null,
): () => void {
  if (!scheduler) return () => undefined;
  scheduler.start();
  health?.start();
  // Timers do not run while the machine sleeps: on wake-up, each overdue schedule runs once, and
  // credentials or folders that changed meanwhile are noticed at once.
  const onResume = () => {
    scheduler.catchUp();
    void health?.checkAll();
  };
  power.on('resume', onResume);
  return () => power.removeListener('resume', onResume);
}
