import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { configErrorOf } from '../../config/helpers.js';

const yaml = (...lines: string[]) => [...lines, ''].join('\n');

describe('google_drive settings in a config file', () => {
  it('apply defaults: My Drive and all shared drives, no permissions, 10 requests/s with bursts of 20', () => {
    const config = parseConfig(
      yaml(
        'endpoints:',
        '  - name: Drive',
        '    type: google_drive',
        '    settings:',
        '      auth: { type: service_account, keyFile: /etc/fc/key.json }',
      ),
      'c.yaml',
      {},
    );
    expect(config.endpoints[0]!.settings).toEqual({
      auth: { type: 'service_account', keyFile: '/etc/fc/key.json' },
      scope: { myDrive: true, sharedDrives: 'all' },
      includePermissions: false,
      pacing: { requestsPerSecond: 10, burst: 20 },
    });
  });

  it('are rejected with every problem named at its line', async () => {
    const error = await configErrorOf(() =>
      parseConfig(
        yaml(
          'endpoints:',
          '  - name: Drive',
          '    type: google_drive',
          '    settings:',
          '      auth: { type: oauth, clientId: "", tokenFile: /t.json, tokenEnv: T, tokenUrl: "ftp://x" }',
          '      scope: { sharedDrives: [], folders: [a] }',
          '      pacing: { requestsPerSecond: 0 }',
          '      apiBaseUrl: not a url',
        ),
        'c.yaml',
        {},
      ),
    );
    const lines = error.message.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^c\.yaml:5:\d+ endpoints\[0\]\.settings\.auth\.clientId: is required: the OAuth client id$/,
        ),
        expect.stringMatching(/^c\.yaml:5:\d+ endpoints\[0\]\.settings\.auth\.tokenUrl: must be an http\(s\) URL$/),
        expect.stringMatching(/^c\.yaml:6:\d+ endpoints\[0\]\.settings\.scope\.sharedDrives: must not be empty$/),
        expect.stringMatching(/^c\.yaml:6:\d+ endpoints\[0\]\.settings\.scope\.folders: unrecognized key "folders"/),
        expect.stringMatching(/^c\.yaml:7:\d+ endpoints\[0\]\.settings\.pacing\.requestsPerSecond: /),
        expect.stringMatching(/^c\.yaml:8:\d+ endpoints\[0\]\.settings\.apiBaseUrl: must be an http\(s\) URL$/),
      ]),
    );
  });

  it('refuse a token file and a token variable together, and a scope without drives', async () => {
    const error = await configErrorOf(() =>
      parseConfig(
        yaml(
          'endpoints:',
          '  - name: Drive',
          '    type: google_drive',
          '    settings:',
          '      auth: { type: oauth, clientId: app, tokenFile: /t.json, tokenEnv: T }',
          '      scope: { myDrive: false, sharedDrives: none }',
        ),
        'c.yaml',
        {},
      ),
    );
    expect(error.message).toMatch(
      /endpoints\[0\]\.settings\.auth: tokenFile and tokenEnv cannot both be set: choose one/,
    );
  });
});
