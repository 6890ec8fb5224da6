/** Steps the Files page tests share: a window tall enough for rows, opening the page, reading the table. */
import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect } from 'vitest';
import { App } from '../../renderer/src/App';
import { renderApp } from './harness';

type User = ReturnType<typeof userEvent.setup>;

/**
 * happy-dom does no layout, so every element is 0 px tall and the virtualized table would show no rows. Gives the
 * table's scroll container the height a window would, leaving the component itself as it is.
 */
export function tallTable(): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('ftable') ? 600 : (clientHeight?.get?.call(this) ?? 0);
      },
    });
  });
  afterEach(() => {
    if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  });
}

/** Opens the Files page the way a person does, from the sidebar. */
export async function openFilesPage(user: User) {
  renderApp(<App />);
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: /Files/ }));
  return screen.findByRole('heading', { level: 1, name: 'Files' });
}

export const filesTable = () => within(screen.getByRole('table', { name: 'Files' }));

/** The body rows' cells, top to bottom, as text. */
export function rowCells(): string[][] {
  return filesTable()
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent ?? ''),
    );
}

/** The names in the table's body rows, top to bottom. */
export function rowNames(): string[] {
  return rowCells().map((cells) => cells[0] ?? '');
}

/** Waits until the table shows exactly `names`, in that order. */
export async function expectRows(names: string[]) {
  await waitFor(() => expect(rowNames()).toEqual(names));
}

/** The body row showing `name`. */
export function rowOf(name: string): HTMLElement {
  const row = filesTable()
    .getAllByRole('row')
    .find((r) => within(r).queryAllByRole('cell')[0]?.textContent === name);
  if (!row) throw new Error(`No row shows ${name}`);
  return row;
}

/** The value shown for `label` in a description list. */
export function field(container: HTMLElement, label: string): string | null {
  const term = within(container)
    .getAllByRole('term')
    .find((t) => t.textContent === label);
  return term?.nextElementSibling?.textContent ?? null;
}
