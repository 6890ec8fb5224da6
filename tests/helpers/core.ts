/** Opens a real core on a temporary data folder, closed after the test. */
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../src/core/core.js';
import type { EventMessage } from '../../src/contract/wire.js';
import type { EventName, Events } from '../../src/contract/contract.js';
import { tempDir } from './tempDir.js';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

export async function testCore(
  options: Pick<Parameters<typeof openCore>[0], 'pickFolder' | 'applySettings'> & { dataDir?: string } = {},
) {
  const core = await openCore({
    dataDir: options.dataDir ?? tempDir('fc-core-'),
    host: 'browser',
    pickFolder: options.pickFolder,
    applySettings: options.applySettings,
  });
  open.push(core);
  return core;
}

/** Resolves with the first event `name` whose payload passes `match`. */
export function nextEvent<E extends EventName>(
  core: Core,
  name: E,
  match: (payload: Events[E]) => boolean = () => true,
): Promise<Events[E]> {
  return new Promise((resolve) => {
    const off = core.subscribe((message: EventMessage) => {
      if (message.event === name && match(message.payload as Events[E])) {
        off();
        resolve(message.payload as Events[E]);
      }
    });
  });
}
