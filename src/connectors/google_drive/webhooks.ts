/**
 * Google Drive watch channels for a `webhook` endpoint: `changes.watch` on My Drive and each shared drive in
 * scope, calling the endpoint's address with its secret as the channel token. Channels on the changes feed
 * expire after a week at most and cannot be extended: a channel due for renewal is replaced by a new one, and
 * the old one is stopped with `channels.stop`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { ConnectorHooks, ConnectorLogger, HookSubscription } from '../types.js';
import { HookRegistrationError } from '../types.js';
import { DriveApiError, type DriveClient } from './client.js';
import { resolveDrives, startToken, type DriveRef } from './drives.js';
import type { GoogleDriveSettings } from './settings.js';

/** The longest Drive keeps a channel on the changes feed. */
export const MAX_CHANNEL_LIFETIME_MS = 7 * 24 * 3_600_000;
/** Channels are replaced this long before they expire (or a quarter of a shorter lifetime before). */
const RENEWAL_MARGIN_MS = 24 * 3_600_000;

export interface DriveHooksDeps {
  settings: GoogleDriveSettings;
  makeClient(signal: AbortSignal, log: ConnectorLogger): DriveClient;
  now?: () => number;
}

const quiet: ConnectorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** A short check value of the channel's token (keyed by it, salted by the channel id), to notice a changed secret. */
function tokenCheck(secret: string, channelId: string): string {
  return createHmac('sha256', secret).update(channelId).digest('base64url').slice(0, 16);
}

/** The Google side of `ConnectorHooks`. */
export function createDriveHooks(deps: DriveHooksDeps): ConnectorHooks {
  const now = deps.now ?? Date.now;
  const client = () => deps.makeClient(AbortSignal.timeout(10 * 60_000), quiet);

  async function watch(drive: DriveRef, api: DriveClient, callbackUrl: string, secret: string) {
    const pageToken = await startToken(api, drive);
    const issued = now();
    const id = randomUUID();
    const channel = await api.call(`changes.watch (${drive.name})`, (drv, o) =>
      drv.changes.watch(
        {
          pageToken,
          supportsAllDrives: true,
          ...(drive.driveId ? { driveId: drive.driveId, includeItemsFromAllDrives: true } : {}),
          requestBody: {
            id,
            type: 'web_hook',
            address: callbackUrl,
            token: secret,
            expiration: String(issued + MAX_CHANNEL_LIFETIME_MS),
          },
        },
        o,
      ),
    );
    if (!channel.id || !channel.resourceId) {
      throw new Error(`Drive created a watch channel for ${drive.name} without an id or resourceId.`);
    }
    // Drive may grant less than asked for; without an expiration it keeps the channel for an hour.
    const expires = channel.expiration ? Number(channel.expiration) : issued + 3_600_000;
    const margin = Math.min(RENEWAL_MARGIN_MS, (expires - issued) / 4);
    return {
      id: channel.id,
      description: drive.name,
      expiresAt: new Date(expires).toISOString(),
      renewAt: new Date(expires - margin).toISOString(),
      details: { drive: drive.key, resourceId: channel.resourceId, token: tokenCheck(secret, channel.id), callbackUrl },
    } satisfies HookSubscription;
  }

  async function stop(api: DriveClient, s: HookSubscription) {
    try {
      // Drive answers 204 with no body: there is nothing to read, only the status counts.
      await api.call('channels.stop', (drv, o) =>
        drv.channels
          .stop({ requestBody: { id: s.id, resourceId: s.details.resourceId ?? '' } }, o)
          .then(() => ({ data: {} })),
      );
    } catch (error) {
      // A channel that expired or was stopped already is gone, as wanted.
      if (!(error instanceof DriveApiError && error.status === 404)) throw error;
    }
  }

  return {
    service: 'google',

    async register({ callbackUrl, secret, previous }) {
      const api = client();
      const earlier = previous?.subscriptions ?? [];
      const held = new Map<string, HookSubscription>();
      try {
        const drives = await resolveDrives(api, deps.settings.scope);
        for (const drive of drives) {
          const current = earlier.find(
            (s) =>
              (s.details.callbackUrl ?? previous?.callbackUrl) === callbackUrl &&
              s.details.drive === drive.key &&
              s.details.token === tokenCheck(secret, s.id) &&
              s.renewAt !== null &&
              Date.parse(s.renewAt) > now(),
          );
          const channel = current ?? (await watch(drive, api, callbackUrl, secret));
          held.set(channel.id, channel);
        }
        // Replaced, for another address or secret, or for a drive no longer in scope.
        for (const s of earlier.filter((e) => !held.has(e.id))) {
          held.set(s.id, s);
          await stop(api, s);
          held.delete(s.id);
        }
        return [...held.values()];
      } catch (error) {
        for (const s of earlier) if (!held.has(s.id)) held.set(s.id, s);
        throw new HookRegistrationError(explain(error, 'create watch channels'), [...held.values()], {
          cause: error,
        });
      } finally {
        await api.close();
      }
    },

    async remove(subscriptions) {
      const api = client();
      const left: HookSubscription[] = [];
      let failure: unknown = null;
      try {
        for (const s of subscriptions) {
          try {
            await stop(api, s);
          } catch (error) {
            failure ??= error;
            left.push(s);
          }
        }
      } finally {
        await api.close();
      }
      if (failure) throw new HookRegistrationError(explain(failure, 'stop watch channels'), left, { cause: failure });
    },
  };
}

/** What went wrong, with what to do about a refusal. */
function explain(error: unknown, what: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DriveApiError && error.status === 403) {
    return (
      `Google refused to ${what}: ${message}. The account must be able to read the drives, and Google calls only ` +
      'public https addresses with a valid certificate: check the address, or keep an interval schedule.'
    );
  }
  if (error instanceof DriveApiError && error.status === 400) {
    return `Google did not accept the watch channel: ${message}. Check that the address is a public https URL.`;
  }
  return `Could not ${what} with Google Drive: ${message}`;
}
