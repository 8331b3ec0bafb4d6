import { describe, expect, it } from 'vitest';
import type { LatencySpec } from '../../mocks/engine/latency-model.ts';
import { formatLatencySpec, parseLatencySpec, resolveLatencySpec } from '../../mocks/spec/latency-spec.ts';
import { formatOutputLengthSpec, parseOutputLengthSpec, resolveOutputLength } from '../../mocks/spec/output-length-spec.ts';
import { SpecParseError } from '../../mocks/spec/spec-error.ts';

describe('parseLatencySpec()', () => {
  it.each<[string, LatencySpec]>([
    ['800ms', { kind: 'constant', value: 800 }],
    ['1.5s', { kind: 'constant', value: 1500 }],
    ['uniform:1s..3s', { kind: 'uniform', min: 1000, max: 3000 }],
    ['normal:mean=1s,sd=200ms', { kind: 'normal', mean: 1000, sd: 200 }],
    ['lognormal:median=800ms,p99=3s', { kind: 'lognormal', median: 800, p99: 3000 }],
    ['exponential:mean=1s', { kind: 'exponential', mean: 1000 }],
    ['ttft=300ms,tpot=20ms', { kind: 'tokens', ttft: { kind: 'constant', value: 300 }, tpot: 20 }],
    ['tpot=20ms,ttft=uniform:200ms..400ms', { kind: 'tokens', ttft: { kind: 'uniform', min: 200, max: 400 }, tpot: 20 }],
    ['ttft=lognormal:median=300ms,p99=1s,tpot=20ms', { kind: 'tokens', ttft: { kind: 'lognormal', median: 300, p99: 1000 }, tpot: 20 }],
  ])('parses %s', (spec, expected) => {
    expect(parseLatencySpec(spec)).toEqual(expected);
  });

  it.each([
    ['abc', /"abc" is not a duration/],
    ['800', /missing unit/],
    ['uniform:3s..1s', /min \(3000\) is above max \(1000\)/],
    ['lognormal:median=3s,p99=1s', /p99 \(1000\) is below median \(3000\)/],
    ['normal:mean=1s', /missing `sd=…`/],
    ['gamma:k=1', /unknown distribution "gamma"/],
    ['ttft=300ms', /needs `tpot=DURATION`/],
    ['', /the spec is empty/],
  ])('throws a one-line SpecParseError for %j', (spec, reason) => {
    let error: unknown;
    try {
      parseLatencySpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecParseError);
    expect(error).toBeInstanceOf(TypeError);
    const message = (error as Error).message;
    expect(message).toMatch(reason);
    expect(message).toMatch(/^Failed to parse `latency` spec ".*": .*\. Please use a spec such as 800ms, 1\.5s, uniform:1s\.\.3s/);
    expect(message).not.toContain('\n');
    expect((error as SpecParseError).spec).toBe(spec);
  });
});

describe('formatLatencySpec()', () => {
  it.each(['800ms', '1.5s', 'uniform:1s..3s', 'normal:mean=1s,sd=200ms', 'lognormal:median=800ms,p99=3s', 'exponential:mean=1s', 'ttft=300ms,tpot=20ms', 'ttft=uniform:200ms..400ms,tpot=20ms'])(
    'round-trips %s',
    (spec) => {
      expect(formatLatencySpec(parseLatencySpec(spec))).toBe(spec);
    },
  );
});

describe('resolveLatencySpec()', () => {
  it('accepts milliseconds and spec objects, and names the option in errors', () => {
    expect(resolveLatencySpec(250)).toEqual({ kind: 'constant', value: 250 });
    expect(resolveLatencySpec({ kind: 'uniform', min: 1, max: 2 })).toEqual({ kind: 'uniform', min: 1, max: 2 });
    expect(() => resolveLatencySpec(-1)).toThrow(TypeError);
    expect(() => resolveLatencySpec(-1)).toThrow(/Expected `latency` to be .*got `-1` \(number\)/);
    expect(() => resolveLatencySpec({ kind: 'tokens', ttft: { kind: 'constant', value: 1 }, tpot: -2 })).toThrow(/`tpot` must be/);
  });
});

describe('parseOutputLengthSpec()', () => {
  it('parses counts and distributions in tokens and round-trips them', () => {
    expect(parseOutputLengthSpec('100')).toEqual({ kind: 'constant', value: 100 });
    expect(parseOutputLengthSpec('uniform:50..250')).toEqual({ kind: 'uniform', min: 50, max: 250 });
    expect(formatOutputLengthSpec(parseOutputLengthSpec('lognormal:median=150,p99=600'))).toBe('lognormal:median=150,p99=600');
    expect(() => parseOutputLengthSpec('100ms')).toThrow(/Failed to parse `outputTokens` spec "100ms": "100ms" is not a token count/);
  });

  it('resolveOutputLength() rejects fractional and zero counts naming the option', () => {
    expect(() => resolveOutputLength(0)).toThrow(/Expected `outputTokens` to be a whole number from 1 and up/);
    expect(() => resolveOutputLength(1.5)).toThrow(TypeError);
  });
});
