/** The Drive side of the benchmark: the traffic model, the bound, and an endpoint against the fake. */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../src/core/core.js';
import type { DriveTrafficModel } from '../tests/fakes/googleDrive/server.js';
import { RemoteFake } from './fakes/remote.js';
import { createEndpoint, sleep, type ScenarioContext } from './lib.js';

/** 150 ms + 0.25 ms per returned item; 10 requests/s with bursts of 20 (scenario 1 of the issue). */
export const DRIVE_TRAFFIC = {
  latency: { baseMs: 150, perItemMs: 0.25 },
  quota: { perSecond: 10, burst: 20 },
} satisfies DriveTrafficModel;

/** Drive's largest page. */
export const FULL_PAGE = 1000;
/** Drive's page when `parents` is among the fields, as every catalog needs (the fake serves the same). */
export const PARENTS_PAGE = 460;

/**
 * The least time a listing of `entries` (per drive) can take under the quota: the pages beyond the burst at the
 * quota's rate, plus one answer's latency.
 */
export function listingBoundMs(entries: Record<string, number>, pageSize: number): { ms: number; pages: number } {
  const pages = Object.values(entries).reduce((n, e) => n + Math.max(1, Math.ceil(e / pageSize)), 0);
  const { perSecond, burst } = DRIVE_TRAFFIC.quota;
  const latency = DRIVE_TRAFFIC.latency.baseMs + DRIVE_TRAFFIC.latency.perItemMs * pageSize;
  return { ms: (Math.max(0, pages - burst) / perSecond) * 1000 + latency, pages };
}

/** Waits until the fake's token bucket is full again, so each measured listing starts from the same quota. */
export function quotaRefilled(): Promise<void> {
  return sleep((DRIVE_TRAFFIC.quota.burst / DRIVE_TRAFFIC.quota.perSecond) * 1000 + 200);
}

/** Files in the Drive scenarios' account. */
export function driveFiles(ctx: ScenarioContext): number {
  return ctx.quick ? 10_000 : 100_000;
}

/** The fake Drive of this benchmark run (one per run, shared by the Drive scenarios), and its key file. */
export async function benchDrive(ctx: ScenarioContext): Promise<{ fake: RemoteFake; keyFile: string }> {
  const existing = ctx.shared.get('drive') as { fake: RemoteFake; keyFile: string } | undefined;
  if (existing) return existing;
  ctx.log(`Starting a fake Drive with ${driveFiles(ctx).toLocaleString('en-US')} files`);
  const fake = await RemoteFake.start({ service: 'drive', files: driveFiles(ctx), traffic: DRIVE_TRAFFIC });
  ctx.onCleanup(() => fake.stop());
  const keyFile = path.join(ctx.tempDir('fc-bench-key-'), 'key.json');
  fs.writeFileSync(keyFile, JSON.stringify(fake.ready.credentials), { mode: 0o600 });
  const drive = { fake, keyFile };
  ctx.shared.set('drive', drive);
  return drive;
}

/** A Google Drive endpoint on `core` against the fake, with the default pacing (10 requests/s, bursts of 20). */
export async function driveEndpoint(core: Core, fake: RemoteFake, keyFile: string, name = 'Workspace') {
  return createEndpoint(core, {
    name,
    type: 'google_drive',
    settings: {
      auth: { type: 'service_account', keyFile, tokenUrl: `${fake.url}/token` },
      apiBaseUrl: `${fake.url}/`,
    },
  });
}
