/** Steps the endpoint tests share: find a card, open the add form for a type, consent in "the browser". */
import http from 'node:http';
import type userEvent from '@testing-library/user-event';
import { screen, within } from '@testing-library/react';

type User = ReturnType<typeof userEvent.setup>;

export const main = () => within(screen.getByRole('main'));

/** The endpoint card named `name`. */
export async function card(name: string) {
  return within(await screen.findByRole('article', { name }));
}

/** Opens "Add endpoint" and picks the type labelled `type`; returns the dialog. */
export async function openEndpointForm(user: User, type: string) {
  await user.click(await main().findByRole('button', { name: 'Add endpoint' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Add endpoint' }));
  await user.click(dialog.getByRole('radio', { name: type }));
  return dialog;
}

/** A GET with Node's own HTTP client (the test window's fetch is happy-dom's); returns status and Location. */
function get(url: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      })
      .on('error', reject);
  });
}

/** What the person's browser does: opens the consent page (the fake approves at once) and follows the redirect home. */
export async function consentInBrowser(url: string): Promise<void> {
  const consent = await get(url);
  if (consent.location) await get(consent.location);
}
