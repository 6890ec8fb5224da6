/**
 * The fake Drive's push notifications: `changes.watch` (a channel per drive, `web_hook` to an https address or
 * a loopback one, an expiration capped at `maxLifetimeMs`) and `channels.stop`, in Drive's wire shapes. A new
 * channel gets Drive's `sync` message; `notify(corpus)` sends `change` messages to the drive's live channels
 * with the X-Goog-* headers Drive sends.
 */
import { randomUUID } from 'node:crypto';

export interface FakeChannel {
  id: string;
  resourceId: string;
  address: string;
  token: string | null;
  /** Ms since the epoch. */
  expiration: number;
  /** 'user' (My Drive) or a shared drive id. */
  corpus: string;
  stopped: boolean;
  messages: number;
}

export interface FakeChannelDelivery {
  channelId: string;
  state: 'sync' | 'change';
  status: number;
}

/** What a handler answers: no body for 204. */
export interface FakeChannelAnswer {
  status: number;
  body?: unknown;
}

const driveError = (status: number, reason: string, message: string): FakeChannelAnswer => ({
  status,
  body: { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } },
});

export class FakeChannels {
  readonly channels = new Map<string, FakeChannel>();
  readonly deliveries: FakeChannelDelivery[] = [];
  /** Longest life Drive grants a channel on the changes feed (a week); tests shorten it. */
  maxLifetimeMs = 7 * 24 * 3_600_000;
  private pending: Promise<unknown>[] = [];

  /** Channels that are neither stopped nor expired. */
  live(corpus?: string): FakeChannel[] {
    return [...this.channels.values()].filter(
      (c) => !c.stopped && c.expiration > Date.now() && (corpus === undefined || c.corpus === corpus),
    );
  }

  /**
   * Answers `POST /changes/watch` and `POST /channels/stop`; null for any other path. `corpus` checks the
   * shared-drive parameters as `changes.list` does; `validToken` checks the start page token.
   */
  handle(
    method: string,
    path: string,
    q: URLSearchParams,
    text: string,
    corpus: (q: URLSearchParams) => string,
    validToken: (token: string) => boolean,
  ): FakeChannelAnswer | null {
    if (path !== '/changes/watch' && path !== '/channels/stop') return null;
    if (method !== 'POST') return driveError(405, 'methodNotAllowed', `${path} takes POST`);
    let body: {
      id?: unknown;
      type?: unknown;
      address?: unknown;
      token?: unknown;
      expiration?: unknown;
      resourceId?: unknown;
    };
    try {
      body = JSON.parse(text || '{}') as typeof body;
    } catch {
      return driveError(400, 'parseError', 'This API does not support parsing form-encoded input.');
    }
    return path === '/channels/stop' ? this.stop(body) : this.watch(corpus(q), q, body, validToken);
  }

  /** Sends a `change` message to every live channel of `corpus`; resolves once all were answered. */
  async notify(corpus: string): Promise<FakeChannelDelivery[]> {
    return Promise.all(this.live(corpus).map((c) => this.send(c, 'change')));
  }

  /** Resolves when every message sent so far (the `sync` ones included) was answered. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  private watch(
    corpus: string,
    q: URLSearchParams,
    body: { id?: unknown; type?: unknown; address?: unknown; token?: unknown; expiration?: unknown },
    validToken: (token: string) => boolean,
  ): FakeChannelAnswer {
    const pageToken = q.get('pageToken');
    if (!pageToken) return driveError(400, 'required', 'Required parameter: pageToken');
    if (!validToken(pageToken)) return driveError(400, 'invalid', 'Invalid Value');
    if (typeof body.id !== 'string' || !body.id) return driveError(400, 'required', 'Required: id');
    if (this.channels.has(body.id)) return driveError(400, 'channelIdNotUnique', `Channel id ${body.id} not unique`);
    if (body.type !== 'web_hook' && body.type !== 'webhook') return driveError(400, 'invalid', 'Invalid type');
    const address = typeof body.address === 'string' ? body.address : '';
    const url = URL.canParse(address) ? new URL(address) : null;
    // Drive calls https addresses only; loopback http stands in for a tunnel in tests.
    const loopback = url?.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname);
    if (!url || (url.protocol !== 'https:' && !loopback)) {
      return driveError(400, 'push.webhookUrlNotHttps', 'WebHook callback must be HTTPS: ' + address);
    }
    const token = typeof body.token === 'string' ? body.token : null;
    if (token && token.length > 256) return driveError(400, 'invalid', 'token is longer than 256 characters');
    const now = Date.now();
    const asked =
      typeof body.expiration === 'string' || typeof body.expiration === 'number' ? Number(body.expiration) : NaN;
    const expiration = Math.min(Number.isFinite(asked) ? asked : now + 3_600_000, now + this.maxLifetimeMs);
    const channel: FakeChannel = {
      id: body.id,
      resourceId: `res-${randomUUID().slice(0, 12)}`,
      address,
      token,
      expiration,
      corpus,
      stopped: false,
      messages: 0,
    };
    this.channels.set(channel.id, channel);
    // Drive confirms a new channel with a `sync` message right after answering.
    setTimeout(() => void this.send(channel, 'sync'), 0);
    return {
      status: 200,
      body: {
        kind: 'api#channel',
        id: channel.id,
        resourceId: channel.resourceId,
        resourceUri: `https://www.googleapis.com/drive/v3/changes?alt=json&pageToken=${pageToken}`,
        ...(token ? { token } : {}),
        expiration: String(expiration),
      },
    };
  }

  private stop(body: { id?: unknown; resourceId?: unknown }): FakeChannelAnswer {
    const channel = typeof body.id === 'string' ? this.channels.get(body.id) : undefined;
    if (!channel || channel.stopped || channel.resourceId !== body.resourceId || channel.expiration <= Date.now()) {
      return driveError(404, 'notFound', `Channel '${String(body.id)}' not found for project`);
    }
    channel.stopped = true;
    return { status: 204 };
  }

  private send(channel: FakeChannel, state: 'sync' | 'change'): Promise<FakeChannelDelivery> {
    channel.messages++;
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': 'https://www.googleapis.com/drive/v3/changes?alt=json',
      'x-goog-resource-state': state,
      'x-goog-message-number': String(channel.messages),
    };
    if (channel.token) headers['x-goog-channel-token'] = channel.token;
    const sent = fetch(channel.address, { method: 'POST', headers })
      .then((res) => res.status)
      .catch(() => 0)
      .then((status) => {
        const delivery = { channelId: channel.id, state, status };
        this.deliveries.push(delivery);
        return delivery;
      });
    this.pending.push(sent);
    return sent;
  }
}
