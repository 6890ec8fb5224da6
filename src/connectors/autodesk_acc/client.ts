/**
 * Requests to the Data Management and Webhooks APIs: the bearer token (renewed once on a 401), `x-user-id`,
 * paging through `links.next`, and errors mapped to what the user can do about them. Every request goes through
 * the family's pacer and the retry policy.
 */
import { isTransientStatus, parseRetryAfter, TransientError, type ResilientCaller } from '../../resilience/index.js';
import type { TokenSource } from './auth.js';
import type { AccFamily } from './settings.js';
import { listDocSchema, parseWire, type ListDoc } from './wire.js';

/** The API answered with a status that retrying will not change. */
export class ApsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApsHttpError';
  }
}

type ErrorEntry = { code?: unknown; title?: unknown; detail?: unknown };

/**
 * The error code and title of an error body, if it has them: JSON:API `{errors: [...]}` (Data Management), the
 * Webhooks API's list of errors whose `detail` may itself be a list, or the gateway's `developerMessage`.
 */
function apiError(text: string): { code: string | null; detail: string | null } {
  try {
    const body = JSON.parse(text) as
      ErrorEntry[] | { errors?: ErrorEntry[]; errorCode?: unknown; developerMessage?: unknown };
    const first = Array.isArray(body)
      ? body[0]
      : (body.errors?.[0] ?? { code: body.errorCode, detail: body.developerMessage });
    const str = (v: unknown): string | null =>
      typeof v === 'string' && v ? v.slice(0, 200) : Array.isArray(v) ? str(v[0]) : null;
    return { code: str(first?.code), detail: str(first?.title) ?? str(first?.detail) };
  } catch {
    return { code: null, detail: null };
  }
}

/** What a request answered. */
export interface ApsReply {
  status: number;
  text: string;
  /** The `Location` header (Autodesk names a created hook there). */
  location: string | null;
  /** The parsed body of a successful JSON answer. */
  json?: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Talks to one APS account. */
export class ApsClient {
  private readonly origin: string;

  constructor(
    private readonly options: {
      baseUrl: string;
      tokens: TokenSource;
      caller: ResilientCaller<AccFamily>;
      userId?: string;
      signal?: AbortSignal;
    },
  ) {
    this.origin = new URL(options.baseUrl).origin;
  }

  /** The absolute URL of an API path. */
  url(pathAndQuery: string): string {
    return new URL(pathAndQuery, this.options.baseUrl).toString();
  }

  /** GETs one JSON:API list document. */
  async getList(family: AccFamily, url: string, what: string): Promise<ListDoc> {
    return parseWire(listDocSchema, await this.getJson(family, url), what);
  }

  /** GETs every page of a list, following `links.next` until it is absent (pages may be short or empty). */
  async *pages(family: AccFamily, firstUrl: string, what: string): AsyncGenerator<ListDoc> {
    const visited = new Set<string>();
    for (let url: string | undefined = firstUrl; url;) {
      if (visited.has(url)) throw new Error(`Autodesk's ${what} links back to a page already read (${url}).`);
      visited.add(url);
      const doc = await this.getList(family, url, what);
      yield doc;
      url = doc.links?.next?.href;
      // The bearer token must never be sent to another host, whatever a reply says.
      if (url && new URL(url, firstUrl).origin !== this.origin) {
        throw new Error(`Autodesk's ${what} points its next page at another host (${new URL(url).origin}).`);
      }
      if (url) url = new URL(url, firstUrl).toString();
    }
  }

  /** GETs a JSON document; a 401 renews the token and tries once more. */
  async getJson(family: AccFamily, url: string): Promise<unknown> {
    const { text, json } = await this.request(family, 'GET', url);
    if (json !== undefined) return json;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`Autodesk answered ${new URL(url).pathname} with something that is not JSON.`);
    }
  }

  /**
   * Sends one request, with `body` as JSON when given; a 401 renews the token and tries once more. Resolves
   * with a 2xx answer or one whose status is in `expect` (such as 404 or 409); any other throws `ApsHttpError`.
   */
  async request(
    family: AccFamily,
    method: HttpMethod,
    url: string,
    options: { body?: unknown; headers?: Record<string, string>; expect?: number[] } = {},
  ): Promise<ApsReply> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.tokens.token(this.options.signal);
      const reply = await this.send(family, method, url, token, options);
      const { status, text } = reply;
      if (status === 401 && attempt === 0) {
        this.options.tokens.invalidate(token);
        continue;
      }
      if ((status >= 200 && status < 300) || options.expect?.includes(status)) return reply;
      const { code, detail } = apiError(text);
      const where = new URL(url).pathname;
      const why = detail ? `: ${detail}` : '';
      if (status === 401) {
        throw new ApsHttpError(
          status,
          code,
          `Autodesk refused the access token even after renewing it (401 on ${where}${why}).`,
        );
      }
      if (status === 403) {
        throw new ApsHttpError(status, code, `Autodesk denied access to ${where} (403${why}).`);
      }
      throw new ApsHttpError(status, code, `Autodesk answered ${status} to ${where}${why}.`);
    }
  }

  private send(
    family: AccFamily,
    method: HttpMethod,
    url: string,
    token: string,
    options: { body?: unknown; headers?: Record<string, string> },
  ): Promise<ApsReply> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.api+json',
      ...options.headers,
    };
    if (this.options.userId) headers['x-user-id'] = this.options.userId;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const outer = this.options.signal;
    return this.options.caller.call(
      family,
      async (signal) => {
        // The caller's attempt signal ends a request that takes too long (retried as a dropped connection).
        const res = await fetch(url, { method, headers, body, signal });
        const text = await res.text();
        this.options.caller.received(family, Buffer.byteLength(text));
        if (isTransientStatus(res.status)) {
          const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
          throw new TransientError(`Autodesk answered ${res.status}`, res.status, retryAfter);
        }
        const reply: ApsReply = { status: res.status, text, location: res.headers.get('location') };
        if (res.ok && text && /json/i.test(res.headers.get('content-type') ?? '')) {
          // Parsed here, inside the retry: an answer cut off on the way is retried, not taken for bad data.
          try {
            reply.json = JSON.parse(text) as unknown;
          } catch {
            throw new TransientError(`Autodesk's answer to ${new URL(url).pathname} was cut off`, null);
          }
        }
        return reply;
      },
      outer,
    );
  }
}
