/** The one duration grammar of the toolkit: parses `800ms`, `1.5s`, `6m0s`, `1h2m3.5s` into milliseconds and formats them back. */

/** A decimal number as durations write it: `12`, `1.5`, `1.`, `.5`. */
const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
/** One `<number><unit>` part; `ms` before `m` so `5ms` is not 5 minutes and an `s`. */
const PART = new RegExp(`(${NUMBER})(ms|us|µs|ns|h|m|s)`, 'y');
const BARE = new RegExp(`^${NUMBER}$`);
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 1e-6 };

/** Thrown by {@link parseDuration} for text that is not a duration; `reason` says why in a few words. */
export class DurationSyntaxError extends SyntaxError {
  override readonly name = 'DurationSyntaxError';
  constructor(
    /** The text as received. */
    readonly text: string,
    /** Why it is not a duration, e.g. `missing unit in "800" (write 800ms or 800s)`. */
    readonly reason: string,
  ) {
    super(`Failed to parse a duration: ${reason}.`);
  }
}

/** Options for {@link parseDuration}. */
export interface ParseDurationOptions {
  /**
   * What a number without a unit means: `'zero-only'` accepts only `0` (so `800` cannot
   * silently mean 800 s or 800 ms), `'seconds'` reads it as seconds (as `retry-after` and
   * some `x-ratelimit-reset-*` headers do). @default 'zero-only'
   */
  bareNumber?: 'zero-only' | 'seconds';
}

/**
 * Parses a duration into milliseconds: one or more `<number><unit>` parts with units `h`,
 * `m`, `s`, `ms`, `us`/`µs`, `ns` — Go's `time.Duration` format as OpenAI sends it
 * (`12ms`, `6m0s`, `1h2m3.5s`) and the spec style (`800ms`, `1.5s`, `.5s`, `250us`).
 * Surrounding whitespace is ignored. A bare number follows `bareNumber`.
 * @throws {DurationSyntaxError} when `text` is not a duration.
 */
export function parseDuration(text: string, options: ParseDurationOptions = {}): number {
  const trimmed = text.trim();
  if (BARE.test(trimmed)) {
    const value = Number(trimmed);
    if (options.bareNumber === 'seconds') return value * 1000;
    if (value === 0) return 0;
    throw new DurationSyntaxError(text, `missing unit in "${text}" (write ${text}ms or ${text}s)`);
  }
  let total = 0;
  let matched = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(trimmed); m !== null; m = PART.exec(trimmed)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    matched = PART.lastIndex;
  }
  if (matched === 0 || matched !== trimmed.length) throw new DurationSyntaxError(text, `"${text}" is not a duration`);
  return total;
}

/**
 * Parses a duration as rate-limit headers carry it (a bare number is seconds) into
 * milliseconds; `undefined` when it is not one. See {@link parseDuration} for the grammar.
 */
export function parseDurationMs(text: string): number | undefined {
  try {
    return parseDuration(text, { bareNumber: 'seconds' });
  } catch (error) {
    if (error instanceof DurationSyntaxError) return undefined;
    throw error;
  }
}

/**
 * Formats milliseconds the way specs are written: whole tenths of a second as seconds
 * (`1.5s`, `60s`), everything else as milliseconds (`800ms`, `1234ms`). Round-trips
 * through {@link parseDuration}.
 */
export function formatDuration(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

/** Integer `value / 10^digits` as a decimal string without trailing zeros (exact, no float noise). */
function fixed(value: number, digits: number): string {
  const scale = 10 ** digits;
  const whole = Math.floor(value / scale);
  const fraction = value % scale;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
}

/**
 * Formats `ms` (rounded to whole microseconds) as Go's `time.Duration.String()` does, the
 * format OpenAI uses in `x-ratelimit-reset-*` headers and 429 messages: `120ms`, `1s`,
 * `1.5s`, `6m0s`, `1h0m0s`, `500µs`, `0s`. Round-trips through {@link parseDuration}.
 */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const us = Math.round(ms * 1000);
  if (us === 0) return '0s';
  if (us < 1000) return `${us}µs`;
  if (us < 1_000_000) return `${fixed(us, 3)}ms`;
  const hours = Math.floor(us / 3_600_000_000);
  const minutes = Math.floor((us % 3_600_000_000) / 60_000_000);
  const seconds = `${fixed(us % 60_000_000, 6)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
