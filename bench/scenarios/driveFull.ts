/**
 * Scenario 1: a full sync of a large Drive account (60% My Drive in a deep tree, 40% in three shared drives)
 * through the real connector, engine and catalog file, against the quota's bound and a single-stream peer.
 */
import {
  benchDrive,
  driveEndpoint,
  driveFiles,
  FULL_PAGE,
  listingBoundMs,
  PARENTS_PAGE,
  quotaRefilled,
} from '../drive.js';
import { peerListing } from '../drivePeer.js';
import { benchCore, catalogDigest, seconds, timed, type Scenario } from '../lib.js';

export const driveFull: Scenario = {
  name: 'drive-full',
  title: 'Google Drive full sync vs the quota bound and a single-stream peer',
  async run(ctx) {
    const { fake, keyFile } = await benchDrive(ctx);
    const entries = fake.ready.entries;
    const total = Object.values(entries).reduce((a, b) => a + b, 0);

    await quotaRefilled();
    await fake.reset();
    const core = await benchCore(ctx, 'fc-bench-drive-');
    const endpoint = await driveEndpoint(core, fake, keyFile);
    ctx.log(`Drive full sync of ${total.toLocaleString('en-US')} entries through the connector`);
    const sync = await timed(() => core.engine.run(endpoint.id, { trigger: 'manual' }));
    const syncCounts = await fake.counts();
    if (sync.result.status !== 'success') throw new Error(`The Drive sync ${sync.result.status}: ${sync.result.error}`);
    const catalog = catalogDigest(core.catalog, endpoint.id);
    const exact = catalog.digest === (await fake.digest());
    // The incremental scenario continues from this catalog.
    ctx.shared.set('drive-synced', { core, endpointId: endpoint.id });

    await quotaRefilled();
    await fake.reset();
    ctx.log('Drive listing by the single-stream peer');
    const peer = await timed(() => peerListing({ apiBaseUrl: `${fake.url}/`, keyFile, tokenUrl: `${fake.url}/token` }));
    const peerCounts = await fake.counts();
    if (peer.result.entries !== total) throw new Error(`The peer listed ${peer.result.entries} of ${total} entries.`);

    const quotaBound = listingBoundMs(entries, FULL_PAGE);
    const capBound = listingBoundMs(entries, PARENTS_PAGE);
    const syncS = seconds(sync.ms);
    const scenario = `1 Drive full (${(driveFiles(ctx) / 1000).toLocaleString('en-US')}k files)`;
    return {
      figures: [
        {
          scenario,
          figure: 'sync time vs quota bound (pages of 1,000)',
          value: syncS,
          unit: 's',
          reference: { label: 'bound s', value: seconds(quotaBound.ms) },
          ratio: quotaBound.ms / sync.ms,
          target: { op: '>=', limit: 0.75 },
          note:
            'Drive serves at most ~460 entries a page when parents are asked for, and a catalog needs parents ' +
            'for its paths, so no client can list at the 1,000-a-page bound; see the next figure.',
        },
        {
          scenario,
          figure: 'sync time vs bound at Drive page cap with parents (460)',
          value: syncS,
          unit: 's',
          reference: { label: 'bound s', value: seconds(capBound.ms) },
          ratio: capBound.ms / sync.ms,
          target: { op: '>=', limit: 0.75 },
          note:
            'Each drive is listed in up to 6 streams of modifiedTime ranges, split as a range proves large, all ' +
            'within the pacer (10 requests/s, bursts of 20, the quota itself), while the catalog is written on its ' +
            'own thread; what remains above the bound is the first seconds, before the splits have made enough ' +
            'streams, and a few requests for ranges that turn out empty.',
        },
        {
          scenario,
          figure: 'speed-up over single-stream peer',
          value: syncS,
          unit: 's',
          reference: { label: 'peer s', value: seconds(peer.ms) },
          ratio: peer.ms / sync.ms,
          target: { op: '>=', limit: 3 },
          note:
            'Both get pages of ~460 (parents): a single stream then takes 150 + 0.25 * 460 = 265 ms a page, so the ' +
            'quota (10 pages/s) allows at most ~2.7x the peer; 3x assumes pages of 1,000, so no client that builds ' +
            'paths can reach it under this latency model. The gap below 2.7x is explained with the previous figure.',
        },
        {
          scenario,
          figure: 'requests rejected for rate',
          value: syncCounts.rejected,
          unit: '',
          target: { op: '<=', limit: 0 },
          note:
            "The connector's default pacing (10/s, bursts of 20) is this very quota with no headroom, so a request " +
            'that reaches the service just ahead of its turn (a delayed one before it) finds the bucket empty and is ' +
            'retried after about a second. Pacing a little under the quota would avoid it.',
        },
        {
          scenario,
          figure: 'catalog entries differing from the truth',
          value: exact ? 0 : Math.max(1, Math.abs(catalog.entries - total)),
          unit: '',
          target: { op: '<=', limit: 0 },
        },
      ],
      details: {
        entries,
        pagesAtQuotaBound: quotaBound.pages,
        pagesAtPageCap: capBound.pages,
        sync: {
          ms: Math.round(sync.ms),
          requests: sync.result.requests,
          retries: sync.result.retries,
          pacingWaitMs: sync.result.pacingWaitMs,
          rateLimitWaitMs: sync.result.rateLimitWaitMs,
          fake: syncCounts,
          catalogEntries: catalog.entries,
          exact,
        },
        peer: { ms: Math.round(peer.ms), ...peer.result, fake: peerCounts },
      },
    };
  },
};
