/**
 * The window's light or dark look. `settings.theme` is shown as `<html data-theme="light|dark">` (base.css picks the
 * palette and `color-scheme` from it); `system` follows the operating system, also when it switches while open.
 * The choice is remembered in localStorage so the next start paints in it before the core has answered.
 */
import { themes, type Theme } from '../../../src/contract/settings';

const STORAGE_KEY = 'file-connector.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

let chosen: Theme = 'system';
let systemQuery: MediaQueryList | null = null;

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (themes as readonly string[]).includes(value);
}

function systemPrefersDark(): boolean {
  return systemQuery?.matches ?? (typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches);
}

/** The look a theme gives now: `system` becomes whatever the operating system uses. */
export function resolveTheme(theme: Theme, prefersDark = systemPrefersDark()): 'light' | 'dark' {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

function paint(): void {
  document.documentElement.dataset.theme = resolveTheme(chosen);
}

/** Shows `theme` at once and remembers it for the next start. */
export function applyTheme(theme: Theme): void {
  chosen = theme;
  if (!systemQuery && typeof window.matchMedia === 'function') {
    systemQuery = window.matchMedia(DARK_QUERY);
    systemQuery.addEventListener('change', () => {
      if (chosen === 'system') paint();
    });
  }
  paint();
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage may be off (private windows); the core's setting still applies once it answers.
  }
}

/** Applies the theme remembered from last time; call before the first render. */
export function applyRememberedTheme(): void {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(STORAGE_KEY);
  } catch {
    // As above: no storage, so follow the system until the core answers.
  }
  applyTheme(isTheme(remembered) ? remembered : 'system');
}
