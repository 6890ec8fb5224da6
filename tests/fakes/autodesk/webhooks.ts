/**
 * The fake APS Webhooks API: hooks per event, folder scope and region, created with 201 and their address in
 * `Location`, 409 for a hook that exists already, per-hook secret tokens set by PATCH, paged listings with
 * `links.next`, and writes refused with 403 to a token without data:write or data:create. `deliver` posts a
 * signed callback (`x-adsk-signature`) to every active hook whose folder holds the changed entry, as APS does.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { AccTruth } from './truth.js';

export const FAKE_HOOK_EVENTS = [
  'dm.version.added',
  'dm.version.modified',
  'dm.version.deleted',
  'dm.version.moved',
  'dm.version.copied',
  'dm.folder.added',
  'dm.folder.modified',
  'dm.folder.deleted',
  'dm.folder.moved',
  'dm.folder.copied',
];

export interface FakeHook {
  hookId: string;
  event: string;
  callbackUrl: string;
  folder: string;
  region: string;
  createdBy: string;
  status: 'active' | 'inactive';
  token: string | null;
  autoReactivateHook: boolean;
  hookAttribute: unknown;
  createdDate: string;
  lastUpdatedDate: string;
}

/** What a handler answers: no body for 201 and 204. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A callback posted to a hook's address. */
export interface FakeDelivery {
  hookId: string;
  callbackUrl: string;
  status: number;
  signed: boolean;
}

const error = (status: number, code: string, detail: string): FakeAnswer => ({
  status,
  body: [{ id: randomUUID(), status: String(status), code, detail: [detail] }],
});

export class FakeWebhooks {
  readonly hooks = new Map<string, FakeHook>();
  readonly deliveries: FakeDelivery[] = [];
  /** Hooks per listing page. */
  pageSize = 200;
  /** Hooks the next listing leaves out, as a listing that lags behind a hook made a moment ago. */
  readonly unlistedOnce = new Set<string>();

  constructor(
    private readonly truth: AccTruth,
    private readonly origin: () => string,
  ) {}

  /** Hooks calling `callbackUrl` (all when omitted). */
  calling(callbackUrl?: string): FakeHook[] {
    return [...this.hooks.values()].filter((h) => !callbackUrl || h.callbackUrl === callbackUrl);
  }

  /** Answers a request below `/webhooks/v1`, made with a token of `grant`. */
  handle(
    method: string,
    url: URL,
    body: string,
    region: string,
    grant: { clientId: string; scope: string },
  ): FakeAnswer {
    const scopes = grant.scope.split(/\s+/);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // ['webhooks', 'v1', 'systems', 'data', ('events', event, 'hooks', id?) | 'hooks']
    if (parts[2] !== 'systems' || parts[3] !== 'data') return error(404, 'NOT_FOUND', `no route ${url.pathname}`);
    if (method !== 'GET' && !scopes.includes('data:write') && !scopes.includes('data:create')) {
      return {
        status: 403,
        body: {
          developerMessage: 'Token does not have the privilege for this request.',
          errorCode: 'AUTH-010',
          moreInfo: 'https://aps.autodesk.com/en/docs/oauth/v2/developers_guide/error_handling/',
        },
      };
    }
    if (parts.length === 5 && parts[4] === 'hooks' && method === 'GET') return this.list(url, region, grant.clientId);
    if (parts[4] !== 'events' || parts[6] !== 'hooks') return error(404, 'NOT_FOUND', `no route ${url.pathname}`);
    const event = parts[5]!;
    if (!FAKE_HOOK_EVENTS.includes(event)) return error(400, 'BAD_INPUT', `unknown event ${event}`);
    if (parts.length === 7 && method === 'POST') return this.create(event, body, region, grant.clientId);
    const hook = this.hooks.get(parts[7] ?? '');
    if (parts.length !== 8 || !hook || hook.event !== event || hook.region !== region) {
      return error(404, 'NOT_FOUND', `hook ${parts[7]} not found for ${event} in ${region}`);
    }
    if (hook.createdBy !== grant.clientId) return error(403, 'FORBIDDEN', 'the hook belongs to another app');
    if (method === 'DELETE') {
      this.hooks.delete(hook.hookId);
      return { status: 204 };
    }
    if (method === 'PATCH') return this.update(hook, body);
    return error(405, 'METHOD_NOT_ALLOWED', `${method} is not supported here`);
  }

