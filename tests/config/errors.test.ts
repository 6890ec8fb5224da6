/**
 * Every kind of bad config file is rejected as a whole, with a message naming the file, the path inside it and
 * the line (and column) to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfig } from '../../src/config/load.js';
import { configErrorOf, tempDir } from './helpers.js';

const noEnv = {};
const yaml = (...lines: string[]) => lines.join('\n') + '\n';
const parseYaml = (text: string) => configErrorOf(() => parseConfig(text, 'config.yaml', noEnv));

describe('a config file is rejected', () => {
  it('(1) on a YAML syntax error, at the line of the error', async () => {
    const error = await parseYaml(yaml('endpoints:', '  - name: a', '    type: [local_folder', 'other: 1'));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ file: 'config.yaml', path: '(document)', line: 4 });
    expect(error.message).toMatch(/^config\.yaml:4:\d+ \(document\): /);
  });

  it('(2) on a JSON syntax error, at its line and column', async () => {
    const text = ['{', '  "endpoints": [', '    { "name": "a", "type": "local_folder", }', '  ]', '}'].join('\n');
    const error = await configErrorOf(() => parseConfig(text, 'config.json', noEnv));
    expect(error.message).toBe('config.json:3:44 (document): invalid JSON: trailing comma before }');
  });

  it('(2b) on JSON that is valid YAML but not JSON (single quotes, comments)', async () => {
    const error = await configErrorOf(() => parseConfig("{\n  'endpoints': []\n}", 'c.json', noEnv));
    expect(error.message).toBe('c.json:2:3 (document): invalid JSON: strings must use double quotes');
    const comment = await configErrorOf(() => parseConfig('{\n  // note\n  "endpoints": []\n}', 'c.json', noEnv));
    expect(comment.message).toBe(
      'c.json:2:3 (document): invalid JSON: JSON does not allow comments: use a .yaml file to keep comments',
    );
  });

  it('(3) when it is empty or holds only comments', async () => {
    expect((await parseYaml('')).message).toBe(
      'config.yaml:1:1 (document): file is empty: expected an "endpoints" list',
    );
    expect((await parseYaml('  \n\n')).issues[0]?.message).toMatch(/file is empty/);
    expect((await configErrorOf(() => parseConfig('', 'c.json', noEnv))).message).toMatch(
      /^c\.json:1:1 .*file is empty/,
    );
    expect((await parseYaml('# nothing yet\n')).message).toBe(
      'config.yaml:1:1 (document): file has only comments: expected an "endpoints" list',
    );
  });

  it('(4) when the top level is not a mapping', async () => {
    const error = await parseYaml(yaml('# endpoints', '- name: a', '  type: local_folder'));
    expect(error.message).toBe('config.yaml:2:1 (document): must be a mapping with an "endpoints" list, got a list');
  });

  it('(5) when "endpoints" is missing, pointing at the document start', async () => {
    const error = await parseYaml(yaml('version: 1'));
    expect(error.message).toBe('config.yaml:1:1 endpoints: is required (a list)');
  });

  it('(6) on an unknown endpoint type, listing the allowed types', async () => {
    const error = await parseYaml(yaml('endpoints:', '  - name: a', '    type: dropbox'));
    expect(error.message).toBe(
      'config.yaml:3:5 endpoints[0].type: must be one of "local_folder", "google_drive", "autodesk_acc", got the string "dropbox"',
    );
  });

  it('(6b) on a missing endpoint type, listing the allowed types', async () => {
    const error = await parseYaml(yaml('endpoints:', '  - name: a', '    settings: { path: /x }'));
    expect(error.message).toBe(
      'config.yaml:2:5 endpoints[0].type: is required: one of "local_folder", "google_drive", "autodesk_acc"',
    );
  });

  it('(7) when settings.path is missing for a local folder, pointing at "settings"', async () => {
    const error = await parseYaml(
      yaml('endpoints:', '  - name: a', '    type: local_folder', '    settings:', '      recursive: false'),
    );
    expect(error.message).toBe('config.yaml:4:5 endpoints[0].settings.path: is required (a string)');
  });

  it('(7b) when settings.path is blank', async () => {
    const error = await parseYaml(
      yaml('endpoints:', '  - name: a', '    type: local_folder', '    settings:', '      path: "  "'),
    );
    expect(error.message).toBe('config.yaml:5:7 endpoints[0].settings.path: is required: the folder to catalog');
  });

  it('(8) on a value of the wrong type', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: a',
        '    type: local_folder',
        '    settings: { path: /x }',
        '    schedule:',
        '      type: interval',
        '      minutes: ten',
      ),
    );
    expect(error.message).toBe('config.yaml:7:7 endpoints[0].schedule.minutes: must be a number, got the string "ten"');
  });

  it('(9) on a value out of range', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: a',
        '    type: local_folder',
        '    settings: { path: /x }',
        '    schedule:',
        '      type: interval',
        '      minutes: 0',
      ),
    );
    expect(error.message).toBe('config.yaml:7:7 endpoints[0].schedule.minutes: must be at least 1 minute');
  });

  it('(10) on an unknown key, pointing at the key and suggesting the right one', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: a',
        '    type: local_folder',
        '    settings: { path: /x }',
        '    shedule:',
        '      type: manual',
      ),
    );
    expect(error.message).toBe(
      'config.yaml:5:5 endpoints[0].shedule: unrecognized key "shedule" (did you mean "schedule"?)',
    );
  });

  it('(10b) on an unknown top-level key', async () => {
    const error = await parseYaml(yaml('endpoints: []', 'logging: debug'));
    expect(error.message).toBe('config.yaml:2:1 logging: unrecognized key "logging"');
  });

  it('(11) on a duplicate endpoint name (ignoring case), pointing at the second one', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: Site Docs',
        '    type: autodesk_acc',
        '    settings: { auth: { type: client_credentials, clientId: app, clientSecretEnv: ACC_SECRET } }',
        '  - name: site docs',
        '    type: autodesk_acc',
        '    settings: { auth: { type: client_credentials, clientId: app, clientSecretEnv: ACC_SECRET } }',
      ),
    );
    expect(error.message).toBe(
      'config.yaml:5:5 endpoints[1].name: duplicate endpoint name "site docs": already used by endpoints[0] (line 2); names must be unique ignoring case',
    );
  });

  it('(12) on a duplicate YAML key', async () => {
    const error = await parseYaml(
      yaml('endpoints:', '  - name: a', '    type: local_folder', '    settings: { path: /x }', '    name: b'),
    );
    expect(error.message).toBe('config.yaml:5:5 (document): duplicate key: each key may appear only once per mapping');
  });

  it('(12b) on a duplicate JSON key (JSON.parse would silently keep the last)', async () => {
    const error = await configErrorOf(() =>
      parseConfig('{\n  "endpoints": [],\n  "endpoints": []\n}', 'c.json', noEnv),
    );
    expect(error.message).toBe('c.json:3:3 (document): duplicate key: each key may appear only once per mapping');
  });

  it('(13) on a cron expression with three fields', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: a',
        '    type: autodesk_acc',
        '    schedule: { type: cron, expression: "0 * *" }',
        '    settings: { auth: { type: client_credentials, clientId: app, clientSecretEnv: ACC_SECRET } }',
      ),
    );
    expect(error.message).toBe(
      'config.yaml:4:29 endpoints[0].schedule.expression: must have five or six fields, e.g. "0 */2 * * *"',
    );
  });

  it('(14) on an unsupported file extension, before reading anything', async () => {
    const error = await configErrorOf(() => parseConfig('endpoints: []', 'config.toml', noEnv));
    expect(error.message).toBe(
      'config.toml (document): unsupported file type (extension ".toml"): use .yaml, .yml or .json',
    );
    const none = await configErrorOf(() => loadConfigFile('/nonexistent/config', noEnv));
    expect(none.message).toBe(
      '/nonexistent/config (document): unsupported file type (no extension): use .yaml, .yml or .json',
    );
  });

  it('(16) reporting every issue together, in file order', async () => {
    const error = await parseYaml(
      yaml(
        'version: 2',
        'endpoints:',
        '  - name: ""',
        '    type: local_folder',
        '    settings: {}',
        '    paused: maybe',
        '  - name: b',
        '    type: autodesk_acc',
        '    schedule: { type: interval, minutes: 99999 }',
        '    settings: { auth: { type: client_credentials, clientId: app, clientSecretEnv: ACC_SECRET } }',
      ),
    );
    expect(error.message.split('\n')).toEqual([
      'config.yaml:1:1 version: must be 1',
      'config.yaml:3:5 endpoints[0].name: must not be empty',
      'config.yaml:5:5 endpoints[0].settings.path: is required (a string)',
      'config.yaml:6:5 endpoints[0].paused: must be true or false, got the string "maybe"',
      'config.yaml:9:33 endpoints[1].schedule.minutes: must be at most a week',
    ]);
    expect(error.issues).toHaveLength(5);
  });

  it('on other bad values, with messages in YAML terms', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: a/b',
        '    type: local_folder',
        '    settings: /x',
        '    filters:',
        '      modifiedAfter: last week',
        '      extensions: pdf',
        '    schedule: { type: interval, minutes: 1.5 }',
      ),
    );
    expect(error.message.split('\n')).toEqual([
      'config.yaml:2:5 endpoints[0].name: must not contain slashes, tabs or line breaks',
      'config.yaml:4:5 endpoints[0].settings: must be a mapping, got the string "/x"',
      'config.yaml:6:7 endpoints[0].filters.modifiedAfter: must be an ISO 8601 date-time such as 2024-01-31T12:00:00Z or an ISO 8601 date such as 2024-01-31',
      'config.yaml:7:7 endpoints[0].filters.extensions: must be a list, got the string "pdf"',
      'config.yaml:8:33 endpoints[0].schedule.minutes: must be a whole number, got the number 1.5',
    ]);
  });

  it('without repeating values of secret-looking keys', async () => {
    const error = await parseYaml(
      yaml(
        'endpoints:',
        '  - name: a',
        '    type: google_drive',
        '    settings: { clientSecret: hunter2 }',
        '    token: abc123',
      ),
    );
    expect(error.message).toContain('endpoints[0].token: unrecognized key "token"');
    expect(error.message).not.toContain('abc123');
    const typed = await parseYaml(
      yaml('endpoints:', '  - name: a', '    type: local_folder', '    settings: { path: /x }', '    paused: hunter2'),
    );
    expect(typed.message).toContain('got the string "hunter2"'); // ordinary values are quoted to help...
    const json = await configErrorOf(() => parseConfig('{"endpoints": [], "password": "hunter2" x}', 'c.json', noEnv));
    expect(json.message).not.toContain('hunter2'); // ...but syntax errors never quote the surrounding text
  });
});

