/**
 * Scenario 2: incremental Drive syncs after the full one: with nothing changed (one request per drive, under two
 * request latencies), then with 1,000 changes spread over the drives (requests within one of the minimum).
 */
import type { Core } from '../../src/core/core.js';
import { benchDrive, DRIVE_TRAFFIC, driveEndpoint, quotaRefilled } from '../drive.js';
import { benchCore, catalogDigest, timed, type Scenario } from '../lib.js';

const CHANGES = 1000;

/** API requests (the token endpoint is not the Drive API). */
const apiRequests = (byKind: Record<string, number>) =>
  Object.entries(byKind).reduce((n, [kind, count]) => (kind === '/token' ? n : n + count), 0);

export const driveIncremental: Scenario = {
  name: 'drive-incremental',
  title: 'Google Drive incremental syncs: nothing changed, then 1,000 changes',
  async run(ctx) {
    const { fake, keyFile } = await benchDrive(ctx);
    let synced = ctx.shared.get('drive-synced') as { core: Core; endpointId: number } | undefined;
    if (!synced) {
      ctx.log('Full Drive sync first (not measured here: see drive-full)');
      const core = await benchCore(ctx, 'fc-bench-drive-');
      const endpoint = await driveEndpoint(core, fake, keyFile);
      const full = await core.engine.run(endpoint.id, { trigger: 'manual' });
      if (full.status !== 'success') throw new Error(`The full Drive sync ${full.status}: ${full.error}`);
      synced = { core, endpointId: endpoint.id };
    }
    const { core, endpointId } = synced;
    const drives = Object.keys(fake.ready.entries).length;

    await quotaRefilled();
    await fake.reset();
    ctx.log('Drive incremental sync with nothing changed');
    const idle = await timed(() => core.engine.run(endpointId, { trigger: 'manual' }));
    const idleCounts = await fake.counts();
    if (idle.result.status !== 'success') throw new Error(`The idle sync ${idle.result.status}: ${idle.result.error}`);

    const perDrive = await fake.change(CHANGES);
    await quotaRefilled();
    await fake.reset();
    ctx.log(`Drive incremental sync of ${CHANGES} changes`);
    const busy = await timed(() => core.engine.run(endpointId, { trigger: 'manual' }));
    const busyCounts = await fake.counts();
    if (busy.result.status !== 'success') throw new Error(`The sync ${busy.result.status}: ${busy.result.error}`);
    const exact = catalogDigest(core.catalog, endpointId).digest === (await fake.digest());

    const latency = DRIVE_TRAFFIC.latency;
    // Every drive's feed is read at once: the least time is the slowest drive's pages, one after the other.
    const pages = Object.values(perDrive).map((n) => Math.max(1, Math.ceil(n / 1000)));
    const minRequests = pages.reduce((a, b) => a + b, 0);
    const minMs = Math.max(
      ...Object.values(perDrive).map((n) => {
        const full = Math.floor(n / 1000);
        return full * (latency.baseMs + latency.perItemMs * 1000) + latency.baseMs + latency.perItemMs * (n % 1000);
      }),
    );
    const scenario = '2 Drive incremental';
    return {
      figures: [
        {
          scenario,
          figure: 'nothing changed: requests per drive',
          value: apiRequests(idleCounts.byKind) / drives,
          unit: '',
          target: { op: '<=', limit: 1 },
        },
        {
          scenario,
          figure: 'nothing changed: wall time in request latencies',
          value: idle.ms / latency.baseMs,
          unit: 'x',
          reference: { label: 'latency ms', value: latency.baseMs },
          target: { op: '<=', limit: 2 },
          note:
            'The access token is kept in memory between runs while valid, so an idle run is one changes.list per ' +
            'drive, all at once: one latency plus the engine and catalog work around it.',
        },
        {
          scenario,
          figure: `${CHANGES} changes: requests over the minimum`,
          value: apiRequests(busyCounts.byKind) - minRequests,
          unit: '',
          reference: { label: 'minimum', value: minRequests },
          target: { op: '<=', limit: 1 },
        },
        {
          scenario,
          figure: `${CHANGES} changes: wall time vs minimum`,
          value: busy.ms / 1000,
          unit: 's',
          reference: { label: 'minimum s', value: minMs / 1000 },
          ratio: minMs / busy.ms,
        },
        {
          scenario,
          figure: 'catalog entries differing from the truth',
          value: exact ? 0 : 1,
          unit: '',
          target: { op: '<=', limit: 0 },
        },
      ],
      details: {
        idle: { ms: Math.round(idle.ms), requests: idle.result.requests, fake: idleCounts },
        changes: {
          perDrive,
          ms: Math.round(busy.ms),
          requests: busy.result.requests,
          counts: {
            added: busy.result.added,
            updated: busy.result.updated,
            moved: busy.result.moved,
            deleted: busy.result.deleted,
          },
          fake: busyCounts,
          exact,
        },
      },
    };
  },
};
