/**
 * Registering a Google Drive endpoint's watch channels through the contract, against the fake Drive over real
 * HTTP: a channel per drive carrying the endpoint's secret as its token, kept when registered again, replaced
 * for a new secret, stopped on removal, renewed before it expires while the schedules run; and the whole loop
 * from a change in Drive to a `webhook` sync.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HookRegistration } from '../../src/contract/hooks.js';
import type { SyncRun } from '../../src/contract/model.js';
import { unwrap } from '../../src/contract/wire.js';
import { openCore, type Core } from '../../src/core/core.js';
import { startServer, type RunningServer } from '../../src/server/http.js';
import { HOOKS_FILE } from '../../src/webhooks/registrationStore.js';
import { fakeDriveWithKey, settingsFor } from '../connectors/google_drive/helpers.js';
import { nextEvent } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const SECRET = 'drive-channel-token-0123456789';
const open: { core: Core; server: RunningServer }[] = [];
afterEach(async () => {
  for (const { core, server } of open.splice(0)) {
    await server.close();
    await core.close();
  }
});

/** A served core with a Drive endpoint (My Drive and one shared drive) on a webhook schedule. */
async function setup() {
  const { fake, keyFile } = await fakeDriveWithKey();
  const shared = fake.truth.addDrive('Projects');
  const plan = fake.truth.addFile(fake.truth.myDriveRootId, 'A-101.pdf');
  fake.truth.addFile(shared, 'S-101.pdf');
  const dataDir = tempDir('fc-drive-hooks-');
  const core = await openCore({ dataDir, host: 'browser', env: {} });
  const server = await startServer({ core, port: 0, token: 'api-token' });
  open.push({ core, server });
  const define = (secret: string) => ({
    name: 'Drive',
    type: 'google_drive',
    settings: settingsFor(fake, keyFile),
    schedule: { type: 'webhook', secret },
  });
  const endpoint = unwrap(await core.dispatch('endpoints.create', define(SECRET))) as { id: number };
  const callbackUrl = `${server.url}hooks/${endpoint.id}`;
  const register = async () =>
    unwrap(await core.dispatch('hooks.register', { endpointId: endpoint.id, url: server.url })) as HookRegistration;
  const rekey = async (secret: string) =>
    unwrap(await core.dispatch('endpoints.update', { id: endpoint.id, endpoint: define(secret) }));
  return { fake, shared, plan, core, dataDir, endpointId: endpoint.id, callbackUrl, register, rekey };
}

describe('hooks.register with Google Drive', () => {
  it('watches My Drive and each shared drive with the endpoint secret as channel token', async () => {
    const { fake, shared, register, callbackUrl, dataDir } = await setup();
    const before = Date.now();
    const registration = await register();

    const live = fake.channels.live();
    expect(live.map((c) => c.corpus).sort()).toEqual([shared, 'user'].sort());
    expect(live.every((c) => c.token === SECRET && c.address === callbackUrl)).toBe(true);
    expect(registration).toMatchObject({ service: 'google', callbackUrl });
    expect(registration.subscriptions.map((s) => s.description).sort()).toEqual(['My Drive', 'Projects']);
    const week = 7 * 24 * 3_600_000;
    for (const s of registration.subscriptions) {
      expect(Date.parse(s.expiresAt!)).toBeGreaterThanOrEqual(before + week - 1000);
    }
    // Drive's confirmation of each new channel is answered (and starts no sync).
    await fake.channels.settled();
    expect(fake.channels.deliveries).toEqual([
      expect.objectContaining({ state: 'sync', status: 200 }),
      expect.objectContaining({ state: 'sync', status: 200 }),
    ]);
    const stored = fs.readFileSync(path.join(dataDir, HOOKS_FILE), 'utf8');
    expect(stored).toContain(live[0]!.resourceId);
    expect(stored).not.toContain(SECRET);
  });

  it('keeps its channels when registered again, and replaces them when the secret changed', async () => {
    const { fake, register, rekey } = await setup();
    const first = await register();
    const again = await register();
    expect(again.subscriptions.map((s) => s.id)).toEqual(first.subscriptions.map((s) => s.id));
    expect(fake.count('/changes/watch')).toBe(2);

    await rekey('a-brand-new-secret-for-this-endpoint');
    const rekeyed = await register();
    expect(rekeyed.subscriptions.map((s) => s.id)).not.toContain(first.subscriptions[0]!.id);
    expect(fake.channels.live().map((c) => c.token)).toEqual([
      'a-brand-new-secret-for-this-endpoint',
      'a-brand-new-secret-for-this-endpoint',
    ]);
    expect(first.subscriptions.every((s) => fake.channels.channels.get(s.id)!.stopped)).toBe(true);
  });

  it('hooks.remove stops exactly its channels', async () => {
    const { fake, core, register, endpointId } = await setup();
    const registration = await register();
    expect(unwrap(await core.dispatch('hooks.remove', { endpointId }))).toEqual({ removed: 2 });
    expect(fake.channels.live()).toEqual([]);
    expect(registration.subscriptions.every((s) => fake.channels.channels.get(s.id)!.stopped)).toBe(true);
    expect(unwrap(await core.dispatch('hooks.list', { endpointId }))).toEqual([]);
  });

  it('renews a channel before it expires while the schedules run, and stops the old one', async () => {
    const { fake, core, register, endpointId } = await setup();
    // Drive grants this channel 2 s: it is replaced a quarter of that (0.5 s) before it ends.
    fake.channels.maxLifetimeMs = 2000;
    const first = await register();
    core.scheduler!.start();
    const deadline = Date.now() + 8000;
    let current = first;
    const renewed = () => current.subscriptions.every((s) => !first.subscriptions.some((f) => f.id === s.id));
    while (Date.now() < deadline && !renewed()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = (unwrap(await core.dispatch('hooks.list', { endpointId })) as HookRegistration[])[0] ?? current;
    }
    expect(current.subscriptions).toHaveLength(2);
    expect(current.subscriptions.some((s) => first.subscriptions.some((f) => f.id === s.id))).toBe(false);
    const old = first.subscriptions.map((s) => fake.channels.channels.get(s.id)!);
    expect(old.every((c) => c.stopped)).toBe(true);
    expect(current.subscriptions.every((s) => fake.channels.channels.get(s.id)!.expiration > Date.now())).toBe(true);
  });
});

describe('a Drive change reaches the catalog through a watch channel', () => {
  it('register, change a file, the fake notifies serve, and a webhook sync brings the change', async () => {
    const { fake, plan, core, endpointId, register } = await setup();
    core.scheduler!.start();
    const first = nextEvent(core, 'sync.finished', (run: SyncRun) => run.endpointId === endpointId);
    unwrap(await core.dispatch('sync.start', { endpointId }));
    expect(await first).toMatchObject({ status: 'success' });
    await register();
    await fake.channels.settled();

    fake.truth.rename(plan, 'A-101 rev B.pdf');
    const synced = nextEvent(core, 'sync.finished', (run: SyncRun) => run.endpointId === endpointId);
    expect(await fake.channels.notify('user')).toEqual([expect.objectContaining({ state: 'change', status: 202 })]);
    expect(await synced).toMatchObject({ trigger: 'webhook', status: 'success', kind: 'incremental' });
    expect(
      core.catalog.files
        .query({ search: 'rev B', includeDeleted: false, sort: 'path', direction: 'asc', offset: 0, limit: 5 })
        .rows.map((r) => r.path),
    ).toEqual(['My Drive/A-101 rev B.pdf']);
  });
});
