/** Unit tests of the limit bounds options. */
import { describe, expect, it } from 'vitest';
import { resolveLimitBounds } from '../../../src/strategies/limiters/limit-bounds.ts';

describe('resolveLimitBounds', () => {
  it('resolveLimitBounds() defaults to 4 / 1 / 200 and follows a larger minLimit or initialLimit', () => {
    expect(resolveLimitBounds({})).toEqual({ initialLimit: 4, minLimit: 1, maxLimit: 200 });
    expect(resolveLimitBounds({ minLimit: 8 })).toEqual({ initialLimit: 8, minLimit: 8, maxLimit: 200 });
    expect(resolveLimitBounds({ initialLimit: 300 })).toEqual({ initialLimit: 300, minLimit: 1, maxLimit: 300 });
  });

  it('resolveLimitBounds() rejects bounds out of order with TypeErrors naming the option', () => {
    expect(() => resolveLimitBounds({ minLimit: 0 })).toThrow(new TypeError('Expected `minLimit` to be an integer from 1 and up, got `0` (number)'));
    expect(() => resolveLimitBounds({ minLimit: 5, initialLimit: 4 })).toThrow('Expected `initialLimit` to be an integer from 5 and up, got `4` (number)');
    expect(() => resolveLimitBounds({ initialLimit: 8, maxLimit: 4 })).toThrow('Expected `maxLimit` to be an integer from 8 and up (or Infinity), got `4` (number)');
  });
});
