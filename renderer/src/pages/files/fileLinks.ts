/**
 * A file's links and paths, and what to do with them: open at the source (in a browser tab, or through the desktop
 * app's safe external-link path, which receives every `window.open`), copy to the clipboard.
 */
import { useEffect, useRef, useState } from 'react';
import type { CatalogFile, EndpointSummary } from '../../../../src/contract/model';

/** The file's web link when it is a web address (http or https); other schemes are never opened. */
export function webLinkOf(file: Pick<CatalogFile, 'webUrl'>): string | null {
  if (!file.webUrl) return null;
  try {
    const url = new URL(file.webUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The label of the "Open in …" action: named after the service the link leads to. */
export function openLabel(url: string): string {
  const host = new URL(url).hostname;
  if (host === 'drive.google.com' || host === 'docs.google.com') return 'Open in Google Drive';
  if (host === 'autodesk.com' || host.endsWith('.autodesk.com')) return 'Open in ACC';
  return 'Open link';
}

/**
 * Opens `url` outside the app: a new browser tab, or in the desktop app the system browser (its window-open
 * handler passes web links to the OS and refuses everything else).
 */
export function openExternal(url: string): void {
  window.open(url, '_blank', 'noopener');
}

/** The path a person would paste into a file manager: a local folder's path on disk, else the catalog path. */
export function fullPathOf(file: Pick<CatalogFile, 'path'>, endpoint: EndpointSummary | undefined): string {
  const root = endpoint?.type === 'local_folder' ? endpoint.settings.path : undefined;
  if (typeof root !== 'string' || !root) return file.path;
  // Written with the separator the folder's own path uses (a Windows share or a POSIX mount).
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  return `${root.replace(/[\\/]+$/, '')}${sep}${file.path.split('/').join(sep)}`;
}

/** Copies text and says so for a moment ("Link copied"), or says how to copy by hand when the browser refuses. */
export function useCopy(): { copy(text: string, what: string): Promise<void>; message: string | null } {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return {
    message,
    async copy(text, what) {
      window.clearTimeout(timer.current);
      try {
        await navigator.clipboard.writeText(text);
        setMessage(`${what} copied`);
      } catch {
        setMessage(`Could not copy the ${what.toLowerCase()}: select it in the details and copy it by hand`);
      }
      timer.current = window.setTimeout(() => setMessage(null), 2500);
    },
  };
}
