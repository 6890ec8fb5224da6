/** Chart colours from the stylesheet's variables, and a signal when the theme changes so charts repaint. */
import { useEffect, useState } from 'react';

export interface ChartColors {
  series: [string, string, string];
  axis: string;
  grid: string;
  font: string;
}

/** Resolves `var(--x)` to a canvas-ready colour by letting the browser compute it on a probe element. */
function resolve(probe: HTMLElement, variable: string): string {
  probe.style.color = `var(${variable})`;
  return getComputedStyle(probe).color;
}

/** The colours in force at `element` (the chart's container, so a theme set anywhere above it applies). */
export function chartColors(element: HTMLElement): ChartColors {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  element.appendChild(probe);
  try {
    return {
      series: [resolve(probe, '--chart-1'), resolve(probe, '--chart-2'), resolve(probe, '--chart-3')],
      axis: resolve(probe, '--chart-axis'),
      grid: resolve(probe, '--chart-grid'),
      font: `11px ${getComputedStyle(element).fontFamily || 'system-ui'}`,
    };
  } finally {
    probe.remove();
  }
}

/** `rgb(r, g, b)` → `rgba(r, g, b, alpha)`, for the soft fill under a line. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^rgba?\(([^)]+)\)$/.exec(color);
  if (!match) return color;
  const [r, g, b] = match[1]!.split(/[\s,/]+/);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** A number that changes whenever the window's theme may have: `data-theme`/class on html or body, or the OS setting. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    const attributeFilter = ['data-theme', 'class', 'style'];
    observer.observe(document.documentElement, { attributes: true, attributeFilter });
    observer.observe(document.body, { attributes: true, attributeFilter });
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener?.('change', bump);
    return () => {
      observer.disconnect();
      media?.removeEventListener?.('change', bump);
    };
  }, []);
  return version;
}

let canvasSupport: boolean | null = null;

/** Whether this window can draw on a canvas (a test DOM cannot: charts then show only their text alternative). */
export function canDrawCharts(): boolean {
  if (canvasSupport === null) {
    try {
      canvasSupport = Boolean(document.createElement('canvas').getContext('2d'));
    } catch {
      canvasSupport = false;
    }
  }
  return canvasSupport;
}
