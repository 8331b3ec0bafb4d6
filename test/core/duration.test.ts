/** Unit tests of the one duration grammar in src/core/duration.ts: parsing both header and spec forms, and both formats. */
import { describe, expect, it } from 'vitest';
import { DurationSyntaxError, formatDuration, formatGoDuration, parseDuration, parseDurationMs } from '../../src/core/duration.ts';

describe('parseDuration()', () => {
  it('reads ms, s, m and us, and 0 without a unit', () => {
    expect(parseDuration('800ms')).toBe(800);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('250us')).toBe(0.25);
    expect(parseDuration('.5s')).toBe(500);
    expect(parseDuration(' 1.s ')).toBe(1000);
    expect(parseDuration('0')).toBe(0);
  });

  it('reads Go-style compound durations with h, m, s, ms, us/µs and ns', () => {
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('500µs')).toBe(0.5);
    expect(parseDuration('1500ns')).toBeCloseTo(0.0015, 12);
  });

  it('rejects a number without a unit, unless bare numbers are seconds', () => {
    expect(() => parseDuration('800')).toThrow(/missing unit in "800"/);
    expect(() => parseDuration('800')).toThrow(DurationSyntaxError);
    expect(parseDuration('800', { bareNumber: 'seconds' })).toBe(800_000);
  });

  it('rejects what is not a duration with a reason', () => {
    for (const text of ['', 'soon', '5s later', '5 s', '-1s', '1d']) {
      expect(() => parseDuration(text), text).toThrow(DurationSyntaxError);
    }
    expect(() => parseDuration('soon')).toThrow(expect.objectContaining({ reason: '"soon" is not a duration' }));
  });
});

describe('parseDurationMs()', () => {
  it('parses OpenAI’s Go-style durations, a bare number as seconds', () => {
    expect(parseDurationMs('12ms')).toBe(12);
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseDurationMs('0.5s')).toBe(500);
    expect(parseDurationMs('2')).toBe(2000);
    expect(parseDurationMs('1500us')).toBeCloseTo(1.5, 12);
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseDurationMs('5s later')).toBeUndefined();
    expect(parseDurationMs('')).toBeUndefined();
  });
});

describe('formatDuration()', () => {
  it('writes tenths of a second as seconds and the rest as ms', () => {
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(60_000)).toBe('60s');
    expect(formatDuration(800)).toBe('800ms');
    expect(formatDuration(1234)).toBe('1234ms');
    expect(formatDuration(0)).toBe('0ms');
  });
});

describe('formatGoDuration()', () => {
  it.each([
    [120, '120ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [360_000, '6m0s'],
    [90_500, '1m30.5s'],
    [3_600_000, '1h0m0s'],
    [0.5, '500µs'],
    [0, '0s'],
    [-5, '0s'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});

describe('round trips', () => {
  it('both formats parse back to the same milliseconds', () => {
    for (const ms of [0.25, 1, 120, 800, 1234, 1500, 60_000, 90_500, 360_000, 3_723_500]) {
      expect(parseDuration(formatDuration(ms)), formatDuration(ms)).toBeCloseTo(ms, 9);
      if (ms > 0) expect(parseDuration(formatGoDuration(ms)), formatGoDuration(ms)).toBeCloseTo(ms, 9);
    }
  });
});
