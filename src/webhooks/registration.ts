/**
 * Registers `webhook` endpoints with their service (Autodesk hooks, Google Drive watch channels), removes
 * exactly what it registered, and renews what expires (Drive channels). The connectors do the talking; this
 * checks the endpoint and the address, keeps the registrations in `webhooks.json` and does one thing per
 * endpoint at a time.
 */
import { ContractError } from '../contract/wire.js';
import { hookCallbackUrl, type HookRegistration } from '../contract/hooks.js';
import type { Endpoint } from '../contract/model.js';
import type { ConnectorHooks } from '../connectors/types.js';
import { HookRegistrationError } from '../connectors/types.js';
import type { Logger } from '../logging/logger.js';
import { hookSecret } from './receiver.js';
import type { HookRegistrationStore, StoredRegistration } from './registrationStore.js';

/** How long to wait before trying a failed renewal again. */
const RENEWAL_RETRY_MS = 15 * 60_000;

export interface HookRegistrarDeps {
  endpoints: { get(id: number): Endpoint | undefined };
  store: HookRegistrationStore;
  /** The endpoint's connector's hooks, or undefined when its source cannot call anyone. */
  hooksOf(endpoint: Endpoint): ConnectorHooks | undefined;
  /** Where `schedule.secretEnv` is read, as the receiver reads it. */
  env: NodeJS.ProcessEnv;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Registrations changed (the renewal timer plans again). */
  onChange?: () => void;
  now?: () => number;
}

const typeNames: Record<Endpoint['type'], string> = {
  local_folder: 'a local or network folder',
  google_drive: 'a Google Drive endpoint',
  autodesk_acc: 'an Autodesk Construction Cloud endpoint',
};

export class HookRegistrar {
  private readonly turns = new Map<number, Promise<unknown>>();
  /** Endpoints whose renewal failed, with when to try again. */
  private readonly retryAt = new Map<number, number>();
  private readonly now: () => number;

