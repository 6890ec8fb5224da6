#!/usr/bin/env node
// The headless command. The TypeScript core is compiled to dist/ by `npm install` (postinstall) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('file-connector: the core is not built yet. Run `npm run build` in the project folder.\n');
  process.exit(1);
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
