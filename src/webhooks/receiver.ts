/**
 * Turns webhook calls into syncs: finds the endpoint, checks the call against its secret, answers at
 * once (Autodesk gives up after 7 s) and queues an incremental sync with trigger `webhook`. A delivery
 * seen before (a provider's retry or a replay) is acknowledged but starts nothing; distinct calls that
 * arrive during a run fold into one follow-up run in the scheduler.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Endpoint } from '../contract/model.js';
import type { Schedule } from '../contract/schemas.js';
import type { Logger } from '../logging/logger.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { deliveryDigest, hookHeader, verifyDelivery, type HookHeaders } from './verify.js';

export interface HookDelivery {
  headers: HookHeaders;
  /** The raw body, as signed. */
  body: Buffer;
}

export interface HookAnswer {
  status: number;
  body: { ok: boolean; message: string };
}

export interface HookReceiverDeps {
  catalog: Catalog;
  scheduler: Pick<Scheduler, 'fire'>;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** How long a delivery is remembered to recognise it again. */
  replayWindowMs?: number;
}

/**
 * The secret that authenticates an endpoint's webhook calls: `schedule.secret`, else the environment variable
 * named by `schedule.secretEnv`. The one source of truth for the receiver and for registering hooks.
 */
export function hookSecret(schedule: Schedule, env: NodeJS.ProcessEnv): string | undefined {
  if (schedule.type !== 'webhook') return undefined;
  return schedule.secret ?? (schedule.secretEnv ? env[schedule.secretEnv] || undefined : undefined);
}

/** The same answer for an unknown endpoint and a bad signature, so callers cannot probe for names. */
const refused: HookAnswer = {
  status: 401,
  body: { ok: false, message: 'Not accepted: unknown endpoint or wrong secret.' },
};
const MAX_REMEMBERED = 5_000;

export class HookReceiver {
  /** Delivery fingerprints (or Google channel message numbers) seen lately, with when they expire. */
  private readonly seen = new Map<string, number>();
  private readonly replayWindowMs: number;

  constructor(private readonly deps: HookReceiverDeps) {
    this.replayWindowMs = deps.replayWindowMs ?? 24 * 3_600_000;
  }

  /** Answers one call to `/hooks/<target>`, where target is an endpoint's id or name. */
  receive(target: string, delivery: HookDelivery): HookAnswer {
    const endpoint = this.find(target);
    if (!endpoint) {
      this.deps.logger.warn(`Refused a webhook call for "${target}": no such endpoint`);
      return refused;
    }
    const log = this.deps.logger.child({ endpointId: endpoint.id });
    const schedule = endpoint.schedule;
    if (schedule.type !== 'webhook') {
      log.warn(`Refused a webhook call for "${endpoint.name}": its schedule is ${schedule.type}, not webhook`);
      return refused;
    }
    const secret = hookSecret(schedule, this.deps.env);
    if (!secret) {
      log.warn(
        `Refused a webhook call for "${endpoint.name}": it has no secret (set schedule.secret${schedule.secretEnv ? `, or the environment variable ${schedule.secretEnv}` : ''})`,
      );
      return refused;
    }
    const verdict = verifyDelivery(delivery.headers, delivery.body, secret);
    if (!verdict.ok) {
      log.warn(`Refused a webhook call for "${endpoint.name}": ${verdict.reason}`);
      return refused;
    }
    if (verdict.source === 'google' && hookHeader(delivery.headers, 'x-goog-resource-state') === 'sync') {
      // Google's first message only confirms a new watch channel; nothing changed yet.
      return { status: 200, body: { ok: true, message: 'Watch channel confirmed.' } };
    }
    const key = this.replayKey(endpoint.id, verdict.source, delivery);
    if (key && this.remembered(key)) {
      log.info(`Ignored a repeated ${verdict.source} webhook delivery for "${endpoint.name}"`);
      return { status: 200, body: { ok: true, message: 'Already received.' } };
    }
    log.info(`Webhook call (${verdict.source}) for "${endpoint.name}": queueing a sync`);
    void this.deps.scheduler.fire(endpoint.id, 'webhook').catch((error: unknown) => {
      log.error(`A webhook sync of "${endpoint.name}" could not be queued: ${String(error)}`);
    });
    return { status: 202, body: { ok: true, message: 'Sync queued.' } };
  }

  private find(target: string): Endpoint | undefined {
    const { endpoints } = this.deps.catalog;
    return (/^\d+$/.test(target) ? endpoints.get(Number(target)) : undefined) ?? endpoints.findByName(target);
  }

  /**
   * What identifies a delivery when it comes again: Autodesk resends the same signed body; Google
   * numbers the messages of a channel. Bearer callers have no identity, and rely on coalescing.
   */
  private replayKey(
    endpointId: number,
    source: 'autodesk' | 'google' | 'bearer',
    delivery: HookDelivery,
  ): string | null {
    if (source === 'autodesk') return `${endpointId}:adsk:${deliveryDigest(delivery.body)}`;
    if (source === 'google') {
      const channel = hookHeader(delivery.headers, 'x-goog-channel-id') ?? '';
      const number = hookHeader(delivery.headers, 'x-goog-message-number') ?? '';
      return number ? `${endpointId}:goog:${channel}:${number}` : null;
    }
    return null;
  }

  /** Whether `key` was seen within the replay window; remembers it either way. */
  private remembered(key: string): boolean {
    const now = Date.now();
    for (const [k, expires] of this.seen) {
      if (expires > now && this.seen.size <= MAX_REMEMBERED) break;
      this.seen.delete(k);
    }
    const known = (this.seen.get(key) ?? 0) > now;
    this.seen.delete(key);
    this.seen.set(key, now + this.replayWindowMs);
    return known;
  }
}
