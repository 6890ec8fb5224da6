/**
 * Renews webhook registrations before they expire (Drive watch channels last a week at most) while the desktop
 * app or `serve` runs: one timer, set for the next renewal due. It also wakes up at least hourly, to notice
 * registrations that `file-connector hooks register` made from another process.
 */
import type { Logger } from '../logging/logger.js';
import type { HookRegistrar } from './registration.js';

/** The longest the timer sleeps. */
const MAX_SLEEP_MS = 60 * 60_000;

export class HookRenewal {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private busy: Promise<void> | null = null;

  constructor(
    private readonly registrar: Pick<HookRegistrar, 'nextRenewal' | 'renewDue'>,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly maxSleepMs = MAX_SLEEP_MS,
  ) {}

  /** Renews what is due now, then keeps renewing on time until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.plan();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Registrations changed: plan again for the new earliest renewal. */
  replan(): void {
    if (this.running && !this.busy) this.plan();
  }

  /** Resolves when a renewal under way has finished (for a clean stop). */
  settled(): Promise<void> {
    return this.busy ?? Promise.resolve();
  }

  private plan(): void {
    if (this.timer) clearTimeout(this.timer);
    let next: number | null = null;
    try {
      next = this.registrar.nextRenewal();
    } catch (error) {
      this.logger.error(
        `Cannot plan the renewal of webhooks: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const wait = next === null ? this.maxSleepMs : Math.min(Math.max(0, next - Date.now()), this.maxSleepMs);
    this.timer = setTimeout(() => this.tick(), wait);
    // The renewal alone must not keep a process alive.
    this.timer.unref?.();
  }

  private tick(): void {
    this.timer = null;
    this.busy = this.registrar
      .renewDue()
      .catch((error: unknown) =>
        this.logger.error(`Renewing webhooks failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        this.busy = null;
        if (this.running) this.plan();
      });
  }
}
