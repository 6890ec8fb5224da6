/**
 * The loopback redirect of a desktop sign-in (RFC 8252): a one-shot HTTP listener
 * on 127.0.0.1 with a random port that receives the authorization code from the
 * system browser. It checks the Host header and `state`, answers with a page that
 * is never cached, and gives up after a timeout or when cancelled.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackOptions {
  /** The `state` sent to the provider; a redirect carrying another value is refused. */
  state: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Shown in the browser once the code has arrived. */
  appName?: string;
}

export interface LoopbackRedirect {
  redirectUri: string;
  /** Resolves with the authorization code, or rejects with a message a person can act on. */
  code: Promise<string>;
  close(): Promise<void>;
}

/** Sign-in failures the UI shows as they are. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'cancelled' | 'denied' | 'state_mismatch' | 'provider_error' | 'exchange_failed',
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;text-align:center;color:#1d2433}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;
}

/** Starts listening; the caller puts `redirectUri` in the authorization request and awaits `code`. */
export async function startLoopbackRedirect(options: LoopbackOptions): Promise<LoopbackRedirect> {
  const appName = options.appName ?? 'File Connector';
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined); // The caller may close before awaiting.
  let done = false;
  let port = 0;

  const finish = (error: Error | null, value?: string) => {
    if (done) return;
    done = true;
    if (error) settle.reject(error);
    else settle.resolve(value!);
  };

  const server = http.createServer((req, res) => {
    const reply = (status: number, title: string, body: string) => {
      res.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end(page(title, body));
    };
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return reply(400, 'Wrong address', '');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/callback') return reply(404, 'Not found', '');
    if (done) return reply(410, 'Already signed in', `You can close this window and return to ${appName}.`);
    if (url.searchParams.get('state') !== options.state) {
      // Not ours (a stale tab or a forged request): keep waiting for the real redirect.
      return reply(400, 'Sign-in not recognised', `Start the sign-in again from ${appName}.`);
    }
    const error = url.searchParams.get('error');
    if (error) {
      const denied = error === 'access_denied';
      const text = denied
        ? 'Access was not granted. Sign in again and allow access to continue.'
        : `The provider refused the sign-in (${error}${url.searchParams.get('error_description') ? `: ${url.searchParams.get('error_description')}` : ''}).`;
      reply(400, denied ? 'Access not granted' : 'Sign-in failed', text);
      return finish(new SignInError(text, denied ? 'denied' : 'provider_error'));
    }
    const value = url.searchParams.get('code');
    if (!value) return reply(400, 'Sign-in failed', 'The redirect carried no authorization code.');
    reply(200, 'Signed in', `You can close this window and return to ${appName}.`);
    finish(null, value);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const timer = setTimeout(
    () => finish(new SignInError('The sign-in took too long and was stopped. Start it again.', 'timeout')),
    options.timeoutMs ?? 5 * 60_000,
  );
  const onAbort = () => finish(new SignInError('The sign-in was cancelled.', 'cancelled'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const close = async () => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    finish(new SignInError('The sign-in was cancelled.', 'cancelled'));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  };
  void code.then(close, close);

  return { redirectUri: `http://127.0.0.1:${port}/callback`, code, close };
}
