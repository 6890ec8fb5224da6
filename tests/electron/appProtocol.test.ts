import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from '../../electron/main/appProtocol.js';

const root = path.resolve('/srv/app/out/renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/', 'index.html'],
    ['app://renderer', 'index.html'],
    ['app://renderer/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://renderer/files/42', 'index.html'],
    ['app://renderer/assets/a%20b.css', 'assets/a b.css'],
    // The URL parser already collapses dot segments, so these stay inside the folder.
    ['app://renderer/../main/index.js', 'main/index.js'],
    ['app://renderer/%2e%2e/%2e%2e/etc/passwd', 'index.html'],
  ])('%s -> %s', (url, file) => {
    expect(resolveAppFile(url, root)).toBe(path.join(root, file));
  });

  it.each([
    'app://renderer/assets/..%2f..%2f..%2fetc%2fpasswd.txt',
    'app://renderer/a%00.js',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'https://renderer/index.html',
    'nonsense',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });
});

describe('app protocol handler', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-app-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>File Connector</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'main.js'), 'console.log(1)');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Stands in for Electron's net.fetch on file: URLs.
  const fetchFile = async (url: string) => new Response(fs.readFileSync(fileURLToPath(url)));

  it('serves files with a type and the CSP header', async () => {
    const handler = createAppProtocolHandler(dir, fetchFile);
    const page = await handler({ url: 'app://renderer/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('File Connector');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    const script = await handler({ url: 'app://renderer/assets/main.js', method: 'GET' });
    expect(script.headers.get('Content-Type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for missing or outside files and 405 for other methods', async () => {
    const handler = createAppProtocolHandler(dir, async (url) => {
      if (!fs.existsSync(fileURLToPath(url))) throw new Error('ERR_FILE_NOT_FOUND');
      return fetchFile(url);
    });
    expect((await handler({ url: 'app://renderer/assets/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://renderer/a/..%2f..%2f..%2fetc%2fhosts.txt', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://renderer/index.html', method: 'POST' })).status).toBe(405);
  });
});
