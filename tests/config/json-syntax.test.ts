import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/config/json-syntax.js';

describe('the JSON syntax scanner', () => {
  it('accepts everything JSON.parse accepts', () => {
    for (const text of [
      '{}',
      '[]',
      ' 1 ',
      '-0.5e+3',
      '"a\\u00e9\\n"',
      'null',
      '{"a": [true, false, null, {"b": {}}]}',
    ]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text), text).toBeNull();
    }
  });

  it('finds the offset of the first error', () => {
    expect(findJsonSyntaxError('{"a": }')).toEqual({
      offset: 6,
      message: 'unexpected character "}": expected a value',
    });
    expect(findJsonSyntaxError('[1, 2,]')).toEqual({ offset: 6, message: 'trailing comma before ]' });
    expect(findJsonSyntaxError('{"a": 1 "b": 2}')).toEqual({
      offset: 8,
      message: 'expected "," or "}" after a property value',
    });
    expect(findJsonSyntaxError('{"a": "x')).toEqual({ offset: 6, message: 'unterminated string' });
    expect(findJsonSyntaxError('{"a": 01}')).toEqual({
      offset: 7,
      message: 'expected "," or "}" after a property value',
    });
    expect(findJsonSyntaxError('{"a": "\\x"}')).toEqual({
      offset: 7,
      message: 'invalid escape sequence (use \\\\ for a backslash)',
    });
    expect(findJsonSyntaxError('{} {}')).toEqual({
      offset: 3,
      message: 'unexpected content after the end of the JSON value',
    });
    expect(findJsonSyntaxError('[')).toEqual({ offset: 1, message: 'unexpected end of file: a value is missing' });
  });
});
