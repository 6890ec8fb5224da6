/** Serves the built renderer over `app://renderer/...` instead of file://, confined to one folder. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_CONTENT_SECURITY_POLICY } from './security.js';
import { APP_HOST, APP_SCHEME } from './origins.js';

/** Privileges for `protocol.registerSchemesAsPrivileged` (must run before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

// Set when the file fetch reports no type, since module scripts are refused without a JavaScript type.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Maps an `app://renderer/<path>` URL to a file under `rootDir`, or null when it is not ours or
 * escapes the folder. Extension-less paths fall back to index.html so client-side routes reload.
 */
export function resolveAppFile(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, path.extname(relative) === '' ? 'index.html' : relative);
  // `path.resolve` has already collapsed any `..`; whatever lands outside the root is refused.
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/** Builds the `protocol.handle` handler; `fetchFile` is Electron's `net.fetch` (file URLs only). */
export function createAppProtocolHandler(
  rootDir: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(request.url, rootDir);
    if (file === null) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await fetchFile(pathToFileURL(file).href);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (type && !headers.get('Content-Type')) headers.set('Content-Type', type);
    headers.set('Content-Security-Policy', APP_CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