  /**
   * Posts the callback of `event` about entry `nodeId` to every active hook for that event on a folder that
   * holds it (a hook's scope is recursive). Resolves when every callback was answered.
   */
  async deliver(event: string, nodeId: string): Promise<FakeDelivery[]> {
    const node = this.truth.node(nodeId);
    const ancestors = new Set<string>();
    for (let id: string | null = nodeId; id; id = this.truth.node(id).parentId) ancestors.add(id);
    const project = this.truth.project(node.projectId);
    const tip = node.versions.at(-1);
    const made: FakeDelivery[] = [];
    for (const hook of this.hooks.values()) {
      if (hook.status !== 'active' || hook.event !== event || !ancestors.has(hook.folder)) continue;
      const body = JSON.stringify({
        version: '1.0',
        resourceUrn: tip?.id ?? nodeId,
        hook: { ...this.json(hook), tenant: hook.folder },
        payload: {
          name: tip?.name ?? node.name,
          version: String(tip?.number ?? 1),
          source: tip?.id ?? nodeId,
          lineageUrn: nodeId,
          parentFolderUrn: node.parentId,
          project: project.id.replace(/^b\./, ''),
          tenant: project.id.replace(/^b\./, ''),
          modifiedTime: node.lastModifiedTime,
          context: { operation: event.split('.').pop() },
        },
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (hook.token)
        headers['x-adsk-signature'] = `sha1hash=${createHmac('sha1', hook.token).update(body).digest('hex')}`;
      // 0: nobody answered at the address.
      const status = await fetch(hook.callbackUrl, { method: 'POST', headers, body }).then(
        (res) => res.status,
        () => 0,
      );
      const delivery = { hookId: hook.hookId, callbackUrl: hook.callbackUrl, status, signed: Boolean(hook.token) };
      this.deliveries.push(delivery);
      made.push(delivery);
    }
    return made;
  }

  private create(event: string, text: string, region: string, clientId: string): FakeAnswer {
    let body: {
      callbackUrl?: unknown;
      scope?: { folder?: unknown };
      hookAttribute?: unknown;
      autoReactivateHook?: unknown;
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return error(400, 'BAD_INPUT', 'the body is not JSON');
    }
    const callbackUrl = typeof body.callbackUrl === 'string' ? body.callbackUrl : '';
    const folder = typeof body.scope?.folder === 'string' ? body.scope.folder : '';
    if (!/^https?:\/\//.test(callbackUrl)) return error(400, 'BAD_INPUT', 'callbackUrl must be a URL');
    const node = this.truth.nodes.get(folder);
    if (!node || node.kind !== 'folder' || node.deleted)
      return error(400, 'BAD_INPUT', `scope.folder ${folder} is not a folder`);
    const hub = this.truth.hubs.find((h) => h.id === this.truth.project(node.projectId).hubId)!;
    // A hook lives in its data's region: asking another region cannot find the folder.
    if (hub.region !== region) return error(400, 'BAD_INPUT', `folder ${folder} is not in region ${region}`);
    const clash = [...this.hooks.values()].find(
      (h) => h.event === event && h.folder === folder && h.callbackUrl === callbackUrl && h.region === region,
    );
    if (clash) return error(409, 'CONFLICT_ERROR', 'Failed to create new webhook, it already exists');
    const now = new Date().toISOString();
    const hook: FakeHook = {
      hookId: randomUUID(),
      event,
      callbackUrl,
      folder,
      region,
      createdBy: clientId,
      status: 'active',
      token: null,
      autoReactivateHook: body.autoReactivateHook === true,
      hookAttribute: body.hookAttribute ?? null,
      createdDate: now,
      lastUpdatedDate: now,
    };
    this.hooks.set(hook.hookId, hook);
    return {
      status: 201,
      headers: { location: `${this.origin()}/webhooks/v1/systems/data/events/${event}/hooks/${hook.hookId}` },
    };
  }

  private update(hook: FakeHook, text: string): FakeAnswer {
    let body: { token?: unknown; status?: unknown; autoReactivateHook?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return error(400, 'BAD_INPUT', 'the body is not JSON');
    }
    if (body.token !== undefined) {
      if (typeof body.token !== 'string' || body.token.length < 1) return error(400, 'BAD_INPUT', 'token must be text');
      hook.token = body.token;
    }
    if (body.status === 'active' || body.status === 'inactive') hook.status = body.status;
    if (typeof body.autoReactivateHook === 'boolean') hook.autoReactivateHook = body.autoReactivateHook;
    hook.lastUpdatedDate = new Date().toISOString();
    return { status: 200, body: this.json(hook) };
  }

  private list(url: URL, region: string, clientId: string): FakeAnswer {
    const all = [...this.hooks.values()].filter(
      (h) => h.region === region && h.createdBy === clientId && !this.unlistedOnce.has(h.hookId),
    );
    this.unlistedOnce.clear();
    const offset = Number(Buffer.from(url.searchParams.get('pageState') ?? '', 'base64').toString() || 0);
    const page = all.slice(offset, offset + this.pageSize);
    const more = offset + page.length < all.length;
    const next = more
      ? `/webhooks/v1/systems/data/hooks?pageState=${encodeURIComponent(Buffer.from(String(offset + page.length)).toString('base64'))}`
      : null;
    return { status: 200, body: { links: { next }, data: page.map((h) => this.json(h)) } };
  }

  /** A hook as APS lists it: never with its token. */
  private json(h: FakeHook): Record<string, unknown> {
    return {
      hookId: h.hookId,
      tenant: h.folder,
      callbackUrl: h.callbackUrl,
      createdBy: h.createdBy,
      event: h.event,
      createdDate: h.createdDate,
      lastUpdatedDate: h.lastUpdatedDate,
      system: 'data',
      creatorType: 'Application',
      status: h.status,
      autoReactivateHook: h.autoReactivateHook,
      scope: { folder: h.folder },
      hookAttribute: h.hookAttribute,
      urn: `urn:adsk.webhooks:events.hook:${h.hookId}`,
      __self__: `/systems/data/events/${h.event}/hooks/${h.hookId}`,
    };
  }
}
