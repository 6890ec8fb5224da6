/** Vite config for the renderer; also usable by electron-vite (root renderer/, input renderer/index.html). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server needs an inline React Refresh preamble and a websocket for HMR, which the strict CSP in
 * index.html forbids; relax it for `vite serve` only, so production builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'file-connector-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `vite --config renderer/vite.config.ts` against a running `file-connector serve --port 4312`.
    proxy: { '/api': 'http://127.0.0.1:4312' },
  },
});