describe('loading a config file from disk', () => {
  let files: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    files = await tempDir();
  });
  afterAll(async () => {
    await files.cleanup();
  });

  it('(15) fails with the file named when the file does not exist', async () => {
    const missing = `${files.dir}/missing.yaml`;
    const error = await configErrorOf(() => loadConfigFile(missing, noEnv));
    expect(error.message).toBe(`${missing} (document): file not found`);
  });

  it('fails with the file named when the path is a directory', async () => {
    const dir = `${files.dir}/dir.yaml`;
    await (await import('node:fs/promises')).mkdir(dir);
    const error = await configErrorOf(() => loadConfigFile(dir, noEnv));
    expect(error.message).toBe(`${dir} (document): is a directory, not a config file`);
  });

  it('reports issues against the path it was given', async () => {
    const file = await files.write('bad.yaml', yaml('endpoints:', '  - name: a', '    type: local_folder'));
    const error = await configErrorOf(() => loadConfigFile(file, noEnv));
    expect(error.message).toBe(`${file}:2:5 endpoints[0].settings: is required (a mapping)`);
    expect(error.issues[0]?.file).toBe(file);
  });

  it('(3) fails when the file is empty', async () => {
    const file = await files.write('empty.json', '');
    const error = await configErrorOf(() => loadConfigFile(file, noEnv));
    expect(error.message).toBe(`${file}:1:1 (document): file is empty: expected an "endpoints" list`);
  });

  it('loads a valid file', async () => {
    const file = await files.write(
      'ok.json',
      JSON.stringify({
        endpoints: [
          {
            name: 'x',
            type: 'autodesk_acc',
            settings: { auth: { type: 'client_credentials', clientId: 'app', clientSecretEnv: 'ACC_SECRET' } },
          },
        ],
      }),
    );
    const config = await loadConfigFile(file, noEnv);
    expect(config.endpoints[0]).toMatchObject({ name: 'x', type: 'autodesk_acc', paused: false });
  });
});
