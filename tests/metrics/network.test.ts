/** Network bytes counted process-wide from Node's diagnostics channels, against real servers on 127.0.0.1. */
import { once } from 'node:events';
import http from 'node:http';
import type tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkCounter } from '../../src/metrics/network.js';
import { byteServer, nodeRequest, type ByteServer } from '../helpers/byteServer.js';

const counters: NetworkCounter[] = [];
afterEach(() => {
  for (const counter of counters.splice(0)) counter.stop();
});

function started(): NetworkCounter {
  const counter = new NetworkCounter();
  counter.start();
  counters.push(counter);
  return counter;
}

/** Headers, chunking and TLS records cost at most this much beyond the bodies in these small exchanges. */
const OVERHEAD = 2048;

/**
 * A fetch dispatcher speaking TLS-PSK: a new instance of the class of fetch's own global dispatcher (Node's bundled
 * undici), since fetch itself takes no TLS options.
 */
async function fetchDispatcher(connect: tls.ConnectionOptions): Promise<object> {
  await fetch('data:,');
  const global = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')];
  const Agent = (global as { constructor: new (options: unknown) => object }).constructor;
  return new Agent({ connect });
}

async function fetchBytes(server: ByteServer, size: number, body: Buffer, dispatcher?: object): Promise<number> {
  const init = { method: 'POST', body, dispatcher } as RequestInit;
  const response = await fetch(`${server.url}?size=${size}`, init);
  return (await response.arrayBuffer()).byteLength;
}

describe('network counter', () => {
  it('counts a fetch over plain HTTP once, though two channels announce its socket', async () => {
    const server = await byteServer();
    const counter = started();

    expect(await fetchBytes(server, 80_000, Buffer.alloc(30_000, 'y'))).toBe(80_000);

    const { received, sent } = counter.totals();
    expect(received).toBeGreaterThanOrEqual(80_000);
    expect(received).toBeLessThan(80_000 + OVERHEAD);
    expect(sent).toBeGreaterThanOrEqual(30_000);
    expect(sent).toBeLessThan(30_000 + OVERHEAD);
  });

  it('counts TLS connections, which net.client.socket does not announce: fetch and node:https', async () => {
    const server = await byteServer({ tls: true });
    const dispatcher = await fetchDispatcher(server.clientTls);
    const counter = started();

    expect(await fetchBytes(server, 70_000, Buffer.alloc(20_000, 'y'), dispatcher)).toBe(70_000);
    expect((await nodeRequest(server, 50_000, Buffer.alloc(10_000, 'y'))).bytes).toBe(50_000);

    const { received, sent } = counter.totals();
    expect(server.bodyBytesRead()).toBe(30_000);
    expect(received).toBeGreaterThanOrEqual(120_000);
    expect(received).toBeLessThan(120_000 + 2 * OVERHEAD);
    expect(sent).toBeGreaterThanOrEqual(30_000);
    expect(sent).toBeLessThan(30_000 + 2 * OVERHEAD);
  });

  it("keeps closed connections' bytes, counts each once, and sees nothing once stopped", async () => {
    const server = await byteServer();
    const counter = started();
    const agent = new http.Agent({ keepAlive: false });

    const sockets = [
      (await nodeRequest(server, 40_000, undefined, agent)).socket,
      (await nodeRequest(server, 40_000, undefined, agent)).socket,
    ];
    await Promise.all(sockets.map((socket) => socket.closed || once(socket, 'close')));

    // Both sockets closed after their request: their final counts stay in the totals, once each.
    const afterClose = counter.totals();
    expect(afterClose.received).toBeGreaterThanOrEqual(80_000);
    expect(afterClose.received).toBeLessThan(80_000 + 2 * OVERHEAD);

    counter.stop();
    await nodeRequest(server, 40_000, undefined, agent);
    expect(counter.totals()).toEqual(afterClose);
  });
});
