// @vitest-environment happy-dom
/**
 * A broad search over a large catalog shows its first rows with an estimated total ("About …"), then the exact
 * total (and the list's length) once `files.count` answers.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getApi, setApi } from '../../renderer/src/api';
import { formatCount } from '../../renderer/src/lib/format';
import { seedCatalog } from '../helpers/seedCatalog';
import { tempDir } from '../helpers/tempDir';
import { filesTable, openFilesPage, tallTable } from './filesSteps';
import { request, startCore } from './harness';

tallTable();

describe('Files page totals of broad searches', () => {
  it('shows an estimate first and the exact total when the count answers', async () => {
    const dataDir = tempDir('fc-broad-ui-');
    // "Level" is in about half of these paths: over the core's threshold for a broad search.
    await seedCatalog(dataDir, { files: 50_000, seed: 3 });
    const core = await startCore({ dataDir });

    // Hold the count's answer back, to see the page as it is before it arrives.
    const api = getApi();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const counted: unknown[] = [];
    setApi({
      ...api,
      invoke: (async (name: string, input: unknown) => {
        if (name === 'files.count') {
          counted.push(input);
          await held;
        }
        return api.invoke(name as never, input as never);
      }) as typeof api.invoke,
    });

    const user = userEvent.setup();
    await openFilesPage(user);
    await user.type(screen.getByRole('searchbox', { name: 'Search files' }), 'Level');

    const estimate = await screen.findByText(/^About [\d,]+ items match$/);
    const estimated = Number(estimate.textContent!.replace(/\D/g, ''));
    expect(estimated).toBeGreaterThanOrEqual(200);
    expect(counted).toEqual([{ search: 'Level' }]);

    release();
    const counts = await screen.findByText(/^[\d,]+ items match$/);
    const exact = (await request(core, 'files.count', { search: 'Level' })).total;
    expect(exact).toBeGreaterThan(20_000);
    expect(counts.textContent).toBe(`${formatCount(exact)} items match`);
    // The list is as long as the exact total: the scroll height follows it.
    await waitFor(() => expect(filesTable().getAllByRole('row', { name: /Level/ }).length).toBeGreaterThan(0));
    expect(screen.getByRole('table', { name: 'Files' }).getAttribute('aria-rowcount')).toBe(String(exact + 1));
  }, 60_000);
});
