/** Scenario 4: an incremental ACC sync with nothing changed costs the hub, project and top-folder listings only. */
import type { Core } from '../../src/core/core.js';
import { accEndpoint, benchAcc } from '../acc.js';
import { benchCore, timed, type Scenario } from '../lib.js';

/** Top folders of each project in the benchmark's account (see tests/fakes/autodesk/account.ts). */
const TOP_FOLDERS_PER_PROJECT = 4;

export const accIncremental: Scenario = {
  name: 'acc-incremental',
  title: 'Autodesk ACC incremental sync with nothing changed',
  async run(ctx) {
    const fake = await benchAcc(ctx);
    let synced = ctx.shared.get('acc-synced') as { core: Core; endpointId: number } | undefined;
    if (!synced) {
      ctx.log('Full ACC sync first (not measured here: see acc-full)');
      const core = await benchCore(ctx, 'fc-bench-acc-');
      const endpoint = await accEndpoint(core, fake);
      const full = await core.engine.run(endpoint.id, { trigger: 'manual' });
      if (full.status !== 'success') throw new Error(`The full ACC sync ${full.status}: ${full.error}`);
      synced = { core, endpointId: endpoint.id };
    }
    await fake.reset();
    ctx.log('ACC incremental sync with nothing changed');
    const idle = await timed(() => synced.core.engine.run(synced.endpointId, { trigger: 'manual' }));
    const counts = await fake.counts();
    if (idle.result.status !== 'success') throw new Error(`The idle sync ${idle.result.status}: ${idle.result.error}`);
    const projects = Object.keys(fake.ready.entries).length;
    // One hub: the hub list, its project list, and one request per top folder.
    const allowed = 1 + 1 + projects * TOP_FOLDERS_PER_PROJECT;
    const api = counts.requests - (counts.byKind.token ?? 0);
    return {
      figures: [
        {
          scenario: '4 ACC incremental',
          figure: 'nothing changed: API requests',
          value: api,
          unit: '',
          reference: { label: 'allowed', value: allowed },
          ratio: api / allowed,
          target: { op: '<=', limit: 1 },
        },
        { scenario: '4 ACC incremental', figure: 'nothing changed: wall time', value: idle.ms / 1000, unit: 's' },
      ],
      details: { ms: Math.round(idle.ms), requests: idle.result.requests, fake: counts },
    };
  },
};