  constructor(private readonly deps: HookRegistrarDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Registrations of one endpoint, or of all, for front ends. */
  list(endpointId?: number): HookRegistration[] {
    const out: HookRegistration[] = [];
    for (const [id, stored] of this.deps.store.all()) {
      if (endpointId !== undefined && id !== endpointId) continue;
      out.push(this.present(id, stored));
    }
    return out.sort((a, b) => a.endpointId - b.endpointId);
  }

  /** Registers the endpoint to be called at `url` (a base address, or its full `/hooks/…` address). */
  register(endpointId: number, url: string): Promise<HookRegistration> {
    return this.inTurn(endpointId, async () => {
      const endpoint = this.endpoint(endpointId);
      const hooks = this.hooks(endpoint);
      const secret = this.secret(endpoint);
      let callbackUrl: string;
      try {
        callbackUrl = hookCallbackUrl(url, endpoint);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ContractError({ code: 'invalid_request', message, issues: [{ path: 'url', message }] });
      }
      await this.apply(endpoint, hooks, { callbackUrl, secret, previous: this.deps.store.get(endpointId) });
      const stored = this.deps.store.get(endpointId);
      if (!stored) {
        throw new ContractError({
          code: 'conflict',
          message: `${serviceName(hooks.service)} has nothing to watch for "${endpoint.name}": its scope selects no drive or folder.`,
        });
      }
      this.deps.logger.info(
        `Registered "${endpoint.name}" with ${serviceName(hooks.service)}: ${stored.subscriptions.length} subscription(s) calling ${callbackUrl}`,
        { endpointId },
      );
      return this.present(endpointId, stored);
    });
  }

  /** Removes exactly what was registered for the endpoint; resolves with how many subscriptions went. */
  remove(endpointId: number): Promise<{ removed: number }> {
    return this.inTurn(endpointId, async () => {
      const stored = this.deps.store.get(endpointId);
      if (!stored) return { removed: 0 };
      const endpoint = this.endpoint(endpointId);
      const hooks = this.hooks(endpoint);
      try {
        await hooks.remove(stored.subscriptions);
      } catch (error) {
        const left = error instanceof HookRegistrationError ? error.held : stored.subscriptions;
        this.deps.store.set(endpointId, { ...stored, subscriptions: left });
        this.deps.onChange?.();
        throw new ContractError({ code: 'conflict', message: message(error) });
      }
      this.deps.store.set(endpointId, null);
      this.retryAt.delete(endpointId);
      this.deps.onChange?.();
      this.deps.logger.info(`Removed the ${serviceName(stored.service)} webhooks of "${endpoint.name}"`, {
        endpointId,
      });
      return { removed: stored.subscriptions.length };
    });
  }

  /**
   * Before the endpoint itself is removed: removes its registration, waiting at most `waitMs` (the removal goes
   * on after that). A failure is logged with what is left, never thrown: the endpoint goes either way.
   */
  async removeBeforeEndpoint(endpointId: number, waitMs = 30_000): Promise<void> {
    const stored = this.deps.store.get(endpointId);
    if (!stored) return;
    const name = this.deps.endpoints.get(endpointId)?.name ?? `endpoint ${endpointId}`;
    const removal = this.remove(endpointId).then(
      () => true,
      (error: unknown) => {
        this.deps.logger.warn(
          `Could not remove the ${serviceName(stored.service)} webhooks of "${name}" (${message(error)}); ` +
            `delete them there by hand (ids: ${stored.subscriptions.map((s) => s.id).join(', ')})`,
          { endpointId },
        );
        return true;
      },
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const done = await Promise.race([removal, late]);
    clearTimeout(timer);
    if (!done) {
      this.deps.logger.warn(
        `Still removing the ${serviceName(stored.service)} webhooks of "${name}" in the background`,
        {
          endpointId,
        },
      );
    }
  }

  /** When something next needs renewing (or a failed renewal another try), in ms since the epoch; null: never. */
  nextRenewal(): number | null {
    let next: number | null = null;
    for (const [id, stored] of this.deps.store.all()) {
      const due = this.retryAt.get(id) ?? dueAt(stored);
      if (due !== null && (next === null || due < next)) next = due;
    }
    return next;
  }

  /** Renews every registration with a subscription due now (Drive channels before they expire). */
  async renewDue(): Promise<void> {
    const now = this.now();
    for (const [id, stored] of this.deps.store.all()) {
      const due = this.retryAt.get(id) ?? dueAt(stored);
      if (due === null || due > now) continue;
      await this.inTurn(id, () => this.renew(id)).catch((error: unknown) => {
        this.retryAt.set(id, this.now() + RENEWAL_RETRY_MS);
        this.deps.logger.error(`Could not renew the webhooks of endpoint ${id}: ${message(error)}`, {
          endpointId: id,
        });
      });
    }
  }

  private async renew(endpointId: number): Promise<void> {
    const stored = this.deps.store.get(endpointId);
    if (!stored) return;
    const endpoint = this.deps.endpoints.get(endpointId);
    if (!endpoint) {
      // Nothing can stop its channels without the endpoint's credentials; they expire by themselves.
      this.deps.store.set(endpointId, null);
      this.deps.logger.warn(`Forgot the webhooks of removed endpoint ${endpointId}; they expire by themselves`);
      return;
    }
    const hooks = this.hooks(endpoint);
    await this.apply(endpoint, hooks, {
      callbackUrl: stored.callbackUrl,
      secret: this.secret(endpoint),
      previous: stored,
    });
    this.retryAt.delete(endpointId);
    this.deps.logger.info(`Renewed the ${serviceName(hooks.service)} webhooks of "${endpoint.name}"`, { endpointId });
  }

  /** Registers, keeping whatever the service holds afterwards, also when it failed part-way. */
  private async apply(
    endpoint: Endpoint,
    hooks: ConnectorHooks,
    request: { callbackUrl: string; secret: string; previous: StoredRegistration | null },
  ): Promise<void> {
    const save = (subscriptions: StoredRegistration['subscriptions'], callbackUrl: string) => {
      const registeredAt = request.previous?.registeredAt ?? new Date(this.now()).toISOString();
      this.deps.store.set(endpoint.id, { service: hooks.service, callbackUrl, registeredAt, subscriptions });
      this.deps.onChange?.();
    };
    try {
      save(await hooks.register(request), request.callbackUrl);
    } catch (error) {
      if (error instanceof HookRegistrationError) {
        // The new address once anything calls it; until then the old one still stands.
        const moved = error.held.some((s) => s.details.callbackUrl === request.callbackUrl);
        save(error.held, moved || !request.previous ? request.callbackUrl : request.previous.callbackUrl);
      }
      throw new ContractError({ code: 'conflict', message: message(error) });
    }
  }

  private endpoint(endpointId: number): Endpoint {
    const endpoint = this.deps.endpoints.get(endpointId);
    if (endpoint) return endpoint;
    throw new ContractError({
      code: 'not_found',
      message: `No endpoint with id ${endpointId}. It may have been removed.`,
    });
  }

  private hooks(endpoint: Endpoint): ConnectorHooks {
    let hooks: ConnectorHooks | undefined;
    try {
      hooks = this.deps.hooksOf(endpoint);
    } catch (error) {
      throw new ContractError({ code: 'conflict', message: `"${endpoint.name}" cannot connect: ${message(error)}` });
    }
    if (hooks) return hooks;
    throw new ContractError({
      code: 'unsupported',
      message:
        `"${endpoint.name}" is ${typeNames[endpoint.type]}: no service can call File Connector about it, so webhooks ` +
        'are not supported for it. Give it an interval or cron schedule instead.',
    });
  }

  /** The endpoint's webhook secret, which the service must sign with (or send back) so the receiver accepts it. */
  private secret(endpoint: Endpoint): string {
    const { schedule } = endpoint;
    if (schedule.type !== 'webhook') {
      throw new ContractError({
        code: 'invalid_request',
        message: `"${endpoint.name}" syncs on its ${schedule.type} schedule: set its schedule to webhook, with a secret, before registering it.`,
        issues: [{ path: 'schedule.type', message: 'must be webhook' }],
      });
    }
    const secret = hookSecret(schedule, this.deps.env);
    if (secret) return secret;
    throw new ContractError({
      code: 'invalid_request',
      message: schedule.secretEnv
        ? `"${endpoint.name}" reads its webhook secret from the environment variable ${schedule.secretEnv}, which is not set here: set it (at least 16 characters) and register again.`
        : `"${endpoint.name}" has no webhook secret: give its schedule a secret (at least 16 characters) or secretEnv, then register again.`,
      issues: [{ path: 'schedule.secret', message: 'is required to register webhooks' }],
    });
  }

  private present(endpointId: number, stored: StoredRegistration): HookRegistration {
    return {
      endpointId,
      endpointName: this.deps.endpoints.get(endpointId)?.name ?? `(removed endpoint ${endpointId})`,
      service: stored.service,
      callbackUrl: stored.callbackUrl,
      registeredAt: stored.registeredAt,
      subscriptions: stored.subscriptions.map(({ id, description, expiresAt }) => ({ id, description, expiresAt })),
    };
  }

  /** Runs `fn` after whatever else is under way for the endpoint. */
  private inTurn<T>(endpointId: number, fn: () => Promise<T>): Promise<T> {
    const before = this.turns.get(endpointId) ?? Promise.resolve();
    const next = before.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.turns.set(endpointId, settled);
    void settled.then(() => {
      if (this.turns.get(endpointId) === settled) this.turns.delete(endpointId);
    });
    return next;
  }
}

/** The earliest renewal time among a registration's subscriptions, or null. */
function dueAt(stored: StoredRegistration): number | null {
  const times = stored.subscriptions.flatMap((s) => (s.renewAt ? [Date.parse(s.renewAt)] : []));
  return times.length ? Math.min(...times) : null;
}

function serviceName(service: ConnectorHooks['service']): string {
  return service === 'autodesk' ? 'Autodesk' : 'Google Drive';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
