// @vitest-environment happy-dom
// The core shares this process with the test window; like the real core (plain Node) its calls to the fake Autodesk
// must not be held to the page's same-origin policy.
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/**
 * The schedule editor's webhook part registers a saved Autodesk endpoint with Autodesk for a public address, shows
 * what is registered, removes it, and says what is wrong with a bad address: a real core, the fake APS over HTTP.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  scaledRateLimits,
  smallAccount,
  startFake,
} from '../connectors/autodesk_acc/helpers';
import { descriptionOf, openPage, renderApp, request, startCore } from './harness';

type User = ReturnType<typeof userEvent.setup>;

const SECRET = 'ui-hook-secret-0123456789';
const HOOKS = 3 * 9;

/** A core with a saved Autodesk endpoint on a webhook schedule (its client secret kept by the app). */
async function savedAutodeskEndpoint() {
  const fake = await startFake();
  smallAccount(fake.truth);
  const core = await startCore();
  const endpoint = await request(core, 'endpoints.create', {
    name: 'Towers',
    type: 'autodesk_acc',
    settings: {
      auth: { type: 'client_credentials', clientId: CLIENT_ID },
      apiBaseUrl: fake.url,
      rateLimits: { ...scaledRateLimits, webhooks: 60_000, webhookCreate: 60_000 },
    },
    schedule: { type: 'webhook', secret: SECRET },
  });
  await request(core, 'auth.setSecret', { endpointId: endpoint.id, secret: CLIENT_SECRET });
  return { fake, core, endpoint };
}

async function editForm(user: User, name: string) {
  const article = within(await screen.findByRole('article', { name }));
  await user.click(article.getByRole('button', { name: 'Edit' }));
  return within(await screen.findByRole('dialog', { name: `Edit ${name}` }));
}

describe('Registering webhooks from the schedule editor', () => {
  it('registers the saved endpoint with Autodesk, shows it, and removes it', async () => {
    const { fake, endpoint } = await savedAutodeskEndpoint();
    const user = userEvent.setup();
    renderApp(<App />);
    await openPage('Endpoints');
    const dialog = await editForm(user, 'Towers');
    const hooks = within(dialog.getByRole('group', { name: 'Autodesk webhooks' }));
    expect(await hooks.findByText('Not registered with Autodesk yet.')).toBeTruthy();

    const address = hooks.getByRole('textbox', { name: 'Public address' });
    expect(descriptionOf(address)).toMatch(/cloudflared tunnel --url http:\/\/127\.0\.0\.1:4310.*\/hooks\/1 is added/);
    await user.type(address, 'https://abc.trycloudflare.com');
    await user.click(hooks.getByRole('button', { name: 'Register with Autodesk' }));
    const url = `https://abc.trycloudflare.com/hooks/${endpoint.id}`;
    expect(await hooks.findByText(`Registered with Autodesk: ${HOOKS} hook(s) call ${url}`)).toBeTruthy();
    expect(fake.webhooks.calling(url)).toHaveLength(HOOKS);
    expect(fake.webhooks.calling(url).every((h) => h.token === SECRET)).toBe(true);

    await user.click(hooks.getByRole('button', { name: 'Remove registration' }));
    expect(await hooks.findByText('Not registered with Autodesk yet.')).toBeTruthy();
    expect(fake.webhooks.hooks.size).toBe(0);
    // The form itself was neither saved nor closed.
    expect(screen.getByRole('dialog', { name: 'Edit Towers' })).toBeTruthy();
  });

  it('shows what the core says about an address it cannot use, and registers nothing', async () => {
    const { fake } = await savedAutodeskEndpoint();
    const user = userEvent.setup();
    renderApp(<App />);
    await openPage('Endpoints');
    const dialog = await editForm(user, 'Towers');
    const hooks = within(dialog.getByRole('group', { name: 'Autodesk webhooks' }));
    await hooks.findByText('Not registered with Autodesk yet.');
    // Enter registers from the address field instead of saving the form.
    await user.type(hooks.getByRole('textbox', { name: 'Public address' }), 'http://files.example.com{Enter}');
    expect((await hooks.findByRole('alert')).textContent).toMatch(/url: must start with https:\/\//);
    expect(fake.webhooks.hooks.size).toBe(0);
    expect(screen.getByRole('dialog', { name: 'Edit Towers' })).toBeTruthy();
  });

  it('asks to save a new endpoint before registering it', async () => {
    await startCore();
    const user = userEvent.setup();
    renderApp(<App />);
    await openPage('Endpoints');
    await user.click(await within(screen.getByRole('main')).findByRole('button', { name: 'Add endpoint' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Add endpoint' }));
    await user.click(dialog.getByRole('radio', { name: /Autodesk ACC/ }));
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Schedule' }), 'When a webhook calls');
    await waitFor(() => expect(dialog.getByText(/Save the endpoint with this schedule and secret first/)).toBeTruthy());
    expect(dialog.queryByRole('button', { name: 'Register with Autodesk' })).toBeNull();
  });
});
