import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/contract/model.js';
import type { Core } from '../../src/core/core.js';
import { startServer, type RunningServer } from '../../src/server/http.js';
import { autodeskSignature } from '../../src/webhooks/verify.js';
import { nextEvent, testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const SECRET = 'a-long-hook-secret-for-tests';
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A served core with one local_folder endpoint on a webhook schedule. */
async function setup(name = 'Tower A docs') {
  const core = await testCore();
  const folder = tempDir('fc-hook-folder-');
  fs.writeFileSync(path.join(folder, 'A-101.pdf'), 'plan');
  const created = await core.dispatch('endpoints.create', {
    name,
    type: 'local_folder',
    settings: { path: folder },
    schedule: { type: 'webhook', secret: SECRET },
  });
  if (!created.ok) throw new Error(created.error.message);
  const endpointId = (created.result as { id: number }).id;
  core.scheduler!.start();
  const server = await startServer({ core, port: 0, token: 'api-token' });
  servers.push(server);
  const post = (target: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}hooks/${encodeURIComponent(target)}`, { method: 'POST', body, headers });
  const runs = () => core.catalog.runs.list({ endpointId, limit: 100, offset: 0 });
  return { core, endpointId, post, runs, server };
}

const finished = (core: Core, endpointId: number) =>
  nextEvent(core, 'sync.finished', (run: SyncRun) => run.endpointId === endpointId);

describe('webhooks on the serve HTTP server', () => {
  it('starts an incremental sync with trigger "webhook" for a correctly signed Autodesk delivery, answered at once', async () => {
    const { core, endpointId, post, runs } = await setup();
    const body = JSON.stringify({ hook: { event: 'dm.version.added' }, payload: { name: 'A-101.pdf' } });
    const done = finished(core, endpointId);
    const response = await post('Tower A docs', body, {
      'content-type': 'application/json',
      'x-adsk-signature': autodeskSignature(body, SECRET),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true, message: 'Sync queued.' });
    expect(await done).toMatchObject({ trigger: 'webhook', status: 'success' });
    expect(runs()).toHaveLength(1);
  });

  it('refuses a wrong or missing signature, a wrong secret and an unknown endpoint alike, with 401', async () => {
    const { post, runs, endpointId } = await setup();
    const body = '{"payload":{}}';
    const answers = await Promise.all([
      post('Tower A docs', body, { 'x-adsk-signature': autodeskSignature(body, 'not-the-secret-at-all') }),
      post('Tower A docs', body, { 'x-adsk-signature': autodeskSignature('{"payload":{"other":1}}', SECRET) }),
      post('Tower A docs', body),
      post('Tower A docs', body, { authorization: 'Bearer wrong-secret-wrong-secret' }),
      post('No such endpoint', body, { 'x-adsk-signature': autodeskSignature(body, SECRET) }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const messages = await Promise.all(answers.map((a) => a.json() as Promise<{ message: string }>));
    expect(new Set(messages.map((m) => m.message)).size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs()).toHaveLength(0);
    expect(endpointId).toBeGreaterThan(0);
  });

  it('acknowledges a replayed Autodesk delivery without syncing again', async () => {
    const { core, endpointId, post, runs } = await setup();
    const body = JSON.stringify({ hook: { hookId: 'h-1' }, payload: { version: 3 } });
    const headers = { 'x-adsk-signature': autodeskSignature(body, SECRET) };
    const done = finished(core, endpointId);
    expect((await post('Tower A docs', body, headers)).status).toBe(202);
    await done;
    const replay = await post('Tower A docs', body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, message: 'Already received.' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs()).toHaveLength(1);
  });

  it('verifies Google Drive push notifications by channel token, confirms the channel, and skips repeated messages', async () => {
    const { core, endpointId, post, runs } = await setup();
    const google = (number: string, state: string, token = SECRET) => ({
      'x-goog-channel-id': 'channel-1',
      'x-goog-channel-token': token,
      'x-goog-message-number': number,
      'x-goog-resource-state': state,
    });
    expect((await post(String(endpointId), '', google('1', 'sync'))).status).toBe(200);
    expect((await post(String(endpointId), '', google('2', 'change', 'wrong-token'))).status).toBe(401);
    const done = finished(core, endpointId);
    expect((await post(String(endpointId), '', google('2', 'change'))).status).toBe(202);
    expect(await done).toMatchObject({ trigger: 'webhook' });
    expect((await post(String(endpointId), '', google('2', 'change'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs()).toHaveLength(1);
  });

  it('folds a burst of calls that arrive during a run into one follow-up run', async () => {
    const { core, endpointId, post, runs } = await setup();
    // Enough files that the first run is still listing while the burst arrives.
    const folder = (core.catalog.endpoints.get(endpointId)!.settings as { path: string }).path;
    for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(folder, `photo-${i}.jpg`), 'x');
    const bearer = { authorization: `Bearer ${SECRET}` };
    const started = nextEvent(core, 'sync.progress', (p) => p.endpointId === endpointId);
    expect((await post('Tower A docs', '', bearer)).status).toBe(202);
    await started;
    const burst = await Promise.all(Array.from({ length: 5 }, () => post('Tower A docs', '', bearer)));
    expect(burst.every((a) => a.status === 202)).toBe(true);
    expect(core.engine.isRunning(endpointId)).toBe(true);
    await core.scheduler!.idle();
    expect(runs().map((r) => r.trigger)).toEqual(['webhook', 'webhook']);
  });

  it('refuses calls for an endpoint whose schedule is not a webhook, and answers only POST', async () => {
    const { core, post, server } = await setup();
    const folder = tempDir('fc-hook-other-');
    await core.dispatch('endpoints.create', { name: 'Manual one', type: 'local_folder', settings: { path: folder } });
    expect((await post('Manual one', '', { authorization: `Bearer ${SECRET}` })).status).toBe(401);
    expect((await fetch(`${server.url}hooks/Tower%20A%20docs`)).status).toBe(405);
  });
});
