/**
 * GET requests to the Data Management API: the bearer token (renewed once on a 401), `x-user-id`, paging through
 * `links.next`, and errors mapped to what the user can do about them. Every request goes through the family's
 * pacer and the retry policy.
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

/** Longest time one request may take before it counts as a dropped connection. */
const REQUEST_TIMEOUT_MS = 60_000;

/** The JSON:API error code and title of an error body, if it has them. */
function apiError(text: string): { code: string | null; detail: string | null } {
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; title?: unknown; detail?: unknown }[] };
    const first = body.errors?.[0];
    const str = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 200) : null);
    return { code: str(first?.code), detail: str(first?.title) ?? str(first?.detail) };
  } catch {
    return { code: null, detail: null };
  }
}

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
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.tokens.token(this.options.signal);
      const { status, text } = await this.send(family, url, token);
      if (status === 401 && attempt === 0) {
        this.options.tokens.invalidate(token);
        continue;
      }
      if (status >= 200 && status < 300) {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new Error(`Autodesk answered ${new URL(url).pathname} with something that is not JSON.`);
        }
      }
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

  private send(family: AccFamily, url: string, token: string): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' };
    if (this.options.userId) headers['x-user-id'] = this.options.userId;
    const outer = this.options.signal;
    return this.options.caller.call(
      family,
      async () => {
        const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
        let res: Response;
        let text: string;
        try {
          res = await fetch(url, { headers, signal });
          text = await res.text();
        } catch (error) {
          if (timeout.aborted && !outer?.aborted) {
            throw new TransientError(`No answer from Autodesk within ${REQUEST_TIMEOUT_MS / 1000} s`, null);
          }
          throw error;
        }
        if (isTransientStatus(res.status)) {
          const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
          throw new TransientError(`Autodesk answered ${res.status}`, res.status, retryAfter);
        }
        return { status: res.status, text };
      },
      outer,
    );
  }
}
