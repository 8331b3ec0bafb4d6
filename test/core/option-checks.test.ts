import { describe, expect, it } from 'vitest';
import { checkEnumOption, checkFunctionOption, checkNumberOption } from '../../src/core/option-checks.ts';

describe('option checks', () => {
  it('checkNumberOption() describes the allowed range in its TypeError', () => {
    expect(checkNumberOption('x', 3, { min: 1, integer: true })).toBe(3);
    expect(() => checkNumberOption('x', 0, { min: 1, integer: true })).toThrow(new TypeError('Expected `x` to be an integer from 1 and up, got `0` (number)'));
    expect(() => checkNumberOption('x', 0, { min: 0, exclusiveMin: true })).toThrow('Expected `x` to be a number above 0, got `0` (number)');
    expect(() => checkNumberOption('x', 2, { min: 0, max: 1 })).toThrow('Expected `x` to be a number from 0 to 1, got `2` (number)');
    expect(() => checkNumberOption('x', 1, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true })).toThrow('Expected `x` to be a number above 0 and below 1, got `1` (number)');
    expect(() => checkNumberOption('x', '5', {})).toThrow('Expected `x` to be a number, got `5` (string)');
    expect(() => checkNumberOption('x', Number.POSITIVE_INFINITY, { min: 0 })).toThrow(/`x`/);
    expect(checkNumberOption('x', Number.POSITIVE_INFINITY, { min: 0, integer: true, allowInfinity: true })).toBe(Number.POSITIVE_INFINITY);
    expect(() => checkNumberOption('x', Number.NaN, { allowInfinity: true })).toThrow(/`x`/);
  });

  it('checkEnumOption() and checkFunctionOption() name the option and the value received', () => {
    expect(checkEnumOption('mode', 'a', ['a', 'b'])).toBe('a');
    expect(() => checkEnumOption('mode', 'c', ['a', 'b'])).toThrow("Expected `mode` to be one of 'a', 'b', got `c` (string)");
    expect(() => checkFunctionOption('fn', undefined)).not.toThrow();
    expect(() => checkFunctionOption('fn', 1)).toThrow('Expected `fn` to be a function, got `1` (number)');
  });
});
