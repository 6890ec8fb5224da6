/** `file-connector hooks register | list | remove` against the fake APS server over real HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PUBLIC_CLIENT_ID,
  scaledRateLimits,
  smallAccount,
  startFake,
} from '../connectors/autodesk_acc/helpers.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const HOOK_SECRET = 'cli-hook-secret-0123456789';
const HOOKS = 3 * 9;
/** The fake's limits in per-minute terms (see startFake), and no wait for the Webhooks API. */
const RATES = JSON.stringify({ ...scaledRateLimits, webhooks: 60_000, webhookCreate: 60_000 });

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A data folder whose catalog holds the endpoints of a config file, and the environment its secrets come from. */
async function prepared(lines: string[]) {
  const fake = await startFake();
  smallAccount(fake.truth);
  vi.stubEnv('FC_CLI_ACC_SECRET', CLIENT_SECRET);
  const dataDir = tempDir('fc-cli-hooks-');
  const folder = tempDir('fc-cli-hooks-folder-');
  const config = path.join(tempDir('fc-cli-hooks-config-'), 'endpoints.yaml');
  fs.writeFileSync(
    config,
    ['version: 1', 'endpoints:', ...lines]
      .join('\n')
      .replaceAll('$FAKE', fake.url)
      .replaceAll('$FOLDER', JSON.stringify(folder)),
  );
  const env = { FC_HOOK_SECRET: HOOK_SECRET };
  const synced = await cli(['--data-dir', dataDir, 'sync', '--config', config], env);
  expect(synced.code, synced.err).toBe(0);
  const run = (...args: string[]) => cli(['--data-dir', dataDir, 'hooks', ...args], env);
  return { fake, run };
}

const towers = [
  '  - name: Towers',
  '    type: autodesk_acc',
  '    settings:',
  `      auth: { type: client_credentials, clientId: ${CLIENT_ID}, clientSecretEnv: FC_CLI_ACC_SECRET }`,
  '      apiBaseUrl: $FAKE',
  `      rateLimits: ${RATES}`,
  '    schedule: { type: webhook, secretEnv: FC_HOOK_SECRET }',
];

