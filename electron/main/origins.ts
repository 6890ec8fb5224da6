/** Which page origins are the app's own: the built renderer over `app://` or the dev server. */

/** The scheme and host the built renderer is served from (`app://renderer/index.html`). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `scheme://host[:port]` of a URL, or null when it has none.
 * Node's `URL.origin` is "null" for non-special schemes such as `app:`, so it is rebuilt here.
 */
export function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}

/** Where the renderer comes from: the dev server (electron-vite dev) or the built files. */
export type RendererSource = { kind: 'dev'; url: string } | { kind: 'app'; url: string };

/** Picks the renderer source: `ELECTRON_RENDERER_URL` in dev (and only when unpackaged), else `app://`. */
export function rendererSource(env: NodeJS.ProcessEnv, isPackaged: boolean): RendererSource {
  const devUrl = env.ELECTRON_RENDERER_URL;
  // A packaged app never trusts an environment variable to point it at another page.
  if (!isPackaged && devUrl && originOf(devUrl)?.match(/^https?:\/\//)) return { kind: 'dev', url: devUrl };
  return { kind: 'app', url: `${APP_ORIGIN}/index.html` };
}

/** Builds the trust check for a renderer source: true only for URLs on the app's own origin. */
export function createOriginCheck(source: RendererSource): (url: string | undefined | null) => boolean {
  const trusted = originOf(source.url);
  return (url) => typeof url === 'string' && trusted !== null && originOf(url) === trusted;
}
