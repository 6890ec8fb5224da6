/** Real HTTP(S) servers on 127.0.0.1 that answer `?size=N` with N bytes, for tests that count network bytes. */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type tls from 'node:tls';
import { afterEach } from 'vitest';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** TLS with a pre-shared key: real TLS without a certificate to make or keep. */
const PSK_TLS = { ciphers: 'PSK-AES128-GCM-SHA256', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } as const;

export interface ByteServer {
  url: string;
  /** Request bodies' bytes the server read, in total. */
  bodyBytesRead(): number;
  /** TLS options a client needs to talk to this server (empty for plain HTTP). */
  clientTls: tls.ConnectionOptions;
}

/** Starts a server, closed after the test; `tls` makes it an HTTPS server keyed by a fresh pre-shared key. */
export async function byteServer(options: { tls?: boolean } = {}): Promise<ByteServer> {
  let bodyBytes = 0;
  const handler: http.RequestListener = (req, res) => {
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const size = Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('size') ?? 0);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      res.end(Buffer.alloc(size, 'x'));
    });
  };
  const key = crypto.randomBytes(32);
  const server = options.tls
    ? https.createServer({ ...PSK_TLS, pskCallback: () => key }, handler)
    : http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    bodyBytesRead: () => bodyBytes,
    clientTls: options.tls
      ? {
          ...PSK_TLS,
          pskCallback: () => ({ psk: key, identity: 'file-connector' }),
          checkServerIdentity: () => undefined,
        }
      : {},
  };
}

/** A request through node:http(s), as node-fetch (behind googleapis) makes them: the body's size and the socket. */
export function nodeRequest(
  server: ByteServer,
  size: number,
  body?: Buffer,
  agent?: http.Agent,
): Promise<{ bytes: number; socket: Socket }> {
  const url = `${server.url}?size=${size}`;
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: body ? 'POST' : 'GET', agent, ...server.clientTls }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.on('end', () => resolve({ bytes: received, socket: req.socket! }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
