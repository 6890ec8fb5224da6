import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { parseAutodeskAccSettings } from '../../../src/connectors/autodesk_acc/index.js';
import { configErrorOf } from '../../config/helpers.js';

const yaml = (...settings: string[]) =>
  ['endpoints:', '  - name: ACC', '    type: autodesk_acc', '    settings:', ...settings.map((l) => `      ${l}`)].join(
    '\n',
  );

describe('autodesk_acc settings', () => {
  it('applies the defaults', () => {
    const settings = parseAutodeskAccSettings({
      auth: { type: 'client_credentials', clientId: 'app', clientSecretEnv: 'ACC_SECRET' },
    });
    expect(settings).toEqual({
      auth: { type: 'client_credentials', clientId: 'app', clientSecretEnv: 'ACC_SECRET' },
      apiBaseUrl: 'https://developer.api.autodesk.com',
      scope: { projects: [] },
      includeHidden: false,
      rateLimits: {},
    });
  });

  it('accepts a PKCE sign-in with a token file for headless use', () => {
    const settings = parseAutodeskAccSettings({
      auth: { type: 'pkce', clientId: 'desktop', tokenFile: '/var/lib/fc/acc.json', tokenEnv: 'ACC_RT' },
      scope: { hubId: 'b.1', projects: ['Tower A'], folders: ['Tower A/Project Files'] },
      rateLimits: { folderContents: 150 },
    });
    expect(settings.auth).toMatchObject({ type: 'pkce', tokenFile: '/var/lib/fc/acc.json' });
  });

  it('accepts app credentials without clientSecretEnv: the desktop app then keeps the secret itself', () => {
    const settings = parseAutodeskAccSettings({ auth: { type: 'client_credentials', clientId: 'app' } });
    expect(settings.auth).toEqual({ type: 'client_credentials', clientId: 'app' });
  });

  it.each([
    [
      ['auth:', '  type: client_credentials', '  clientId: app', '  clientSecretEnv: my-secret'],
      /auth\.clientSecretEnv: must be an environment variable name/,
    ],
    [
      ['auth:', '  type: client_credentials', '  clientId: app', '  clientSecret: hunter2', '  clientSecretEnv: S'],
      /unrecognized key "clientSecret"/,
    ],
    [['auth:', '  type: pkce', '  clientId: app', '  tokenEnv: ACC_RT'], /tokenEnv needs tokenFile too/],
    [['auth:', '  type: oauth', '  clientId: app'], /auth\.type: must be one of "client_credentials", "pkce"/],
    [
      ['auth: { type: pkce, clientId: app }', 'rateLimits: { folderContents: 0 }'],
      /rateLimits\.folderContents: must be more than 0 requests per minute/,
    ],
    [['auth: { type: pkce, clientId: app }', 'apiBaseUrl: ftp://x'], /apiBaseUrl: must be an http\(s\) URL/],
    [['auth: { type: pkce, clientId: app }', 'scope: { folders: [] }'], /scope\.folders: must not be empty/],
  ])('rejects %j with a message naming the setting', async (lines, message) => {
    const error = await configErrorOf(() => parseConfig(yaml(...lines), 'acc.yaml', {}));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('hunter2');
  });
});
