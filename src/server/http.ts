/**
 * The contract over loopback HTTP, for `file-connector serve`: requests as
 * `POST /api/rpc/<name>`, events as server-sent events, and the built UI as
 * static files. Every API call needs the access token; the Host header must be
 * one we listen on (so a web page cannot reach us through DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CoreHost } from '../core/types.js';
import type { ContractErrorBody, Envelope } from '../contract/wire.js';

export interface ServeOptions {
  core: CoreHost;
  host?: string;
  port?: number;
  /** Access token; a random one when omitted. */
  token?: string;
  /** Folder with the built renderer (index.html); the API alone when missing. */
  uiDir?: string;
}

export interface RunningServer {
  url: string;
  /** The URL with the token, to open in a browser. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, error: ContractErrorBody): void {
  sendJson(res, status, { ok: false, error } satisfies Envelope<never>);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return readRawBody(req).then((body) => body.toString('utf8'));
}

/** The body as received (at most 1 MB): signatures are computed over these exact bytes. */
export function readRawBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('Request body is larger than 1 MB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const statusForCode: Record<string, number> = {
  invalid_request: 400,
  unknown_request: 404,
  not_found: 404,
  conflict: 409,
  unsupported: 501,
  unauthorized: 401,
  internal: 500,
};

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const uiDir = options.uiDir && fs.existsSync(path.join(options.uiDir, 'index.html')) ? options.uiDir : undefined;
  const streams = new Set<http.ServerResponse>();
  let allowedHosts = new Set<string>();
  // On loopback, only our own host names: a foreign page cannot reach us by rebinding DNS.
  const checkHost = ['127.0.0.1', 'localhost', '::1'].includes(host);

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: String(error) });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const hook = /^\/hooks\/([^/]+)\/?$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    // Webhooks arrive through tunnels with their own Host; the endpoint's secret authenticates them instead.
    if (hook) return receiveHook(hook[1]!, req, res);
    if (checkHost && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return sendError(res, 421, { code: 'unauthorized', message: 'Unexpected Host header.' });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true });

    if (url.pathname.startsWith('/api/')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!sameToken(bearer ?? url.searchParams.get('token'), token)) {
        return sendError(res, 401, {
          code: 'unauthorized',
          message: 'Missing or wrong access token. Open the address that `file-connector serve` printed.',
        });
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res);
      const rpc = /^\/api\/rpc\/([\w.]+)$/.exec(url.pathname);
      if (rpc && req.method === 'POST') {
        let input: unknown;
        try {
          const text = await readBody(req);
          input = text.trim() ? JSON.parse(text) : {};
        } catch (error) {
          return sendError(res, 400, {
            code: 'invalid_request',
            message: `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
        const envelope = await options.core.dispatch(rpc[1]!, input);
        return sendJson(res, envelope.ok ? 200 : (statusForCode[envelope.error.code] ?? 500), envelope);
      }
      return sendError(res, 404, { code: 'unknown_request', message: `No API route ${req.method} ${url.pathname}.` });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, { code: 'unsupported', message: 'Method not allowed.' });
    }
    return serveStatic(url.pathname, res);
  }

  async function receiveHook(target: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receive = options.core.receiveHook?.bind(options.core);
    if (!receive) return sendJson(res, 404, { ok: false, message: 'This server does not receive webhooks.' });
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, message: 'Webhooks are POST requests.' });
    let name: string;
    try {
      name = decodeURIComponent(target);
    } catch {
      return sendJson(res, 400, { ok: false, message: 'The endpoint in the address is not valid URL encoding.' });
    }
    let body: Buffer;
    try {
      body = await readRawBody(req);
    } catch (error) {
      return sendJson(res, 413, { ok: false, message: error instanceof Error ? error.message : String(error) });
    }
    const answer = receive(name, { headers: req.headers, body });
    return sendJson(res, answer.status, answer.body);
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.core.subscribe((message) => {
      res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`);
    });
    // A comment now and then keeps proxies and idle timeouts from closing the stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    if (!uiDir) {
      res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('File Connector is running. The UI has not been built: run `npm run build`.\n');
      return;
    }
    const relative = path.normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = path.join(uiDir, relative);
    if (!file.startsWith(uiDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(uiDir, 'index.html');
    }
    const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': type,
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostNames = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  allowedHosts = new Set([...hostNames].map((h) => `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`));
  const displayHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${displayHost === '0.0.0.0' ? '127.0.0.1' : displayHost}:${port}/`;

  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    port,
    close: async () => {
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
