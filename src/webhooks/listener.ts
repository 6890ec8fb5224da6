/**
 * The desktop app's loopback webhook listener: only `POST /hooks/<endpoint>` on 127.0.0.1, answered by the
 * core's receiver exactly as `serve` answers it, so a tunnel can forward public webhook calls to the app.
 */
import http from 'node:http';
import type { AppSettings } from '../contract/settings.js';
import type { Core } from '../core/core.js';
import { readRawBody } from '../server/http.js';

/** The part of the core the listener needs. */
export type HookTarget = Pick<Core, 'receiveHook'>;

function reply(res: http.ServerResponse, status: number, body: { ok: boolean; message: string }): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function handle(core: HookTarget, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const hook = /^\/hooks\/([^/]+)\/?$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (!hook) return reply(res, 404, { ok: false, message: 'Only POST /hooks/<endpoint> is served here.' });
  if (!core.receiveHook) return reply(res, 404, { ok: false, message: 'This app does not receive webhooks.' });
  if (req.method !== 'POST') return reply(res, 405, { ok: false, message: 'Webhooks are POST requests.' });
  let target: string;
  try {
    target = decodeURIComponent(hook[1]!);
  } catch {
    return reply(res, 400, { ok: false, message: 'The endpoint in the address is not valid URL encoding.' });
  }
  let body: Buffer;
  try {
    body = await readRawBody(req);
  } catch (error) {
    return reply(res, 413, { ok: false, message: error instanceof Error ? error.message : String(error) });
  }
  const answer = core.receiveHook(target, { headers: req.headers, body });
  return reply(res, answer.status, answer.body);
}

/** Listens on `127.0.0.1:<port>` (0 picks a free one); resolves with the port and a close function. */
export async function startHookListener(
  core: HookTarget,
  port: number,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void handle(core, req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { ok: false, message: String(error) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on 127.0.0.1 is already in use: choose another port for the webhook listener.`
            : `The webhook listener could not start on 127.0.0.1:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Keeps the listener in line with the `webhookListener` setting: starts, stops, or moves it to a new port. */
export class HookListenerSwitch {
  private running: { port: number; wanted: number; close: () => Promise<void> } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly start: (port: number) => ReturnType<typeof startHookListener>) {}

  /** The port listened on, or null when off. */
  get port(): number | null {
    return this.running?.port ?? null;
  }

  /** Applies a setting; rejects (leaving the listener off) when the port cannot be opened. */
  apply(setting: AppSettings['webhookListener']): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.running && setting.enabled && this.running.wanted === setting.port) return;
      await this.stopNow();
      if (!setting.enabled) return;
      const started = await this.start(setting.port);
      this.running = { ...started, wanted: setting.port };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops the listener for good (the app quits). */
  close(): Promise<void> {
    const next = this.queue.then(() => this.stopNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async stopNow(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.close();
  }
}
