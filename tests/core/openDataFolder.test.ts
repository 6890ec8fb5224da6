/** `system.openDataFolder`: the desktop app shows the data folder in the file manager; elsewhere it says why not. */
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/core/core.js';
import { testCore } from '../helpers/core.js';
import { tempDir } from '../helpers/tempDir.js';

const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

describe('opening the data folder', () => {
  it('hands the data folder to the host that can show it', async () => {
    const shown: string[] = [];
    const core = await openCore({
      dataDir: tempDir('fc-core-'),
      host: 'desktop',
      openPath: async (folder) => void shown.push(folder),
    });
    opened.push(core);

    expect(await core.dispatch('app.info', {})).toMatchObject({ ok: true, result: { canOpenDataFolder: true } });
    expect(await core.dispatch('system.openDataFolder', {})).toEqual({ ok: true, result: { opened: true } });
    expect(shown).toEqual([core.dataDir]);
  });

  it("passes on the host's reason when the folder cannot be shown", async () => {
    const core = await openCore({
      dataDir: tempDir('fc-core-'),
      host: 'desktop',
      openPath: async () => {
        throw new Error('No application is registered to open folders');
      },
    });
    opened.push(core);

    expect(await core.dispatch('system.openDataFolder', {})).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'The data folder could not be opened: No application is registered to open folders. Copy its path instead.',
      },
    });
  });

  it('is not offered without a desktop, and says to copy the path instead', async () => {
    const core = await testCore();
    expect(await core.dispatch('app.info', {})).toMatchObject({ ok: true, result: { canOpenDataFolder: false } });
    expect(await core.dispatch('system.openDataFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringMatching(/Copy the path/) },
    });
  });
});
