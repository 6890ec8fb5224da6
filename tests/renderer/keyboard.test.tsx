// @vitest-environment happy-dom
/** Keyboard shortcuts: Alt/Ctrl+1..6 switch pages, `/` jumps to the file search, Ctrl+Shift+S syncs all, dialogs keep the keyboard. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { folderEndpoint, projectFolder, renderApp, request, startCore } from './harness';

/** The sidebar entry marked as the current page. */
function currentNavEntry(): string | undefined {
  const nav = within(screen.getByRole('navigation', { name: 'Main' }));
  return (
    nav
      .getAllByRole('button')
      .find((b) => b.getAttribute('aria-current') === 'page')
      ?.querySelector('.nav-label')?.textContent ?? undefined
  );
}

async function expectPage(title: string) {
  expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
  expect(currentNavEntry()).toBe(title);
  expect(screen.getByRole('main').getAttribute('aria-label')).toBe(title);
}

describe('Keyboard shortcuts', () => {
  it('switch pages with Alt+1..6 and Ctrl+1..6, in sidebar order', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    await expectPage('Overview');

    await user.keyboard('{Alt>}2{/Alt}');
    await expectPage('Files');
    await user.keyboard('{Control>}3{/Control}');
    await expectPage('Activity');
    await user.keyboard('{Alt>}4{/Alt}');
    await expectPage('Performance');
    await user.keyboard('{Control>}5{/Control}');
    await expectPage('Endpoints');
    await user.keyboard('{Alt>}6{/Alt}');
    await expectPage('Settings');
    await user.keyboard('{Alt>}1{/Alt}');
    await expectPage('Overview');
    await user.keyboard('{Control>}2{/Control}');
    await expectPage('Files');
    expect(document.title).toBe('Files · File Connector');
  });

  it('"/" opens the Files page with the search box focused, ready to type', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    await expectPage('Overview');

    await user.keyboard('/');

    await expectPage('Files');
    const search = screen.getByRole('searchbox', { name: 'Search files' });
    await waitFor(() => expect(document.activeElement).toBe(search));
    await user.keyboard('plan');
    expect((search as HTMLInputElement).value).toBe('plan');
  });

  it('Ctrl+Shift+S syncs every endpoint, as "Sync all" does', async () => {
    const core = await startCore();
    const folder = projectFolder({ 'S-101.pdf': 'plan', 'Specs/03 30 00.docx': 'spec' });
    const a = await request(core, 'endpoints.create', folderEndpoint('Site documents', folder));
    const b = await request(core, 'endpoints.create', folderEndpoint('Handover', folder));
    const user = userEvent.setup();
    renderApp(<App />);
    await expectPage('Overview');
    await screen.findByRole('button', { name: 'Sync Site documents now' });

    await user.keyboard('{Control>}{Shift>}S{/Shift}{/Control}');

    await waitFor(async () => {
      const runs = await request(core, 'runs.list', {});
      expect(runs.map((r) => r.endpointId).sort()).toEqual([a.id, b.id].sort());
    });
    await core.engine.settled(a.id);
    await core.engine.settled(b.id);
  });

  it('"/" is just a character while typing in a field', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    await user.keyboard('/');
    const search = await screen.findByRole('searchbox', { name: 'Search files' });
    await waitFor(() => expect(document.activeElement).toBe(search));

    await user.keyboard('dwg/2024');

    expect((search as HTMLInputElement).value).toBe('dwg/2024');
    expect(document.activeElement).toBe(search);
  });

  it('leave the page alone while a dialog is open', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    await user.click(await within(screen.getByRole('main')).findByRole('button', { name: 'Add endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add endpoint' });

    await user.keyboard('{Alt>}2{/Alt}');

    expect(screen.getByRole('dialog', { name: 'Add endpoint' })).toBe(dialog);
    expect(pageTitle()).toBe('Endpoints');
  });
});

/** The page title, read from the document (the page itself is hidden from assistive tech behind the dialog). */
function pageTitle(): string {
  return document.title.replace(' · File Connector', '');
}
