/**
 * A file's versions in the details panel (`files.versions`), read live from the fake APS server over real HTTP,
 * and what the request says when the file has none or the endpoint needs a new sign-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogFile, FilesPage, FileVersion } from '../../src/contract/model.js';
import { openCore, type Core } from '../../src/core/core.js';
import { memorySecretStore } from '../../src/core/secrets.js';
import { tempDir } from '../helpers/tempDir.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  scaledRateLimits,
  smallAccount,
  startFake,
} from '../connectors/autodesk_acc/helpers.js';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** A core with the small ACC account synced as "Towers" (app credentials, secret kept by the app). */
async function syncedAcc() {
  const fake = await startFake();
  const account = smallAccount(fake.truth);
  core = await openCore({ dataDir: tempDir('fc-versions-'), host: 'desktop', secrets: memorySecretStore(), env: {} });
  const c = core;
  const call = async <T>(
    name: string,
    input: unknown,
  ): Promise<{ ok: boolean; result?: T; error?: { code: string; message: string } }> =>
    (await c.dispatch(name, input)) as never;
  const created = await call<{ id: number }>('endpoints.create', {
    name: 'Towers',
    type: 'autodesk_acc',
    settings: {
      auth: { type: 'client_credentials', clientId: CLIENT_ID },
      apiBaseUrl: fake.url,
      rateLimits: scaledRateLimits,
    },
  });
  const id = created.result!.id;
  await call('auth.setSecret', { endpointId: id, secret: CLIENT_SECRET });
  const run = await c.engine.run(id, { trigger: 'manual' });
  expect(run.status).toBe('success');
  const find = async (name: string): Promise<CatalogFile> => {
    const page = await call<FilesPage>('files.query', { search: name });
    const file = page.result!.rows.find((r) => r.name === name);
    if (!file) throw new Error(`${name} is not in the catalog`);
    return file;
  };
  return { fake, account, call, id, find };
}

describe('files.versions', () => {
  it('lists every version of an ACC file, newest first, with number, date, author, size and link', async () => {
    const { fake, call, find } = await syncedAcc();
    const s101 = await find('S-101.pdf');

    const reply = await call<FileVersion[]>('files.versions', { rowId: s101.rowId });

    expect(reply.ok).toBe(true);
    const versions = reply.result!;
    expect(versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(versions.map((v) => v.size)).toEqual([2051, 2050, 2049]);
    expect(versions[0]).toMatchObject({ name: 'S-101.pdf', createdBy: expect.any(String) });
    expect(versions[0]!.createdTime).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(versions[0]!.webUrl).toMatch(/^https:\/\/acc\.autodesk\.com\/docs\/files\/projects\//);
    // Read live: one request to the item's version list.
    expect(fake.requests.filter((r) => r.family === 'itemVersions').map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/data\/v1\/projects\/[^/]+\/items\/[^/]+\/versions$/),
    ]);
  });

  it('follows a new upload: the next look shows the new version first', async () => {
    const { fake, account, call, find } = await syncedAcc();
    fake.truth.newVersion(account.model, { size: 95_000 });
    const model = await find('Tower.rvt');

    const versions = (await call<FileVersion[]>('files.versions', { rowId: model.rowId })).result!;

    expect(versions.map((v) => [v.number, v.size])).toEqual([
      [3, 95_000],
      [2, 90_002],
      [1, 90_001],
    ]);
  });

  it('says "Sign in again to see versions" when the endpoint has lost its credentials', async () => {
    const { call, id, find } = await syncedAcc();
    const s101 = await find('S-101.pdf');
    await call('auth.signOut', { endpointId: id });

    const reply = await call('files.versions', { rowId: s101.rowId });

    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/Sign in again to see versions/) },
    });
  });

  it('says so when Autodesk refuses the token even after renewing it', async () => {
    const { fake, call, find } = await syncedAcc();
    const s101 = await find('S-101.pdf');
    fake.inject({ match: /\/versions/, status: 401, times: 2 });

    const reply = await call('files.versions', { rowId: s101.rowId });

    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/^Sign in again to see versions: .*401/) },
    });
  });

  it('names the problem when Autodesk no longer has the file', async () => {
    const { fake, call, find } = await syncedAcc();
    const s101 = await find('S-101.pdf');
    fake.inject({ match: /\/versions/, status: 404 });

    const reply = await call('files.versions', { rowId: s101.rowId });

    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(/^The versions could not be read: Autodesk answered 404/),
      },
    });
  });

  it('refuses folders and files of other sources, which keep no version list', async () => {
    const { call, find } = await syncedAcc();
    const folder = await find('Structural');
    expect(await call('files.versions', { rowId: folder.rowId })).toMatchObject({
      ok: false,
      error: {
        code: 'unsupported',
        message: '"Structural" has no version list: only files in Autodesk Construction Cloud keep one.',
      },
    });

    const folderPath = tempDir('fc-versions-local-');
    fs.writeFileSync(path.join(folderPath, 'notes.txt'), 'x');
    const local = await call<{ id: number }>('endpoints.create', {
      name: 'Site',
      type: 'local_folder',
      settings: { path: folderPath },
    });
    await core!.engine.run(local.result!.id, { trigger: 'manual' });
    const notes = await find('notes.txt');
    expect(await call('files.versions', { rowId: notes.rowId })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(await call('files.versions', { rowId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