describe('file-connector hooks', () => {
  it('registers, lists, registers again without duplicates, and removes an Autodesk endpoint', async () => {
    const { fake, run } = await prepared(towers);
    const registered = await run('register', '--endpoint', 'Towers', '--url', 'https://abc.trycloudflare.com');
    expect(registered.code, registered.err).toBe(0);
    expect(registered.out).toContain(
      `Registered "Towers" with Autodesk: ${HOOKS} hook(s) call https://abc.trycloudflare.com/hooks/1.`,
    );
    expect(registered.out).toContain('dm.version.added on Tower A/Project Files');
    const url = 'https://abc.trycloudflare.com/hooks/1';
    expect(fake.webhooks.calling(url)).toHaveLength(HOOKS);
    expect(fake.webhooks.calling(url).every((h) => h.token === HOOK_SECRET)).toBe(true);

    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/ENDPOINT\s+SERVICE\s+CALLS\s+HOLDS\s+EXPIRES/);
    expect(listed.out).toMatch(
      new RegExp(`Towers\\s+Autodesk\\s+${url.replaceAll('.', '\\.')}\\s+${HOOKS} hook\\(s\\)\\s+never`),
    );
    const json = JSON.parse((await run('list', '--endpoint', 'Towers', '--json')).out) as {
      subscriptions: unknown[];
    }[];
    expect(json).toHaveLength(1);
    expect(json[0]!.subscriptions).toHaveLength(HOOKS);

    // The address may also be given in full.
    const again = await run('register', '--endpoint', 'Towers', '--url', `${url}/`);
    expect(again.code, again.err).toBe(0);
    expect(fake.webhooks.hooks.size).toBe(HOOKS);

    const removed = await run('remove', '--endpoint', 'Towers');
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toBe(`Removed ${HOOKS} Autodesk hook(s) of "Towers".\n`);
    expect(fake.webhooks.hooks.size).toBe(0);
    expect((await run('list')).out).toMatch(
      /^No webhooks are registered\. Register them with: file-connector hooks register/,
    );
    expect((await run('remove', '--endpoint', 'Towers')).out).toBe('Nothing is registered for "Towers".\n');
    expect(`${registered.out}${listed.out}`).not.toContain(HOOK_SECRET);
  });

  it('refuses with exit code 2 and says why: unknown endpoint, local folder, plain http, another endpoint, no webhook schedule', async () => {
    const { fake, run } = await prepared([
      ...towers,
      '  - name: Site',
      '    type: local_folder',
      '    settings: { path: $FOLDER }',
      '    schedule: { type: webhook, secret: a-local-secret-0123456789 }',
      '  - name: Polled',
      '    type: autodesk_acc',
      '    settings:',
      `      auth: { type: client_credentials, clientId: ${CLIENT_ID}, clientSecretEnv: FC_CLI_ACC_SECRET }`,
      '      apiBaseUrl: $FAKE',
      `      rateLimits: ${RATES}`,
      '    schedule: { type: interval, minutes: 30 }',
    ]);
    const unknown = await run('register', '--endpoint', 'Nope', '--url', 'https://x.example.com');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.err).toMatch(/No endpoint named "Nope"\. Known endpoints: "Polled", "Site", "Towers"/);

    const local = await run('register', '--endpoint', 'Site', '--url', 'https://x.example.com');
    expect(local.code).toBe(2);
    expect(local.err).toMatch(/"Site" is a local or network folder: .*webhooks are not supported for it/);

    const plain = await run('register', '--endpoint', 'Towers', '--url', 'http://files.example.com');
    expect(plain.code).toBe(2);
    expect(plain.err).toMatch(/url: must start with https:\/\//);

    const other = await run('register', '--endpoint', 'Towers', '--url', 'https://x.example.com/hooks/Site');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/calls \/hooks\/Site, which is not "Towers"/);

    const polled = await run('register', '--endpoint', 'Polled', '--url', 'https://x.example.com');
    expect(polled.code).toBe(2);
    expect(polled.err).toMatch(/"Polled" syncs on its interval schedule: set its schedule to webhook/);
    expect(fake.webhooks.hooks.size).toBe(0);
  });

  it('reports a refusal by Autodesk (403) with exit code 1 and what to do', async () => {
    const tokenDir = tempDir('fc-cli-hooks-token-');
    const fake = await startFake();
    const tokenFile = path.join(tokenDir, 'token.json');
    fs.writeFileSync(tokenFile, JSON.stringify({ refreshToken: fake.tokens.seedRefreshToken(PUBLIC_CLIENT_ID) }));
    smallAccount(fake.truth);
    const dataDir = tempDir('fc-cli-hooks-');
    const config = path.join(tokenDir, 'endpoints.yaml');
    fs.writeFileSync(
      config,
      [
        'version: 1',
        'endpoints:',
        '  - name: Mine',
        '    type: autodesk_acc',
        '    settings:',
        `      auth: { type: pkce, clientId: ${PUBLIC_CLIENT_ID}, tokenFile: ${JSON.stringify(tokenFile)} }`,
        `      apiBaseUrl: ${fake.url}`,
        `      rateLimits: ${RATES}`,
        `    schedule: { type: webhook, secret: ${HOOK_SECRET} }`,
      ].join('\n'),
    );
    expect((await cli(['--data-dir', dataDir, 'sync', '--config', config])).code).toBe(0);
    const refused = await cli([
      '--data-dir',
      dataDir,
      'hooks',
      'register',
      '--endpoint',
      'Mine',
      '--url',
      'https://x.example.com',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Autodesk refused to register hooks: .*403.*Use app credentials/);
    expect((await cli(['--data-dir', dataDir, 'hooks', 'list'])).out).toMatch(/^No webhooks are registered/);
  });

  it('explains in --help how the callback address is made and how to expose the listener', async () => {
    const help = await cli(['hooks', 'register', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/\/hooks\/<endpoint id> is\s+appended/);
    expect(help.out).toMatch(/cloudflared tunnel --url http:\/\/127\.0\.0\.1:4310/);
  });
});
