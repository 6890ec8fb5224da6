/**
 * An endpoint held for a sign-in misses its scheduled runs; once the hold lifts (a sign-in, or a health check
 * that passes) the run it missed happens once, right away, as after a pause: it does not wait for the next timer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSummary, SyncRun } from '../../src/contract/model.js';
import type { Schedule } from '../../src/contract/schemas.js';
import { unwrap } from '../../src/contract/wire.js';
import { openCore, type Core } from '../../src/core/core.js';
import { nextEvent } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const REFUSED = 'The sign-in server refused the request (invalid_grant). Sign in again.';

/** A core with one folder endpoint whose credentials were just refused (so its schedule is held). */
async function heldEndpoint(schedule: Schedule) {
  const core = await openCore({ dataDir: tempDir('fc-hold-'), host: 'browser' });
  open.push(core);
  const folder = tempDir('fc-hold-site-');
  fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
  const endpoint = unwrap(
    await core.dispatch('endpoints.create', {
      name: 'Site',
      type: 'local_folder',
      settings: { path: folder },
      schedule,
    }),
  ) as EndpointSummary;
  core.health!.noteRun({
    ...({} as SyncRun),
    endpointId: endpoint.id,
    status: 'failed',
    error: REFUSED,
    finishedAt: new Date().toISOString(),
  });
  const runs = () => core.catalog.runs.list({ endpointId: endpoint.id, limit: 10, offset: 0 });
  /** Lets the scheduler's readiness checks and any run that starts finish. */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await core.scheduler!.idle();
  };
  return { core, endpoint, runs, settle };
}

describe('after a hold lifts', () => {
  it('runs the scheduled sync missed during the hold at once when the endpoint signs in again', async () => {
    const { core, endpoint, runs, settle } = await heldEndpoint({ type: 'interval', minutes: 30 });
    core.scheduler!.start();
    await settle();
    // The start-up catch-up of this never-synced interval endpoint was held back.
    expect(runs()).toHaveLength(0);

    const finished = nextEvent(core, 'sync.finished', (run) => run.endpointId === endpoint.id);
    core.health!.signedIn(endpoint.id);
    expect(await finished).toMatchObject({ trigger: 'schedule', status: 'success' });
    await settle();
    expect(runs()).toHaveLength(1);
  });

  it('runs it when a health check passes again, and a webhook call missed during the hold counts too', async () => {
    const { core, endpoint, runs, settle } = await heldEndpoint({ type: 'webhook', secret: 'hold-secret-0123456789' });
    core.scheduler!.start();
    const answer = core.receiveHook!('Site', {
      headers: { authorization: 'Bearer hold-secret-0123456789' },
      body: Buffer.from(''),
    });
    expect(answer.status).toBe(202);
    await settle();
    expect(runs()).toHaveLength(0);

    const finished = nextEvent(core, 'sync.finished', (run) => run.endpointId === endpoint.id);
    // The folder is readable: the check passes and lifts the hold.
    await core.health!.check(endpoint.id);
    expect(await finished).toMatchObject({ trigger: 'webhook', status: 'success' });
    await settle();
    expect(runs()).toHaveLength(1);
  });

  it('starts nothing when nothing was missed, and catches up only once', async () => {
    const { core, endpoint, runs, settle } = await heldEndpoint({ type: 'interval', minutes: 30 });
    // The scheduler is not running yet, so no timer or catch-up fired during the hold.
    core.health!.signedIn(endpoint.id);
    await settle();
    expect(runs()).toHaveLength(0);

    core.scheduler!.start();
    await settle();
    expect(runs().map((r) => r.trigger)).toEqual(['schedule']);
    // A second sign-in has nothing left to catch up: the run covered what was missed.
    core.health!.signedIn(endpoint.id);
    await settle();
    expect(runs()).toHaveLength(1);
  });
});
