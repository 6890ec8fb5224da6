import { describe, expect, it } from 'vitest';
import { describeValue, suggestKey } from '../../src/config/messages.js';

describe('config messages', () => {
  it('quote ordinary values but hide those under secret-looking keys', () => {
    expect(describeValue('ten', ['schedule', 'minutes'])).toBe('the string "ten"');
    expect(describeValue('hunter2', ['settings', 'clientSecret'])).toBe('a string (value hidden)');
    expect(describeValue(12345, ['settings', 'api_key'])).toBe('a number (value hidden)');
    expect(describeValue('x', ['settings', 'refreshToken'])).toBe('a string (value hidden)');
    expect(describeValue('p', ['password'])).toBe('a string (value hidden)');
  });

  it('describe structures in YAML terms and shorten long strings', () => {
    expect(describeValue(null, ['a'])).toBe('an empty value');
    expect(describeValue([1], ['a'])).toBe('a list');
    expect(describeValue({}, ['a'])).toBe('a mapping');
    expect(describeValue('x'.repeat(100), ['a'])).toBe(`the string "${'x'.repeat(57)}..."`);
  });

  it('suggest the known key nearest to a typo, and nothing for unrelated words', () => {
    expect(suggestKey('shedule')).toBe('schedule');
    expect(suggestKey('Settings')).toBe('settings');
    expect(suggestKey('follow_symlinks')).toBe('followSymlinks');
    expect(suggestKey('extension')).toBe('extensions');
    expect(suggestKey('logging')).toBeUndefined();
  });
});
