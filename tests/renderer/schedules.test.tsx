// @vitest-environment happy-dom
/**
 * Schedules from the UI against a real core with its scheduler: the schedule editor (interval, cron with its preview
 * and next runs, webhook), the card's schedule and next run, Pause/Resume, Pause all, a queued "Sync all" and backoff.
 */
import fs from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { describeCron } from '../../renderer/src/lib/schedule';
import type { EndpointInput } from '../../src/contract/schemas';
import {
  descriptionOf,
  folderEndpoint,
  openPage,
  projectFolder,
  renderApp,
  request,
  startCore,
  syncedEndpoint,
} from './harness';

type User = ReturnType<typeof userEvent.setup>;

const main = () => within(screen.getByRole('main'));

async function card(name: string) {
  return within(await screen.findByRole('article', { name }));
}

/** Opens the Edit form of endpoint `name`; returns the dialog. */
async function editForm(user: User, name: string) {
  await user.click((await card(name)).getByRole('button', { name: 'Edit' }));
  return within(await screen.findByRole('dialog', { name: `Edit ${name}` }));
}

/** Opens "Add endpoint" with a real folder and a name filled in; returns the dialog. */
async function addForm(user: User, name: string) {
  await user.click(await main().findByRole('button', { name: 'Add endpoint' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Add endpoint' }));
  await user.type(dialog.getByLabelText('Folder path'), projectFolder({ 'Plan.pdf': 'plan' }));
  await user.clear(dialog.getByLabelText('Name'));
  await user.type(dialog.getByLabelText('Name'), name);
  return dialog;
}

function withSchedule(name: string, folder: string, schedule: EndpointInput['schedule']): EndpointInput {
  return { ...folderEndpoint(name, folder), schedule };
}

describe('Schedules', () => {
  it('edits a schedule to every 15 minutes and shows it with the next sync on the card', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    await syncedEndpoint(core, 'Tower A', projectFolder({ 'Plan.pdf': 'plan' }));
    core.scheduler!.start();
    renderApp(<App />);
    await openPage('Endpoints');

    const tower = await card('Tower A');
    expect(tower.getByText('Manual')).toBeTruthy();
    // A manual endpoint has nothing automatic to pause.
    expect(tower.queryByRole('button', { name: 'Pause' })).toBeNull();

    const dialog = await editForm(user, 'Tower A');
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Schedule' }), 'Every N minutes or hours');
    const every = dialog.getByRole('spinbutton', { name: 'Sync every' });
    await user.clear(every);
    await user.type(every, '15');
    expect((dialog.getByRole('combobox', { name: 'Unit' }) as HTMLSelectElement).value).toBe('minutes');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(await tower.findByText('Every 15 minutes')).toBeTruthy();
    // The core plans the next run a period after the last one (plus a little jitter); the card counts down to it.
    const next = await tower.findByText(/^in 1[4-6] minutes$/);
    expect(next.tagName).toBe('TIME');
    const at = Date.parse(next.getAttribute('datetime')!);
    expect(at).toBeGreaterThan(Date.now() + 13 * 60_000);
    expect(next.getAttribute('title')).toBeTruthy();
    expect(next.parentElement!.textContent).toMatch(/^Next sync in 1[4-6] minutes$/);
    const [saved] = await request(core, 'endpoints.list', {});
    expect(saved!.schedule).toEqual({ type: 'interval', minutes: 15 });
    expect(saved!.nextRunAt).toBe(next.getAttribute('datetime'));

    // Hours are offered for long intervals, and an existing one in whole hours reads back in hours.
    const again = await editForm(user, 'Tower A');
    await user.selectOptions(again.getByRole('combobox', { name: 'Unit' }), 'hours');
    const hours = again.getByRole('spinbutton', { name: 'Sync every' });
    await user.clear(hours);
    await user.type(hours, '2');
    await user.click(again.getByRole('button', { name: 'Save' }));
    expect(await tower.findByText('Every 2 hours')).toBeTruthy();
    expect((await request(core, 'endpoints.list', {}))[0]!.schedule).toEqual({ type: 'interval', minutes: 120 });
    const reopened = await editForm(user, 'Tower A');
    expect((reopened.getByRole('spinbutton', { name: 'Sync every' }) as HTMLInputElement).value).toBe('2');
    expect((reopened.getByRole('combobox', { name: 'Unit' }) as HTMLSelectElement).value).toBe('hours');
  });

  it("previews a cron schedule with its next runs, and shows the core's objection next to the field", async () => {
    const core = await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    const dialog = await addForm(user, 'Site photos');

    await user.selectOptions(dialog.getByRole('combobox', { name: 'Schedule' }), 'On a schedule (cron)');
    // The time zone starts as this computer's.
    const zone = dialog.getByRole('combobox', { name: /^Time zone/ }) as HTMLInputElement;
    expect(zone.value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);

    const expression = dialog.getByRole('textbox', { name: 'Cron expression' });
    await user.clear(expression);
    await user.type(expression, '0 */2 * * 1-5');
    const words = describeCron('0 */2 * * 1-5')!;
    expect(words).toMatch(/every 2 hours, Monday through Friday/);
    expect(dialog.getByText(words)).toBeTruthy();
    // The preview describes the field for screen readers too.
    expect(descriptionOf(expression)).toContain(words);
    const runs = within(dialog.getByRole('list', { name: 'Next runs' })).getAllByRole('listitem');
    expect(runs).toHaveLength(3);
    const times = runs.map((li) => Date.parse(li.querySelector('time')!.getAttribute('datetime')!));
    expect(times[0]).toBeGreaterThan(Date.now());
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(2 * 3_600_000);
    for (const t of times) expect([1, 2, 3, 4, 5]).toContain(new Date(t).getDay());

    // A preset fills a common expression in.
    await user.click(dialog.getByRole('button', { name: 'Weekdays at 07:00' }));
    expect((expression as HTMLInputElement).value).toBe('0 7 * * 1-5');

    // An expression the parser refuses: the preview says so, and the core's reason lands next to the field on save.
    await user.clear(expression);
    await user.type(expression, '61 * * * *');
    expect(dialog.getByText(/^Cannot read this expression yet/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(expression.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(expression)).toMatch(/"61 \* \* \* \*" is not a valid cron expression/);
    expect(await request(core, 'endpoints.list', {})).toEqual([]);

    // A time zone the core does not know lands next to the time zone.
    await user.clear(expression);
    await user.type(expression, '0 7 * * 1-5');
    expect(expression.getAttribute('aria-invalid')).toBeNull();
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(zone)).toMatch(/^Time zone is not a time zone/);

    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    const photos = await card('Site photos');
    expect(photos.getByText(`${describeCron('0 7 * * 1-5')} (Europe/Berlin)`)).toBeTruthy();
    const [saved] = await request(core, 'endpoints.list', {});
    expect(saved!.schedule).toEqual({ type: 'cron', expression: '0 7 * * 1-5', timezone: 'Europe/Berlin' });
  });

  it('sets up a webhook with a generated secret and shows the address to call', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    core.scheduler!.start();
    renderApp(<App />);
    const dialog = await addForm(user, 'Tower A');

    await user.selectOptions(dialog.getByRole('combobox', { name: 'Schedule' }), 'When a webhook calls');
    expect(dialog.getByText('POST /hooks/Tower%20A')).toBeTruthy();
    // Without a secret every call would be refused, so it is asked for before saving.
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));
    const secret = dialog.getByRole('textbox', { name: 'Secret' }) as HTMLInputElement;
    await waitFor(() => expect(secret.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(secret)).toMatch(/press Generate/);

    await user.click(dialog.getByRole('button', { name: 'Generate' }));
    expect(secret.value).toMatch(/^[A-Za-z0-9]{32}$/);
    const generated = secret.value;
    await user.click(dialog.getByRole('button', { name: 'Generate' }));
    expect(secret.value).not.toBe(generated);
    await user.click(dialog.getByRole('button', { name: 'Add endpoint' }));

    const tower = await card('Tower A');
    expect(tower.getByText('On webhook')).toBeTruthy();
    expect(tower.getByText('Waiting for a call')).toBeTruthy();
    const [saved] = await request(core, 'endpoints.list', {});
    expect(saved!.schedule).toEqual({ type: 'webhook', secret: secret.value });
    expect(saved!.scheduleState).toBe('waiting-for-hook');
  });

  it('pauses and resumes one endpoint from its card', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const folder = projectFolder({ 'Plan.pdf': 'plan' });
    const { id } = await request(core, 'endpoints.create', withSchedule('Tower A', folder, { type: 'startup' }));
    core.scheduler!.start();
    await core.scheduler!.idle();
    renderApp(<App />);
    await openPage('Endpoints');

    const article = await screen.findByRole('article', { name: 'Tower A' });
    const tower = within(article);
    expect(tower.getByText('At start-up')).toBeTruthy();
    await user.click(tower.getByRole('button', { name: 'Pause' }));

    expect(await tower.findByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(tower.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(tower.getByText('Paused', { selector: '.badge' })).toBeTruthy();
    expect(tower.getByText('Paused: syncs only when you press Sync now')).toBeTruthy();
    expect(article.classList.contains('endpoint-card-paused')).toBe(true);
    expect((await request(core, 'endpoints.get', { id })).paused).toBe(true);
    // Sync now still works while paused.
    expect(tower.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(false);

    await user.click(tower.getByRole('button', { name: 'Resume' }));
    expect(await tower.findByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(tower.queryByText('Paused: syncs only when you press Sync now')).toBeNull();
    expect(article.classList.contains('endpoint-card-paused')).toBe(false);
    expect((await request(core, 'endpoints.get', { id })).paused).toBe(false);
  });

  it('pauses every automatic sync from the page header, with a banner until resumed', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const folder = projectFolder({ 'Plan.pdf': 'plan' });
    const id = await syncedEndpoint(core, 'Tower A', folder);
    await request(core, 'endpoints.update', {
      id,
      endpoint: withSchedule('Tower A', folder, { type: 'interval', minutes: 30 }),
    });
    core.scheduler!.start();
    renderApp(<App />);
    await openPage('Endpoints');

    const tower = await card('Tower A');
    expect(await tower.findByText(/^in (29|3[0-2]) minutes$/)).toBeTruthy();
    expect(screen.queryByText(/Automatic syncing is paused/)).toBeNull();

    await user.click(main().getByRole('button', { name: 'Pause all' }));

    const banner = (await main().findByText('Automatic syncing is paused')).closest('[role="status"]');
    expect(banner?.textContent).toMatch(
      /no schedule or webhook starts a sync until you resume\. Sync now still works\./,
    );
    expect(main().getByRole('button', { name: 'Resume all' })).toBeTruthy();
    expect(tower.getByText('Paused with all automatic syncing')).toBeTruthy();
    expect(tower.queryByText(/^in \d+ minutes$/)).toBeNull();
    expect((await request(core, 'scheduler.status', {})).pausedAll).toBe(true);

    await user.click(main().getByRole('button', { name: 'Resume all' }));
    await waitFor(() => expect(main().queryByText('Automatic syncing is paused')).toBeNull());
    expect(main().getByRole('button', { name: 'Pause all' })).toBeTruthy();
    expect(await tower.findByText(/^in (29|3[0-2]) minutes$/)).toBeTruthy();
    expect((await request(core, 'scheduler.status', {})).pausedAll).toBe(false);
  });

  it('says which endpoints wait for a free slot after "Sync all"', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    await request(core, 'scheduler.configure', { maxConcurrentSyncs: 1 });
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`sheets/sheet-${String(i).padStart(4, '0')}.dwg`] = `sheet ${i}`;
    await request(core, 'endpoints.create', folderEndpoint('Tower A', projectFolder(files)));
    await request(core, 'endpoints.create', folderEndpoint('Tower B', projectFolder(files)));
    renderApp(<App />);
    await openPage('Endpoints');

    await user.click(await main().findByRole('button', { name: 'Sync all' }));

    expect(await main().findByText('1 sync started. Queued: 1 endpoint starts when a slot is free.')).toBeTruthy();
    const towerB = await card('Tower B');
    expect(await towerB.findByText('Queued: starts when a slot is free')).toBeTruthy();
    expect(towerB.getByText('Queued', { selector: '.badge' })).toBeTruthy();
    // Once its turn came and went, the note goes.
    await core.scheduler!.idle();
    await waitFor(() => expect(towerB.queryByText('Queued: starts when a slot is free')).toBeNull(), {
      timeout: 20_000,
    });
    await waitFor(() => expect(main().queryByText(/Queued: 1 endpoint/)).toBeNull());
  });

  it('warns on the card when automatic syncs keep failing', async () => {
    const core = await startCore();
    const user = userEvent.setup();
    const folder = projectFolder({ 'Plan.pdf': 'plan' });
    const id = await syncedEndpoint(core, 'Old share', folder);
    await request(core, 'endpoints.update', {
      id,
      endpoint: withSchedule('Old share', folder, { type: 'interval', minutes: 60 }),
    });
    core.scheduler!.start();
    fs.rmSync(folder, { recursive: true, force: true });
    renderApp(<App />);
    await openPage('Endpoints');

    const share = await card('Old share');
    await user.click(share.getByRole('button', { name: 'Sync now' }));
    await core.scheduler!.idle();

    const warning = await share.findByText(/^Failed once — retrying later/);
    expect(warning.closest('[role="status"]')).toBeTruthy();
    expect(warning.querySelector('time')?.getAttribute('title')).toBeTruthy();
    expect((await request(core, 'endpoints.get', { id })).scheduleState).toBe('backing-off');
  });
});
