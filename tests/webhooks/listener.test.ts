import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/contract/model.js';
import type { Core } from '../../src/core/core.js';
import { HookListenerSwitch, startHookListener } from '../../src/webhooks/listener.js';
import { autodeskSignature } from '../../src/webhooks/verify.js';
import { nextEvent, testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const SECRET = 'a-long-listener-secret-for-tests';
const switches: HookListenerSwitch[] = [];
afterEach(async () => {
  for (const s of switches.splice(0)) await s.close();
});

/** A free loopback port, found by listening on 0 and letting go. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A core whose `applySettings` drives the listener as the desktop app does, with one webhook endpoint. */
async function setup() {
  const target: { receiveHook?: Core['receiveHook'] } = {};
  const listener = new HookListenerSwitch((port) => startHookListener(target, port));
  const core = await testCore({ applySettings: (settings) => listener.apply(settings.webhookListener) });
  target.receiveHook = core.receiveHook?.bind(core);
  switches.push(listener);
  const folder = tempDir('fc-listener-folder-');
  fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
  const created = await core.dispatch('endpoints.create', {
    name: 'Tower A docs',
    type: 'local_folder',
    settings: { path: folder },
    schedule: { type: 'webhook', secret: SECRET },
  });
  if (!created.ok) throw new Error(created.error.message);
  core.scheduler!.start();
  return { core, listener, endpointId: (created.result as { id: number }).id };
}

const post = (port: number, body: string, headers: Record<string, string>) =>
  fetch(`http://127.0.0.1:${port}/hooks/Tower%20A%20docs`, { method: 'POST', body, headers });

describe('the desktop loopback webhook listener', () => {
  it('is off by default and follows the webhookListener setting: on, moved to another port, off', async () => {
    const { core, listener } = await setup();
    expect(core.settings.get().webhookListener).toEqual({ enabled: false, port: 4320 });
    expect(listener.port).toBeNull();
    const [first, second] = [await freePort(), await freePort()];
    const on = await core.dispatch('settings.update', { webhookListener: { enabled: true, port: first } });
    expect(on.ok).toBe(true);
    expect(listener.port).toBe(first);
    expect((await fetch(`http://127.0.0.1:${first}/hooks/x`)).status).toBe(405);
    await core.dispatch('settings.update', { webhookListener: { enabled: true, port: second } });
    expect(listener.port).toBe(second);
    await expect(fetch(`http://127.0.0.1:${first}/hooks/x`)).rejects.toThrow();
    await core.dispatch('settings.update', { webhookListener: { enabled: false, port: second } });
    expect(listener.port).toBeNull();
    await expect(fetch(`http://127.0.0.1:${second}/hooks/x`)).rejects.toThrow();
    expect(core.settings.get().webhookListener).toEqual({ enabled: false, port: second });
  });

  it('queues a sync for a correctly signed delivery and refuses a wrong signature, like serve', async () => {
    const { core, endpointId } = await setup();
    const port = await freePort();
    await core.dispatch('settings.update', { webhookListener: { enabled: true, port } });
    const body = JSON.stringify({ hook: { event: 'dm.version.added' }, payload: { name: 'A-101.pdf' } });
    const bad = await post(port, body, { 'x-adsk-signature': autodeskSignature(body, 'not-the-secret-at-all') });
    expect(bad.status).toBe(401);
    const done = nextEvent(core, 'sync.finished', (run: SyncRun) => run.endpointId === endpointId);
    const good = await post(port, body, { 'x-adsk-signature': autodeskSignature(body, SECRET) });
    expect(good.status).toBe(202);
    expect(await good.json()).toEqual({ ok: true, message: 'Sync queued.' });
    expect(await done).toMatchObject({ trigger: 'webhook', status: 'success' });
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(404);
  });

  it('refuses the setting, keeping the old one, when the port is taken', async () => {
    const { core, listener } = await setup();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const answer = await core.dispatch('settings.update', { webhookListener: { enabled: true, port } });
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.message).toMatch(/already in use/);
      expect(core.settings.get().webhookListener.enabled).toBe(false);
      expect(listener.port).toBeNull();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
