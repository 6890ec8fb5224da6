/**
 * Registering an Autodesk endpoint's hooks through the contract, against the fake APS Webhooks API over real
 * HTTP: hooks on every top folder, signed with the endpoint's secret, never duplicated, removed exactly; and
 * the whole loop: a change in ACC, the fake's signed callback to `serve`, a `webhook` sync.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HookRegistration } from '../../src/contract/hooks.js';
import type { SyncRun } from '../../src/contract/model.js';
import { unwrap } from '../../src/contract/wire.js';
import { openCore, type Core } from '../../src/core/core.js';
import { memorySecretStore } from '../../src/core/secrets.js';
import { startServer, type RunningServer } from '../../src/server/http.js';
import { HOOKS_FILE } from '../../src/webhooks/registrationStore.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PUBLIC_CLIENT_ID,
  scaledRateLimits,
  smallAccount,
  startFake,
} from '../connectors/autodesk_acc/helpers.js';
import { nextEvent } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const SECRET = 'tower-hook-secret-0123456789';
const EVENTS = 9;
const open: { core: Core; server: RunningServer }[] = [];
afterEach(async () => {
  for (const { core, server } of open.splice(0)) {
    await server.close();
    await core.close();
  }
});

/** A served core with one Autodesk endpoint on a webhook schedule, its client secret kept by the app. */
async function setup(auth: Record<string, unknown> = { type: 'client_credentials', clientId: CLIENT_ID }) {
  const fake = await startFake();
  const account = smallAccount(fake.truth);
  const secrets = memorySecretStore();
  const dataDir = tempDir('fc-acc-hooks-');
  const core = await openCore({ dataDir, host: 'browser', secrets, env: {} });
  const server = await startServer({ core, port: 0, token: 'api-token' });
  open.push({ core, server });
  const endpoint = unwrap(
    await core.dispatch('endpoints.create', {
      name: 'Towers',
      type: 'autodesk_acc',
      settings: {
        auth,
        apiBaseUrl: fake.url,
        rateLimits: { ...scaledRateLimits, webhooks: 60_000, webhookCreate: 60_000 },
      },
      schedule: { type: 'webhook', secret: SECRET },
    }),
  ) as { id: number };
  if (auth.type === 'client_credentials') {
    unwrap(await core.dispatch('auth.setSecret', { endpointId: endpoint.id, secret: CLIENT_SECRET }));
  }
  const callbackUrl = `${server.url}hooks/${endpoint.id}`;
  const register = async (url = server.url) =>
    unwrap(await core.dispatch('hooks.register', { endpointId: endpoint.id, url })) as HookRegistration;
  return { fake, account, core, server, dataDir, endpointId: endpoint.id, callbackUrl, register };
}

const creates = (fake: Awaited<ReturnType<typeof startFake>>) =>
  fake.requests.filter((r) => r.family === 'webhooks' && r.method === 'POST').length;

