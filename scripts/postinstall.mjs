// After `npm install`: compile the core and build the UI so `npx file-connector` and `npm start` work at once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/typescript') || !existsSync('src')) {
  // An install without dev dependencies (or from a package) has nothing to build.
  process.exit(0);
}
const result = spawnSync('npm', ['run', '--silent', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error('\nFile Connector: building the core or the UI failed (see above). Fix it, then run `npm run build`.');
  process.exit(result.status ?? 1);
}
