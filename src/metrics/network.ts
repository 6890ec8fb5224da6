/**
 * Bytes the process's own outgoing connections received and sent, counted process-wide rather than per client:
 * every client socket is seen through Node's diagnostics channels and its byte counters summed.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import net from 'node:net';

export interface NetworkBytes {
  received: number;
  sent: number;
}

/**
 * `net.client.socket` sees `net.connect` only: TLS sockets (`tls.connect`) come through node:http(s) requests
 * (node-fetch behind googleapis) and through undici's own channel (fetch). One socket may show up on several.
 */
const SOCKET_CHANNELS = ['net.client.socket', 'undici:client:connected'] as const;
const REQUEST_CHANNEL = 'http.client.request.start';

/** Counts the bytes of every client socket opened while started; TLS sockets count their plaintext bytes. */
export class NetworkCounter {
  /** Strong references are safe: an open socket is held by its handle anyway, and 'close' always follows. */
  private readonly open = new Set<net.Socket>();
  /** Every socket ever tracked, so one announced again after it closed is not counted twice. */
  private readonly seen = new WeakSet<net.Socket>();
  private closed: NetworkBytes = { received: 0, sent: 0 };
  private started = false;

  private readonly onSocket = (message: unknown): void => {
    const socket = (message as { socket?: unknown } | null)?.socket;
    if (socket instanceof net.Socket) this.track(socket);
  };

  private readonly onRequest = (message: unknown): void => {
    const request = (message as { request?: ClientRequest } | null)?.request;
    if (!request) return;
    // A request waiting for a free socket of its agent gets it later.
    if (request.socket) this.track(request.socket);
    else request.once('socket', (socket) => this.track(socket));
  };

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const name of SOCKET_CHANNELS) diagnosticsChannel.subscribe(name, this.onSocket);
    diagnosticsChannel.subscribe(REQUEST_CHANNEL, this.onRequest);
  }

  /** Stops seeing new sockets and forgets the open ones. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    for (const name of SOCKET_CHANNELS) diagnosticsChannel.unsubscribe(name, this.onSocket);
    diagnosticsChannel.unsubscribe(REQUEST_CHANNEL, this.onRequest);
    this.open.clear();
  }

  /** Bytes received and sent so far: closed sockets' final counts plus the open ones' counts now. */
  totals(): NetworkBytes {
    let { received, sent } = this.closed;
    for (const socket of this.open) {
      received += socket.bytesRead;
      sent += socket.bytesWritten;
    }
    return { received, sent };
  }

  private track(socket: net.Socket): void {
    if (!this.started || this.seen.has(socket)) return;
    this.seen.add(socket);
    if (socket.closed) return this.addClosed(socket);
    this.open.add(socket);
    socket.once('close', () => {
      // Counted once, at its final size; a socket forgotten by stop() adds nothing.
      if (this.open.delete(socket)) this.addClosed(socket);
    });
  }

  private addClosed(socket: net.Socket): void {
    this.closed = {
      received: this.closed.received + socket.bytesRead,
      sent: this.closed.sent + socket.bytesWritten,
    };
  }
}
