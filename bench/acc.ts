/** The Autodesk side of the benchmark: the traffic model, the bound, and an endpoint against the fake. */
import type { Core } from '../src/core/core.js';
import type { AccTrafficModel } from '../tests/fakes/autodesk/server.js';
import { RemoteFake } from './fakes/remote.js';
import { createEndpoint, type ScenarioContext } from './lib.js';

/** Folder contents scaled from the published 300/min to 6,000/min (scenario 3 of the issue). */
export const CONTENTS_PER_MINUTE = 6000;

/** 100 ms per request; the published per-minute limits as token buckets, folder contents scaled up. */
export const ACC_TRAFFIC = {
  latency: { baseMs: 100 },
  quota: {
    hubs: { perSecond: 50 / 60, burst: 5 },
    projects: { perSecond: 50 / 60, burst: 5 },
    topFolders: { perSecond: 300 / 60, burst: 5 },
    // A second of requests: a per-minute limit does not count arrivals to the millisecond.
    folderContents: { perSecond: CONTENTS_PER_MINUTE / 60, burst: CONTENTS_PER_MINUTE / 60 },
    token: { perSecond: 500 / 60, burst: 5 },
  },
} satisfies AccTrafficModel;

const SECRET_ENV = 'FC_BENCH_ACC_SECRET';

/** Folders and files of the ACC scenarios' account. */
export function accShape(ctx: ScenarioContext) {
  return ctx.quick ? { files: 2_000, folders: 200, projects: 2 } : { files: 20_000, folders: 2_000, projects: 2 };
}

/**
 * The least time a crawl of `folders` folders can take: the requests that must come one after the other (token,
 * hubs, projects, top folders, one folder's contents) at one latency each, and every folder-contents request at
 * the allowed rate. The fake's one-second burst is not credited: Autodesk publishes a rate, not a burst.
 */
export function crawlBoundMs(folders: number): number {
  return 5 * ACC_TRAFFIC.latency.baseMs + (folders / ACC_TRAFFIC.quota.folderContents.perSecond) * 1000;
}

/** The fake ACC of this benchmark run, shared by the ACC scenarios. */
export async function benchAcc(ctx: ScenarioContext): Promise<RemoteFake> {
  const existing = ctx.shared.get('acc') as RemoteFake | undefined;
  if (existing) return existing;
  const shape = accShape(ctx);
  ctx.log(`Starting a fake ACC with ${shape.files.toLocaleString('en-US')} files in ${shape.folders} folders`);
  const fake = await RemoteFake.start({ service: 'acc', ...shape, traffic: ACC_TRAFFIC });
  ctx.onCleanup(() => fake.stop());
  ctx.shared.set('acc', fake);
  return fake;
}

/** An ACC endpoint on `core` against the fake, told the scaled folder-contents limit. */
export async function accEndpoint(core: Core, fake: RemoteFake) {
  process.env[SECRET_ENV] = fake.ready.credentials.clientSecret;
  return createEndpoint(core, {
    name: 'ACC account',
    type: 'autodesk_acc',
    settings: {
      auth: { type: 'client_credentials', clientId: fake.ready.credentials.clientId, clientSecretEnv: SECRET_ENV },
      apiBaseUrl: fake.url,
      rateLimits: { folderContents: CONTENTS_PER_MINUTE },
    },
  });
}
