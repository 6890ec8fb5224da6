// Starts the write thread from its TypeScript source (tests, the benchmark); built code starts worker.js itself.
import { register } from 'tsx/esm/api';

register();
await import('./catalogWriteThread.ts');
