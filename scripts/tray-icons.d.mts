/** Types for scripts/tray-icons.mjs (plain JS so it runs with Node alone). */
export const TRAY_STATES: readonly ('idle' | 'syncing' | 'error' | 'paused')[];
export const TRAY_VARIANTS: readonly ('light' | 'dark')[];
export const TRAY_DIR: string;
export function drawIcon(state: string, variant: string, size: number): Buffer;
export function encodePng(pixels: Buffer, width: number, height?: number): Buffer;
export function trayIconFiles(): { name: string; bytes: Buffer }[];
