/**
 * A fake Google Drive over real HTTP on 127.0.0.1, speaking the v3 wire format: files.list, files.get,
 * drives.list, changes.getStartPageToken, changes.list, about.get, and the OAuth token endpoint (JWT-bearer,
 * refresh-token and authorization-code grants). Faults can be injected and every request is counted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DriveTruth, USER, type FakeFile } from './truth.js';
import { applyMask, parseFields, parseQuery } from './query.js';
import { TokenIssuer } from './tokens.js';
import { FakeChannels } from './channels.js';
import { remainingLatency, TokenBucket, type LatencyModel, type QuotaModel, type TrafficCounts } from '../traffic.js';
import type { Chaos } from '../chaos.js';

/** Opt-in latency and quota (the benchmark's model of Drive); without one the fake answers at once, unlimited. */
export interface DriveTrafficModel {
  latency?: LatencyModel;
  /** Drive API requests beyond it are refused with 403 userRateLimitExceeded and 429, alternately. */
  quota?: QuotaModel;
}

/** A fault served instead of the next matching request(s). */
export interface Fault {
  /** Matches the request path (e.g. '/drive/v3/files', '/token') and query, e.g. /changes/. */
  match?: RegExp;
  status?: number;
  /** Error reason in `error.errors[0].reason`, e.g. userRateLimitExceeded. */
  reason?: string;
  retryAfterSeconds?: number;
  /** Drop the connection without answering. */
  drop?: boolean;
  /** Revoke every access token, then answer normally (so this request gets 401). */
  revokeTokens?: boolean;
  /** Let this many matching requests through first. */
  skip?: number;
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason = 'invalid',
    readonly location?: string,
  ) {
    super(message);
  }
}

const API = '/drive/v3';

/** A running fake Drive. */
export class FakeDriveServer {
  readonly truth = new DriveTruth();
  readonly tokens = new TokenIssuer();
  /** Watch channels (`changes.watch`, `channels.stop`) and the notifications they send. */
  readonly channels = new FakeChannels();
  readonly requests: LoggedRequest[] = [];
  private readonly faults: Fault[] = [];
  /** Serve files.list pages shorter than asked (some empty) before the end. */
  shortPages = false;
  /** files.list order: reversed insertion puts children before their folders. */
  listOrder: 'insertion' | 'reverse' = 'reverse';
  /** How an expired change token is answered (Drive has used both). */
  expiredTokenStatus: 400 | 410 = 410;
  private server: http.Server | undefined;
  url = '';
  /** Drive API requests, and those refused by the traffic model's quota. */
  readonly counts: TrafficCounts = { requests: 0, rejected: 0 };
  /** Seeded random faults (tests/resilience); off unless set. */
  chaos: Chaos | null = null;
  /** Largest files.list and changes.list page served, whatever pageSize asks (Drive may serve fewer). */
  maxPageSize = 1000;
  /** Changes a successful API answer before it is sent (to serve malformed data); off unless set. */
  rewrite: ((path: string, query: URLSearchParams, answer: unknown) => unknown) | null = null;
  private readonly bucket: TokenBucket | null;
  private readonly arrivals = new WeakMap<http.ServerResponse, number>();
  private inFlight = 0;
  /** The most API requests that were being answered at once. */
  maxInFlight = 0;

