/** Unit tests of finding headers on responses, outputs and errors. */
import { describe, expect, it } from 'vitest';
import { headersOf, readHeader } from '../../../src/strategies/http/response-headers.ts';

describe('response headers', () => {
  it('headersOf() finds value.headers, then value.response.headers', () => {
    const h = new Headers({ a: '1' });
    expect(headersOf({ headers: h })).toBe(h);
    expect(headersOf({ response: { headers: h } })).toBe(h);
    expect(headersOf({ data: 1 })).toBeUndefined();
    expect(headersOf('text')).toBeUndefined();
    expect(headersOf(null)).toBeUndefined();
  });

  it('readHeader() is case-insensitive for Headers and plain records, and takes the first of an array', () => {
    expect(readHeader(new Headers({ 'X-Thing': 'v' }), 'x-thing')).toBe('v');
    expect(readHeader({ 'X-Thing': 'v' }, 'x-thing')).toBe('v');
    expect(readHeader({ 'x-count': 5 }, 'X-Count')).toBe('5');
    expect(readHeader({ 'set-cookie': ['a', 'b'] }, 'set-cookie')).toBe('a');
    expect(readHeader({ other: 'v' }, 'x-thing')).toBeUndefined();
    expect(readHeader(new Headers(), 'x-thing')).toBeUndefined();
    expect(readHeader(undefined, 'x-thing')).toBeUndefined();
  });
});
