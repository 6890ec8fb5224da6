/** Opening links in the user's browser: only web addresses, never file:, javascript: or custom schemes. */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** Parses `value` and returns it normalized if it is an http(s) URL, else null. */
export function safeExternalUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** Opens an http(s) URL with `open` (Electron's `shell.openExternal`); rejects anything else. */
export async function openExternalUrl(value: string, open: (url: string) => Promise<void>): Promise<void> {
  const url = safeExternalUrl(value);
  // Other schemes can launch local programs or files through the OS handler, so they never reach `open`.
  if (url === null)
    throw new Error(`Refusing to open "${value}" outside the app: only http and https links are allowed.`);
  await open(url);
}
