/**
 * The system tray: an icon per state (idle, syncing, error, paused) for light and dark menu bars, a tooltip
 * with the sync progress, and the menu, rebuilt whenever the endpoints change (at most every `throttleMs`
 * while counts stream in). Electron's Tray, Menu, nativeImage and nativeTheme are passed in.
 */
import type { StatusFeed, StatusSnapshot } from './statusFeed.js';
import {
  localTimeFormat,
  trayMenu,
  trayState,
  trayTooltip,
  type TimeFormat,
  type TrayActions,
  type TrayMenuItem,
  type TrayState,
} from './trayModel.js';

/** The part of Electron's Tray this needs. */
export interface TrayLike<Image, Menu> {
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  setImage(image: Image): void;
  on(event: 'click' | 'double-click', listener: () => void): unknown;
  destroy(): void;
}

/** The part of Electron's nativeTheme this needs. */
export interface ThemeLike {
  readonly shouldUseDarkColors: boolean;
  on(event: 'updated', listener: () => void): unknown;
  removeListener(event: 'updated', listener: () => void): unknown;
}

/** `light` icons are for light menu bars (dark glyph), `dark` for dark ones. */
export type IconVariant = 'light' | 'dark';

export interface TrayDeps<Image, Menu> {
  createTray(image: Image): TrayLike<Image, Menu>;
  /** Like `Menu.buildFromTemplate`. */
  buildMenu(template: TrayMenuItem[]): Menu;
  /** Loads the icon of a state, e.g. with `nativeImage.createFromPath` (which also picks up `@2x`). */
  loadIcon(state: TrayState, variant: IconVariant): Image;
  theme: ThemeLike;
  feed: Pick<StatusFeed, 'current' | 'onChange'>;
  actions: TrayActions;
  format?: TimeFormat;
  /** Least time between two menu rebuilds caused by progress counts. */
  throttleMs?: number;
}

/** File name of a state's icon in `resources/tray/` (Electron adds `@2x` by itself on HiDPI screens). */
export function trayIconFile(state: TrayState, variant: IconVariant): string {
  return `${state}-${variant}.png`;
}

/** Creates the tray and keeps it in step with the feed; returns the function that removes it. */
export function createTrayController<Image, Menu>(deps: TrayDeps<Image, Menu>): { render(): void; destroy(): void } {
  const format = deps.format ?? localTimeFormat();
  const throttleMs = deps.throttleMs ?? 500;
  const variant = (): IconVariant => (deps.theme.shouldUseDarkColors ? 'dark' : 'light');
  let shownIcon = '';
  let lastRender = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  const initialState = trayState(deps.feed.current);
  const tray = deps.createTray(deps.loadIcon(initialState, variant()));
  shownIcon = `${initialState}-${variant()}`;
  // Windows and macOS open the window on a click; Linux ignores clicks, so the menu has "Open" too.
  tray.on('click', deps.actions.open);
  tray.on('double-click', deps.actions.open);

  const render = () => {
    if (destroyed) return;
    if (timer) clearTimeout(timer);
    timer = null;
    lastRender = Date.now();
    const snapshot: StatusSnapshot = deps.feed.current;
    const state = trayState(snapshot);
    const icon = `${state}-${variant()}`;
    if (icon !== shownIcon) {
      tray.setImage(deps.loadIcon(state, variant()));
      shownIcon = icon;
    }
    tray.setToolTip(trayTooltip(snapshot, format));
    tray.setContextMenu(deps.buildMenu(trayMenu(snapshot, deps.actions, format)));
  };

  /** A fresh list or a new state renders at once; progress counts at most every `throttleMs`, the last one always. */
  const schedule = (fresh: boolean) => {
    const wait = lastRender + throttleMs - Date.now();
    const newState = !shownIcon.startsWith(`${trayState(deps.feed.current)}-`);
    if (fresh || newState || wait <= 0) return render();
    timer ??= setTimeout(render, wait);
  };

  const stopFeed = deps.feed.onChange((_snapshot, reason) => schedule(reason === 'loaded'));
  const onTheme = () => render();
  deps.theme.on('updated', onTheme);
  render();

  return {
    render,
    destroy: () => {
      destroyed = true;
      if (timer) clearTimeout(timer);
      stopFeed();
      deps.theme.removeListener('updated', onTheme);
      tray.destroy();
    },
  };
}
