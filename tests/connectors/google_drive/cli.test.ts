import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tempDir.js';
import { expectedCatalog, fakeDriveWithKey } from './helpers.js';
import { populate } from './scenario.js';

describe('file-connector sync --config drive.yaml', () => {
  it('fills the catalog from the fake Drive, then applies changes incrementally', async () => {
    const { fake, keyFile } = await fakeDriveWithKey();
    const ids = populate(fake);
    const config = path.join(tempDir('fc-gd-cli-'), 'drive.yaml');
    fs.writeFileSync(
      config,
      [
        'version: 1',
        'endpoints:',
        '  - name: Design drive',
        '    type: google_drive',
        '    settings:',
        '      auth:',
        '        type: service_account',
        `        keyFile: ${JSON.stringify(keyFile)}`,
        `        tokenUrl: ${fake.url}/token`,
        `      apiBaseUrl: ${fake.url}/`,
        '      pacing: { requestsPerSecond: 1000, burst: 1000 }',
        '',
      ].join('\n'),
    );
    const dataDir = tempDir('fc-gd-cli-data-');
    const expected = expectedCatalog(fake);
    const first = await cli(['--data-dir', dataDir, 'sync', '--config', config]);
    expect(first.err).not.toMatch(/error|failed/i);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`Design drive: full sync succeeded .*${Object.keys(expected).length} added`));

    const listed = await cli(['--data-dir', dataDir, 'files', '--json', '--limit', '1000']);
    const rows = JSON.parse(listed.out) as { id: string; path: string }[];
    expect(Object.fromEntries(rows.map((r) => [r.id, r.path]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([id, r]) => [id, r.path])),
    );

    fake.truth.rename(ids.plans, 'Plans (issued)');
    fake.truth.remove(ids.quoted);
    const second = await cli(['--data-dir', dataDir, 'sync', '--config', config]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/incremental sync succeeded .*0 added, 0 updated, 13 moved, 1 deleted/);
  });
});
