/** Live sync progress on the terminal: one updating line on a TTY, a line every few seconds otherwise. */
import type { Core } from '../core/core.js';
import type { SyncProgress } from '../contract/model.js';

/** Prints progress events of `core` to `stream` until the returned function is called. */
export function followProgress(core: Core, stream: NodeJS.WritableStream): () => void {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  const names = new Map(core.catalog.endpoints.list().map((e) => [e.id, e.name]));
  let lastLine = 0;
  const format = (p: SyncProgress) =>
    `${names.get(p.endpointId) ?? p.endpointId}: ${p.phase} · ${p.seen.toLocaleString('en')} seen · ` +
    `${p.added} added · ${p.updated} updated · ${p.deleted} deleted · ${(p.elapsedMs / 1000).toFixed(1)} s`;
  const unsubscribe = core.subscribe((message) => {
    if (message.event !== 'sync.progress') return;
    const p = message.payload as SyncProgress;
    if (tty) stream.write(`\r\x1b[2K${format(p)}`);
    else if (Date.now() - lastLine > 2000 && p.phase === 'listing') {
      lastLine = Date.now();
      stream.write(`${format(p)}\n`);
    }
  });
  return () => {
    unsubscribe();
    if (tty) stream.write('\r\x1b[2K');
  };
}
