/**
 * A fake Autodesk Platform Services over real HTTP on 127.0.0.1, speaking the JSON:API documents of the Data
 * Management API: token and authorize endpoints, hubs, projects, top folders and folder contents with
 * `page[limit]` paging (applied before filtering, so pages can be short or empty) and `included` tip versions.
 * Per-family sliding-window rate limits answer 429 with Retry-After; faults and latency can be injected.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccTruth, type FakeNode, type FakeProject, type FakeVersion } from './truth.js';
import { OAuthError, TokenIssuer } from './tokens.js';
import { FakeWebhooks } from './webhooks.js';
import { remainingLatency, TokenBucket, type LatencyModel, type QuotaModel, type TrafficCounts } from '../traffic.js';
import type { Chaos } from '../chaos.js';

export type Family =
  'token' | 'hubs' | 'projects' | 'topFolders' | 'folderContents' | 'webhooks' | 'itemVersions' | 'other';

/** Opt-in latency and per-family quotas (the benchmark's model of APS); off by default. */
export interface AccTrafficModel {
  /** Items are the entries of an answer's `data`. */
  latency?: LatencyModel;
  /** Requests of a family beyond its quota are answered 429 with Retry-After. */
  quota?: Partial<Record<Family, QuotaModel>>;
}

/** A fault served instead of the next matching request(s). */
export interface Fault {
  /** Matched against the path and query, e.g. /contents/. */
  match: RegExp;
  status?: number;
  retryAfterSeconds?: number;
  /** Drop the connection without answering. */
  drop?: boolean;
  /** Expire every access token, then answer normally (so the request gets a 401). */
  expireTokens?: boolean;
  times?: number;
}

export interface LoggedRequest {
  family: Family;
  method: string;
  path: string;
  status: number;
  userId: string | undefined;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'ERROR',
  ) {
    super(message);
  }
}

function familyOf(path: string): Family {
  if (path === '/authentication/v2/token') return 'token';
  if (path === '/project/v1/hubs') return 'hubs';
  if (/^\/project\/v1\/hubs\/[^/]+\/projects$/.test(path)) return 'projects';
  if (/\/topFolders$/.test(path)) return 'topFolders';
  if (/\/contents$/.test(path)) return 'folderContents';
  if (path.startsWith('/webhooks/v1/')) return 'webhooks';
  if (/^\/data\/v1\/projects\/[^/]+\/items\/[^/]+\/versions$/.test(path)) return 'itemVersions';
  return 'other';
}

/** A running fake APS. */
export class FakeApsServer {
  readonly truth = new AccTruth();
  readonly tokens = new TokenIssuer();
  /** The Webhooks API: hooks, and deliveries to their callback addresses. */
  readonly webhooks = new FakeWebhooks(this.truth, () => this.url);
  readonly requests: LoggedRequest[] = [];
  /** Per-family limits: at most `limit` requests in any `windowMs`. */
  limits: Partial<Record<Family, { limit: number; windowMs: number }>> = {};
  /** 429s answered, per family. */
  readonly tooMany: Partial<Record<Family, number>> = {};
  /** How `/project/v1/hubs` answers: normally, 403, or 200 with BIM360DM warnings and no hubs. */
  hubsMode: 'ok' | 'forbidden' | 'warning' = 'ok';
  /** Delay before each answer. */
  latencyMs = 0;
  /** Largest `page[limit]` accepted. */
  readonly maxPageLimit = 200;
  private readonly faults: Fault[] = [];
  private readonly windows = new Map<Family, number[]>();
  private server: http.Server | undefined;
  url = '';
  /** Every request, and those refused by the traffic model's quotas. */
  readonly counts: TrafficCounts = { requests: 0, rejected: 0 };
  /** Seeded random faults (tests/resilience); off unless set. */
  chaos: Chaos | null = null;
  /** Changes a successful API answer before it is sent (to serve malformed data); off unless set. */
  rewrite: ((url: URL, answer: unknown) => unknown) | null = null;
  private readonly buckets = new Map<Family, TokenBucket>();

