/** The session token of `file-connector serve`: read once from the address, then kept out of it. */
const STORAGE_KEY = 'fileConnector.token';

/** Reads `?token=` or `#token=`, stores it in sessionStorage and strips it from the address bar. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromQuery = url.searchParams.get('token');
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  const found = fromQuery ?? fromHash;
  if (found) {
    sessionStorage.setItem(STORAGE_KEY, found);
    url.searchParams.delete('token');
    hash.delete('token');
    const rest = hash.toString();
    url.hash = rest ? `#${rest}` : '';
    // A token in the address bar would end up in history and screenshots.
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return found;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
