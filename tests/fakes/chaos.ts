/**
 * Seeded random faults for the fake servers (opt-in: a fake's `chaos` is null unless a test sets one). A share of
 * requests, drawn from a seeded generator in arrival order, fails in one of the ways real services fail: 429 with
 * a short Retry-After, 403 rate limit, 500, 503, a reset connection, an answer that stalls past the client's
 * timeout, or a JSON body cut off mid-way. Optionally every access token expires once, mid-run.
 */
import type http from 'node:http';

export type ChaosKind = 'tooMany' | 'rateLimit403' | 'server500' | 'unavailable503' | 'reset' | 'stall' | 'truncate';

export const ALL_CHAOS_KINDS: readonly ChaosKind[] = [
  'tooMany',
  'rateLimit403',
  'server500',
  'unavailable503',
  'reset',
  'stall',
  'truncate',
];

export interface ChaosOptions {
  seed: number;
  /** Share of requests that fail. Default 0.1. */
  rate?: number;
  kinds: readonly ChaosKind[];
  /** Whether `kind` may hit a request to `path` (e.g. no Drive 403 rate limit on the token endpoint). */
  allows?: (path: string, kind: ChaosKind) => boolean;
  /** The error body the service sends for `status` (its own format). */
  errorBody(status: number, reason: string): unknown;
  /** Makes every access token invalid, so that the next API request gets a 401. */
  expireTokens(): void;
  /** The request (1-based, counting every request) at which every access token expires; none by default. */
  expireTokensAt?: number;
  /** Sees every request as it arrives, with its number (1-based): e.g. to kill the client at a chosen moment. */
  onRequest?(n: number, path: string): void;
}

/** mulberry32: a small, well-spread seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, request by request, whether and how a fake fails. */
export class Chaos {
  /** Faults served, by kind. */
  readonly served: Record<ChaosKind, number> = {
    tooMany: 0,
    rateLimit403: 0,
    server500: 0,
    unavailable503: 0,
    reset: 0,
    stall: 0,
    truncate: 0,
  };
  /** Requests seen. */
  requests = 0;
  private readonly random: () => number;

  constructor(readonly options: ChaosOptions) {
    this.random = seededRandom(options.seed);
  }

  /** Faults served in all. */
  get total(): number {
    return Object.values(this.served).reduce((a, b) => a + b, 0);
  }

  /**
   * Applies chaos to one request: returns true when it answered (or dropped) the request itself, false when the
   * fake should answer as usual (possibly with its body cut off on the way).
   */
  strike(req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
    const n = ++this.requests;
    this.options.onRequest?.(n, path);
    if (n === this.options.expireTokensAt) this.options.expireTokens();
    // Both draws happen for every request, so one request's fate does not shift the next one's.
    const fails = this.random() < (this.options.rate ?? 0.1);
    const kinds = this.options.kinds;
    const kind = kinds[Math.floor(this.random() * kinds.length)]!;
    const variant = this.random();
    if (!fails || !(this.options.allows?.(path, kind) ?? true)) return false;
    // A cut-off counts once it happens: only a successful answer is cut.
    if (kind !== 'truncate') this.served[kind]++;
    switch (kind) {
      case 'tooMany':
        return this.error(res, 429, 'rateLimitExceeded', { 'retry-after': variant < 0.5 ? '0' : '1' });
      case 'rateLimit403':
        return this.error(res, 403, variant < 0.5 ? 'userRateLimitExceeded' : 'rateLimitExceeded');
      case 'server500':
        return this.error(res, 500, 'backendError');
      case 'unavailable503':
        return this.error(res, 503, 'backendError');
      case 'reset':
        req.socket.destroy();
        return true;
      case 'stall':
        // Before the headers or after them, mid-body: either way only the client's timeout ends the wait.
        if (variant < 0.5) res.writeHead(200, { 'content-type': 'application/json' }).write('{"stalled": ');
        return true;
      case 'truncate':
        cutOff(res, variant, () => this.served.truncate++);
        return false;
    }
  }

  private error(res: http.ServerResponse, status: number, reason: string, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(this.options.errorBody(status, reason)));
    return true;
  }
}

/**
 * Cuts a successful answer's body off after a share of it: a complete HTTP message (chunked) whose JSON ends
 * mid-way, as a proxy that gives up leaves it. Error answers pass untouched.
 */
function cutOff(res: http.ServerResponse, share: number, onCut: () => void): void {
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: http.OutgoingHttpHeaders) => unknown;
  const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
  let ok = false;
  res.writeHead = ((status: number, headers?: http.OutgoingHttpHeaders) => {
    ok = status >= 200 && status < 300;
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  res.end = ((chunk?: unknown) => {
    if (!ok || typeof chunk !== 'string' || chunk.length < 2) return end(chunk);
    onCut();
    return end(chunk.slice(0, Math.max(1, Math.floor(chunk.length * (0.1 + share * 0.8)))));
  }) as typeof res.end;
}