  constructor(readonly traffic: AccTrafficModel = {}) {
    for (const [family, quota] of Object.entries(traffic.quota ?? {})) {
      if (quota) this.buckets.set(family as Family, new TokenBucket(quota));
    }
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Drops every fault not yet served. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests of one family answered with any status. */
  count(family: Family): number {
    return this.requests.filter((r) => r.family === family).length;
  }

  /** Answered 429s over all families. */
  total429(): number {
    return Object.values(this.tooMany).reduce((a, b) => a + (b ?? 0), 0);
  }

  resetLog(): void {
    this.requests.length = 0;
    for (const key of Object.keys(this.tooMany)) delete this.tooMany[key as Family];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const family = familyOf(url.pathname);
    const at = Date.now();
    const arrived = performance.now();
    this.counts.requests++;
    const log = (status: number) =>
      this.requests.push({
        family,
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        status,
        userId: req.headers['x-user-id'] as string | undefined,
        at,
      });
    const body = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => resolve(text));
    });
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      log(status);
      const write = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/vnd.api+json', ...headers });
        res.end(JSON.stringify(payload));
      };
      const data = (payload as { data?: unknown }).data;
      const wait = remainingLatency(this.traffic.latency, Array.isArray(data) ? data.length : 0, arrived);
      if (wait > 0) setTimeout(write, wait);
      else write();
    };

    const fault = this.faults.find((f) => f.match.test(url.pathname + url.search) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.expireTokens) this.tokens.expireAll();
    }
    if (fault && !fault.expireTokens) {
      if (fault.drop) {
        log(0);
        req.socket.destroy();
        return;
      }
      const status = fault.status ?? 500;
      if (status === 429) this.tooMany[family] = (this.tooMany[family] ?? 0) + 1;
      const headers: Record<string, string> = fault.retryAfterSeconds
        ? { 'retry-after': String(fault.retryAfterSeconds) }
        : {};
      send(status, { errors: [{ status: String(status), detail: 'injected fault' }] }, headers);
      return;
    }

    if (this.chaos?.strike(req, res, url.pathname)) {
      log(0);
      return;
    }
    const untilToken = this.buckets.get(family)?.take() ?? 0;
    if (untilToken > 0) {
      this.counts.rejected++;
      this.tooMany[family] = (this.tooMany[family] ?? 0) + 1;
      const seconds = String(Math.max(1, Math.ceil(untilToken / 1000)));
      send(429, { errors: [{ status: '429', detail: 'Too many requests' }] }, { 'retry-after': seconds });
      return;
    }

    const retryAfter = this.overLimit(family);
    if (retryAfter !== null) {
      this.tooMany[family] = (this.tooMany[family] ?? 0) + 1;
      send(429, { errors: [{ status: '429', detail: 'Too many requests' }] }, { 'retry-after': String(retryAfter) });
      return;
    }

    try {
      if (url.pathname === '/authentication/v2/token' && req.method === 'POST') {
        send(200, this.tokens.grant(new URLSearchParams(body), req.headers.authorization));
        return;
      }
      if (url.pathname === '/authentication/v2/authorize') {
        const code = this.tokens.authorize(url.searchParams);
        const target = new URL(url.searchParams.get('redirect_uri') ?? '');
        target.searchParams.set('code', code);
        const state = url.searchParams.get('state');
        if (state) target.searchParams.set('state', state);
        log(302);
        res.writeHead(302, { location: target.toString() });
        res.end();
        return;
      }
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !this.tokens.check(auth.slice(7))) {
        throw new HttpError(401, 'The token is invalid or has expired', 'AUTH-006');
      }
      if (family === 'webhooks') {
        const region = String(req.headers['x-ads-region'] ?? 'US');
        const answer = this.webhooks.handle(req.method ?? 'GET', url, body, region, this.tokens.check(auth.slice(7))!);
        log(answer.status);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
        return;
      }
      const answer = this.route(url, family);
      send(200, this.rewrite ? this.rewrite(url, answer) : answer);
    } catch (error) {
      if (error instanceof OAuthError) {
        send(error.status, { error: error.code, error_description: error.message });
      } else if (error instanceof HttpError) {
        send(error.status, {
          jsonapi: { version: '1.0' },
          errors: [{ status: String(error.status), code: error.code, detail: error.message }],
        });
      } else {
        send(500, { errors: [{ status: '500', detail: String(error) }] });
      }
    }
  }

  /** Seconds until a request of `family` would fit its window, or null when it fits now (and is counted). */
  private overLimit(family: Family): number | null {
    const limit = this.limits[family];
    if (!limit) return null;
    const now = Date.now();
    const times = (this.windows.get(family) ?? []).filter((t) => t > now - limit.windowMs);
    this.windows.set(family, times);
    if (times.length >= limit.limit) return Math.max(1, Math.ceil((times[0]! + limit.windowMs - now) / 1000));
    times.push(now);
    return null;
  }

  private route(url: URL, family: Family): unknown {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (family === 'hubs') return this.hubsDoc(url);
    if (family === 'projects') {
      const hub = this.truth.hubs.find((h) => h.id === parts[3]);
      if (!hub) throw new HttpError(404, `hub ${parts[3]} not found`);
      const projects = this.truth.projects.filter((p) => p.hubId === hub.id);
      return this.paged(url, projects, (p) => this.projectJson(p));
    }
    if (family === 'topFolders') {
      const project = this.findProject(parts[5]!);
      const includeHidden = url.searchParams.get('includeHidden') === 'true';
      const folders = this.truth
        .visibleChildren(project.rootFolderId, includeHidden)
        .filter((n) => n.kind === 'folder');
      return {
        jsonapi: { version: '1.0' },
        links: { self: { href: url.href } },
        data: folders.map((f) => this.json(f)),
      };
    }
    if (family === 'folderContents') {
      const project = this.findProject(parts[3]!);
      const folder = this.truth.nodes.get(parts[5]!);
      if (!folder || folder.deleted || folder.kind !== 'folder' || folder.projectId !== project.id) {
        throw new HttpError(404, `folder ${parts[5]} not found`);
      }
      return this.contents(url, folder);
    }
    if (family === 'itemVersions') {
      // Every version of an item, newest first, as APS lists them.
      const project = this.findProject(parts[3]!);
      const item = this.truth.nodes.get(parts[5]!);
      if (!item || item.deleted || item.kind !== 'item' || item.projectId !== project.id) {
        throw new HttpError(404, `item ${parts[5]} not found`);
      }
      return this.paged(url, [...item.versions].reverse(), (v) => this.versionJson(item, v));
    }
    throw new HttpError(404, `no route for ${url.pathname}`);
  }

  private hubsDoc(url: URL): unknown {
    const doc = { jsonapi: { version: '1.0' }, links: { self: { href: url.href } } };
    if (this.hubsMode === 'forbidden') {
      throw new HttpError(403, 'Unable to get hubs from BIM360DM US.', 'BIM360DM_ERROR');
    }
    if (this.hubsMode === 'warning') {
      return {
        ...doc,
        data: [],
        meta: {
          warnings: [
            {
              Id: null,
              HttpStatusCode: '403',
              ErrorCode: 'BIM360DM_ERROR',
              Title: 'Unable to get hubs from BIM360DM US.',
              Detail: "You don't have permission to access this API",
            },
          ],
        },
      };
    }
    return {
      ...doc,
      data: this.truth.hubs.map((h) => ({
        type: 'hubs',
        id: h.id,
        attributes: { name: h.name, region: h.region, extension: { type: 'hubs:autodesk.bim360:Account' } },
      })),
    };
  }

  private findProject(id: string): FakeProject {
    const project = this.truth.projects.find((p) => p.id === id);
    if (!project) throw new HttpError(404, `project ${id} not found`);
    return project;
  }

  /** A page of `all` by `page[number]`/`page[limit]`, with `links.next` while more remain. */
  private paged<T>(url: URL, all: T[], render: (t: T) => unknown): Record<string, unknown> {
    const { number, limit } = this.page(url);
    const slice = all.slice(number * limit, (number + 1) * limit);
    return {
      jsonapi: { version: '1.0' },
      links: { self: { href: url.href }, ...this.next(url, number, limit, all.length) },
      data: slice.map(render),
    };
  }

  private page(url: URL): { number: number; limit: number } {
    const number = Number(url.searchParams.get('page[number]') ?? 0);
    const limit = Number(url.searchParams.get('page[limit]') ?? this.maxPageLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > this.maxPageLimit) {
      throw new HttpError(400, `page[limit] must be between 1 and ${this.maxPageLimit}`);
    }
    if (!Number.isInteger(number) || number < 0) throw new HttpError(400, 'page[number] must be 0 or more');
    return { number, limit };
  }

  private next(url: URL, number: number, limit: number, total: number): Record<string, unknown> {
    if ((number + 1) * limit >= total) return {};
    const next = new URL(url.href);
    next.searchParams.set('page[number]', String(number + 1));
    next.searchParams.set('page[limit]', String(limit));
    return { next: { href: next.href } };
  }

  /** Folder contents: the page is cut from every child (deleted and hidden ones too), then filtered. */
  private contents(url: URL, folder: FakeNode): unknown {
    const includeHidden = url.searchParams.get('includeHidden') === 'true';
    const { number, limit } = this.page(url);
    const slice = folder.children
      .slice(number * limit, (number + 1) * limit)
      .map((id) => this.truth.node(id))
      .filter((n) => !n.deleted && (includeHidden || !n.hidden));
    const items = slice.filter((n) => n.kind === 'item');
    return {
      jsonapi: { version: '1.0' },
      links: { self: { href: url.href }, ...this.next(url, number, limit, folder.children.length) },
      data: slice.map((n) => this.json(n)),
      included: items.map((n) => this.versionJson(n)),
    };
  }

  private projectJson(p: FakeProject): unknown {
    return {
      type: 'projects',
      id: p.id,
      attributes: { name: p.name, extension: { type: 'projects:autodesk.bim360:Project' } },
      relationships: {
        hub: { data: { type: 'hubs', id: p.hubId } },
        rootFolder: { data: { type: 'folders', id: p.rootFolderId } },
      },
    };
  }

  private json(n: FakeNode): unknown {
    const parent = { data: { type: 'folders', id: n.parentId } };
    if (n.kind === 'folder') {
      return {
        type: 'folders',
        id: n.id,
        attributes: {
          name: n.name,
          displayName: n.name,
          objectCount: this.truth.visibleChildren(n.id, true).length,
          createTime: n.createTime,
          createUserName: n.createUser,
          lastModifiedTime: n.lastModifiedTime,
          lastModifiedUserName: n.lastModifiedUser,
          lastModifiedTimeRollup: n.rollup,
          hidden: n.hidden,
          extension: { type: 'folders:autodesk.bim360:Folder', version: '1.0' },
        },
        links: { webView: { href: `https://acc.autodesk.com/docs/files/projects/${n.projectId}?folderUrn=${n.id}` } },
        relationships: { parent },
      };
    }
    const tip = n.versions.at(-1)!;
    return {
      type: 'items',
      id: n.id,
      attributes: {
        displayName: n.displayName,
        createTime: n.createTime,
        createUserName: n.createUser,
        lastModifiedTime: n.lastModifiedTime,
        lastModifiedUserName: n.lastModifiedUser,
        hidden: n.hidden,
        reserved: false,
        extension: { type: 'items:autodesk.bim360:File', version: '1.0' },
      },
      relationships: { tip: { data: { type: 'versions', id: tip.id } }, parent },
    };
  }

  private versionJson(n: FakeNode, v: FakeVersion = n.versions.at(-1)!): unknown {
    return {
      type: 'versions',
      id: v.id,
      attributes: {
        name: v.name,
        displayName: v.name,
        versionNumber: v.number,
        mimeType: v.mimeType,
        fileType: v.fileType,
        storageSize: v.size,
        createTime: v.time,
        createUserName: v.user,
        lastModifiedTime: v.time,
        lastModifiedUserName: v.user,
        extension: { type: 'versions:autodesk.bim360:File', version: '1.0' },
      },
      links: {
        webView: {
          href: `https://acc.autodesk.com/docs/files/projects/${n.projectId}?entityId=${encodeURIComponent(v.id)}`,
        },
      },
      relationships: {
        item: { data: { type: 'items', id: n.id } },
        storage: { data: { type: 'objects', id: v.storage } },
      },
    };
  }
}