describe('hooks.register with Autodesk', () => {
  it('creates one hook per data event on every top folder, in the hub region, signed with the endpoint secret', async () => {
    const { fake, account, register, callbackUrl, dataDir } = await setup();
    const registration = await register();

    // Tower A has two top folders, École B one.
    const hooks = fake.webhooks.calling(callbackUrl);
    expect(hooks).toHaveLength(3 * EVENTS);
    expect(new Set(hooks.map((h) => h.folder))).toEqual(
      new Set([account.towerFiles, account.towerPlans, account.schoolFiles]),
    );
    expect(new Set(hooks.map((h) => h.event))).toEqual(
      new Set([
        'dm.version.added',
        'dm.version.modified',
        'dm.version.deleted',
        'dm.version.moved',
        'dm.version.copied',
        'dm.folder.added',
        'dm.folder.modified',
        'dm.folder.deleted',
        'dm.folder.moved',
      ]),
    );
    expect(hooks.every((h) => h.token === SECRET && h.region === 'EMEA' && h.status === 'active')).toBe(true);
    expect(registration).toMatchObject({ service: 'autodesk', callbackUrl, endpointName: 'Towers' });
    expect(registration.subscriptions.map((s) => s.id).sort()).toEqual(hooks.map((h) => h.hookId).sort());
    expect(registration.subscriptions).toContainEqual(
      expect.objectContaining({ description: 'dm.version.added on Tower A/Project Files', expiresAt: null }),
    );
    // What is kept beside the catalog names the hooks, never the secret.
    const stored = fs.readFileSync(path.join(dataDir, HOOKS_FILE), 'utf8');
    expect(stored).toContain(hooks[0]!.hookId);
    expect(stored).not.toContain(SECRET);
  });

  it('is idempotent: registering again, or after its records were lost, creates no second hook', async () => {
    const { fake, register, callbackUrl, dataDir } = await setup();
    const first = await register();
    const createdFirst = creates(fake);
    expect(createdFirst).toBe(3 * EVENTS);

    const second = await register();
    expect(creates(fake)).toBe(createdFirst);
    expect(second.subscriptions.map((s) => s.id).sort()).toEqual(first.subscriptions.map((s) => s.id).sort());

    fs.rmSync(path.join(dataDir, HOOKS_FILE));
    const third = await register();
    expect(creates(fake)).toBe(createdFirst);
    expect(fake.webhooks.calling(callbackUrl)).toHaveLength(3 * EVENTS);
    expect(third.subscriptions).toHaveLength(3 * EVENTS);
  });

  it('adopts a hook that Autodesk reports as existing (409) although its listing did not show it yet', async () => {
    const { fake, account, register, callbackUrl } = await setup();
    // Another File Connector process made this hook a moment ago; the first listing does not show it yet.
    await register();
    const existing = fake.webhooks
      .calling(callbackUrl)
      .find((h) => h.event === 'dm.folder.moved' && h.folder === account.towerPlans)!;
    fake.webhooks.unlistedOnce.add(existing.hookId);
    existing.token = 'an-older-secret-of-this-hook';

    const again = await register();
    const conflicts = fake.requests.filter((r) => r.family === 'webhooks' && r.status === 409);
    expect(conflicts).toHaveLength(1);
    expect(fake.webhooks.calling(callbackUrl)).toHaveLength(3 * EVENTS);
    expect(again.subscriptions.map((s) => s.id)).toContain(existing.hookId);
    expect(existing.token).toBe(SECRET);
  });

  it('moves the hooks to a new address, leaving none at the old one', async () => {
    const { fake, register, callbackUrl, endpointId } = await setup();
    await register();
    const moved = await register('https://tunnel.example.com/fc/');
    const newUrl = `https://tunnel.example.com/fc/hooks/${endpointId}`;
    expect(moved.callbackUrl).toBe(newUrl);
    expect(fake.webhooks.calling(callbackUrl)).toHaveLength(0);
    expect(fake.webhooks.calling(newUrl)).toHaveLength(3 * EVENTS);
  });

  it('hooks.remove deletes exactly its own hooks, and leaves other hooks of the same app alone', async () => {
    const { fake, core, register, endpointId, callbackUrl } = await setup();
    await register();
    // A hook this app made for something else.
    const token = fake.tokens.grant(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        scope: 'data:write',
      }),
      undefined,
    ).access_token as string;
    const folder = [...fake.webhooks.hooks.values()][0]!.folder;
    const other = await fetch(`${fake.url}/webhooks/v1/systems/data/events/dm.version.added/hooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-ads-region': 'EMEA' },
      body: JSON.stringify({ callbackUrl: 'https://elsewhere.example.com/hook', scope: { folder } }),
    });
    expect(other.status).toBe(201);

    expect(unwrap(await core.dispatch('hooks.remove', { endpointId }))).toEqual({ removed: 3 * EVENTS });
    expect(fake.webhooks.calling(callbackUrl)).toHaveLength(0);
    expect(fake.webhooks.calling('https://elsewhere.example.com/hook')).toHaveLength(1);
    expect(unwrap(await core.dispatch('hooks.list', {}))).toEqual([]);
    expect(unwrap(await core.dispatch('hooks.remove', { endpointId }))).toEqual({ removed: 0 });
  });

  it('removes the hooks with the endpoint, while its credentials can still do it', async () => {
    const { fake, core, register, endpointId, callbackUrl } = await setup();
    await register();
    expect(unwrap(await core.dispatch('endpoints.remove', { id: endpointId }))).toEqual({ removed: true });
    expect(fake.webhooks.calling(callbackUrl)).toHaveLength(0);
    expect(unwrap(await core.dispatch('hooks.list', {}))).toEqual([]);
  });

  it('says what to do when Autodesk refuses (403): a personal sign-in may only read', async () => {
    const fake = await startFake();
    smallAccount(fake.truth);
    const tokenFile = path.join(tempDir('fc-acc-pkce-'), 'token.json');
    fs.writeFileSync(tokenFile, JSON.stringify({ refreshToken: fake.tokens.seedRefreshToken(PUBLIC_CLIENT_ID) }));
    const core = await openCore({ dataDir: tempDir('fc-acc-hooks-'), host: 'browser', env: {} });
    const server = await startServer({ core, port: 0, token: 'api-token' });
    open.push({ core, server });
    const endpoint = unwrap(
      await core.dispatch('endpoints.create', {
        name: 'Mine',
        type: 'autodesk_acc',
        settings: { auth: { type: 'pkce', clientId: PUBLIC_CLIENT_ID, tokenFile }, apiBaseUrl: fake.url },
        schedule: { type: 'webhook', secret: SECRET },
      }),
    ) as { id: number };
    const answer = await core.dispatch('hooks.register', { endpointId: endpoint.id, url: server.url });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const message = (answer as { error: { message: string } }).error.message;
    expect(message).toMatch(/Autodesk refused to register hooks/);
    expect(message).toMatch(/403/);
    expect(message).toMatch(/app credentials/);
    expect(fake.webhooks.hooks.size).toBe(0);
    expect(unwrap(await core.dispatch('hooks.list', {}))).toEqual([]);
  });
});

describe('an Autodesk change reaches the catalog through a hook', () => {
  it('register, change a file in ACC, the fake posts the signed callback to serve, and a webhook sync runs', async () => {
    const { fake, account, core, endpointId, register } = await setup();
    core.scheduler!.start();
    const first = nextEvent(core, 'sync.finished', (run: SyncRun) => run.endpointId === endpointId);
    unwrap(await core.dispatch('sync.start', { endpointId }));
    expect(await first).toMatchObject({ status: 'success', trigger: 'manual' });
    await register();

    fake.truth.newVersion(account.s101);
    const synced = nextEvent(core, 'sync.finished', (run: SyncRun) => run.endpointId === endpointId);
    const deliveries = await fake.webhooks.deliver('dm.version.added', account.s101);
    // One hook watches Project Files, the top folder above S-101.
    expect(deliveries).toEqual([expect.objectContaining({ status: 202, signed: true })]);
    expect(await synced).toMatchObject({ trigger: 'webhook', status: 'success' });
    const rows = core.catalog.files.query({
      search: 'S-101.pdf',
      includeDeleted: false,
      sort: 'path',
      direction: 'asc',
      offset: 0,
      limit: 50,
    }).rows;
    expect(rows.find((r) => r.id === account.s101)?.version).toBe('4');
  });

  it('a callback signed with another secret is refused and starts nothing', async () => {
    const { fake, account, core, endpointId, register, callbackUrl } = await setup();
    await register();
    core.scheduler!.start();
    for (const hook of fake.webhooks.calling(callbackUrl)) hook.token = 'somebody-elses-secret-value';
    const deliveries = await fake.webhooks.deliver('dm.version.added', account.s101);
    expect(deliveries.map((d) => d.status)).toEqual([401]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(core.catalog.runs.list({ endpointId, limit: 10, offset: 0 })).toHaveLength(0);
  });
});
