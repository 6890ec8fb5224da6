// @vitest-environment happy-dom
/** The Performance page against a real core: run charts from `runs.list`, app charts from the sampler, live. */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { formatBytes, formatDateTime } from '../../renderer/src/lib/format';
import { formatNumber, formats } from '../../renderer/src/pages/performance/units';
import { openPage, projectFolder, renderApp, request, startCore, syncedEndpoint, type TestCore } from './harness';

const main = () => within(screen.getByRole('main'));

/** The text alternative of the chart titled `title` (its plot is an image named by what it shows). */
async function chart(title: string): Promise<string> {
  const figure = (await main().findByText(title, { selector: '.chart-title' })).closest('figure')!;
  return (
    within(figure as HTMLElement)
      .getByRole('img')
      .getAttribute('aria-label') ?? ''
  );
}

function files(count: number, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) out[`${prefix}/file-${i}.pdf`] = `content ${i}`;
  return out;
}

/** Moves a run's start (and end) back in time, as if it had run then. */
function backdate(core: TestCore, endpointId: number, days: number): void {
  core.catalog.db
    .prepare(
      `UPDATE sync_runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at, ?),
       finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', finished_at, ?) WHERE endpoint_id = ?`,
    )
    .run(`-${days} days`, `-${days} days`, endpointId);
}

describe('Performance page', () => {
  it('labels the axis ticks of a quiet byte chart each differently', () => {
    const ticks = [0, 0.5, 1, 1.5].map(formats.bytesPerSecond);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks[0]).toBe('0 B/s');
    expect(formats.bytes(0.5)).not.toBe(formats.bytes(1));
  });

  it('opens from the sidebar and says how to get the first figures', async () => {
    await startCore();
    renderApp(<App />);
    await openPage('Performance');

    expect(
      await main().findByRole('heading', { name: 'No runs yet: sync an endpoint to see its speed here' }),
    ).toBeTruthy();
    expect(main().getByText(/^No samples in the last day yet/)).toBeTruthy();
    const range = within(main().getByRole('group', { name: 'Time range' }));
    expect(range.getAllByRole('radio').map((r) => r.parentElement!.textContent)).toEqual([
      'Last hour',
      'Last day',
      'Last week',
      'Last 30 days',
    ]);
    expect(range.getByRole('radio', { name: 'Last day' })).toHaveProperty('checked', true);
  });

  it('opens when the tray or a notification asks for it (app.navigate)', async () => {
    const core = await startCore();
    renderApp(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Overview' });

    act(() => core.events.emit('app.navigate', { page: 'performance' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Performance' })).toBeTruthy();
    expect(document.title).toBe('Performance · File Connector');
  });

  it("charts each run's speed, duration, requests and waits, named by the latest run's figures", async () => {
    const core = await startCore();
    await syncedEndpoint(core, 'Site documents', projectFolder(files(300, 'Plans')));
    const [run] = await request(core, 'runs.list', {});
    renderApp(<App />);
    await openPage('Performance');

    // 300 files and their folder, over the run's duration, as the core measured it.
    expect(run!.entriesSeen).toBe(301);
    const speed = formatNumber(run!.filesPerSecond!);
    const latestRun = `(latest run: Site documents, ${formatDateTime(run!.startedAt)})`;
    expect(await chart('Files per second')).toBe(
      `Files per second: 1 run in the last day. Latest ${speed} files/s ${latestRun}.`,
    );
    expect(await chart('Requests and retries')).toBe(
      `Requests and retries: 1 run in the last day. Latest ${run!.requests} requests, 0 retries ${latestRun}.`,
    );
    expect(await chart('Duration per run')).toMatch(/^Duration per run: 1 run in the last day\. Latest [\d.]+ m?s /);
    expect(await chart('Waiting for rate limits')).toMatch(/Latest 0 ms pacing, 0 ms rate limit/);
    expect(main().queryByText(/No runs yet/)).toBeNull();
  });

  it('adds each sampled round of the app to its charts as it arrives', async () => {
    const core = await startCore();
    await syncedEndpoint(core, 'Site documents', projectFolder(files(3, 'Plans')));
    renderApp(<App />);
    await openPage('Performance');
    await main().findByText(/^No samples in the last day yet/);

    const sample = (await act(() => core.metrics!.sample()))!;

    const v = sample.values;
    expect(await chart('Catalog size')).toBe('Catalog size in the last day. Latest: 3.');
    expect(await chart('CPU')).toBe(`CPU in the last day. Latest: ${formatNumber(v['process.cpu'])} %.`);
    expect(await chart('Memory')).toBe(
      `Memory in the last day. Latest: Resident ${formatBytes(v['process.rss'])}, JavaScript heap ${formatBytes(v['process.heapUsed'])}.`,
    );
    expect(await chart('Event-loop delay')).toMatch(
      /^Event-loop delay in the last day\. Latest: Median [\d.]+ ms, 99th/,
    );
    expect(await chart('Network traffic')).toBe(
      `Network traffic in the last day. Latest: Received ${formatBytes(Math.round(v['network.received']))}/s, Sent ${formatBytes(Math.round(v['network.sent']))}/s.`,
    );
    expect(await chart('Data folder on disk')).toBe(
      `Data folder on disk in the last day. Latest: ${formatBytes(v['disk.dataFolder'])}.`,
    );

    // The next round moves the figures on without reloading the page.
    const next = (await act(() => core.metrics!.sample()))!;
    await waitFor(async () =>
      expect(await chart('CPU')).toBe(`CPU in the last day. Latest: ${formatNumber(next.values['process.cpu'])} %.`),
    );
  });

  it('charts the runs of the chosen range and endpoint', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    await syncedEndpoint(core, 'North', projectFolder(files(5, 'N')));
    const south = await syncedEndpoint(core, 'South', projectFolder(files(5, 'S')));
    backdate(core, south, 3);
    renderApp(<App />);
    await openPage('Performance');

    expect(await chart('Files per second')).toMatch(/^Files per second: 1 run in the last day\. .*\(latest run: North/);

    await user.click(main().getByRole('radio', { name: 'Last week' }));
    await waitFor(async () =>
      expect(await chart('Files per second')).toMatch(
        /^Files per second: 2 runs in the last week\. .*\(latest run: North/,
      ),
    );

    await user.selectOptions(main().getByRole('combobox', { name: 'Endpoint' }), 'South');
    expect(await chart('Duration per run')).toMatch(/^Duration per run: 1 run of South in the last week\. .*South/);

    await user.click(main().getByRole('radio', { name: 'Last hour' }));
    expect(
      await main().findByText(
        'No runs of South in the last hour. Choose a longer range or all endpoints to see earlier ones.',
      ),
    ).toBeTruthy();
  });
});
