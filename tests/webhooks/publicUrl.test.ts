/** The public address a service must call: which addresses are accepted, and how the endpoint's path is added. */
import { describe, expect, it } from 'vitest';
import { hookCallbackUrl, publicUrlProblem } from '../../src/contract/hooks.js';

const tower = { id: 7, name: 'Tower A' };

describe('the public webhook address', () => {
  it('appends /hooks/<endpoint id> to a base address, keeping a proxy path prefix', () => {
    expect(hookCallbackUrl('https://abc.trycloudflare.com', tower)).toBe('https://abc.trycloudflare.com/hooks/7');
    expect(hookCallbackUrl('https://files.example.com/fc/', tower)).toBe('https://files.example.com/fc/hooks/7');
  });

  it('takes a full address that already names this endpoint by id or name, and refuses one naming another', () => {
    expect(hookCallbackUrl('https://x.example.com/hooks/7/', tower)).toBe('https://x.example.com/hooks/7');
    expect(hookCallbackUrl('https://x.example.com/hooks/Tower%20A', tower)).toBe(
      'https://x.example.com/hooks/Tower%20A',
    );
    expect(() => hookCallbackUrl('https://x.example.com/hooks/8', tower)).toThrow(
      /calls \/hooks\/8, which is not "Tower A" \(id 7\): give the base address of the tunnel instead/,
    );
  });

  it('accepts https, and plain http only on loopback; refuses credentials, queries and fragments', () => {
    expect(publicUrlProblem('https://abc.trycloudflare.com')).toBeNull();
    expect(publicUrlProblem('http://127.0.0.1:4310')).toBeNull();
    expect(publicUrlProblem('http://localhost:4320/')).toBeNull();
    expect(publicUrlProblem('http://files.example.com')).toMatch(/^must start with https:\/\//);
    expect(publicUrlProblem('ftp://files.example.com')).toMatch(/^must start with https:\/\//);
    expect(publicUrlProblem('https://user:pw@files.example.com')).toBe('must not contain a user name or password');
    expect(publicUrlProblem('https://files.example.com/?a=1')).toBe('must not have a ?query or #fragment');
    expect(publicUrlProblem('files.example.com')).toMatch(/is not a URL: give the public https address/);
  });
});
