import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/http.js';
import { testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(uiDir?: string) {
  const core = await testCore();
  server = await startServer({ core, port: 0, token: 'secret-token', uiDir });
  return { core, server };
}

/** A raw request, so headers such as Host can be set freely. */
function request(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const auth = { Authorization: 'Bearer secret-token', 'Content-Type': 'application/json' };

describe('the loopback HTTP binding', () => {
  it('answers contract requests with the access token', async () => {
    const { server } = await start();
    const res = await fetch(`${server.url}api/rpc/endpoints.list`, { method: 'POST', headers: auth, body: '{}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, result: [] });
    expect(server.openUrl).toBe(`${server.url}?token=secret-token`);
  });

  it('refuses requests without the right token', async () => {
    const { server } = await start();
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: 'secret-token' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}api/rpc/endpoints.list`, { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses foreign Host headers, so rebinding a domain to 127.0.0.1 gets nothing', async () => {
    const { server } = await start();
    const res = await request(server.port, {
      method: 'POST',
      path: '/api/rpc/endpoints.list',
      headers: { ...auth, Host: 'evil.example:80' },
      body: '{}',
    });
    expect(res.status).toBe(421);
  });

  it('turns bad bodies and inputs into clear errors', async () => {
    const { server } = await start();
    const post = (name: string, body: string) =>
      fetch(`${server.url}api/rpc/${name}`, { method: 'POST', headers: auth, body });
    const badJson = await post('endpoints.list', '{nope');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const badInput = await post('files.query', JSON.stringify({ limit: 'many' }));
    expect(badInput.status).toBe(400);
    expect(await badInput.json()).toMatchObject({ error: { code: 'invalid_request', issues: [{ path: 'limit' }] } });
    const unknown = await post('nope.nothing', '{}');
    expect(unknown.status).toBe(404);
    const huge = await request(server.port, {
      method: 'POST',
      path: '/api/rpc/files.query',
      headers: auth,
      body: JSON.stringify({ search: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch(() => ({ status: 400 }));
    expect(huge.status).toBe(400);
  });

  it('streams contract events to the browser as server-sent events', async () => {
    const { core, server } = await start();
    const controller = new AbortController();
    const res = await fetch(`${server.url}api/events?token=secret-token`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const folder = tempDir('fc-folder-');
    await core.dispatch('endpoints.create', { name: 'Docs', type: 'local_folder', settings: { path: folder } });
    let text = '';
    while (!text.includes('event: endpoints.changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: endpoints.changed\ndata: \{"endpointId":1\}/);
    controller.abort();
  });

  it('serves the built UI, with the index for unknown paths and nothing outside its folder', async () => {
    const ui = tempDir('fc-ui-');
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>File Connector</title>');
    fs.mkdirSync(path.join(ui, 'assets'));
    fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log(1)');
    const { server } = await start(ui);
    const index = await request(server.port, { path: '/' });
    expect(index.body).toContain('<title>File Connector</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(server.port, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await request(server.port, { path: '/files/deep/link' })).body).toContain('File Connector');
    const escape = await request(server.port, { path: '/..%2F..%2F..%2Fetc%2Fpasswd' });
    expect(escape.body).not.toContain('root:');
  });

  it('answers health checks without a token', async () => {
    const { server } = await start();
    expect(await (await fetch(`${server.url}api/health`)).json()).toEqual({ ok: true });
  });
});
