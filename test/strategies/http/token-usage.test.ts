/** Unit tests of token estimates and usage reading. */
import { describe, expect, it } from 'vitest';
import { estimateTokensRoughly, usageTokensOf } from '../../../src/strategies/http/token-usage.ts';

describe('token usage', () => {
  it('estimateTokensRoughly() counts about 4 characters per token, at least 1', () => {
    expect(estimateTokensRoughly('abcdefgh')).toBe(2);
    expect(estimateTokensRoughly('abcdefghi')).toBe(3);
    expect(estimateTokensRoughly('')).toBe(1);
    expect(estimateTokensRoughly({ q: 'abcdefgh' })).toBe(Math.ceil('{"q":"abcdefgh"}'.length / 4));
    expect(estimateTokensRoughly(undefined)).toBe(1);
  });

  it('usageTokensOf() reads usage.total_tokens, also under .data, else undefined', () => {
    expect(usageTokensOf({ usage: { total_tokens: 42 } })).toBe(42);
    expect(usageTokensOf({ data: { usage: { total_tokens: 7 } }, response: {} })).toBe(7);
    expect(usageTokensOf({ usage: { total_tokens: -1 } })).toBeUndefined();
    expect(usageTokensOf({ usage: null })).toBeUndefined();
    expect(usageTokensOf('text')).toBeUndefined();
    expect(usageTokensOf(null)).toBeUndefined();
  });
});
