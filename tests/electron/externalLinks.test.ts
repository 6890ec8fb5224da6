import { describe, expect, it, vi } from 'vitest';
import { openExternalUrl, safeExternalUrl } from '../../electron/main/externalLinks.js';

describe('openExternalUrl', () => {
  it.each(['https://example.com/a?b=c', 'http://localhost:3000/'])('opens %s', async (url) => {
    const open = vi.fn(async () => undefined);
    await openExternalUrl(url, open);
    expect(open).toHaveBeenCalledWith(new URL(url).href);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'app://renderer/index.html',
    'data:text/html,hi',
    'not a url',
    '',
  ])('rejects %j without calling open', async (url) => {
    const open = vi.fn(async () => undefined);
    await expect(openExternalUrl(url, open)).rejects.toThrow(/only http and https/);
    expect(open).not.toHaveBeenCalled();
  });

  it('passes on the failure of open', async () => {
    await expect(
      openExternalUrl('https://example.com', async () => Promise.reject(new Error('no browser'))),
    ).rejects.toThrow('no browser');
  });

  it('normalizes what it hands over', () => {
    expect(safeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });
});