  constructor(readonly traffic: DriveTrafficModel = {}) {
    this.bucket = traffic.quota ? new TokenBucket(traffic.quota) : null;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Drops the injected faults not served yet. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests whose path ends with `suffix` (e.g. '/files', '/changes', '/token'). */
  count(suffix: string): number {
    return this.requests.filter((r) => r.path.endsWith(suffix)).length;
  }

  /** Requests to the Drive API (not the token endpoint). */
  apiRequests(): number {
    return this.requests.filter((r) => r.path.startsWith(API)).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.arrivals.set(res, performance.now());
    const url = new URL(req.url ?? '/', 'http://fake');
    let body = '';
    for await (const chunk of req) body += String(chunk);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams });
    if (url.pathname.startsWith(API)) {
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      res.once('close', () => this.inFlight--);
    }
    if (url.pathname.startsWith(API) && this.overQuota(res)) return;
    if (this.chaos?.strike(req, res, url.pathname)) return;
    const fault = this.faults.find((f) => (f.times ?? 0) > 0 && (!f.match || f.match.test(url.pathname + url.search)));
    if (fault && fault.skip) fault.skip--;
    else if (fault?.revokeTokens) {
      fault.times!--;
      this.tokens.revokeAccessTokens();
    } else if (fault) {
      fault.times!--;
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = fault.retryAfterSeconds
        ? { 'retry-after': String(fault.retryAfterSeconds) }
        : {};
      return this.error(
        res,
        new HttpError(fault.status ?? 500, `Injected ${fault.reason ?? 'fault'}`, fault.reason ?? 'backendError'),
        headers,
      );
    }
    try {
      if (url.pathname === '/token' && req.method === 'POST') {
        const answer = this.tokens.grant(new URLSearchParams(body));
        return this.json(res, answer.status, answer.body);
      }
      if (url.pathname === '/authorize') {
        const location = this.tokens.authorize(url.searchParams);
        res.writeHead(302, { location }).end();
        return;
      }
      if (!url.pathname.startsWith(API)) throw new HttpError(404, `Not found: ${url.pathname}`, 'notFound');
      if (!this.tokens.validAccessToken(req.headers.authorization)) {
        throw new HttpError(401, 'Request had invalid authentication credentials.', 'authError', 'Authorization');
      }
      const watched = this.channels.handle(
        req.method ?? 'GET',
        url.pathname.slice(API.length),
        url.searchParams,
        body,
        (q) => this.corpusOf(q, true),
        (token) => /^\d+$/.test(token) && Number(token) <= this.truth.currentSeq,
      );
      if (watched?.status === 204) return void res.writeHead(204).end();
      if (watched) return this.json(res, watched.status, watched.body);
      const answer = this.route(url.pathname.slice(API.length), url.searchParams);
      return this.json(res, 200, this.rewrite ? this.rewrite(url.pathname, url.searchParams, answer) : answer);
    } catch (err) {
      if (err instanceof HttpError) return this.error(res, err);
      return this.error(res, new HttpError(400, err instanceof Error ? err.message : String(err), 'invalid'));
    }
  }

  private route(path: string, q: URLSearchParams): unknown {
    const masked = (value: unknown, fallback: string) => applyMask(value, parseFields(q.get('fields') ?? fallback));
    if (path === '/files')
      return masked(this.filesList(q), 'kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)');
    if (path.startsWith('/files/')) {
      const id = decodeURIComponent(path.slice('/files/'.length));
      const file =
        id === 'root' ? { kind: 'drive#file', id: this.truth.myDriveRootId, name: 'My Drive' } : this.truth.visible(id);
      if (!file) throw new HttpError(404, `File not found: ${id}.`, 'notFound', 'fileId');
      return masked(file, 'kind,id,name,mimeType');
    }
    if (path === '/drives') return masked(this.drivesList(q), 'kind,nextPageToken,drives(id,name,kind)');
    if (path === '/changes/startPageToken') {
      this.corpusOf(q, false);
      return { kind: 'drive#startPageToken', startPageToken: String(this.truth.currentSeq) };
    }
    if (path === '/changes') return masked(this.changesList(q), 'kind,nextPageToken,newStartPageToken,changes');
    if (path === '/about') {
      if (!q.get('fields'))
        throw new HttpError(400, "The 'fields' parameter is required for this method.", 'required', 'fields');
      return masked(
        {
          kind: 'drive#about',
          user: { kind: 'drive#user', ...USER },
          storageQuota: {
            limit: '16106127360',
            usage: '1073741824',
            usageInDrive: '536870912',
            usageInDriveTrash: '1024',
          },
        },
        '',
      );
    }
    throw new HttpError(404, `Not found: ${path}`, 'notFound');
  }

  /** 'user' or the shared drive id named by `driveId`, checking the shared-drive flags as Drive does. */
  private corpusOf(q: URLSearchParams, list: boolean): string {
    const driveId = q.get('driveId');
    if (!driveId) return 'user';
    if (q.get('supportsAllDrives') !== 'true')
      throw new HttpError(403, 'Shared drive not found without supportsAllDrives.', 'teamDrivesParameterNotSupported');
    if (list && q.get('includeItemsFromAllDrives') !== 'true')
      throw new HttpError(
        403,
        'includeItemsFromAllDrives is required with driveId.',
        'teamDrivesParameterNotSupported',
      );
    if (!this.truth.drives.has(driveId))
      throw new HttpError(404, `Shared drive not found: ${driveId}`, 'notFound', 'driveId');
    return driveId;
  }

  private pageSize(q: URLSearchParams, max: number, fallback: number): number {
    const n = Number(q.get('pageSize') ?? fallback);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new HttpError(400, `Invalid pageSize ${q.get('pageSize')}`, 'invalid', 'pageSize');
    return n;
  }

  private filesList(q: URLSearchParams) {
    const corpora = q.get('corpora') ?? 'user';
    if (corpora !== 'user' && corpora !== 'drive') throw new HttpError(400, `Unsupported corpora ${corpora}`);
    if ((corpora === 'drive') !== q.has('driveId'))
      throw new HttpError(400, 'corpora=drive needs driveId and only it.', 'invalid', 'corpora');
    const corpus = this.corpusOf(q, true);
    const predicate = q.get('q') ? parseQuery(q.get('q')!) : () => true;
    const fields = q.get('fields') ?? '';
    let size = Math.min(this.pageSize(q, 1000, 100), this.maxPageSize);
    // Drive caps pages when expensive fields are asked for.
    if (fields.includes('permissions')) size = Math.min(size, 100);
    else if (fields.includes('parents')) size = Math.min(size, 460);
    const matching = this.truth.all().filter((f) => (f.driveId ?? 'user') === corpus && predicate(f));
    if (this.listOrder === 'reverse') matching.reverse();
    const orderBy = q.get('orderBy');
    if (orderBy !== null && orderBy !== 'modifiedTime')
      throw new HttpError(400, `Unsupported orderBy ${orderBy}`, 'invalid', 'orderBy');
    // Ordered listings page by the last entry served (time, then id), so entries modified meanwhile move, not skip.
    // Each key is worked out once per request: the fake's own cost must stay small beside the modelled latency.
    const keys = new Map<FakeFile, [number, string]>();
    const sortKey = (f: FakeFile): [number, string] => {
      let k = keys.get(f);
      if (!k) keys.set(f, (k = [Date.parse(f.modifiedTime), f.id]));
      return k;
    };
    const after = (a: [number, string], b: [number, string]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
    if (orderBy) matching.sort((a, b) => (after(sortKey(a), sortKey(b)) ? 1 : after(sortKey(b), sortKey(a)) ? -1 : 0));
    const key = `${corpus}|${q.get('q') ?? ''}|${orderBy ?? ''}`;
    let offset = 0;
    let page = 0;
    const token = q.get('pageToken');
    if (token) {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as {
        key: string;
        offset: number;
        last?: [number, string];
        page: number;
      };
      if (parsed.key !== key) throw new HttpError(400, 'Invalid page token for this query.', 'invalid', 'pageToken');
      ({ offset, page } = parsed);
      if (parsed.last) {
        const index = matching.findIndex((f) => after(sortKey(f), parsed.last!));
        offset = index < 0 ? matching.length : index;
      }
    }
    // Short and empty pages before the end: only a missing nextPageToken ends a listing.
    if (this.shortPages && page % 3 === 1) size = 0;
    else if (this.shortPages && page % 3 === 2) size = Math.min(size, 7);
    const files = matching.slice(offset, offset + size);
    const next = offset + files.length;
    const lastServed = files.length ? sortKey(files.at(-1)!) : offset > 0 ? sortKey(matching[offset - 1]!) : undefined;
    const nextPageToken =
      next < matching.length
        ? Buffer.from(
            JSON.stringify({
              key,
              offset: next,
              ...(orderBy && lastServed ? { last: lastServed } : {}),
              page: page + 1,
            }),
          ).toString('base64url')
        : undefined;
    return { kind: 'drive#fileList', incompleteSearch: false, files, ...(nextPageToken ? { nextPageToken } : {}) };
  }

  private drivesList(q: URLSearchParams) {
    const size = this.pageSize(q, 100, 10);
    const all = [...this.truth.drives.values()].map((d) => ({ kind: 'drive#drive', ...d }));
    const offset = Number(q.get('pageToken') ?? 0);
    const drives = all.slice(offset, offset + size);
    const next = offset + drives.length;
    return { kind: 'drive#driveList', drives, ...(next < all.length ? { nextPageToken: String(next) } : {}) };
  }

  private changesList(q: URLSearchParams) {
    const corpus = this.corpusOf(q, true);
    const token = q.get('pageToken') ?? '';
    const seq = /^\d+$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(seq) || seq > this.truth.currentSeq)
      throw new HttpError(400, `Invalid Value`, 'invalid', 'pageToken');
    if (seq < this.truth.minValidSeq) {
      throw new HttpError(
        this.expiredTokenStatus,
        'The page token is no longer valid.',
        this.expiredTokenStatus === 410 ? 'gone' : 'invalid',
        'pageToken',
      );
    }
    const size = Math.min(this.pageSize(q, 1000, 100), this.maxPageSize);
    const includeRemoved = q.get('includeRemoved') !== 'false';
    const logged = this.truth.changesSince(corpus, seq).slice(0, size);
    const changes = [];
    for (const c of logged) {
      const file: FakeFile | undefined = c.gone ? undefined : this.truth.visible(c.fileId);
      if (!file && !includeRemoved) continue;
      changes.push({
        kind: 'drive#change',
        changeType: 'file',
        fileId: c.fileId,
        time: c.time,
        removed: !file,
        ...(file ? { file } : {}),
      });
    }
    const more = this.truth.changesSince(corpus, seq).length > logged.length;
    const after = more ? String(logged.at(-1)!.seq + 1) : String(this.truth.currentSeq);
    return { kind: 'drive#changeList', changes, ...(more ? { nextPageToken: after } : { newStartPageToken: after }) };
  }

  /** Counts an API request; beyond the model's quota, answers it as Drive does and returns true. */
  private overQuota(res: http.ServerResponse): boolean {
    this.counts.requests++;
    if (!this.bucket || this.bucket.take() === 0) return false;
    const n = ++this.counts.rejected;
    const [status, reason] = n % 2 ? [403, 'userRateLimitExceeded'] : [429, 'rateLimitExceeded'];
    this.error(res, new HttpError(status, 'User Rate Limit Exceeded.', reason));
    return true;
  }

  /** Writes an answer, after the traffic model's latency for its number of entries when there is one. */
  private deliver(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string, items = 0) {
    const wait = remainingLatency(this.traffic.latency, items, this.arrivals.get(res) ?? performance.now());
    if (wait <= 0) return void res.writeHead(status, headers).end(body);
    setTimeout(() => void (res.destroyed || res.writeHead(status, headers).end(body)), wait);
  }

  private json(res: http.ServerResponse, status: number, value: unknown): void {
    const v = value as { files?: unknown[]; changes?: unknown[]; drives?: unknown[] } | null;
    const items = (v?.files?.length ?? 0) + (v?.changes?.length ?? 0) + (v?.drives?.length ?? 0);
    this.deliver(res, status, { 'content-type': 'application/json; charset=UTF-8' }, JSON.stringify(value), items);
  }

  private error(res: http.ServerResponse, err: HttpError, headers: Record<string, string> = {}): void {
    const errors = [
      {
        domain: 'global',
        reason: err.reason,
        message: err.message,
        ...(err.location ? { location: err.location } : {}),
      },
    ];
    const body = JSON.stringify({ error: { code: err.status, message: err.message, errors } });
    this.deliver(res, err.status, { 'content-type': 'application/json; charset=UTF-8', ...headers }, body);
  }
}

/** Starts a fake Drive on a random loopback port, with an optional traffic model. */
export async function startFakeDrive(traffic?: DriveTrafficModel): Promise<FakeDriveServer> {
  return new FakeDriveServer(traffic).start();
}
