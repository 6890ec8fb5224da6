/**
 * electron-vite config with this project's folders: main from electron/main, the sandboxed preload from
 * electron/preload (one CJS file), the renderer from renderer/ (its own Vite config, reused). Output in out/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererViteConfig from './renderer/vite.config.js';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      // Dependencies (better-sqlite3, pino, pino-roll, electron-store, ...) load from node_modules at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: here('electron/main/index.ts'),
          // The catalog's write thread: electron/main/index.ts passes its address to the core.
          catalogWriteThread: here('src/catalog/writeThread/catalogWriteThread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // A sandboxed preload can require only 'electron' and a few built-ins: everything else is bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    // Same plugins as the browser build (React, and the dev-only CSP relaxation HMR needs).
    plugins: rendererViteConfig.plugins ?? [],
    root: here('renderer'),
    base: './',
    build: {
      outDir: here('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: here('renderer/index.html') } },
    },
  },
});
