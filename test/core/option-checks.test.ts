/** Unit tests of the one option checker in src/core/option-checks.ts and its message style. */
import { describe, expect, it } from 'vitest';
import {
  checkEnumOption, checkFunctionOption, checkKnownKeys, checkNumberOption, checkNumberOrNullOption, checkObjectOption, describeRange, describeValue,
} from '../../src/core/option-checks.ts';

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

  it('describeRange() words every combination of bounds', () => {
    expect(describeRange({})).toBe('a number');
    expect(describeRange({ min: 1, integer: true, allowInfinity: true })).toBe('an integer from 1 and up (or Infinity)');
    expect(describeRange({ min: 0, max: 1, exclusiveMin: true })).toBe('a number above 0 and at most 1');
    expect(describeRange({ min: 0, max: 1, exclusiveMax: true })).toBe('a number from 0 and below 1');
    expect(describeRange({ max: 5 })).toBe('a number at most 5');
    expect(describeRange({ max: 5, exclusiveMax: true })).toBe('a number below 5');
  });

  it('describeValue() quotes objects as JSON, names null, and cuts long values', () => {
    expect(describeValue(1.5)).toBe('`1.5` (number)');
    expect(describeValue(null)).toBe('`null` (null)');
    expect(describeValue({ a: 1 })).toBe('`{"a":1}` (object)');
    expect(describeValue('x'.repeat(100))).toBe(`\`${'x'.repeat(57)}...\` (string)`);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('`[object Object]` (object)');
  });

  it('checkNumberOrNullOption() accepts null and adds "or null" to the range', () => {
    expect(checkNumberOrNullOption('rpm', null, { min: 0, exclusiveMin: true })).toBeNull();
    expect(checkNumberOrNullOption('rpm', 5, { min: 0, exclusiveMin: true })).toBe(5);
    expect(() => checkNumberOrNullOption('rpm', 0, { min: 0, exclusiveMin: true })).toThrow(new TypeError('Expected `rpm` to be a number above 0 or null, got `0` (number)'));
  });

  it('checkEnumOption() and checkFunctionOption() name the option and the value received', () => {
    expect(checkEnumOption('mode', 'a', ['a', 'b'])).toBe('a');
    expect(() => checkEnumOption('mode', 'c', ['a', 'b'])).toThrow("Expected `mode` to be one of 'a', 'b', got `c` (string)");
    expect(() => checkFunctionOption('fn', undefined)).not.toThrow();
    expect(() => checkFunctionOption('fn', 1)).toThrow('Expected `fn` to be a function, got `1` (number)');
  });

  it('checkObjectOption() and checkKnownKeys() reject non-objects and unknown keys', () => {
    expect(checkObjectOption('load', { capacity: 4 })).toEqual({ capacity: 4 });
    expect(() => checkObjectOption('load', [1])).toThrow('Expected `load` to be an object, got `[1]` (object)');
    expect(() => checkObjectOption('load', null)).toThrow('Expected `load` to be an object, got `null` (null)');
    expect(() => checkKnownKeys('options', { rmp: 1 }, ['rpm', 'tpm'])).toThrow('Expected `options` to have only the keys `rpm`, `tpm`, got unknown key `rmp`');
  });
});
